# Attribute hooks: __getattr__ (only for missing names), __getattribute__ (every read),
# __setattr__ and __delattr__, with object's versions called for the real work.


class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])

    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self._target, name, value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        delattr(self._target, name)


class Target:
    def __init__(self):
        self.value = 1

    def method(self):
        return "method of target"


tgt = Target()
px = Proxy(tgt)
print(px.value, px.method())
px.value = 5
print(tgt.value, px.value)
del px.value
print(hasattr(tgt, "value"), px.log)
try:
    px.missing
except AttributeError as exc:
    print(exc)


class Defaults:
    known = "class attribute"

    def __getattr__(self, name):
        if name.startswith("opt_"):
            return name[4:].upper()
        raise AttributeError(f"{type(self).__name__!r} has no option {name!r}")


d = Defaults()
d.here = "instance"
print(d.known, d.here, d.opt_color, getattr(d, "nothing", "fallback"), hasattr(d, "opt_x"))
try:
    d.nothing
except AttributeError as exc:
    print(exc)


class Audited:
    def __init__(self):
        self.reads = 0
        self.data = 1

    def __getattribute__(self, name):
        if name != "reads":
            object.__setattr__(self, "reads", object.__getattribute__(self, "reads") + 1)
        return object.__getattribute__(self, name)


a = Audited()
a.data
a.data
print(a.reads, a.data, a.reads)


class ReadOnly:
    def __init__(self, v):
        object.__setattr__(self, "v", v)

    def __setattr__(self, name, value):
        raise AttributeError(f"{name} is read-only")


r = ReadOnly(3)
try:
    r.v = 4
except AttributeError as exc:
    print(exc, r.v)


class Both:
    def __getattribute__(self, name):
        if name == "hidden":
            raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "fallback for " + name


print(Both().hidden, Both().other)
