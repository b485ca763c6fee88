#!/usr/bin/env python3
"""Writes gc_schedule.txt: what CPython 3.11's gc.get_count() shows after each step of a fixed
sequence of GC allocations, for gc_generations_test.cpp's `counts_and_thresholds_follow_cpython`.

Steps (one character each):
  a  allocate a tracked object and keep it
  f  free the most recently kept object
  t  allocate a tracked object and free it at once
  x  allocate two tracked objects that refer to each other, and drop them (garbage)

The allocated objects are instances of a class with __slots__ = ('ref',), which CPython makes
through PyType_GenericAlloc / PyObject_GC_Del with no free list in between, as the test's node
type is made through PyObject_GC_New / PyObject_GC_Del.

Keeping CPython's own objects out of the numbers:
  - gc.freeze() moves every object that exists so far out of the generations, so only the
    objects below take part (the test reproduces their number: `population`);
  - the steps run in a function over preallocated lists: no tracked temporaries;
  - gc.get_count() makes a 3-tuple: a full collection empties the tuple free list, so the
    first get_count() after it allocates one tuple (gen 0 count + 1, after the counts are
    read; it can start a collection). The test makes the same allocation. The snapshot indexes
    the tuple instead of unpacking it, which would allocate an iterator.
  (Checked under gdb with a breakpoint on _PyObject_GC_Link: during the steps CPython allocates
  only the nodes and those tuples.)

Usage: gc_schedule.py > gc_schedule.txt
       gc_schedule.py check   prints the start counts and the generation sizes, then stops
"""
import gc
import sys

THRESHOLDS = (5, 3, 2)
FILLERS = 100
STEPS = 3000


def make_steps(n):
    # A fixed mix, from a linear congruential generator (same text on every run).
    state = 12345
    out = []
    kept = 0
    for _ in range(n):
        state = (state * 1103515245 + 12345) % (1 << 31)
        r = (state >> 16) % 100
        if r < 45:
            out.append('a'); kept += 1
        elif r < 60 and kept > 0:
            out.append('f'); kept -= 1
        elif r < 85:
            out.append('t')
        else:
            out.append('x')
    return ''.join(out)


class Node:
    __slots__ = ('ref',)


steps = make_steps(STEPS)
rec = [0] * (3 * (STEPS + 4))
base = [0] * 6   # gc.get_stats() numbers before the steps
stats = [0] * 6  # ... and after
start = [0] * 3
keep = [None] * STEPS
pos = [0, 0]  # [next rec index, number kept]


def snap():
    # Indexing, not unpacking: unpacking would allocate a tuple iterator (until the
    # interpreter specializes the instruction), one more allocation the test cannot mirror.
    t = gc.get_count()
    k = pos[0]
    rec[k] = t[0]
    rec[k + 1] = t[1]
    rec[k + 2] = t[2]
    pos[0] = k + 3


def run():
    i = 0
    n = len(steps)
    while i < n:
        s = steps[i]
        if s == 'a':
            keep[pos[1]] = Node()
            pos[1] += 1
        elif s == 'f':
            pos[1] -= 1
            keep[pos[1]] = None
        elif s == 't':
            Node()
        else:
            p = Node()
            q = Node()
            p.ref = q
            q.ref = p
            p = q = None
        snap()
        i += 1


def read_stats(out):
    st = gc.get_stats()
    for g in range(3):
        out[2 * g] = st[g]['collections']
        out[2 * g + 1] = st[g]['collected']


gc.disable()
gc.collect()
gc.freeze()
fill = [Node() for _ in range(FILLERS)]
gc.collect()
population = len(gc.get_objects(2))


read_stats(base)
snap()  # warm-up: the collection above emptied the tuple free list
pos[0] = 0
snap()
start[0], start[1], start[2] = rec[0], rec[1], rec[2]
pos[0] = 0
if len(sys.argv) > 1:  # check: no tracked object of ours is alive in the generations
    print(start, len(gc.get_objects(0)), len(gc.get_objects(1)), len(gc.get_objects(2)))
    sys.exit(0)
gc.set_threshold(*THRESHOLDS)
gc.enable()
run()
gc.disable()
read_stats(stats)

print('# gc.get_count() after each step, from CPython %s (gc_schedule.py)' % sys.version.split()[0])
print('thresholds %d %d %d' % THRESHOLDS)
print('population %d' % population)
print('start %d %d %d' % tuple(start))
print('stats ' + ' '.join(str(stats[i] - base[i]) for i in range(6)))
for i, s in enumerate(steps):
    print('%s %d %d %d' % (s, rec[3 * i], rec[3 * i + 1], rec[3 * i + 2]))
