# The error corpus: sources that python3's compile() refuses, each with the mode it is
# compiled in. error_gen.py records what python3 reports for each (type, msg, lineno,
# offset, end_lineno, end_offset, text) and the tests compare minipy's front end with it.
# Errors CPython reports from its symbol table are in symtable_cases.py, those of its
# compiler ('return' outside function, ...) are the compiler's; minipy's own refusals
# (imaginary literals, \N{...}) are tested in parser_errors_test.cpp.

CASES = []


def case(source, mode='exec'):
    CASES.append((source, mode))


# --- Brackets ------------------------------------------------------------------------------
for src in ['x = (1,\n2', 'x = )', 'x = (]', 'x = (\n]', '((((', 'x = [1, 2', 'f(a, b',
            'd = {1: 2', 'x = (1 +', '}', 'a[1)', 'foo(\n  a,\n  b\n', 'x = (1,\n2,\n3]',
            '(\n\n\n', 'print("a"))', 'x = [(1, 2]', '[\n(\n{\n', 'def f(:\n  pass',
            'x = (1\ny = 2', 'if (a:\n    pass', 'x = 1 + (2 * 3',
            'x = (1,\ny = "abc', 'foo(x\nbar = 1\n']:
    case(src)
case('(' * 199 + ')' * 199)
case('(' * 200 + ')' * 200)
case('(' * 201 + ')' * 201)
case('x = ' + '[' * 250)
case('f(' * 150 + ')' * 150)

# --- Strings -------------------------------------------------------------------------------
for src in ['"abc', "'abc", 'x = "abc\ny = 1', '"""abc\n\nd', "'''\n\n\n", 'x = rb"abc',
            'x = f"abc', 'a = "é', 'print("hello)', '"\\"', "b'é'", "b'\\x1'", "b'\\xg0'",
            "'\\x1'", "'\\u12'", "'\\U1234567'", "'\\U00110000'", "'\\N'", "'\\N{'",
            "'\\N{}'", "'é\\x1'", "'a' b'b'", "b'a' 'b'", "f'x' b'y'", 'x = "a" "b',
            "'''abc'", 'x = """\n"""abc"', "u'a' f'{'", 'x = "\\\n', "'\\u00e9' b'\\xff'"]:
    case(src)

# --- f-strings -----------------------------------------------------------------------------
for src in ["f'{x'", "f'{a b}'", "x = 1; f'{a b}'", "f'{a!x}'", "f'{}'", "f'{!r}'", "f'}'",
            "f'{a:{b:{c}}}'", "f'{a#}'", "f'{a\\n}'", "f'{)}'", "f'{a)}'", "f'{(}'",
            "f'''{\na b}'''", "f'{a=!}'", "f'{a:{b}'", "f'{*a}'", "f'{lambda x:1}'",
            "f'{ }'", "f'{:}'", "f'{=}'", "f'{a!}'", "f'{a!r'", "f'{a!rr}'", "f'{\"a}'",
            "f'{a[}'", "f'{a]}'", "f'{a:}}'", "f'{{}'", "f'}}{'", "f'{a!r:{b!x}}'",
            "f'{yield from}'", "f'{a=b}'", "f'{x:{y:{z}}}'", "f'{1 +}'",
            "x = 1\nf'''abc\n{x y}\n'''", "f'{\"\"\"a}'", "f'{a}' f'{b'", "'a' f'{b c}' 'd'",
            "f'{a}}'", "f'{a + (b}'", "f'{a:{b}' 'c'", "f'{(a b)}'", "f'{a =}' f'{b!}'",
            "f'{if}'", "f'{a:=}'", "f'{a:b:c}' f'{)'"]:
    case(src)

# --- Numbers -------------------------------------------------------------------------------
for src in ['1_000a', '0777', '00012', '0_7', '1__0', '1_', '0x', '0x_', '0xg', '0o8', '0o',
            '0o1_8', '0b2', '0b', '0b1_2', '1e', '1e+', '1ex', 'x = 1ex', '1.e_1', '0x1z',
            '0o17z', '0b10z', '1.5j2', '1.2.3', '1__1', '0_', '09', '0e', '.5_', '1_e5',
            '1if x else 2', '0xfor x in y', '1or 2', '1in x', '1not in x', '1is 2',
            '1 else 2', '5 and 6', 'x = 0b11 in y', '100000000000000000000000z',
            '1' * 5000]:
    case(src)

