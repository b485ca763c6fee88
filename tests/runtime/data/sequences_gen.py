#!/usr/bin/env python3
"""Expected values for the sequence tests (tuple, list, range, slice), from CPython 3.11.

Run with python3 (3.11) from this directory; it rewrites the files below. Each file is plain
text, one case per line, fields separated by single spaces, '#' lines are comments.

  slice_grid.txt     len start stop step -> start' stop' step' slicelength indices...
                     (PySlice_GetIndicesEx and seq[start:stop:step]; '_' means None; the
                     bounds include values beyond Py_ssize_t, which are clamped)
  tuple_hashes.txt   hash literal repr  (hash() of tuples of ints / floats / nested tuples;
                     the literal is the repr without spaces, the repr is the rest of the line)
  list_growth.txt    scenario allocated...  (list's allocated slots after each step, from
                     sys.getsizeof: (getsizeof(l) - getsizeof([])) // 8)
  list_slice_ops.txt len start stop step op -> resulting list  (op: del / set; set assigns
                     100, 101, ... with as many values as the extended slice has, and one more
                     than it has for step 1 slices, which may change size)
"""
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"

MAX = sys.maxsize
MIN = -sys.maxsize - 1
BIG = 10**30


def tok(v):
    return "_" if v is None else str(v)


def slice_grid():
    bounds = [None, 0, 1, 2, 3, 5, 7, -1, -2, -3, -6, -9, MAX, MIN, BIG, -BIG]
    steps = [None, 1, 2, 3, -1, -2, -3, 5, MAX, -MAX, MIN, BIG, -BIG]
    lines = ["# len start stop step -> start stop step slicelength indices..."]
    for n in (0, 1, 2, 5, 8):
        for start in bounds:
            for stop in bounds:
                for step in steps:
                    s = slice(start, stop, step)
                    i_start, i_stop, i_step = s.indices(n)
                    indices = list(range(n))[s]
                    # PySlice_Unpack clamps a step below -MAX to -MAX.
                    c_step = max(min(i_step, MAX), -MAX)
                    lines.append(" ".join([str(n), tok(start), tok(stop), tok(step), "->",
                                           str(i_start), str(i_stop), str(c_step),
                                           str(len(indices))] + [str(i) for i in indices]))
    return lines


def tuple_hashes():
    cases = [(), (0,), (1,), (-1,), (-2,), (1, 2), (2, 1), (1, 2, 3), (0, 0, 0, 0),
             (2**61 - 1,), (2**61,), (2**64 + 5, -(2**70)), (10**30, 7), (MAX, MIN),
             ((),), ((), ()), ((1, 2), (3, 4)), (1, (2, (3, (4, ())))), tuple(range(20)),
             tuple(range(100)), (1.5, -2.25), (0.0, -0.0), (1e300, 1e-300), ((1.5,), 3),
             (True, False), (-1, -1, -1)]
    lines = ["# hash literal repr"]
    for t in cases:
        lines.append(f"{hash(t)} " + repr(t).replace(" ", "") + " " + repr(t))
    return lines


def allocated(l):
    return (sys.getsizeof(l) - sys.getsizeof([])) // 8


def list_growth():
    scenarios = []
    l = []
    steps = []
    for i in range(200):
        l.append(i)
        steps.append(allocated(l))
    scenarios.append(("append200", steps))
    steps = []
    for i in range(200):
        l.pop()
        steps.append(allocated(l))
    scenarios.append(("pop200", steps))
    l = []
    steps = []
    for i in range(60):
        l.insert(0, i)
        steps.append(allocated(l))
    scenarios.append(("insert60", steps))
    steps = []
    for n in range(40):
        steps.append(allocated(list(range(n))))
    scenarios.append(("list_of_range", steps))
    steps = []
    for n in range(40):
        steps.append(allocated(list([0] * n)))
    scenarios.append(("list_of_list", steps))
    l = []
    steps = []
    for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100):
        l.extend([0] * k)
        steps.append(allocated(l))
    scenarios.append(("extend_list", steps))
    l = []
    steps = []
    for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100):
        l.extend(range(k))
        steps.append(allocated(l))
    scenarios.append(("extend_range", steps))
    l = list(range(100))
    steps = []
    for k in range(10):
        del l[:9]
        steps.append(allocated(l))
    scenarios.append(("del_front9", steps))
    steps = []
    for n in range(30):
        steps.append(allocated([0, 1, 2] * n))
    scenarios.append(("repeat3", steps))
    l = [0, 1, 2]
    steps = []
    for n in range(6):
        l *= 2
        steps.append(allocated(l))
    scenarios.append(("inplace_repeat2", steps))
    return ["# scenario allocated-after-each-step..."] + [
        name + " " + " ".join(map(str, s)) for name, s in scenarios]


def list_slice_ops():
    bounds = [None, 0, 1, 3, 6, -1, -3, -7, BIG]
    steps = [None, 1, 2, 3, -1, -2, 4]
    lines = ["# len start stop step op -> list..."]
    for n in (0, 1, 3, 6):
        for start in bounds:
            for stop in bounds:
                for step in steps:
                    s = slice(start, stop, step)
                    base = list(range(n))
                    l = list(base)
                    del l[s]
                    lines.append(" ".join([str(n), tok(start), tok(stop), tok(step), "del", "->"] + [str(x) for x in l]))
                    l = list(base)
                    count = len(base[s])
                    if step in (None, 1):
                        count += 1
                    l[s] = [100 + i for i in range(count)]
                    lines.append(" ".join([str(n), tok(start), tok(stop), tok(step), "set", "->"] + [str(x) for x in l]))
    return lines


def write(name, lines):
    with open(name, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write("slice_grid.txt", slice_grid())
    write("tuple_hashes.txt", tuple_hashes())
    write("list_growth.txt", list_growth())
    write("list_slice_ops.txt", list_slice_ops())
