#!/usr/bin/env python3.11
"""Writes errors.cases: for each source of error_cases.py, the SyntaxError (type, msg,
lineno, offset, end_lineno, end_offset, text) python3's compile() raises, or the dump when
it parses after all.

Run from this directory:  python3 error_gen.py"""
from gen_common import describe_parse, load, write_cases



def text_case(source, mode):
    # A str is compiled as str. Bytes stand for text that is not UTF-8, which minipy reads as
    # compile() reads such bytes.
    if isinstance(source, bytes):
        try:
            source.decode("utf-8")
        except UnicodeDecodeError:
            return (mode, "text", source, describe_parse(source, mode))
        raise SystemExit(f"a bytes case must not be UTF-8: {source!r}")
    return (mode, "text", source.encode("utf-8", "surrogatepass"), describe_parse(source, mode))


cases = [text_case(source, mode) for source, mode in load("error_cases.py")]
write_cases("errors.cases", cases)