# --- Names and characters ------------------------------------------------------------------
for src in ['x = 1 \u2026', 'a $ b', 'a ? b', 'a ! b', '`a`', 'x = 1 \u00a0', '\u20ac = 1',
            'x\u200b = 1', 'ab\u00b7 = 1', '\u00b7a = 1', 'é\u2028 = 1', 'a = b\x01',
            'x = 1\x7f', 'if x:\n    a = \u201chello\u201d', '\ufeffx = 1', 'x = 1 # ok\ny = \u3000']:
    case(src)

# --- Indentation ---------------------------------------------------------------------------
for src in ['  x', 'if 1:\n    x\n  y', 'if 1:\n\tx\n        y', 'x=1\n  y=2', 'if x:\npass',
            'if x:\n', 'def f():\nreturn 1', 'class A:\n\n', 'for x in y:\n# c\nz',
            'while x:\nx', 'with a:\nb', 'try:\nx', 'try:\n  x\nexcept:\ny',
            'try:\n  x\nfinally:\ny', 'try:\n  x\nexcept E:\ny', 'try:\n  x\nexcept* E:\ny',
            'if x:\n  a\nelse:\nb', 'if x:\n  a\nelif y:\nb', 'for a in b:\n  pass\nelse:\nc',
            'async def f():\nreturn', 'async with a:\nb', 'async for a in b:\nc',
            'match x:\ncase 1: pass', 'match x:\n  case 1:\n  pass', 'class A(B):\npass',
            'def f(a, b) -> int:\nreturn', 'with (a as b, c):\nd', 'if 1:\n  if 2:\n    x\n y',
            'if 1:\n        x\n    y', 'if 1:\n  \tx\n\t  y', 'if 1:\n\tx\n\t        y',
            '\tx = 1', 'if 1:\n  x\n    y', 'def f():\n  """doc"""\n   x',
            'if x:\n  pass\n  else: pass', 'x = 1\n\\\n  y = 2', 'if 1:\n  x = (1,\n2)\n y',
            'if True:\n\tx = 1\n        y = 2']:
    case(src)
case('if 1:\n' + ''.join(' ' * i + 'if 1:\n' for i in range(1, 101)) + ' ' * 101 + 'pass\n')
case('if 1:\n' + ''.join(' ' * i + 'if 1:\n' for i in range(1, 120)))

# --- Line continuation ---------------------------------------------------------------------
for src in ['x = 1 \\ y', 'x = 1\\', 'x = 1 \\', 'x = \\ 1', 'a = [1,\\ 2]', '\\',
            'x = "a" \\ "b"', 'if x \\y:\n  pass']:
    case(src)

# --- Assignment targets and annotations -----------------------------------------------------
for src in ['1 = 2', 'f() = 2', 'x + 1 = 2', '"a" = 1', 'None = 1', 'True = 1', '... = 1',
            '(a, 1) = 2', '[a, b + 1] = c', 'a, f() = 1, 2', 'x = y = f() = 3', 'a.b() = 1',
            '(yield) = 1', 'yield = 1', 'x = yield = 1', 'lambda: 1 = 1', '{a: b} = 1',
            '{a} = 1', '[x for x in y] = 1', '(x for x in y) = 1', 'a if b else c = 1',
            'a < b = 1', 'not a = 1', '-a = 1', 'f"{x}" = 1', '*a = 1', '**a = 1',
            'a += 1 += 2', 'f() += 1', '(a, b) += 1', '[a] += 1', 'a, b += 1', '1 += 1',
            '(a, b): int', '[a, b]: int', 'a, b: int', 'f(): int', '1: int', 'x: int = 1 = 2',
            '(x): int = 1', '*a, b: int', 'del f()', 'del 1', 'del a + b', 'del (a, f())',
            'del [a, 1]', 'del *a', 'del a, *b', 'del (a for a in b)', 'del a if b else c',
            'for f() in x: pass', 'for 1 in x: pass', 'for a, 1 in x: pass',
            'for a in b in c: pass', '[x for 1 in y]', '[x for a, f() in y]',
            'with a as 1: pass', 'with a as f(): pass', 'with a as (b, 1): pass',
            'x := 1', '(a.b := 1)', '(a[0] := 1)', '((a, b) := 1)', '(1 := 2)',
            'f(a := 1 = 2)', 'a = b := 1', 'x = (y := 1 := 2)', 'if x = 1: pass',
            'while a.b = 1: pass', 'if a[0] = 1: pass', 'assert x = 1', 'if x == 1 = 2: pass',
            'f(x for x in y) = 1', 'x = 1 = 2']:
    case(src)

