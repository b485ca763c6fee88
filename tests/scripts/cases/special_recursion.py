# Runaway recursion through special methods and calls of classes: RecursionError comes at
# the depth CPython reaches, with its message (the recursion limit counts Python frames and
# C calls as CPython 3.11 counts them).
depth = [0]


class Repr:
    def __repr__(self):
        depth[0] += 1
        return repr(self)


class Init:
    def __init__(self, n):
        depth[0] = n
        self.child = Init(n + 1)


class Add:
    def __add__(self, other):
        depth[0] += 1
        return self + other


class Attr:
    def __getattr__(self, name):
        depth[0] += 1
        return self.missing


class Prop:
    @property
    def value(self):
        depth[0] += 1
        return self.value


class Method:
    def call(self, n):
        depth[0] = n
        return self.call(n + 1)


for label, action in (("repr", lambda: repr(Repr())), ("__init__", lambda: Init(0)),
                      ("__add__", lambda: Add() + 1), ("__getattr__", lambda: Attr().x),
                      ("property", lambda: Prop().value), ("method", lambda: Method().call(0))):
    depth[0] = 0
    try:
        action()
    except RecursionError as exc:
        print(label, "-", exc, "- depth", depth[0])
