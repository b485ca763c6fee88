xs = list(range(10))
print(xs[2:5], xs[:3], xs[7:], xs[::3], xs[::-2], xs[-3:-1], xs[5:2])
xs[2:4] = ["a", "b", "c"]
print(xs)
del xs[::2]
print(xs)
s = "abcdef"
print(s[1:-1], s[10:], s[-100:2])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1])
