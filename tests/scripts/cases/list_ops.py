xs = [3, 1, 2]
xs.append(5)
xs.extend([9, 0])
xs.insert(0, 7)
print(xs, len(xs), xs[2], xs[-1], xs[1:3])
xs.sort()
print(xs, sorted(xs, reverse=True), xs.pop(), xs.pop(0), xs)
xs[1] = 100
del xs[0]
print(xs, xs.index(100), 5 in xs, [1, 2] + [3], [0] * 3)
print(min(xs), max(xs), sum(xs), list(range(3)))
ys = xs[:]
ys.reverse()
print(ys, xs == ys, [[1, 2], [3]])
