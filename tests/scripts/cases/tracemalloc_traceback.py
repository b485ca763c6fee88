# Tracebacks of traced blocks: get_object_traceback for objects of several layouts (a class
# instance with __slots__ and one with a __dict__, a tuple, bytes), the frames
# oldest first, total_nframe, Frame and Traceback as sequences, and Traceback.format's
# 'File "x.py", line N' lines with limit and most_recent_first.
import tracemalloc

DIR = __file__.rpartition("/")[0] + "/"  # printed paths leave the checkout's directory out


def rel(value):
    return str(value).replace(DIR, "")


class Point:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


class Plain:
    pass


def inner(kind):
    if kind == "point":
        return Point(1)  # line 27
    if kind == "tuple":
        return tuple(range(50))  # line 29
    if kind == "plain":
        return Plain()  # line 31
    return bytes(5000)  # line 32


def middle(kind):
    return inner(kind)  # line 36


def outer(kind):
    return middle(kind)  # line 40


before = Point(0)  # not traced: made before start
tracemalloc.start(3)
objects = {kind: outer(kind) for kind in ("point", "tuple", "bytes", "plain")}  # line 45
print("untraced object:", tracemalloc.get_object_traceback(before))
plain = objects.pop("plain")
# CPython 3.11 looks for an instance with a managed __dict__ at the wrong address (it leaves
# out the two words in front of the GC header) and finds nothing; minipy, as 3.12, finds it.
plain_tb = tracemalloc.get_object_traceback(plain)
print("plain instance:", plain_tb is None or [f.lineno for f in plain_tb] == [40, 36, 31])
for kind, obj in objects.items():
    tb = tracemalloc.get_object_traceback(obj)
    print(kind, "->", rel(tb), [f.lineno for f in tb], "total_nframe:", tb.total_nframe)

tb = tracemalloc.get_object_traceback(objects["point"])
print("len:", len(tb), "first (oldest):", rel(tb[0]), "last:", rel(tb[-1]))
print("slice:", rel(tb[1:]))
print("reversed:", [f.lineno for f in reversed(tb)])
print("frame attributes:", rel(tb[-1].filename), tb[-1].lineno)
print("frame repr:", rel(repr(tb[-1])))
print("traceback repr:", rel(repr(tb)))
print("contains:", tb[0] in tb)
print("frames order:", tb[0] < tb[1], tb[1] == tb[1], tb[0] != tb[1], sorted(tb)[0].lineno)
print("equal tracebacks:", tb == tracemalloc.get_object_traceback(objects["point"]))
print("hashable:", len({tb, tracemalloc.get_object_traceback(objects["point"])}))

snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
trace = None
for t in snapshot.traces:
    if t.traceback == tb:
        trace = t
print("trace in snapshot:", trace is not None, "domain:", trace.domain,
      "total_nframe:", trace.traceback.total_nframe)
print("trace text:", rel(trace).startswith("tracemalloc_traceback.py:40: "))
print("trace repr:", rel(repr(trace)).startswith("<Trace domain=0 size="))
print("traces:", repr(snapshot.traces)[:12], len(snapshot.traces) > 0, trace in snapshot.traces)


def file_lines(lines):
    # The source lines under each entry need open(), which minipy lacks: compare the
    # 'File' lines only.
    return [rel(line) for line in lines if line.startswith("  File")]


for args in ((), (1,), (2,), (-1,), (10,), (None, True), (1, True), (-2, True), (0,)):
    print("format%r:" % (args,), file_lines(tb.format(*args)))
print("keyword form:", file_lines(tb.format(limit=2, most_recent_first=True)))
