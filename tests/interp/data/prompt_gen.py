#!/usr/bin/env python3.11
"""Writes prompt.cases: what python3's compile() makes of the interactive prompt's input, with
the flags codeop passes ('single' mode, PyCF_DONT_IMPLY_DEDENT | PyCF_ALLOW_INCOMPLETE_INPUT):
a tree, the SyntaxError "incomplete input" when more lines may complete it, or the usual error.

The inputs are what a prompt session gathers: the first n lines of each statement below and
of every top-level statement of the ast_corpus programs up to twelve lines long, as codeop tries them (without and
with a final newline), and every prefix of a few one-line statements (strings, brackets and
backslashes left open at the end).

Run from this directory:  python3 prompt_gen.py"""
import ast
import glob
import os

from gen_common import PROMPT_FLAGS, describe_parse, write_cases

STATEMENTS = [
    "if x:\n    y = 1\nelif z:\n    y = 2\nelse:\n    y = 3\n",
    "for i in range(3):\n    if i:\n        print(i)\n    else:\n        continue\n",
    "while True:\n    break\nelse:\n    pass\n",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(e)\nfinally:\n    done = 1\n",
    "with open(p) as f, open(q) as g:\n    data = f.read()\n",
    "@decorator\n@other(1)\ndef f(a, b=2, *args, c, **kw):\n    return a\n",
    "class A(B):\n    x = 1\n\n    def m(self):\n        return self.x\n",
    "async def f():\n    await g()\n",
    "match x:\n    case [1, *rest]:\n        pass\n    case {'k': v}:\n        pass\n",
    "x = [1,\n     2,\n     3]\n",
    "d = {'a': 1,\n     'b': (2,\n           3)}\n",
    "s = '''one\ntwo\nthree'''\n",
    "t = \"\"\"\n\"\"\"\n",
    "total = 1 + \\\n    2 + \\\n    3\n",
    "f(a,\n  b=1,\n  *c)\n",
    "if x:\n\n    y = 1\n\n",
    "if x:\n    pass\n  y = 2\n",
    "if x:\n    pass\n        y = 2\n",
    "x = 1; y = 2\n",
    "x = 1\ny = 2\n",
    "def f():\n    '''doc'''\n    # comment\n    return 1\n",
    "lambda x: (x,\n           x)\n",
    "print(f'{x!r:>{width}}',\n      f'''{y}\n''')\n",
    "if x:\n\ty = 1\n        z = 2\n",
    "1 +\n",
    "del x,\n",
    "    x = 1\n",
    "# only a comment\n",
    "\n",
]

ONE_LINERS = [
    "x = 'abc' + \"de\"",
    "s = '''tri'''",
    "f(1, [2, {3: (4,)}])",
    "y = f'{a!r}{b:>{w}}'",
    "z = x \\",
    "if a and not b:",
    "t = b'\\x00' r'\\d'",
    "def g(*, k=1): return k",
]


def sessions(statement):
    lines = statement.split("\n")
    for n in range(1, len(lines)):
        text = "\n".join(lines[:n])
        yield text
        yield text + "\n"


sources = []
for statement in STATEMENTS:
    sources.extend(sessions(statement))
for path in sorted(glob.glob(os.path.join("ast_corpus", "*.py"))):
    with open(path, encoding="utf-8") as f:
        program = f.read()
    lines = program.split("\n")
    for node in ast.parse(program).body:
        if node.end_lineno - node.lineno >= 12:
            continue  # a long class's every prefix would be most of the file
        sources.extend(sessions("\n".join(lines[node.lineno - 1:node.end_lineno]) + "\n"))
for line in ONE_LINERS:
    sources.extend(line[:n] for n in range(1, len(line) + 1))

seen = set()
cases = []
for source in sources:
    if source in seen:
        continue
    seen.add(source)
    cases.append(("prompt", "text", source.encode("utf-8"), describe_parse(source, "prompt")))
assert PROMPT_FLAGS == 0x200 | 0x4000
incomplete = sum("'incomplete input'" in c[3] for c in cases)
print(f"{incomplete} incomplete inputs")
write_cases("prompt.cases", cases)