# --- Calls ---------------------------------------------------------------------------------
for src in ['f(a=1, b)', 'f(**k, a)', 'f(**k, *a)', 'f(a, **x, *y)', 'f(x for x in y, 1)',
            'f(1, x for x in y)', 'f(a, b for b in c, d)', 'f(x=1 for x in y)', 'f(True=1)',
            'f(None=1)', 'f(a+b=1)', 'f(a=1 for a in b)', 'f(a.b=1)', 'f(1=2)', 'f(a, *)',
            'f(*)', 'f(**)', 'f(a=)', 'f(=1)', 'f(a b)', 'f(a, b c)', 'f(a=1, a b)',
            'f(x, *:)', 'f(**x, *)', 'f(a=1, *b, c)', 'f(a for a in b for)', 'f(,)', 'f(a,,b)',
            'print "x"', 'print 1, 2', 'exec "code"', 'print x y', 'print f(x)',
            'print(a b c)', '(a b)', '[a b]', '{a b}', '{a: b c}', 'x = (1 2)', 'f(a)(b c)',
            'a = 1 if b c', 'x = a if b', '[x if y]', 'x = a if b else', 'f(x if)',
            'foo(\n  a\n  b\n)', 'x = [\n  1\n  2\n]', 'match x:\n  case 1 2: pass']:
    case(src)

# --- Displays and comprehensions -----------------------------------------------------------
for src in ['[*a for a in b]', '{*a for a in b}', '(*a for a in b)', '{**a for a in b}',
            '[a, b for a in c]', '{a, b for a in c}', '[a, for a in b]', '{a: *b}',
            '{a:}', '{a: 1, b}', '{a: 1, b:}', '{a: 1, b: *c}', '{1: 2, 3 4}', '{a, b: c}',
            '{a: b, c}', '{**a, b}', '(*a)', '(**a)', '(*a), b', 'print(*)', 'x = *a',
            'x = **a', '[**a]', '{a: **b}', '[x for x in]', '[x for in y]', '[for x in y]',
            '[x for x in y if]', '(x for x)', '[x async for x in y if]', '{x: y for x}',
            '[x for x in y] for', 'x = [i for i in range(3) if i else 0]', '[a for a in b c]',
            '(a for a in b, c)', '{a: b for a, b in c d}']:
    case(src)

# --- Function and lambda parameters --------------------------------------------------------
for src in ['def f(a=1, b): pass', 'def f(a, (b, c)): pass', 'def f((a, b)): pass',
            'def f(/, a): pass', 'def f(/): pass', 'def f(a, /, b, /): pass',
            'def f(a, *, b, /): pass', 'def f(a=1, /, b, c=2): pass', 'def f(a, / *, b): pass',
            'def f(*): pass', 'def f(*, **k): pass', 'def f(*a=1): pass', 'def f(**k=1): pass',
            'def f(**k, a): pass', 'def f(**k, *a): pass', 'def f(**k, **j): pass',
            'def f(*a, *b): pass', 'def f(*, *b): pass', 'def f(a=): pass', 'def f(a, =1): pass',
            'def f(a: int = ): pass', 'def f(**k, /): pass', 'def f(a,, b): pass',
            'def f(a b): pass', 'def f(1): pass', 'def f(a.b): pass', 'def f(a) pass',
            'def f: pass', 'def (a): pass', 'def f(a) -> : pass', 'def f(a):', 'def f(a) -> int',
            'lambda a=1, b: 0', 'lambda (a, b): 0', 'lambda a, (b): 0', 'lambda /, a: 0',
            'lambda a, /, b, /: 0', 'lambda *: 0', 'lambda *, **k: 0', 'lambda *a=1: 0',
            'lambda **k=1: 0', 'lambda **k, a: 0', 'lambda *a, *b: 0', 'lambda a=: 0',
            'lambda a: int: 0', 'lambda a b: 0', 'lambda: ', 'lambda x: yield', 'lambda (x): 0',
            'lambda a, *, b, /: 0', 'lambda a=1, /, b: 0', 'lambda x', 'f = lambda *,: 0',
            'class A(x=1, y): pass', 'class A(**k, *a): pass', 'class (A): pass',
            'class A(: pass', 'class A', 'class A(B)', '@\ndef f(): pass', '@x y\ndef f(): pass',
            '@x\nclass', '@x\n\ndef f(): pass']:
    case(src)

