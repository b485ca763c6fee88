// Printing an uncaught exception as CPython 3.11 does (traceback_print.cpp).
#ifndef MINIPY_INTERP_RUN_TRACEBACK_PRINT_HPP
#define MINIPY_INTERP_RUN_TRACEBACK_PRINT_HPP

#include "minipy/Python.h"

namespace minipy::interp {

// Writes `exc`'s chain, tracebacks and message to stderr (after flushing stdout). Keeps any
// exception that was set.
void print_exception(PyObject *exc) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_TRACEBACK_PRINT_HPP
