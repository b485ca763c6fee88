/* minipy/Python.h: every public header of minipy, as CPython's Python.h is every public
 * header of CPython. Code written for CPython's C API that sticks to the parts minipy has
 * compiles unchanged against it: add minipy's include/minipy directory to the include path
 * (the minipy::runtime CMake target and `pkg-config minipy` do), then #include <Python.h>. */
#ifndef MINIPY_PYTHON_H
#define MINIPY_PYTHON_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minipy/pyport.h"

#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"

#include "minipy/abstract.h"
#include "minipy/boolobject.h"
#include "minipy/bytearrayobject.h"
#include "minipy/bytesobject.h"
#include "minipy/classobject.h"
#include "minipy/descrobject.h"
#include "minipy/dictobject.h"
#include "minipy/floatobject.h"
#include "minipy/funcobject.h"
#include "minipy/iterobject.h"
#include "minipy/listobject.h"
#include "minipy/longobject.h"
#include "minipy/methodobject.h"
#include "minipy/modsupport.h"
#include "minipy/moduleobject.h"
#include "minipy/object.h"
#include "minipy/objimpl.h"
#include "minipy/pyerrors.h"
#include "minipy/pyhash.h"
#include "minipy/rangeobject.h"
#include "minipy/recursionlimit.h"
#include "minipy/setobject.h"
#include "minipy/sliceobject.h"
#include "minipy/tupleobject.h"
#include "minipy/typeslots.h"
#include "minipy/unicodeobject.h"

#include "minipy/initconfig.h"
#include "minipy/memusage.h"
#include "minipy/pygil.h"
#include "minipy/pylifecycle.h"
#include "minipy/pystate.h"
#include "minipy/runtime_hooks.h"

/* The interpreter's headers (compiling and running code, importing, sys), when the program
 * is built against minipy::interp too: its include directory is then on the path. A program
 * that links the runtime alone does without them. */
#if defined(__has_include)
#if __has_include("minipy/pythonrun.h")
#include "minipy/import.h"
#include "minipy/intrcheck.h"
#include "minipy/pythonrun.h"
#include "minipy/sysmodule.h"
#include "minipy/traceback.h"
#endif
#endif

#endif /* MINIPY_PYTHON_H */
