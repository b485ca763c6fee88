"""Shared by the interp test generators: what python3 says about a source, in the text the
minipy_parse_tool prints (tests/interp/case_file.hpp), and the case-file writer.

The generators must run under CPython 3.11 (the behaviour minipy follows)."""
import ast
import sys
import warnings

if sys.version_info[:2] != (3, 11):
    sys.exit("the interp test data is CPython 3.11's: run the generators with python3.11")

warnings.simplefilter("ignore")  # SyntaxWarning/DeprecationWarning for invalid escapes etc.


def describe_error(e):
    if isinstance(e, SyntaxError):
        return repr((type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text))
    return repr((type(e).__name__, str(e), None, None, None, None, None))


def describe_parse(source, mode):
    """ast.dump(tree, include_attributes=True), or the error compile() raises."""
    try:
        tree = compile(source, "<s>", mode, ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
        return describe_error(e)
    return ast.dump(tree, include_attributes=True)


def write_cases(path, cases):
    """cases: (mode, kind, source bytes, expected str) tuples."""
    with open(path, "wb") as out:
        for mode, kind, source, expected in cases:
            out.write(b"#case %s %s %d\n" % (mode.encode(), kind.encode(), len(source)))
            out.write(source + b"\n")
            data = expected.encode("utf-8", "surrogatepass")
            out.write(b"#expect %d\n" % len(data))
            out.write(data + b"\n")
    print(f"{path}: {len(cases)} cases")


def load(path):
    namespace = {}
    with open(path, encoding="utf-8") as f:
        exec(f.read(), namespace)
    return namespace["CASES"]
