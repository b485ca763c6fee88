def f():
    print(x)
    x = 1
try:
    f()
except UnboundLocalError as e:
    print(e)
def g():
    def h():
        return y
    h()
    y = 2
try:
    g()
except NameError as e:
    print(type(e).__name__ if False else "NameError:", e)
f()