# --- Statements ----------------------------------------------------------------------------
for src in ['if x\n  pass', 'if x pass', 'elif x: pass', 'else: pass', 'while x\n  pass',
            'for x in y\n  pass', 'for x y: pass', 'for x in: pass', 'for in y: pass',
            'with a\n  pass', 'with a as b\n  pass', 'with (a, b)\n  pass', 'with: pass',
            'try\n  pass', 'try: pass', 'try:\n  pass\nx = 1', 'try:\n  pass\nexcept E, F:\n  pass',
            'try:\n  pass\nexcept E as e.f:\n  pass', 'try:\n  pass\nexcept E\n  pass',
            'try:\n  pass\nexcept\n  pass', 'try:\n  pass\nexcept *:\n  pass',
            'try:\n  pass\nexcept* \n  pass', 'try:\n  pass\nexcept E:\n  pass\nexcept* F:\n  pass',
            'try:\n  pass\nexcept* E:\n  pass\nexcept F:\n  pass', 'try:\n  pass\nexcept* E:\n  pass\nexcept:\n  pass',
            'try:\n  pass\nfinally\n  pass', 'try:\n  pass\nelse:\n  pass',
            'try:\n  pass\nfinally:\n  pass\nexcept:\n  pass', 'import', 'import a.', 'import a as',
            'import a as b.c', 'import .a', 'from a import', 'from import a', 'from a import b,',
            'from a import (b,', 'from a import b, c,', 'from a import (b, c', 'from a import *, b',
            'from a import (*)', 'from . import', 'from .. import a as', 'import a, ', 'global',
            'global a,', 'global a b', 'nonlocal', 'nonlocal 1', 'return return', 'raise from x',
            'raise x from', 'raise x, y', 'assert', 'assert x,', 'assert x, y, z', 'del', 'del a,,',
            'pass pass', 'break x', 'continue 1', 'x = 1; ; y = 2', ';', 'x = 1;;', 'if x: pass; elif y: pass',
            'if x:\n  pass\nelse if y:\n  pass', 'if x: pass\nelse\n  pass', 'while x: pass\nelse\n  pass',
            'x = 1 y = 2', 'import a b', 'def f(): pass def g(): pass', 'class A: pass class B: pass',
            'async x = 1', 'async def f() pass', 'await', 'yield from', 'x = yield from',
            'a = b = ', 'a = ', '= a', 'a +', 'a + = 1', 'a ==', '== a', 'a or', 'not', 'a and or b',
            'a .', 'a.1', 'a.(b)', 'a[', 'a[]', 'a[1:2:3:4]', 'a[::', 'x = ...x', 'x = 1 +* 2',
            'x = --', 'x = ~', 'x = a**', 'x = a if else b', 'x = lambda: yield x', 'x: = 1',
            'x: int: str', 'match x:\n  case 1:\n    pass\n  case', 'match x:\n  case a as _:\n    pass',
            'match x:\n  case a as 1:\n    pass', 'match x:\n  case a as b.c:\n    pass',
            'match x:\n  case C(a=1, b):\n    pass', 'match x:\n  case C(a, b=1, c):\n    pass',
            'match x:\n  case 1 + 2:\n    pass', 'match x\n  case 1: pass',
            'match x:\n  case 1\n    pass', 'match x:\n  pass', 'match x:\n  case {**a, b: 1}: pass',
            'match x:\n  case {a: 1}: pass', 'match x:\n  case *a: pass', 'match x:\n  case a | : pass',
            'x = 1\nmatch', 'match = 1 2', 'case = 1 2', '_ = 1 2', 'print(match case)',
            'for x in range(10):\n  pass\n  break\nelse: continue x',
            'x = 1 if True else 2 if False', 'def f():\n  x = 1\n  return x +', 'class A:\n  def f(self):\n    self.x =\n',
            'if True:\n  x = (\n  1,\n  2\n  y = 3', 'x = 1\ny = 2\nz = (3 +\n4 +\n']:
    case(src)

