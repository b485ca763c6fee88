#!/usr/bin/env python3
"""Expected values for the bytearray tests, from CPython 3.11.

Run with python3 (3.11) from this directory; it rewrites bytearray_growth.txt: one scenario
per line, its name then, after each step, the buffer's size (bytearray.__alloc__()) and the
length, as alloc/len, space separated. sys.getsizeof(b) is 56 + __alloc__() on 64-bit Linux
(checked here), so the runtime test checks __sizeof__ too. '#' lines are comments.
"""
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"


def state(b):
    assert sys.getsizeof(b) == 56 + b.__alloc__()
    return f"{b.__alloc__()}/{len(b)}"


def scenarios():
    out = []
    b = bytearray()
    out.append(("append100", [(b.append(i), state(b))[1] for i in range(100)]))
    out.append(("pop100", [(b.pop(), state(b))[1] for i in range(100)]))
    b = bytearray(b"x" * 64)
    out.append(("del_front5", [(b.__delitem__(slice(0, 5)), state(b))[1] for i in range(12)]))
    b = bytearray(b"y" * 64)
    out.append(("del_back5", [(b.__delitem__(slice(-5, None)), state(b))[1] for i in range(12)]))
    b = bytearray()
    out.append(("extend_range", [(b.extend(range(k)), state(b))[1]
                                 for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100)]))
    b = bytearray()
    out.append(("iadd_bytes", [(b.__iadd__(b"z" * k), state(b))[1]
                               for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1, 0, 100)]))
    out.append(("from_range", [state(bytearray(range(n))) for n in range(40)]))
    out.append(("from_bytes", [state(bytearray(b"q" * n)) for n in range(40)]))
    out.append(("from_count", [state(bytearray(n)) for n in range(20)]))
    b = bytearray(b"ab")
    out.append(("imul2", [(b.__imul__(2), state(b))[1] for i in range(8)]))
    b = bytearray(b"0123456789" * 4)
    out.append(("insert_front", [(b.insert(0, 65), state(b))[1] for i in range(30)]))
    b = bytearray(b"0123456789" * 4)
    out.append(("clear_then_append", [state(b), (b.clear(), state(b))[1]] +
                [(b.append(1), state(b))[1] for i in range(5)]))
    return out


def main():
    lines = ["# scenario alloc/len after each step"]
    lines += [name + " " + " ".join(steps) for name, steps in scenarios()]
    with open("bytearray_growth.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
