# compile(): the three modes, file names of every accepted type, optimize, dont_inherit, the
# codeop flags (PyCF_DONT_IMPLY_DEDENT | PyCF_ALLOW_INCOMPLETE_INPUT) and the __future__
# features that are mandatory in Python 3.
import __future__


class Where:
    def __fspath__(self):
        return "pathlike.py"


for name in ("plain.py", b"bytes.py", Where()):
    code = compile("value = 1", name, "exec")
    print(type(code).__name__, code.co_filename, code.co_name)

space = {}
exec(compile("a = 2\nb = a * 21", "<two>", "exec"), space)
print(space["b"])
print(eval(compile("[1, 2][-1] * 3", "<e>", "eval")))
single = compile("6 * 7", "<single>", "single")
exec(single)
exec(compile("None", "<single>", "single"))
exec(compile("if True:\n    'inside a block'\n", "<single>", "single"))
exec(compile("for i in range(2): i\n", "<single>", "single"))

for level in (-1, 0, 1, 2):
    code = compile("assert False, 'kept'", "<opt>", "exec", optimize=level)
    try:
        exec(code)
        print(level, "assert dropped")
    except AssertionError as e:
        print(level, "assert kept:", e)
    doc = compile("def f():\n    'doc'\n", "<doc>", "exec", 0, False, level)
    ns = {}
    exec(doc, ns)
    print(level, "docstring:", ns["f"].__doc__)

print(type(compile("1", "f", "exec", dont_inherit=True)).__name__)
print(type(compile("1", "f", "exec", 0, 1)).__name__)

incomplete = 0x200 | 0x4000
for source in ("if x:", "if x:\n    pass", "x = 1", "(1,", "1 +", "'''open", "def f():\n"):
    try:
        compile(source, "<codeop>", "single", incomplete)
        print(repr(source), "complete")
    except SyntaxError as e:
        print(repr(source), "SyntaxError:", e)
print(type(compile("if x:\n    pass\n", "<codeop>", "single", 0x200)).__name__)

for feature in ("division", "absolute_import", "with_statement", "print_function",
                "unicode_literals", "generator_stop", "nested_scopes"):
    flag = getattr(__future__, feature).compiler_flag
    print(feature, type(compile("1", "f", "exec", flag)).__name__)
