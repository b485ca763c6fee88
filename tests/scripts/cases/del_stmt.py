a = 1
b = [1, 2, 3]
c = {"k": 1, "j": 2}
del a, b[0], c["k"]
print(b, c)
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return str(e)
print(f())
