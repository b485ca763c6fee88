# The symbol table corpus: sources whose tables (scopes, names, flags) or symbol-table errors
# symtable_gen.py records from python3's _symtable, for the tests to compare with minipy's.

CASES = []


def case(source):
    CASES.append(source)


# --- Scopes and closures -------------------------------------------------------------------
case('x = 1\ny = x\ndel y\n')
case('def f(a, b=1, *c, d, e=2, **f):\n    return a + b\n')
case('def f(a, /, b, *, c):\n    pass\n')
case('def f():\n    x = 1\n    def g():\n        return x\n    return g\n')
case('def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n    return g\n')
case('def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    return g\n')
case('def f():\n    def g():\n        global x\n        x = 2\n    return g\n')
case('x = 0\ndef f():\n    global x\n    x = 1\n    def g():\n        return x\n')
case('def f():\n    global x\n    def g():\n        return x\n    return g\n')
case('def f(a):\n    def g():\n        return a\n    a = 2\n    return g\n')
case('def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n')
case('def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n')
case('class C:\n    x = 1\n    def m(self):\n        return x\n')
case('class C:\n    def m(self):\n        return super().m()\n')
case('class C:\n    def m(self):\n        return __class__\n')
case('class C:\n    def m(self):\n        def g():\n            return super()\n        return g\n')
case('class C:\n    __class__ = 1\n    def m(self):\n        return __class__\n')
case('def f():\n    super()\n')
case('class A:\n    class B:\n        def m(self):\n            super()\n')
case('def f():\n    a = 1\n    b = lambda: a\n    return b\n')
case('f = lambda x, *y, z=1, **w: x + y + z + w\n')
case('f = lambda: (yield)\n')
case('def f():\n    yield 1\n')
case('def f():\n    yield from g()\n')
case('async def f():\n    await g()\n    async for x in y:\n        pass\n    async with a as b:\n        pass\n')
case('def f():\n    return\n')
case('def f():\n    return 1\n')
case('def f():\n    try:\n        pass\n    except E as e:\n        del e\n')
case('def f():\n    import a.b.c\n    import d.e as f\n    from g import h, i as j\n')
case('from m import *\n')
case('def f():\n    with a as (b, c):\n        pass\n')
case('def f():\n    for a, (b, c) in d:\n        pass\n    else:\n        e = 1\n')
case('def f():\n    x += 1\n')
case('def f():\n    print(x)\n    x = 1\n')
case('x: int\ny: int = 1\n(z): int = 2\na.b: int\nc[0]: int = 3\n')
case('def f():\n    x: int\n    y: int = 1\n    (z): str = ""\n')
case('def f(a: int, *b: str, c: float = 1.0, **d: dict) -> list:\n    pass\n')
case('class C:\n    x: int = 1\n    y: "C"\n')
case('from __future__ import annotations\ndef f(a: int) -> str:\n    x: list = []\nclass C:\n    y: C\n')
case('def f():\n    match x:\n        case [a, *b]:\n            pass\n        case {"k": c, **d}:\n            pass\n        case P(e, f=g) | (h as i):\n            pass\n        case _:\n            pass\n')
case('def f():\n    def g():\n        def h():\n            nonlocal y\n            y = 1\n        y = 0\n')
case('def outer():\n    x = 1\n    def middle():\n        def inner():\n            return x\n        return inner\n    return middle\n')

# --- Private names -------------------------------------------------------------------------
case('class C:\n    __x = 1\n    def __m(self):\n        return self.__x + __y\n    def __dunder__(self):\n        pass\n')
case('class _C:\n    __x = 1\n')
case('class ___:\n    __x = 1\n')
case('class C:\n    def m(self):\n        import __a.b\n        global __g\n        __g = 1\n')
case('class C:\n    def m(self, __arg):\n        return [__v for __v in __arg]\n')

# --- Comprehensions ------------------------------------------------------------------------
case('[x for x in y]\n')
case('{x: y for x, y in z if x}\n')
case('{x for x in y for z in x}\n')
case('(x for x in y)\n')
case('def f(y):\n    return [x + y for x in range(3)]\n')
case('def f():\n    return [[x * y for x in a] for y in b]\n')
case('[(x := y) for y in z]\n')
case('def f():\n    [(x := y) for y in z]\n    return x\n')
case('def f():\n    global x\n    [(x := y) for y in z]\n')
case('def f():\n    [[(x := y) for y in z] for w in v]\n')
case('class C:\n    [x for x in y]\n')
case('class C:\n    y = 1\n    z = [x + y for x in range(3)]\n')
case('async def f():\n    return [x async for x in y]\n')
case('async def f():\n    return [await x for x in y]\n')
case('def f():\n    return (await x for x in y)\n')
case('[x for x in [y for y in z]]\n')
case('[lambda: x for x in y]\n')
case('g = (x for x in range(10) if x % 2)\n')

# --- Errors --------------------------------------------------------------------------------
for src in ['nonlocal x', 'def f():\n    nonlocal x', 'def f(a):\n    global a',
            'def f(a):\n    nonlocal a', 'def f():\n    x = 1\n    global x',
            'def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x',
            'def f():\n    print(x)\n    global x', 'def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x',
            'x: int\nglobal x', 'def f():\n    x: int\n    global x',
            'def f():\n    x = 1\n    def g():\n        x: int\n        nonlocal x',
            'def f():\n    global x\n    x: int', 'def f():\n    global x\n    nonlocal x',
            'def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x',
            'def f(a, a): pass', 'def f(a, *, a): pass', 'def f(a, **a): pass', 'lambda a, a: 0',
            'def f(*a, a): pass', 'def f():\n    from m import *', 'class C:\n    from m import *',
            '[(yield) for x in y]', '{(yield) for x in y}', '{x: (yield) for x in y}',
            '((yield) for x in y)', '[(yield from x) for x in y]', 'def f():\n    [(yield x) for x in y]',
            '[(y := 1) for x in (z := 2)]', '[x for x in [(y := 1) for z in w]]',
            '[x for x in (lambda: (y := 1))()]', 'class C:\n    [(y := 1) for x in z]',
            '[x := 1 for x in z]', 'def f():\n    [i := 0 for i, j in x]',
            '[[(j := i) for i in x] for j in y]', '[(i := 0) for x in y for i in z]',
            '[x for x in y if (x := 1)]', 'def f():\n    [[(i := 1) for j in k] for i in l]',
            'def f(x):\n    global x', 'def f():\n    del x\n    global x',
            'def f():\n    import x\n    global x', 'class C:\n    x = 1\n    global x',
            'class C:\n    def m(self):\n        nonlocal __class__',
            'def f():\n    def g():\n        nonlocal x\n    x = 1\n    def h():\n        nonlocal y',
            'x = "\u00e9"; nonlocal y', 'def f(\u00e9, \u00e9): pass',
            'from __future__ import braces', 'from __future__ import nope',
            'from __future__ import annotations, generator_stop, division',
            '"doc"\nfrom __future__ import annotations\nx: int',
            'from __future__ import annotations; import x; from __future__ import division',
            'from __future__ import annotations\ndef f(x: (yield)): pass',
            'from __future__ import annotations\nx: (y := 1)',
            'from __future__ import annotations\nasync def f(x: await y): pass']:
    case(src)

# --- Depth: the walk stops at three times the recursion limit ------------------------------
case('x = ' + '+'.join(['1'] * 5000))
case('x' + '.a' * 5000)
case('x = ' + '+'.join(['1'] * 2900))
