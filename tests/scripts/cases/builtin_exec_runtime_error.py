# An exception raised inside exec()'d code: the traceback goes through "<string>".
def helper():
    exec("a = 1\nb = 0\nprint(a / b)")


helper()
