# The AST corpus: sources that python3 parses, each with its compile() mode. ast_gen.py
# records ast.dump(tree, include_attributes=True) for each, and the tests compare minipy's
# dump byte for byte. The larger files in ast_corpus/ are added by ast_gen.py too.

CASES = []


def case(source, mode='exec'):
    CASES.append((source, mode))


# --- Literals ------------------------------------------------------------------------------
for src in ['0', '7', '1_000_000', '0b1010', '0B1_0', '0o17', '0O7_7', '0x1F', '0Xdead_BEEF',
            '00', '0_0', '12345678901234567890123456789', '0xffffffffffffffffffffffff',
            '1.5', '1.', '.5', '1e10', '1E-10', '1.5e+3', '1_0.0_1', '1e1_0', '0.0', '00.5', '0e0',
            '1.7976931348623157e308', '1e400', '5e-324', '3.141592653589793',
            '"abc"', "'abc'", '"""abc"""', "'''a\nb'''", '""', "''", 'r"\\n"', 'R"\\n"', 'u"u"',
            'U"u"', 'b"bytes"', 'B"b"', 'br"\\x"', 'Rb"\\x"', 'rB"a"', 'BR"a"',
            '"\\n\\t\\r\\\\\\\'\\"\\a\\b\\f\\v"', '"\\x41\\u00e9\\U0001F600\\101\\7\\777"',
            'b"\\x00\\xff\\101\\n\\\\"', '"\\q\\z"', 'b"\\q"', '"a\\\nb"', '"é日本🐍"',
            '"a" "b"', '"a" \'b\' """c"""', 'b"a" b"b"', 'u"a" "b"', '"a" u"b"', '"" ""',
            '("a"\n "b")', 'True', 'False', 'None', '...', 'Ellipsis']:
    case(src)
case('x = """line1\nline2\n    indented"""\n')
case("s = '''\n\\tescaped\\n\n'''\n")
case('b = (b"a"\n     b"b")\n')

# --- f-strings -----------------------------------------------------------------------------
for src in ["f''", "f'abc'", "f'{x}'", "f'a{x}b{y}c'", "f'{x!r}'", "f'{x!s}'", "f'{x!a}'",
            "f'{x:>10}'", "f'{x:{w}}'", "f'{x:{w}.{p}f}'", "f'{x!r:^{w}}'", "f'{x=}'",
            "f'{x = }'", "f'{x=!s}'", "f'{x=:>5}'", "f'{ x }'", "f'{x + 1}'", "f'{f(x, y=1)}'",
            "f'{a[1]:{b}}'", "f'{{}}'", "f'{{x}}'", "f'a{{b}}c{d}'", "f'{x}' 'y'", "'y' f'{x}'",
            "f'{x}' f'{y}'", "'a' f'b{c}d' 'e'", "rf'\\n{x}'", "fr'{x}\\n'", "F'{x}'",
            "f'{\"a\"}'", "f\"{'a'}\"", "f'''{x\n}'''", "f'''\n{x}\n'''", "f'{x!r:{y!s:}}'",
            "f'{lambda: 1}'" + '[:0]', "f'{(lambda: 1)()}'", "f'{x:=5}'", "f'{(x:=5)}'",
            "f'{[1, 2][0]}'", "f'{ {1: 2}[1] }'", "f'{x if y else z}'", "f'{x,}'", "f'{x, y}'",
            "f'{*x,}'", "f'{yield_ if 1 else 2}'", "f'\\n{x}\\t'", "f'\\{x}'", "f'é{x}é'",
            "f'{x:{\"a\"}}'", "f'{x!r}{y=}{z:3}'", "f'{3.14:.2f}'", "f'{x:%Y-%m}'",
            "u'a' f'{x}'", "f'{x}' u'a'", "f'{1}{2}{3}'", "f'{\"\"\"a\"\"\"}'", "f'{x:}'",
            "f'{x!r:}'", "f'{x:{y}{z}}'", "f'{x:a{y}b{z}c}'", "f'{x}{{'", "f'}}{x}'"]:
    case(src)
case("x = 1\ny = f'''\n  {x +\n  1}\n  {x!r:>{x}}'''\n")
case("f(f'{a}'\n  f'{b}')\n")
case("d = f'{x}' \\\n    f'{y}'\n")

