print([x * 2 for x in range(5) if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({x: x * x for x in range(4)})
print({c for c in "hello"} == set("helo"))
print([[j for j in range(i)] for i in range(4)])
x = 10
print([x for x in range(3)], x)
