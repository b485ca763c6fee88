// The start-up and shutdown steps of the object layer, one pair per part. Internal to
// runtime/. lifecycle.cpp calls the init steps in the order listed once the allocator and the
// main thread state exist (each returns 0, or -1 when memory ran out), and the fini steps in
// the reverse order after the last collection. A fini step releases everything its part
// still holds (caches, interned objects, free lists), so that nothing is left in MEM or OBJ.
#ifndef MINIPY_OBJECT_LIFECYCLE_HPP
#define MINIPY_OBJECT_LIFECYCLE_HPP

#include <cstddef>

#include "minipy/object.h"

// The header of a static type object in a C++20 designated initializer (which must name every
// clause, so PyVarObject_HEAD_INIT cannot be used):
//     PyTypeObject PyFoo_Type = {MINIPY_TYPE_OBJECT_HEAD, .tp_name = "foo", ...};
// Slots left out are zero, as in CPython's own tables; the runtime is built with
// -Wno-missing-field-initializers for exactly this.
#define MINIPY_TYPE_OBJECT_HEAD .ob_base = {{1, &PyType_Type}, 0}

namespace minipy::runtime {

// What Py_InitializeFromConfig resolved; read by the parts.
struct ObjectSettings {
    bool use_freelists = true;
};
extern constinit ObjectSettings g_object_settings;
inline bool use_freelists() noexcept { return g_object_settings.use_freelists; }

// object.cpp: readies object, type, NoneType, NotImplementedType, ellipsis, and the
// builtin_function_or_method type.
int object_init() noexcept;
void object_fini() noexcept;
// exceptions.cpp: readies every exception type.
int exceptions_init() noexcept;
void exceptions_fini() noexcept;
// longobject / boolobject: int, bool, the small-int cache (static), iterator types.
int long_init() noexcept;
void long_fini() noexcept;
// floatobject: float and its free list.
int float_init() noexcept;
void float_fini() noexcept;
// unicodeobject / bytesobject: str, bytes, their iterators, any cached strings.
int unicode_init() noexcept;
void unicode_fini() noexcept;
int bytes_init() noexcept;
void bytes_fini() noexcept;
// tuple, list, range, slice (and their iterators); tuple's and list's free lists.
int tuple_init() noexcept;
void tuple_fini() noexcept;
int list_init() noexcept;
void list_fini() noexcept;
int range_slice_init() noexcept;
void range_slice_fini() noexcept;
// dict and set (and their views and iterators); dict's free lists.
int dict_init() noexcept;
void dict_fini() noexcept;
int set_init() noexcept;
void set_fini() noexcept;

// gc_module.cpp: generations and thresholds reset at start; at shutdown every tracked object
// that is garbage is collected (gc_collect_at_shutdown) before the parts' fini steps.
void gc_init() noexcept;
void gc_collect_at_shutdown() noexcept;
void gc_fini() noexcept;

// The empty tuple: a static singleton (tupleobject), never freed, usable before any
// allocation (the preallocated MemoryError's args).
PyObject *empty_tuple() noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECT_LIFECYCLE_HPP
