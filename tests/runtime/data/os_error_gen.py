#!/usr/bin/env python3
"""Writes os_error_cases.txt: what CPython 3.11 raises for an errno (OSError(errno,
os.strerror(errno)[, filename]), as PyErr_SetFromErrnoWithFilenameObject makes it), and the
base of each OSError subclass (os_error_test.cpp reads it).

Rows, tab-separated:
  raise <errno> <filename or empty for none> <class name> <str> <repr> <args repr>
  base <class name> <its base's name>

Usage: os_error_gen.py > os_error_cases.txt
"""
import errno
import os

ERRNOS = ["ENOENT", "EEXIST", "EISDIR", "ENOTDIR", "EACCES", "EPERM", "EPIPE", "ESHUTDOWN",
          "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "ECHILD", "ESRCH", "ETIMEDOUT", "EINTR",
          "EAGAIN", "EALREADY", "EINPROGRESS", "EINVAL", "EBADF", "ENOSPC"]
SUBCLASSES = ["BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError",
              "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
              "FileExistsError", "FileNotFoundError", "IsADirectoryError", "NotADirectoryError",
              "InterruptedError", "PermissionError", "ProcessLookupError", "TimeoutError"]


def main():
    for line in __doc__.strip().splitlines():
        print(("# " + line).rstrip())
    for name in ERRNOS:
        code = getattr(errno, name)
        for filename in (None, "some file.txt"):
            args = (code, os.strerror(code)) + ((filename,) if filename is not None else ())
            exc = OSError(*args)
            print("\t".join(["raise", str(code), filename or "", type(exc).__name__, str(exc),
                             repr(exc), repr(exc.args)]))
    for name in SUBCLASSES:
        cls = getattr(__builtins__, name)
        print("\t".join(["base", name, cls.__base__.__name__]))


if __name__ == "__main__":
    main()
