#!/usr/bin/env python3
"""Writes the expected values of the dict and set suites (dict_test.cpp, set_test.cpp).

Run with CPython 3.11 and PYTHONHASHSEED=0 from this directory:
    PYTHONHASHSEED=0 python3 dict_set_gen.py
It writes dict_cases.txt, set_cases.txt and frozenset_hashes.txt. Fields are separated by tabs.

dict_cases.txt:  OPS <tab> repr(d) <tab> len(d) <tab> d.__sizeof__() or - (str keys: CPython
                 stores those in a layout minipy does not have, so their size differs)
    OPS are space-separated steps on a dict that starts empty:
        s KEY VALUE   d[KEY] = VALUE
        d KEY         del d[KEY]            (KEY is present)
        p             d.popitem()
        c             d.clear()
        y             d = d.copy()
    KEY is a literal without spaces: an int, a float, True / False, a tuple, or 'text'.
set_cases.txt:   OP <tab> A <tab> B <tab> repr(result) <tab> result.__sizeof__() or -
    A and B are list literals; the operands are set(A) (frozenset(A) when OP starts with f_)
    and set(B), or the list B itself for the method forms (OP ends in _list). In-place
    operators and *_update methods report the left operand afterwards.
frozenset_hashes.txt: KIND <tab> LITERAL <tab> hash
    flat:   hash(frozenset(LITERAL))
    nested: hash(frozenset(frozenset(x) for x in LITERAL))
"""
import random
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"


def lit(value):
    """A literal the test can parse back: no spaces."""
    if isinstance(value, str):
        return "'" + value + "'"
    return repr(value).replace(" ", "")


def dict_cases(rng):
    pool = [0, 1, -1, 2, 7, 8, 16, 255, 256, -2, 2**61 - 1, 2**61, 2**64 + 3, -(2**70), 10**20,
            1.0, 0.0, 0.5, -2.25, 1e16, 3.0, 1e-5, True, False,
            (1, 2), (), (1,), ((1, 2), 3), (1.0, 2), (-1,),
            'a', 'b', 'key', 'x1', 'zz', 'hello']
    numeric = [k for k in pool if not isinstance(k, str) and not (isinstance(k, tuple))]
    lines = []
    for case in range(60):
        keys = numeric if case % 3 == 0 else pool
        d = {}
        ops = []
        n = rng.choice([1, 3, 6, 11, 25, 60, 150, 400])
        for step in range(n):
            r = rng.random()
            if r < 0.6 or not d:
                if case % 5 == 4:
                    k = rng.randrange(-50, 2000)
                else:
                    k = rng.choice(keys)
                v = rng.randrange(100)
                d[k] = v
                ops.append(f"s {lit(k)} {v}")
            elif r < 0.85:
                k = rng.choice(list(d))
                del d[k]
                ops.append(f"d {lit(k)}")
            elif r < 0.93:
                d.popitem()
                ops.append("p")
            elif r < 0.96:
                d = d.copy()
                ops.append("y")
            else:
                d.clear()
                ops.append("c")
        has_str = any(isinstance(k, str) or isinstance(k, tuple) and any(isinstance(x, str) for x in k) for k in d)
        size = "-" if has_str else str(d.__sizeof__())
        lines.append(f"{' '.join(ops)}\t{d!r}\t{len(d)}\t{size}")
    return lines


BINARY = {
    "or": lambda a, b: a | b, "and": lambda a, b: a & b, "sub": lambda a, b: a - b,
    "xor": lambda a, b: a ^ b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}
INPLACE = ["ior", "iand", "isub", "ixor"]
METHODS = ["union", "intersection", "difference", "symmetric_difference", "issubset",
           "issuperset", "isdisjoint", "update", "intersection_update", "difference_update",
           "symmetric_difference_update"]


def set_result(value, left):
    """repr and size of what an operation produced (None: the left operand changed)."""
    if value is None:
        value = left
    size = value.__sizeof__() if isinstance(value, (set, frozenset)) else None
    return repr(value), "-" if size is None else str(size)