# --- Later lines decide: tokenizer errors after a parser error ------------------------------
for src in ['x = 1 +\ny = "abc', 'if x\n  pass\ny = "abc', 'a b\nc = (', 'a b\n$',
            '1 = 2\nx = 0777', 'f(a b)\n"""', 'def f(\n  x = 1 +\n', 'x = (1\ny = 2\nz = [3',
            'a = 1 2\n  b = 3', 'a = 1 2\nif x:\n  y\n z', 'a = (1 2\n', 'x = [1 2\ny = "a',
            'print "hi"\nx = 1e', 'for x in y\n  z = \u2026']:
    case(src)

# --- Positions in non-ASCII lines ----------------------------------------------------------
for src in ['x = "\u00e9\u00e9" $', 'x = "\u00e9" + f()()() = 1', '\u00e9 = 1 2',
            's = "\u65e5\u672c" + (1 2)', 'x = "\U0001f600" if y', 'print("\u00e9" "\u00e9" 1)',
            'f"\u00e9{a b}"', 'x = 1\n\u00e9\u00e9 = (1 +', '"\u00e9\u00e9\u00e9" = 1',
            'x = ["\u00e9", 2 3]', 'd = {"\u00e9": 1, "\u00e8" 2}']:
    case(src)

# --- Other modes ---------------------------------------------------------------------------
for src, mode in [('x = 1', 'eval'), ('1 +', 'eval'), ('a b', 'eval'), ('', 'eval'),
                  ('1\n2', 'eval'), ('x = 1\ny = 2', 'single'), ('', 'single'),
                  ('if x:\n  pass\nelse', 'single'), ('1; 2', 'single'), ('def f():', 'single'),
                  ('lambda: (yield)', 'eval'), ('(', 'eval'), ('x = (1,\n', 'single'),
                  ('f(a=1, b)', 'eval'), ('  1', 'eval'), ('1\n  ', 'eval')]:
    case(src, mode)

# --- Nesting limits: the tokenizer's 200 brackets, the parser's 6000 rule levels -----------
case('x = ' + '-' * 7000 + '1')
case('not ' * 7000 + 'x')
case('lambda:' * 3000 + '0')
case('x = ' + '(' * 199 + '1' + ')' * 199)
case('[' * 201)
case('f(' * 199 + ')' * 199)

# --- Text that is not UTF-8 (bytes: compiled as bytes, so offsets count bytes) ----------------
for src in [b'o\xff\xfe', b'\xff', b'x\xc3', b'x = \xe9\xff + 1\n', b'a.b\xff\n',
            b'def f\xff(): pass\n', b'x = 1\nyy\xe9z = 2\n', b'\xc3\xa9\xff', b'(\xe9\xff',
            b'x\xed\xa0\x80', b'x = "\xff"\n', b'x = "a\xc3"', b"x = '''\n\xe9\n'''\n",
            b'x = "\\N{\xfbx}"', b'x = "\\x\xff"', b'x = r"\xff"', b'x = b"\xff"',
            b'f"{\xe9\xff}"', b'f"\xff{x}"', b'f"{x:\xff}"', b'# \xff\nx = (', b'`\xe9#\xff',
            b'x = 1 +\xf0\x80\x80\x80', b'x = "\xf4\x90\x80\x80"', b'\xe2\x80 = 1']:
    case(src)
