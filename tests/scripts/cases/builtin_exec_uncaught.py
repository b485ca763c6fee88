# An uncaught SyntaxError raised by exec(): the traceback names "<string>".
print("before")
exec("y = 1\nz = (y +")
