try:
    try:
        raise KeyError("a")
    except KeyError as e:
        raise ValueError("b") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during")
except TypeError as e:
    print(repr(e), repr(e.__context__))
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e))
def reraise():
    try:
        raise IndexError(5)
    except IndexError:
        raise
try:
    reraise()
except IndexError as e:
    print("reraised", e.args)
