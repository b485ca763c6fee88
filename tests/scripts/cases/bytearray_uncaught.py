# An uncaught error from a bytearray operation: the traceback and message as CPython's.
buffer = bytearray(b"abc")
buffer.append(256)
