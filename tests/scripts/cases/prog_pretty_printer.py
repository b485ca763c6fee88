# A pretty printer for nested data: dicts, lists, tuples, sets and scalars laid out on one
# line when they fit the width and broken across indented lines when they do not, sorted
# dict keys and sets, recursion detected and shown as <...>, and a structural diff of two
# configurations.


def pformat(obj, width=60, indent=0, seen=None):
    seen = set() if seen is None else seen
    if isinstance(obj, (dict, list, tuple, set)):
        if id(obj) in seen:
            return "<...>"
        seen = seen | {id(obj)}
    flat = one_line(obj, seen)
    if len(flat) + indent <= width or not isinstance(obj, (dict, list, tuple, set)) or not obj:
        return flat
    pad = " " * (indent + 2)
    if isinstance(obj, dict):
        items = [f"{k!r}: {pformat(obj[k], width, indent + 2 + len(repr(k)) + 2, seen)}" for k in sorted(obj, key=repr)]
        open_, close = "{", "}"
    else:
        values = sorted(obj, key=repr) if isinstance(obj, set) else obj
        items = [pformat(v, width, indent + 2, seen) for v in values]
        open_, close = {list: "[]", tuple: "()", set: "{}"}[type(obj)]
    trailer = "," if isinstance(obj, tuple) and len(obj) == 1 else ""
    return open_ + "\n" + ",\n".join(pad + item for item in items) + trailer + "\n" + " " * indent + close


def one_line(obj, seen):
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{k!r}: {pformat(obj[k], 10 ** 6, 0, seen)}" for k in sorted(obj, key=repr)) + "}"
    if isinstance(obj, list):
        return "[" + ", ".join(pformat(v, 10 ** 6, 0, seen) for v in obj) + "]"
    if isinstance(obj, tuple):
        inner = ", ".join(pformat(v, 10 ** 6, 0, seen) for v in obj)
        return "(" + inner + ("," if len(obj) == 1 else "") + ")"
    if isinstance(obj, set):
        return "{" + ", ".join(pformat(v, 10 ** 6, 0, seen) for v in sorted(obj, key=repr)) + "}" if obj else "set()"
    return repr(obj)


def diff(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=repr):
            p = f"{path}.{k}"
            if k not in a:
                yield f"+ {p} = {b[k]!r}"
            elif k not in b:
                yield f"- {p} (was {a[k]!r})"
            else:
                yield from diff(a[k], b[k], p)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"~ {path}: {a!r} -> {b!r}"


config = {"name": "minipy", "version": (3, 11, 7), "flags": {"debug", "asan", "ccache"},
          "targets": ["minipy", "minipy_runtime_tests", "minipy_interp_tests"],
          "env": {"PYTHONMALLOC": "pymalloc", "PYTHONHASHSEED": 0, "paths": ["/usr/lib", "/opt/lib"]},
          "single": ("only",), "empty": {}, "none": None, "ratio": 0.5}
print(pformat(config))
print(pformat(config, width=120))
print(pformat([list(range(12)), "x" * 30, {"k": [1, 2, {"deep": ("a", "b") * 6}]}], width=40))
loop = {"a": [1, 2]}
loop["a"].append(loop)
print(pformat(loop), pformat(loop, width=5))
new = dict(config, version=(3, 12, 0), targets=config["targets"][:2] + ["bench"],
           env=dict(config["env"], PYTHONMALLOC="malloc"), extra=True)
del new["ratio"]
print("\n".join(diff(config, new)))
