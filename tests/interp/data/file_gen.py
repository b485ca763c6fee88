#!/usr/bin/env python3.11
"""Writes file.cases: each source of file_cases.py run as the script case.py by python3,
with a sys.excepthook (from a sitecustomize module) that prints the SyntaxError the way the
parse tool prints errors; a source that compiles gets the dump of its tree instead.

Run from this directory:  python3 file_gen.py"""
import ast
import os
import subprocess
import sys
import tempfile

from gen_common import describe_error, load, write_cases

HOOK = """import sys
def hook(kind, error, tb):
    if isinstance(error, SyntaxError):
        print(repr((kind.__name__, error.msg, error.lineno, error.offset, error.end_lineno,
                    error.end_offset, error.text)))
    else:
        print(repr((kind.__name__, str(error), None, None, None, None, None)))
sys.excepthook = hook
"""

cases = []
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "sitecustomize.py"), "w") as f:
        f.write(HOOK)
    for source in load("file_cases.py"):
        with open(os.path.join(tmp, "case.py"), "wb") as f:
            f.write(source)
        env = dict(os.environ, PYTHONPATH=tmp, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
        run = subprocess.run([sys.executable, "case.py"], cwd=tmp, env=env, capture_output=True)
        # python3 names the script by its full path; the tests parse it as "case.py".
        out = run.stdout.decode("utf-8").strip().replace(os.path.join(tmp, "case.py"), "case.py")
        if run.returncode == 0:
            try:
                out = ast.dump(compile(source, "case.py", "exec", ast.PyCF_ONLY_AST),
                               include_attributes=True)
            except SyntaxError as e:
                out = describe_error(e)
        cases.append(("exec", "file", source, out))
write_cases("file.cases", cases)
