def ok():
    return 1

values = [1, 2
print(values)
