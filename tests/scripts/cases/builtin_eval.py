# eval() of expressions: namespaces, leading blanks, bytes, code objects, mappings as locals.
x = 7
print(eval("x * 6"))
print(eval("   x + 1"), eval("\tx - 1\n\n"))
print(eval("[i * i for i in range(x)]"))
print(eval("y + 1", {"y": 1}))
print(eval("y + z", {"y": 1}, {"z": 2}))
print(eval(b"2 ** 10"))
print(eval("__name__"), eval("__name__", {}))

g = {}
eval("1", g)
print(sorted(g), g["__builtins__"] is __builtins__.__dict__)


def scope(a):
    b = a + 1
    try:
        # A comprehension is a function of its own: it sees globals, not eval's locals.
        eval("[a + n for n in range(b)]")
    except NameError as e:
        print("comprehension:", e)
    return eval("a * b"), eval("[n * 2 for n in range(b)]")


print(scope(3))


class Squares:
    def __getitem__(self, key):
        if key.startswith("sq"):
            return int(key[2:]) ** 2
        raise KeyError(key)


print(eval("sq3 + sq4", {}, Squares()))
print(eval("len('abc') + sq2", {}, Squares()))
try:
    eval("missing", {}, Squares())
except NameError as e:
    print("NameError:", e)

code = compile("x // 2", "<expr>", "eval")
print(eval(code), eval(code, {"x": 100}))
stmt = compile("w = 5", "<stmt>", "exec")
space = {}
print(eval(stmt, space), space["w"])
print(eval("lambda v: v + x")(1))
print(eval("(lambda: (yield 1))")().__next__())
