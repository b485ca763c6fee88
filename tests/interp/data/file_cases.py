# Sources read as script files (SourceKind::File): bytes, since what is tested is how the
# file's bytes become text (BOM, coding cookies, bad UTF-8, NUL bytes, newlines) and where
# errors point in a file without a declared encoding (in bytes, as CPython). file_gen.py
# runs each with `python3 case.py` and records the SyntaxError sys.excepthook sees, or the
# dump of a file that compiles. Keep the valid ones free of side effects: they are run.

CASES = [
    b'x = 1\ny = 2\nz = "\xff"\n',
    b'\xff = 1\n',
    b'x = 1\n# comment \xc3\x28 with a bad sequence\ny = 2\n',
    b'x = 1\n"""\xe9"""\n',
    b'x = "\xed\xa0\x80"\n',
    b'x = 1\nab\x00cd\n',
    b'\x00',
    b'x = 1 +\n',
    b'\xef\xbb\xbfx = 1 +\n',
    b'\xef\xbb\xbf# coding: latin-1\nx = 1\n',
    b'\xef\xbb\xbf# coding: utf-8\nx = 1 +\n',
    b'# coding: utf-8\nz = "\xff"\n',
    b'# -*- coding: latin-1 -*-\nx = "\xe9" +\n',
    b'#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\nx = "\xe9\xe9" $\n',
    b'x = 1\n# coding: latin-1\ny = "\xe9"\n',
    b'x = "\xc3\xa9\xc3\xa9" $\n',
    b'# coding: utf-8\nx = "\xc3\xa9\xc3\xa9" $\n',
    b'x = "\xc3\xa9" + (1 2)\n',
    b's = "\xe6\x97\xa5\xe6\x9c\xac" + f()()() = 1\n',
    b'x = 1\r\ny = (\r\n',
    b'x = 1\ry = 2 3\r',
    b'if x:\n  y = 1\n z\n',
    b'if x:\n\ty = 1\n        z = 2\n',
    b'x = (1,\n     2\ny = 3\n',
    b'x = """abc\n\ndef"""  +\n',
    b'def f():\n    return x +\n',
    b'x = 1\n\ny = 1 2\n',
    b'print "hello"\n',
    b'x = 1',
    b'x = (1 +',
    b'x = 1\n',
    b'# -*- coding: latin-1 -*-\ns = "\xe9"\n',
    b'\xef\xbb\xbfs = "\xc3\xa9"\n',
    b'# coding=utf8\ns = "\xc3\xa9"\n',
    b'',
    b'\n\n',
]
