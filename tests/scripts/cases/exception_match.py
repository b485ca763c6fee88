def kind(exc):
    try:
        raise exc
    except ZeroDivisionError:
        return "zero"
    except (KeyError, IndexError):
        return "lookup"
    except ArithmeticError:
        return "arith"
    except Exception as e:
        return "other " + type(e).__name__
for exc in (ZeroDivisionError, KeyError("a"), IndexError, OverflowError, ValueError("v")):
    print(kind(exc))
try:
    try:
        raise ValueError
    except "not a class":
        pass
except TypeError as e:
    print(e)
