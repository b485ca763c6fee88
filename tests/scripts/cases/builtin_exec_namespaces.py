# exec, eval and compile at the edges of their namespaces and sources.
import math
import random
import sys

# A __builtins__ that is not a dict: a module stands for its dict, any other object is
# looked up by subscription, and None leaves no builtins at all.
try:
    eval("len('abc')", {"__builtins__": None})
except TypeError as e:
    print("TypeError:", e)
print("module builtins", eval("pi", {"__builtins__": math}))
try:
    eval("len", {"__builtins__": math})
except NameError as e:
    print("NameError:", e)


class OnlyDouble:
    def __getitem__(self, key):
        if key == "double":
            return lambda x: 2 * x
        raise KeyError(key)


print("mapping builtins", eval("double(21)", {"__builtins__": OnlyDouble()}))
try:
    exec("class C: pass", {"__builtins__": OnlyDouble()})
except NameError as e:
    print("NameError:", e)


class Fallback(dict):
    def __missing__(self, key):
        return "missing " + key


print("dict subclass builtins", eval("len('ab'), other", {"__builtins__": Fallback(len=len)}))
try:
    exec("undefined_name", {"__builtins__": OnlyDouble()})
except NameError as e:
    print("NameError:", e)

# A bytearray is source as bytes are.
exec(bytearray(b"x = 1\nprint('bytearray source', x)"))
print("bytearray eval", eval(bytearray(b"6 * 7")))
print("bytearray compile", eval(compile(bytearray(b"'ok'"), "<bytearray>", "eval")))

# "coding:" counts only in a comment alone on line 1 or 2, line 2 only after a blank or
# comment line 1: elsewhere the bytes stay UTF-8.
for source in [
    b"x = 'coding: latin-1'\ny = '\xe9'",
    b"x = 1\n# coding: latin-1\ny = '\xe9'",
    b"# coding: latin-1\ny = '\xe9'\nprint('cookie on line 1', ascii(y))",
    b"\n# -*- coding: latin-1 -*-\ny = '\xe9'\nprint('cookie on line 2', ascii(y))",
]:
    try:
        exec(source, {})
    except SyntaxError as e:
        print("SyntaxError:", e.msg)

# A function's code object run by eval is called without arguments.
def takes_x(x):
    return x


def takes_rest(*args, **kwargs):
    return args, kwargs


print("code with *args", eval(takes_rest.__code__))
try:
    eval(takes_x.__code__)
except TypeError as e:
    print("TypeError:", e)

# del of a name a locals mapping cannot delete: NameError, whatever the mapping raised.
class NoDelete:
    def __getitem__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        pass


try:
    exec("del zz", {}, NoDelete())
except NameError as e:
    print("NameError:", e)

# SystemRandom's byte count is an int by __index__.
try:
    random.SystemRandom().randbytes(2.0)
except TypeError as e:
    print("TypeError:", e)


# input() goes on when sys.stdout cannot flush (CPython 3.11 ignores that error).
class NoFlush:
    def write(self, text):
        return len(text)


saved = sys.stdout
sys.stdout = NoFlush()
try:
    input("prompt> ")
    result = "a line"
except EOFError:
    result = "EOFError"
except AttributeError as e:
    result = "AttributeError: %s" % e
sys.stdout = saved
print("input without flush:", result)

# exit(code) raises SystemExit(code): a tuple stays one argument, an exception is the code.
for code in [SystemExit(5), (1, 2), None, "bye"]:
    try:
        exit(code)
    except SystemExit as e:
        print(type(e.code).__name__, repr(e.args))
