# Calls of a small Python function (CALL of a function with exact arguments, RETURN).
def add(a, b):
    return a + b
def run():
    t = 0
    for i in range(1000000):
        t = add(t, i)
    return t
print(run())
