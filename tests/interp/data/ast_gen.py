#!/usr/bin/env python3.11
"""Writes ast.cases: for each source of ast_cases.py and ast_corpus/*.py, what python3's
compile(..., ast.PyCF_ONLY_AST) and ast.dump(tree, include_attributes=True) give.

Run from this directory:  python3 ast_gen.py"""
import glob
import os

from gen_common import describe_parse, load, write_cases

cases = []
for source, mode in load("ast_cases.py"):
    cases.append((mode, "text", source.encode("utf-8"), describe_parse(source, mode)))
for path in sorted(glob.glob(os.path.join("ast_corpus", "*.py"))):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    cases.append(("exec", "text", source.encode("utf-8"), describe_parse(source, "exec")))
write_cases("ast.cases", cases)
