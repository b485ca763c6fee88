// The interpreter's process-wide state: one interpreter per runtime, started on first use
// by an entry point (pythonrun.cpp) and stopped by the runtime's finalize hook. It holds the
// builtins namespace, sys, sys.modules, the strings the loop uses as names, and the built-in
// functions some instructions specialize for (len, isinstance, ...).
#ifndef MINIPY_INTERP_RUN_INTERP_STATE_HPP
#define MINIPY_INTERP_RUN_INTERP_STATE_HPP

#include "minipy/Python.h"
#include "minipy/pythonrun.h"

namespace minipy::interp {

// ORDER NAMES: strings the interpreter looks up by name, interned at start-up.
#define MINIPY_INTERP_NAMES(X) \
    X(__builtins__)            \
    X(__name__)                \
    X(__qualname__)            \
    X(__module__)              \
    X(__doc__)                 \
    X(__file__)                \
    X(__main__)                \
    X(__build_class__)         \
    X(__import__)              \
    X(__classcell__)           \
    X(__class__)               \
    X(__annotations__)         \
    X(__dict__)                \
    X(__enter__)               \
    X(__exit__)                \
    X(__len__)                 \
    X(__iter__)                \
    X(__next__)                \
    X(__spec__)                \
    X(__path__)                \
    X(__package__)             \
    X(__loader__)              \
    X(__all__)                 \
    X(__mro_entries__)         \
    X(__prepare__)             \
    X(__init__)                \
    X(__format__)              \
    X(send)                    \
    X(throw)                   \
    X(close)                   \
    X(keys)                    \
    X(items)                   \
    X(write)                   \
    X(flush)                   \
    X(stdout)                  \
    X(stderr)                  \
    X(stdin)                   \
    X(excepthook)              \
    X(displayhook)             \
    X(modules)                 \
    X(path)                    \
    X(argv)                    \
    X(_)                       \
    X(metaclass)               \
    X(top)

struct InterpNames {
#define MINIPY_DECLARE_NAME(name) PyObject *id_##name;
    MINIPY_INTERP_NAMES(MINIPY_DECLARE_NAME)
#undef MINIPY_DECLARE_NAME
};

struct InterpState {
    bool initialized;
    PyObject *builtins;         // dict: the builtins namespace
    PyObject *builtins_module;  // the `builtins` module, when modules exist; else NULL
    PyObject *sysdict;          // dict: the sys module's namespace
    PyObject *sys_module;       // the `sys` module, when modules exist; else NULL
    PyObject *modules;          // dict: sys.modules
    PyObject *empty_tuple;
    // Built-ins that CALL specializes for; borrowed from the builtins dict.
    PyObject *builtin_len;
    PyObject *builtin_isinstance;
    // sys.stdout / sys.stderr: stream objects print() recognises and writes to directly.
    PyObject *stdout_object;
    PyObject *stderr_object;
    int optimize;        // -O count: asserts are compiled out when > 0
    minipy_flags flags;  // sys.flags' other fields, when flags_given (minipy_set_flags)
    bool flags_given;
    InterpNames names;
};

extern InterpState g_interp;

// Starts the interpreter on the running runtime if it is not running yet (the builtins, sys,
// the types); 0 or -1 with an exception. Every entry point calls it first.
int interp_ensure_started() noexcept;
// interp_ensure_started plus the runtime hooks the public entry points install (the
// interpreter's shutdown at Py_FinalizeEx, the traceback printer): what every public C API
// function of the interpreter calls first (pythonrun.cpp).
int interp_ensure_embedded() noexcept;

// The builtins a new function or frame uses: globals['__builtins__'] (a module stands for its
// dict; any other object is used as it is, through eval::builtins_item), else the
// interpreter's dict. Borrowed.
PyObject *builtins_from_globals(PyObject *globals) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_INTERP_STATE_HPP
