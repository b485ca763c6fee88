try:
    raise KeyError
except:
    print("bare except caught")
try:
    try:
        1 / 0
    except:
        print("handling")
        raise
except ZeroDivisionError as e:
    print("re-raised:", e)
def f():
    try:
        return [][0]
    except IndexError:
        return "index"
    except:
        return "other"
print(f())
