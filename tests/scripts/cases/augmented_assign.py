x = 7
x += 3; print(x)
x -= 1; print(x)
x *= 4; print(x)
x /= 3; print(x)
x //= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xF; print(x)
x |= 0x30; print(x)
x ^= 0xFF; print(x)
xs = [1, 2]
ys = xs
xs += [3]
print(xs, ys, xs is ys)
t = (1,)
u = t
t += (2,)
print(t, u)
d = {"k": 1}
d["k"] += 10
xs[0] *= 5
print(d, xs)
s = "a"
s += "b" * 2
print(s)
