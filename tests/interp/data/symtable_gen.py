#!/usr/bin/env python3.11
"""Writes symtable.cases: for each source of symtable_cases.py, the exec-mode sources of
ast_cases.py (every statement and expression kind) and ast_corpus/*.py, python3's
symbol table as _symtable.symtable() builds it (future imports first, then the table), as
repr((type, name, lineno, nested, sorted(symbols.items()), varnames, [children...])), or
the SyntaxError it raises.

Run from this directory:  python3 symtable_gen.py"""
import _symtable
import glob
import os

from gen_common import describe_error, load, write_cases


def describe(entry):
    return (entry.type, entry.name, entry.lineno, entry.nested, sorted(entry.symbols.items()),
            entry.varnames, [describe(child) for child in entry.children])


def describe_table(source):
    try:
        return repr(describe(_symtable.symtable(source, "<s>", "exec")))
    except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
        return describe_error(e)


sources = list(load("symtable_cases.py"))
sources += [source for source, mode in load("ast_cases.py")
            if mode == "exec" and source not in sources]
for path in sorted(glob.glob(os.path.join("ast_corpus", "*.py"))):
    with open(path, encoding="utf-8") as f:
        sources.append(f.read())
write_cases("symtable.cases",
            [("symtable", "text", s.encode("utf-8"), describe_table(s)) for s in sources])
