// The start-up and shutdown steps of the object layer, one pair per part. Internal to
// runtime/. lifecycle.cpp calls the init steps in the order listed once the allocator and the
// main thread state exist (each returns 0, or -1 when memory ran out), and the fini steps in
// the reverse order after the last collection. A fini step releases everything its part
// still holds (caches, interned objects, free lists), so that nothing is left in MEM or OBJ.
#ifndef MINIPY_LIFECYCLE_PART_LIFECYCLE_HPP
#define MINIPY_LIFECYCLE_PART_LIFECYCLE_HPP

#include "minipy/initconfig.h"

namespace minipy::runtime {
// type_object.cpp: readies object, type, NoneType, NotImplementedType, ellipsis, and the
// builtin_function_or_method type.
int object_init() noexcept;
void object_fini() noexcept;
// exceptions.cpp: readies every exception type.
int exceptions_init() noexcept;
void exceptions_fini() noexcept;
// int_type.cpp / bool_object.cpp: int, bool, the small-int cache (static), iterator types.
int long_init() noexcept;
void long_fini() noexcept;
// float_object.cpp: float and its free list.
int float_init() noexcept;
void float_fini() noexcept;
// str_object.cpp / bytes_object.cpp: str, bytes, their iterators, any cached strings.
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
// type_registry.cpp: readies the descriptor, method, property, super and module types; at
// shutdown empties the attribute cache and restores every static type PyType_Ready changed.
int types_init() noexcept;
void types_fini() noexcept;

// gc_module.cpp: generations and thresholds reset at start; at shutdown every tracked object
// that is garbage is collected (gc_collect_at_shutdown) before the parts' fini steps.
void gc_init() noexcept;
void gc_collect_at_shutdown() noexcept;
void gc_fini() noexcept;

// config_argv.cpp: PyConfig's argv. config_argv_keep copies what sys.argv is to be (parse_argv
// applied) for the interpreter; config_argv_release drops that copy at shutdown.
void config_argv_clear(PyConfig *config) noexcept;
PyStatus config_argv_keep(const PyConfig &config) noexcept;
void config_argv_release() noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_LIFECYCLE_PART_LIFECYCLE_HPP