# --- Operators and precedence --------------------------------------------------------------
binary = ['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^']
for op in binary:
    case('a %s b' % op)
    case('a %s b %s c' % (op, op))
for op1 in ['+', '*', '**', '|', '<<']:
    for op2 in ['-', '/', '&', '^', '>>', '@']:
        case('a %s b %s c' % (op1, op2))
for src in ['-a', '+a', '~a', 'not a', '--a', '-a ** b', '(-a) ** b', 'a ** -b', 'not not a',
            '-a * b', 'a and b', 'a or b', 'a and b or c', 'a or b and c', 'not a and b',
            'a and not b or c', 'a < b', 'a < b < c', 'a == b != c', 'a is b', 'a is not b',
            'a in b', 'a not in b', 'a <= b >= c > d', 'a < b == c is d in e', 'a if b else c',
            'a if b else c if d else e', '(a if b else c) if d else e', 'lambda: a if b else c',
            'a + b if c else d * e', 'a or b if c and d else e', 'x = a if b else c',
            '(a, b)', '(a,)', '()', 'a, b', 'a,', '[a, b]', '[]', '{a, b}', '{a: b}', '{}',
            '{a: b, **c, d: e}', '{**a}', '[*a, *b]', '(*a, b)', '{*a}', 'a[b]', 'a[b:c]',
            'a[::]', 'a[:]', 'a[b:c:d]', 'a[::d]', 'a[b, c]', 'a[b:c, d]', 'a[b,]', 'a[*b]',
            'a[*b, c]', 'a[(b, c)]', 'a.b', 'a.b.c', 'a.b(c).d[e]', 'a()', 'a(b)', 'a(b, c)',
            'a(*b)', 'a(**b)', 'a(b=c)', 'a(b, *c, d=e, **f)', 'a(*b, *c, **d, **e)',
            'a(b=c, *d)', 'a(x for x in y)', 'a((x for x in y), z)', 'a(b)(c)(d)', 'a(b,)',
            'a(b := c)', '(a := b)', '(a := (b := c))', 'a[b := c]', 'a[b := c, d]',
            'x = (yield)', 'await a', '(await a) ** b', '-await a', 'a.b ** c.d',
            '1 .real', '1.0.real', '"a".join(b)', 'f"{x}".format(y)', 'a < (b < c)',
            'a if (b if c else d) else e', 'not (a and b)', '(a or b) and c', 'a ** b ** c',
            '(a ** b) ** c', 'a @ b @ c', 'a // b // c', '~~a', '-~+a']:
    case(src)
for src in ['1 + 2', 'x', '[x for x in y]', 'lambda: 0', 'a if b else c', '1,', '*a,',
            '(yield)', 'f"{x}"']:
    case(src, 'eval')
case('x = 1\n', 'single')
case('if x:\n    pass\n', 'single')
case('1 + 1', 'single')
case('', 'single')
case('\n', 'single')
case('# comment', 'single')

# --- Comprehensions and lambdas ------------------------------------------------------------
for src in ['[x for x in y]', '[x for x in y if x]', '[x for x in y if x if z]',
            '[x for x in y for z in x]', '[(x, y) for x in a for y in b if x != y]',
            '{x for x in y}', '{x: y for x, y in z}', '(x for x in y)', 'f(x for x in y)',
            '[x async for x in y]', '[x for x, in y]', '[x for (x, y) in z]', '[x for [x] in y]',
            '[x for x.a in y]', '[x for x[0] in y]', '[x for *x, in y]', '[(x := 1) for y in z]',
            '[[y for y in x] for x in z]', '[lambda: x for x in y]', '[x for x in (y for y in z)]',
            '{**{}}', 'lambda: 0', 'lambda x: x', 'lambda x, y=1, *z, w, v=2, **u: 0',
            'lambda x, /, y: 0', 'lambda *, x: 0', 'lambda *x: 0', 'lambda **x: 0',
            'lambda x=lambda y: y: x', 'lambda: (yield)', 'lambda: lambda: 0',
            'lambda x, /: x', 'lambda x=1, /, y=2: x']:
    case(src)

