def f():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                return "returned"
        finally:
            print("finally", i)
print(f())
def g():
    try:
        return 1
    finally:
        print("cleanup")
print(g())
def h():
    while True:
        try:
            break
        finally:
            print("break finally")
    return "after"
print(h())
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("caught", e)
nested()
