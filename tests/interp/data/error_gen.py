#!/usr/bin/env python3.11
"""Writes errors.cases: for each source of error_cases.py, the SyntaxError (type, msg,
lineno, offset, end_lineno, end_offset, text) python3's compile() raises, or the dump when
it parses after all.

Run from this directory:  python3 error_gen.py"""
from gen_common import describe_parse, load, write_cases

cases = [(mode, "text", source.encode("utf-8", "surrogatepass"), describe_parse(source, mode))
         for source, mode in load("error_cases.py")]
write_cases("errors.cases", cases)
