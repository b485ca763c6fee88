def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("error:", e)
        return None
    finally:
        print("finally", a, b)
print(safe_div(1, 2))
print(safe_div(1, 0))
try:
    [][1]
except (KeyError, IndexError) as e:
    print(type(e), e)
try:
    {}["k"]
except LookupError as e:
    print("lookup", repr(e))
try:
    int("x")
except ValueError:
    print("value error")
else:
    print("no")
try:
    pass
except Exception:
    print("no")
else:
    print("else runs")
