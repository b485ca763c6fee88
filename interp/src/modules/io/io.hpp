// The file objects: the `_io` built-in module (fd_calls.cpp: the system calls and the UTF-8
// step under the frozen `io` module's classes, src/modules/io.py) and builtins.open
// (open_builtin.cpp), which hands its arguments to io.open.
#ifndef MINIPY_INTERP_MODULES_IO_IO_HPP
#define MINIPY_INTERP_MODULES_IO_IO_HPP

#include "minipy/Python.h"

extern "C" {
PyObject *PyInit__io(void) noexcept;
}

namespace minipy::modules {

// builtins.open: `<built-in function open>`, io.open's signature and behaviour.
extern PyMethodDef open_builtin_def;

}  // namespace minipy::modules

#endif  // MINIPY_INTERP_MODULES_IO_IO_HPP
