// The built-in modules written in C++ (sys_module.cpp, sys_info.cpp, gc_module.cpp,
// time_module.cpp, future_module.cpp, tracemalloc_module.cpp, math_module.cpp,
// random_module.cpp) and the struct sequence type behind sys.version_info, sys.flags, ...
// (struct_sequence.cpp). The import system's table (run/import_load.cpp) lists them.
#ifndef MINIPY_INTERP_MODULES_MODULES_HPP
#define MINIPY_INTERP_MODULES_MODULES_HPP

#include <cstddef>

#include "minipy/Python.h"
#include "minipy/structmember.h"

extern "C" {
PyObject *PyInit___future__(void) noexcept;
PyObject *PyInit_gc(void) noexcept;
PyObject *PyInit_math(void) noexcept;
PyObject *PyInit_time(void) noexcept;
PyObject *PyInit__tracemalloc(void) noexcept;
PyObject *PyInit__random(void) noexcept;
}

namespace minipy::modules {

// The sys module at the interpreter's start-up (its functions and values; argv, path and the
// streams are set by the caller). New reference or NULL.
PyObject *sys_create() noexcept;

// sys.stdin (a new stream on file descriptor 0) and sys.__stdin__ / __stdout__ / __stderr__,
// once sys.stdout and sys.stderr are in `dict`. 0 or -1.
int sys_add_streams(PyObject *dict) noexcept;

// Inserts sys.path[0] for a program whose sys.argv[0] is `argv0`: '' for -c, - or nothing,
// else the directory of the script (symbolic links resolved). 0 or -1.
int sys_set_path0(const char *argv0) noexcept;

// sys's information tuples (version_info, implementation, flags, float_info, int_info,
// hash_info, thread_info) added to `dict`. 0 or -1.
int sys_add_info(PyObject *dict) noexcept;

// A named tuple type for C values, as CPython's PyStructSequence: a tuple subclass named
// `name` ("sys.flags") whose items are also read-only attributes, one per entry of `members`
// (a static, NULL-ended array; STRUCT_SEQUENCE_FIELD(i, "name") gives item i that name);
// repr `sys.flags(debug=0, ...)`. Instances cannot be made from Python. A new reference to a
// heap type, or NULL.
PyTypeObject *struct_sequence_type(const char *name, PyMemberDef *members) noexcept;
#define STRUCT_SEQUENCE_FIELD(index, name)                             \
    {                                                                  \
        (name), T_OBJECT,                                              \
            static_cast<Py_ssize_t>(offsetof(PyTupleObject, ob_item) + \
                                    (index) * sizeof(PyObject *)),     \
            READONLY, nullptr                                          \
    }
// An instance holding `values` (stolen references, as many as the type has fields).
PyObject *struct_sequence_new(PyTypeObject *type, PyObject *const *values, Py_ssize_t n) noexcept;

// `type_name(name1=repr(value1), ...)`: the repr of struct sequences and of sys.implementation.
// `names` (str) and `values` are lists or tuples of the same length.
PyObject *fields_repr(const char *type_name, PyObject *names, PyObject *values) noexcept;

// At shutdown, once the module namespaces are emptied: gc.callbacks stops being called and
// the gc module's own reference to the list goes (as CPython's _PyGC_Fini drops it), so that
// a callback still registered, and the namespace it holds, is collected, not leaked.
void gc_callbacks_fini() noexcept;

// The bytes the runtime keeps in front of an object of `type` in its block (CPython's
// _PyType_PreHeaderSize): the GC header (the runtime's PyGC_Head, two words, not a public
// type) when the type has the GC flag, and a managed __dict__'s two words. sys.getsizeof
// counts them; tracemalloc finds an object's block by them (the tracemalloc_objects and
// sys_getsizeof script cases check the layout).
inline Py_ssize_t object_preheader_size(PyTypeObject *type) noexcept {
    Py_ssize_t size = 0;
    if (PyType_IS_GC(type)) size += 2 * static_cast<Py_ssize_t>(sizeof(uintptr_t));
    if (PyType_HasFeature(type, Py_TPFLAGS_MANAGED_DICT))
        size += 2 * static_cast<Py_ssize_t>(sizeof(PyObject *));
    return size;
}

}  // namespace minipy::modules

#endif  // MINIPY_INTERP_MODULES_MODULES_HPP
