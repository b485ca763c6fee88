e = ValueError("bad", 2)
print(e.args, str(e), repr(e))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()))
print(isinstance(e, Exception), issubclass(KeyError, LookupError), issubclass(ValueError, KeyError))
try:
    raise TypeError
except TypeError as err:
    print(repr(err), err.args)
def handler():
    try:
        raise OSError("disk")
    except OSError as err:
        return err
print(handler())
