# SyntaxErrors from exec(), eval() and compile(): the filename is "<string>" (or compile()'s),
# with the line, offset and text of the source.
def report(call, *args):
    try:
        call(*args)
    except SyntaxError as e:
        print(type(e).__name__, "|", e, "|", e.filename, e.lineno, e.offset, repr(e.text))


report(exec, "1 +")
report(exec, "def f(:\n    pass")
report(exec, "x = (")
report(exec, "  indented")
report(exec, "if True:\nprint(1)")
report(exec, "return 5")
report(exec, "a, b += 1")
report(eval, "x = 1")
report(eval, "")
report(eval, "1 2")
report(compile, "for", "prog.py", "exec")
report(compile, "del f()", "<mine>", "exec")
report(compile, "break", "loop.py", "exec")
report(exec, b"x = '\xff'")
report(exec, "s = 'open")
report(exec, "nonlocal q")
