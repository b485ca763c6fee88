// What the embedding entry points (pythonrun.cpp) share with the interactive loop (repl.cpp):
// starting the interpreter, running a code object at the top, and what an uncaught exception
// does there.
#ifndef MINIPY_INTERP_RUN_PYTHONRUN_INTERNAL_HPP
#define MINIPY_INTERP_RUN_PYTHONRUN_INTERNAL_HPP

#include "minipy/Python.h"
#include "parse/frontend.hpp"

namespace minipy::interp {

// Starts the interpreter on first use and installs its hooks; 0 or -1 with an exception.
int ensure_started() noexcept;

// Source to code object: Py_CompileString's path, and compile()/exec()/eval()'s. `kind`:
// a str's text or a file's (or bytes object's) bytes, with BOM and coding cookie;
// `lines_in_errors`: the compiler's SyntaxErrors quote `text` when `filename` is a real
// name (not "<...>"). optimize < 0: the interpreter's level (-O). NULL with an exception.
PyObject *compile_text(const char *text, Py_ssize_t size, PyObject *filename, int start,
                       parse::SourceKind kind, bool lines_in_errors, parse::ParseFlags flags,
                       int optimize) noexcept;

// Runs a module-level code object in `globals` (CPython's run_eval_code_obj): the result, or
// NULL with an exception; keeps the "uncaught KeyboardInterrupt" flag of intrcheck.h.
PyObject *run_code_at_top(PyObject *code, PyObject *globals) noexcept;

// Takes the raised exception: a SystemExit ends the process with its status (after
// Py_FinalizeEx), unless -i asked for the prompt afterwards; any other is printed.
void handle_uncaught() noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_PYTHONRUN_INTERNAL_HPP