def random_ints(rng):
    kind = rng.random()
    n = rng.choice([0, 1, 2, 4, 5, 7, 9, 12, 20, 40, 100, 300])
    if kind < 0.3:
        return [rng.randrange(-20, 60) for _ in range(n)]
    if kind < 0.5:  # colliding low bits
        return [rng.randrange(0, 40) * 64 for _ in range(n)]
    if kind < 0.7:
        return [rng.randrange(0, 10**6) for _ in range(n)]
    if kind < 0.85:
        return [rng.choice([0.5, 1.5, -2.0, 3.25, 1e10, 2, 3, 4, 2**62, -(2**65)]) for _ in range(n)]
    return [rng.randrange(0, 3000) for _ in range(n)]


def set_cases(rng):
    lines = []
    for case in range(400):
        a = random_ints(rng)
        b = random_ints(rng) if rng.random() < 0.7 else a[: len(a) // 2] + random_ints(rng)[:5]
        frozen = rng.random() < 0.25
        make = frozenset if frozen else set
        prefix = "f_" if frozen else ""
        choice = rng.random()
        if choice < 0.45:
            op = rng.choice(sorted(BINARY))
            result = BINARY[op](make(a), set(b))
            text, size = set_result(result, None)
            lines.append(f"{prefix}{op}\t{lit(a)}\t{lit(b)}\t{text}\t{size}")
        elif choice < 0.6 and not frozen:
            op = rng.choice(INPLACE)
            left = set(a)
            right = set(b)
            if op == "ior": left |= right
            elif op == "iand": left &= right
            elif op == "isub": left -= right
            else: left ^= right
            text, size = set_result(None, left)
            lines.append(f"{op}\t{lit(a)}\t{lit(b)}\t{text}\t{size}")
        else:
            op = rng.choice(METHODS if not frozen else [m for m in METHODS if "update" not in m])
            left = make(a)
            result = getattr(left, op)(b)
            text, size = set_result(result, left)
            lines.append(f"{prefix}{op}_list\t{lit(a)}\t{lit(b)}\t{text}\t{size}")
    # Pop order and discard / re-add on small and big tables.
    for n in [3, 8, 20, 100]:
        items = list(range(0, n * 7, 7))
        s = set(items)
        order = [s.pop() for _ in range(len(s))]
        lines.append(f"pop_all\t{lit(items)}\t[]\t{order!r}\t-")
        s = set(items)
        for x in items[::2]:
            s.discard(x)
        for x in items[::3]:
            s.add(x + 1)
        lines.append(f"discard_add\t{lit(items)}\t[]\t{s!r}\t{s.__sizeof__()}")
    return lines


def frozenset_hashes(rng):
    lines = []
    flats = [[], [0], [1], [-1], [1, 2, 3], [1.5, -2.5], [2**64, -(2**64)], list(range(100)),
             [0.0, 1.0], [True, 2], [(1, 2), (3,)], [10**30], list(range(-5, 5))]
    for _ in range(30):
        flats.append(random_ints(rng))
    for f in flats:
        lines.append(f"flat\t{lit(f)}\t{hash(frozenset(f))}")
    nests = [[[]], [[1], [2]], [[1, 2], [3], []], [[1, 2], [2, 1]], [list(range(10)), [0.5]]]
    for n in nests:
        lines.append(f"nested\t{lit(n)}\t{hash(frozenset(frozenset(x) for x in n))}")
    return lines


def main():
    rng = random.Random(20240511)
    for name, lines in [("dict_cases.txt", dict_cases(rng)), ("set_cases.txt", set_cases(rng)),
                        ("frozenset_hashes.txt", frozenset_hashes(rng))]:
        with open(name, "w") as out:
            out.write(f"# Written by dict_set_gen.py (CPython {sys.version.split()[0]}); do not edit.\n")
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
