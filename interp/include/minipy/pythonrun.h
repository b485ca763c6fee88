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
/* The interactive prompt (CPython's PyRun_InteractiveLoop): reads statements from `fp`,
 * prompting with sys.ps1 and sys.ps2 (set to '>>> ' and '... ' when missing), compiles them
 * as codeop does (a statement that more lines may complete asks for them; a blank line ends a
 * block), runs each in __main__, echoes the repr of an expression statement's value and keeps
 * it in builtins._. An exception is printed and the loop goes on; Ctrl-C while reading prints
 * KeyboardInterrupt and prompts again; end of input ends the loop (0). SystemExit ends the
 * process. Lines come from PyOS_Readline. `filename` names the input in tracebacks
 * ("<stdin>"). */
PyAPI_FUNC(int) PyRun_InteractiveLoop(FILE *fp, const char *filename) MINIPY_NOEXCEPT;

/* Reads one line for the prompt: a PyMem_Malloc'd string with its newline, "" at end of
 * input, or NULL with an exception (KeyboardInterrupt when Ctrl-C came while waiting).
 * When both `in` and `out` are terminals it calls PyOS_ReadlineFunctionPointer (a host puts
 * line editing there); otherwise it writes the prompt to stderr and reads `in` itself. The
 * GIL is released while waiting. */
PyAPI_FUNC(char *) PyOS_Readline(FILE *in, FILE *out, const char *prompt) MINIPY_NOEXCEPT;
/* The line editor: called without the GIL; returns a PyMem_RawMalloc'd line with its newline,
 * "" at end of input, or NULL when interrupted by SIGINT (PyOS_InterruptOccurred() tells) or
 * out of memory. Default: PyOS_StdioReadline (no editing). */
PyAPI_DATA(char) * (*PyOS_ReadlineFunctionPointer)(FILE *, FILE *, const char *);
PyAPI_FUNC(char *) PyOS_StdioReadline(FILE *in, FILE *out, const char *prompt) MINIPY_NOEXCEPT;

/* The command line's settings for the interpreter (CPython keeps them in PyConfig; minipy's
 * runtime knows no compiler). optimization_level: -O's count (asserts dropped when > 0, and
 * __debug__ is False; docstrings too when > 1). inspect: -i, an uncaught SystemExit is printed
 * like any exception instead of ending the process (the prompt follows); the command turns it
 * off again before the prompt starts. */
PyAPI_FUNC(void) minipy_set_optimization_level(int level) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_set_inspect(int inspect) MINIPY_NOEXCEPT;

/* What sys.flags reports of the command line besides -O (CPython keeps it in PyConfig),
 * each field 0 or 1: -d, -i (inspect: also PYTHONINSPECT), -i (interactive), -B or
 * PYTHONDONTWRITEBYTECODE, -s / -I / PYTHONNOUSERSITE, -S, -E / -I, -q, hash randomization
 * (0 only for PYTHONHASHSEED=0), -I, -X dev / PYTHONDEVMODE, -I / PYTHONSAFEPATH. Copied; it
 * counts when sys is made, before the first program runs. Without it an embedded interpreter
 * reports the environment's PYTHONDONTWRITEBYTECODE and PYTHONHASHSEED and 0 elsewhere. */
typedef struct {
    int debug;
    int inspect;
    int interactive;
    int dont_write_bytecode;
    int no_user_site;
    int no_site;
    int ignore_environment;
    int quiet;
    int hash_randomization;
    int isolated;
    int dev_mode;
    int safe_path;
} minipy_flags;
PyAPI_FUNC(void) minipy_set_flags(const minipy_flags *flags) MINIPY_NOEXCEPT;

/* The exit status an uncaught SystemExit asks for (its code: None 0, an int itself, else 1
 * after printing it), or -1 when `exc` is not a SystemExit. */
PyAPI_FUNC(int) minipy_system_exit_status(PyObject *exc) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYTHONRUN_H */
