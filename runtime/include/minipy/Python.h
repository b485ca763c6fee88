/* minipy/Python.h: every public header of minipy, as CPython's Python.h is every public
 * header of CPython. Code written for CPython's C API that sticks to the parts minipy has
 * compiles unchanged against it: add minipy's include/minipy directory to the include path
 * (the minipy::runtime CMake target and `pkg-config minipy` do), then #include <Python.h>. */
#ifndef MINIPY_PYTHON_H
#define MINIPY_PYTHON_H

#include "minipy/pyport.h"

#include "minipy/pymem.h"
#include "minipy/pymalloc.h"

#include "minipy/initconfig.h"
#include "minipy/pystate.h"
#include "minipy/pygil.h"
#include "minipy/pylifecycle.h"

#endif /* MINIPY_PYTHON_H */
