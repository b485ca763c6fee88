def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper
def twice(fn):
    return lambda *a: fn(fn(*a))
@trace
def add(a, b):
    return a + b
@twice
def inc(x):
    return x + 1
print(add(1, 2), inc(5))