# --- Assignment forms ----------------------------------------------------------------------
for src in ['x = 1', 'x = y = 1', 'x, y = 1, 2', '(x, y) = z', '[x, y] = z', 'x, = z',
            '*x, y = z', 'x, *y, z = w', '[x, *y] = z', '(x, (y, z)) = w', 'x.a = 1',
            'x[0] = 1', 'x[0:1] = y', 'x.a.b[c].d = e', 'x = yield', 'x = yield y',
            'x = yield from y', 'x = *y, z', 'x += 1', 'x -= 1', 'x *= 1', 'x /= 1', 'x //= 1',
            'x %= 1', 'x **= 1', 'x @= 1', 'x <<= 1', 'x >>= 1', 'x &= 1', 'x |= 1', 'x ^= 1',
            'x.a += 1', 'x[0] += 1', 'x += yield', 'x: int', 'x: int = 1', 'x: "str" = y',
            '(x): int = 1', 'x.a: int', 'x[0]: int = 1', 'x: int = yield', 'x: list[int] = []',
            'del x', 'del x, y', 'del x.a, x[0]', 'del (x, y)', 'del [x, y]', 'del (x)',
            'del x,', 'x = (y := 1)', 'x = lambda: (y := 1)']:
    case(src)

# --- Statements ----------------------------------------------------------------------------
for src in ['pass', 'break', 'continue', 'return', 'return 1', 'return 1, 2', 'return *a, b',
            'raise', 'raise x', 'raise x from y', 'assert x', 'assert x, "msg"', 'import a',
            'import a.b.c', 'import a as b', 'import a.b as c, d', 'from a import b',
            'from a import b as c, d', 'from a import (b, c,)', 'from . import a',
            'from .. import a', 'from ... import a', 'from .... import a', 'from .a import b',
            'from ...a.b import c', 'from a import *', 'global x', 'global x, y', 'nonlocal x',
            'nonlocal x, y', 'x; y', 'x; y;', 'a = 1; b = 2', 'yield', 'yield x', 'yield x, y',
            'yield from x', 'await x', 'x = await y']:
    case(src)
case('if a:\n    pass\n')
case('if a:\n    pass\nelse:\n    pass\n')
case('if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\n')
case('if a: pass\nelif b: pass\n')
case('while a:\n    break\nelse:\n    continue\n')
case('for x in y:\n    pass\nelse:\n    pass\n')
case('for x, y in z: pass\n')
case('for x in y, z: pass\n')
case('for x in *y, z: pass\n')
case('async def f():\n    async for x in y:\n        pass\n    async with a as b, c:\n        pass\n    await z\n')
case('with a: pass\n')
case('with a as b: pass\n')
case('with a as b, c as d, e: pass\n')
case('with (a as b, c as d): pass\n')
case('with (a, b): pass\n')
case('with (a): pass\n')
case('with (a as b): pass\n')
case('with a as (b, c): pass\n')
case('with (\n    a as b,\n    c as d,\n): pass\n')
case('try:\n    pass\nexcept:\n    pass\n')
case('try:\n    pass\nexcept E:\n    pass\nexcept (F, G) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n')
case('try:\n    pass\nfinally:\n    pass\n')
case('try:\n    pass\nexcept* E:\n    pass\nexcept* (F, G) as e:\n    pass\n')
case('def f(): pass\n')
case('def f(a, b=1, *c, d, e=2, **f) -> int:\n    return a\n')
case('def f(a, /, b, *, c): pass\n')
case('def f(a=1, /, b=2, *, c=3): pass\n')
case('def f(a: int, b: str = "", *args: tuple, c: list, **kw: dict) -> None: pass\n')
case('def f(*, a): pass\n')
case('def f(**kw): pass\n')
case('def f(*args: *Ts): pass\n')
case('@d\ndef f(): pass\n')
case('@d1\n@d2(x)\n@d3.attr\n@(lambda f: f)\ndef f(): pass\n')
case('@d\nasync def f(): pass\n')
case('@d\nclass C: pass\n')
case('class C: pass\n')
case('class C(): pass\n')
case('class C(A, B): pass\n')
case('class C(A, metaclass=M, **kw): pass\n')
case('class C(*bases): pass\n')
case('class C:\n    x = 1\n    def m(self): return self\n')
case('match x:\n    case 1: pass\n')
case('match x:\n'
     '    case 1 | 2 | 3: pass\n'
     '    case -1: pass\n'
     '    case 1.5: pass\n'
     '    case "s" "t": pass\n'
     '    case b"b": pass\n'
     '    case None: pass\n'
     '    case True: pass\n'
     '    case False: pass\n'
     '    case a.b: pass\n'
     '    case a.b.c: pass\n'
     '    case [a, b, *rest]: pass\n'
     '    case (a, b): pass\n'
     '    case (a,): pass\n'
     '    case []: pass\n'
     '    case (): pass\n'
     '    case [*_]: pass\n'
     '    case {"k": v, **rest}: pass\n'
     '    case {}: pass\n'
     '    case {**rest}: pass\n'
     '    case {1: a, a.b: c}: pass\n'
     '    case P(): pass\n'
     '    case P(a, b): pass\n'
     '    case P(a, k=v): pass\n'
     '    case P(k=v, j=w): pass\n'
     '    case a.P(x): pass\n'
     '    case (a as b): pass\n'
     '    case [a] as b if b > 1: pass\n'
     '    case x: pass\n'
     '    case _: pass\n')
