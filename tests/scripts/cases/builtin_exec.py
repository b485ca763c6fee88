# exec() of source text: the caller's namespaces, explicit globals and locals, any mapping as
# locals, __builtins__ added to globals, code objects, bytes with a coding cookie.
counter = 1
exec("counter += 1")
print("module level:", counter)

namespace = {"base": 10}
exec("result = base * 2\nimport sys\nname = sys.__name__", namespace)
print(namespace["result"], namespace["name"])
print("__builtins__" in namespace, type(namespace["__builtins__"]).__name__)

own = {"__builtins__": {"len": lambda s: -1}}
exec("n = len('abc')", own)
print("own builtins:", own["n"])

g = {"k": 3}
l = {}
exec("m = k + 1\ndef twice(v):\n    return v * 2\nt = twice(m)", g, l)
print(sorted(l), l["m"], l["t"], sorted(k for k in g if k != "__builtins__"))


class Recorder:
    """A mapping as locals: reads of unknown names fall through to globals."""

    def __init__(self):
        self.data = {}

    def __getitem__(self, key):
        return self.data[key]

    def __setitem__(self, key, value):
        print("  set", key, "=", value)
        self.data[key] = value

    def __delitem__(self, key):
        print("  del", key)
        del self.data[key]


rec = Recorder()
exec("a = 1\nb = a + counter\ndel a", {"counter": 5}, rec)
print("recorded:", rec.data)


def inside(p):
    q = p * 2
    exec("print('sees', p, q)\nr = p + q")
    snapshot = locals()
    print("r in locals:", "r" in snapshot, snapshot.get("r"))
    return q


print(inside(4))

exec("class K:\n    x = 1\n    def get(self):\n        return self.x * 10\nprint(K().get())")

code = compile("total = sum(range(5))", "<built>", "exec")
space = {}
print(exec(code, space), space["total"])

exec(b"# -*- coding: latin-1 -*-\ntext = '\xe9t\xe9'\nprint(text, len(text))")
exec(b"\xef\xbb\xbfprint('after a BOM')")
exec("print('tabs\\tand\\nlines')")
exec("if True:\n    print('block')\n")
exec("")
print("done")
