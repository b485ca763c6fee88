def items():
    yield 1
    yield 1 / 0
for item in items():
    print(item)