case('match a, b:\n    case x, y: pass\n')
case('match *a, b:\n    case [x, y]: pass\n')
case('match (a):\n    case (x): pass\n')
case('match = 1\ncase = 2\n_ = 3\nprint(match, case, _)\n')
case('match(x)\nmatch[x]\nmatch.x\n')

# --- Positions: multi-line, non-ASCII, continuation ----------------------------------------
case('x = (1 +\n     2)\n')
case('x = [\n    1,\n    2,\n]\n')
case('f(a,\n  b=1,\n  *c,\n  **d)\n')
case('x = 1 + \\\n    2\n')
case('if a and \\\n   b:\n    pass\n')
case('é = "ü"\nàé = é + "日本"\n')
case('s = "日本語" + x\n')
case('def ünïcödé(παράμετρος): return παράμετρος\n')
case('x = {"é": [1, 2], "ß": (3,)}\n')
case('f"日本{x}語"\n')
case('x = 1  # comment é\n# full comment\ny = 2\n')
case('\n\n\nx = 1\n\n\n')
case('if x:\n\n    # comment\n\n    y = 1\n')
case('if a:\n\tif b:\n\t\tpass\n')
case('if a:\n        x\nelse:\n  y\n')
case('class A:\n    def f(self):\n        return [\n            x\n            for x in self\n        ]\n')
case('x = """\nmulti\nline\n""" + y\n')
case('x = ("a"\n     "b"\n     "c")\n')
case('def f(\n    a,\n    b,\n):\n    pass\n')
case('lambda: (\n    1\n)\n')
case('x = 1\r\ny = 2\r\n')
case('x = 1\ry = 2\r')
case('x = 1\n\x0c\ny = 2\n')
case('   \n\tx = 1\n'.replace('\tx = 1', 'x = 1'))
case('x = 1 if y else \\\n    2\n')
case('print("a", end="")\n')
case('assert isinstance(x, int), f"bad {x!r}"\n')
case('@property\ndef f(self) -> "C":\n    """Doc."""\n    return self._f\n')
case('x = [i ** 2 for i in range(10) if i % 2 == 0]\n')
case('async def f():\n    return [x async for x in aiter() if await x]\n')

# --- Identifiers normalized to NFKC (data/names.txt has thousands more) -------------------
case('ﬁle = 1\nprint(ｆｉｌｅ, file)\n')
case('def ｆ(ａｒｇ, *, 𝑘𝑤=1):\n    return ａｒｇ + 𝑘𝑤\n')
case('import os as ｏｓ2\nfrom ｓｙｓ import ｐａｔｈ\n')
case('𝐢𝐟 = 1\nx.ℌ = f"{𝐢𝐟}"\n')
case('Å = 1\ne\u0301 = é\n')
case('class Ｋ:\n    __ｐ = 1\n')
case('f(ｋｅｙ=1, **ｋ)\n')
