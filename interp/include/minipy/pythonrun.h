/* minipy/pythonrun.h: compiling and running source text and files (CPython 3.11's
 * Include/pythonrun.h and cpython/pythonrun.h), and PyEval_EvalCode.
 *
 * C-compatible. Every function needs a running runtime (Py_Initialize) and the GIL; the first
 * call starts the interpreter on it (builtins, sys). The Simple forms run in __main__'s
 * namespace and print an uncaught exception's traceback as python3 does; SystemExit ends the
 * process with its status, as in CPython. */
#ifndef MINIPY_PYTHONRUN_H
#define MINIPY_PYTHONRUN_H

#include <stdio.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* The start symbols (CPython's values). */
#define Py_single_input 256
#define Py_file_input   257
#define Py_eval_input   258

/* The code object of `str` (new reference), or NULL with SyntaxError etc. */
PyAPI_FUNC(PyObject *)
    Py_CompileString(const char *str, const char *filename, int start) MINIPY_NOEXCEPT;
/* Runs a code object in `globals` (a dict) with `locals` (a mapping; NULL: globals). */
PyAPI_FUNC(PyObject *)
    PyEval_EvalCode(PyObject *co, PyObject *globals, PyObject *locals) MINIPY_NOEXCEPT;
/* Compiles and runs `str`: the result (None for Py_file_input) or NULL with an exception. */
PyAPI_FUNC(PyObject *)
    PyRun_String(const char *str, int start, PyObject *globals, PyObject *locals) MINIPY_NOEXCEPT;
/* Runs `command` in __main__: 0, or -1 after printing the exception. */
PyAPI_FUNC(int) PyRun_SimpleString(const char *command) MINIPY_NOEXCEPT;
/* Reads `fp` to its end and runs it in __main__ as `filename` (closed when closeit): 0, or -1
 * after printing the exception. */
PyAPI_FUNC(int) PyRun_SimpleFileEx(FILE *fp, const char *filename, int closeit) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyRun_SimpleFile(FILE *fp, const char *filename) MINIPY_NOEXCEPT;
/* The __main__ namespace (borrowed; made on first use). */
PyAPI_FUNC(PyObject *) minipy_main_dict(void) MINIPY_NOEXCEPT;
/* sys.argv for the program: argv[0..argc) as str. 0 or -1 with an exception. */
PyAPI_FUNC(int) minipy_set_argv(int argc, char *const *argv) MINIPY_NOEXCEPT;
/* The exit status an uncaught SystemExit asks for (its code: None 0, an int itself, else 1
 * after printing it), or -1 when `exc` is not a SystemExit. */
PyAPI_FUNC(int) minipy_system_exit_status(PyObject *exc) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYTHONRUN_H */
