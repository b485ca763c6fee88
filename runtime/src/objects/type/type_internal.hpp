// What the type system's files share (internal to runtime/src; the public API is object.h,
// descrobject.h, funcobject.h, classobject.h and runtime_hooks.h). The map:
//
//   type_object.cpp      `object`, `type`'s slots, the singletons, allocation (objimpl.h)
//   object_methods.cpp   the methods and attributes every object inherits from `object`
//   object_reduce.cpp    object.__reduce__ / __reduce_ex__ / __getstate__ (the pickle protocol)
//   type_ready.cpp       PyType_Ready: bases, MRO, the dict, slot inheritance
//   type_mro.cpp         C3 linearization, best base and layout checks
//   type_registry.cpp    static types back to their pristine state at shutdown; subclasses
//   type_lookup.cpp      _PyType_Lookup and its method cache, version tags, PyType_Modified
//   type_attributes.cpp  type's getsets, members and methods (__name__, mro(), ...)
//   type_new.cpp         type(name, bases, dict): classes made at run time
//   type_spec.cpp        PyType_FromSpec
//   subtype.cpp          instances of classes: dealloc, traverse, clear, __dict__, __slots__
//   slot_defs.cpp        the slot table: special method names <-> C slots, and its updates
//   slot_wrappers.cpp    C slots called as methods (wrapper_descriptor's glue, wrap_*)
//   slot_dispatch.cpp    special methods called as C slots (a class's slot_* functions)
//   descr_object.cpp     method/classmethod/getset/member/wrapper descriptors, method-wrapper
//   mappingproxy.cpp     the read-only mapping type.__dict__ returns
//   runtime_hooks.cpp    the interpreter's hooks (runtime_hooks.h)
// Elsewhere: protocols/generic_attr.cpp (PyObject_GenericGetAttr & co.), protocols/isinstance.cpp,
// objects/method/{bound_method,classmethod,property,super}.cpp, objects/module/.
#ifndef MINIPY_OBJECTS_TYPE_TYPE_INTERNAL_HPP
#define MINIPY_OBJECTS_TYPE_TYPE_INTERNAL_HPP

#include "lifecycle/part_lifecycle.hpp"
#include "minipy/Python.h"

namespace minipy::runtime {

// --- Instance layout --------------------------------------------------------------------------
//
// A class that gives its instances a __dict__ (Py_TPFLAGS_MANAGED_DICT) keeps the dict pointer in
// front of the object, before the GC header, as CPython 3.11 does:
//
//     block:  | values | dict | _gc_next | _gc_prev | PyObject ... slots ... |
//                                                   ^ op
//
// op[-3] is the dict (NULL until first needed), op[-4] is reserved for a values array in
// front of the object as CPython 3.11 keeps it (unused: minipy's split tables keep the values
// in the dict object; see runtime/README.md, "Instance attributes"). This works for every
// base, str and int included, whose objects vary in size.
inline constexpr std::size_t kManagedPreheaderWords = 2;

inline PyObject **managed_dict_ptr(PyObject *op) noexcept {
    return reinterpret_cast<PyObject **>(op) - 3;
}
inline void **managed_values_ptr(PyObject *op) noexcept {
    return reinterpret_cast<void **>(op) - 4;
}
// Bytes in front of the GC header.
inline std::size_t preheader_size(PyTypeObject *type) noexcept {
    return (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) ? kManagedPreheaderWords * sizeof(void *) : 0;
}

// PyObject_GenericGetAttr, except that a missing attribute is NULL without an exception
// (protocols/generic_attr.cpp).
PyObject *generic_getattr_or_null(PyObject *obj, PyObject *name) noexcept;

// "module.Qualname" of a class, or tp_name for the built-in ones (what the reprs of classes
// and of their instances show); new reference.
PyObject *type_display_name(PyTypeObject *type) noexcept;

// The `__dict__` slot of `obj`, whatever the layout (managed, or at tp_dictoffset); NULL when
// the type has none.
PyObject **object_dict_ptr(PyObject *obj) noexcept;

// --- Static types (type_registry.cpp) ----------------------------------------------------------

// Records a static type before PyType_Ready first changes it, so that shutdown can put it back
// as the program defined it (the dict, MRO and inherited slots go; the next start-up readies
// it again). False when memory ran out.
bool static_type_register(PyTypeObject *type) noexcept;
// Shutdown: drops every readied static type's dict, MRO, bases and subclass list, then restores
// each to its recorded state. Runs before the object parts release their caches.
void static_types_fini() noexcept;

// Subclass lists (tp_subclasses: a dict from the subclass's address to nothing; a heap type
// takes itself out when it is freed, so no weak references are needed).
int subclass_add(PyTypeObject *base, PyTypeObject *type) noexcept;
void subclass_remove(PyTypeObject *base, PyTypeObject *type) noexcept;
// A new list of the live subclasses, in the order they were made.
PyObject *subclass_list(PyTypeObject *type) noexcept;
// Calls `visit` for each direct subclass; stops at the first non-zero result and returns it.
int subclass_visit(PyTypeObject *type, int (*visit)(PyTypeObject *, void *), void *arg) noexcept;

// --- Lookup (type_lookup.cpp) --------------------------------------------------------------------

// The attribute along the MRO, borrowed, without the cache; *error is 1 when the type cannot
// be searched and -1 with an exception set.
PyObject *find_name_in_mro(PyTypeObject *type, PyObject *name, int *error) noexcept;
void method_cache_clear() noexcept;

// A special method on type(self), looked up as CPython's lookup_maybe_method does: *unbound is
// true when the result is a plain function or method descriptor to be called with self first
// (no bound method is made); otherwise the result is already bound. New reference, or NULL
// (an exception only when the lookup failed).
PyObject *lookup_maybe_method(PyObject *self, PyObject *name, bool *unbound) noexcept;
// The same, raising AttributeError(name) when there is no such method.
PyObject *lookup_method(PyObject *self, PyObject *name, bool *unbound) noexcept;
// Calls what lookup_*method found with args[0..n): args[0] is self and is dropped when the
// method is already bound.
PyObject *call_unbound(bool unbound, PyObject *func, PyObject *const *args, Py_ssize_t n) noexcept;
// callable(first, *args, **kwargs) (CPython's _PyObject_Call_Prepend).
PyObject *call_prepend(PyObject *callable, PyObject *first, PyObject *args,
                       PyObject *kwargs) noexcept;
// type(args[0]).name(*args[1..n]) through lookup_method.
PyObject *call_method(PyObject *name, PyObject *const *args, Py_ssize_t n) noexcept;

// --- MRO and layout (type_mro.cpp) ---------------------------------------------------------------

// Computes and stores type->tp_mro (type.mro() when the metatype overrides it).
int mro_internal(PyTypeObject *type) noexcept;
// The C3 linearization of type->tp_bases as a new tuple (type.mro()'s result, as a list).
PyObject *mro_implementation(PyTypeObject *type) noexcept;
PyTypeObject *solid_base(PyTypeObject *type) noexcept;
// The base whose layout the new class extends ("multiple bases have instance lay-out conflict").
PyTypeObject *best_base(PyObject *bases) noexcept;

// --- The slot table (slot_defs.cpp) --------------------------------------------------------------

// Interns the special method names (start-up) / releases them (shutdown).
int slot_defs_init() noexcept;
void slot_defs_intern() noexcept;
void slot_defs_fini() noexcept;
// Adds a wrapper_descriptor to a static type's dict for each C slot it defines.
int add_operators(PyTypeObject *type) noexcept;
// A new class: each slot gets the dispatcher (slot_*), the inherited C function, or NULL,
// depending on what its special methods resolve to along the MRO.
void fixup_slot_dispatchers(PyTypeObject *type) noexcept;
// `name` was set or deleted on a class: update the matching slots in it and its subclasses.
int update_slot(PyTypeObject *type, PyObject *name) noexcept;
// 1 when `name` is a dunder name (`__x__`).
bool is_dunder_name(PyObject *name) noexcept;
// Interned special-method name objects the dispatchers need (valid while the runtime runs).
enum class Dunder {
    getattr,
    getattribute,
    setattr,
    delattr,
    repr,
    str,
    hash,
    call,
    eq,
    init,
    new_,
    del,
    get,
    set,
    delete_,
    iter,
    next,
    len,
    getitem,
    setitem,
    delitem,
    contains,
    bool_,
    index,
    int_,
    float_,
    format,
    dict,
    class_,
    module,
    qualname,
    doc,
    slots,
    weakref,
    classcell,
    init_subclass,
    set_name,
    class_getitem,
    mro,
    name,
    bases,
    instancecheck,
    subclasscheck,
    dir,
    reduce,
    reduce_ex,
    getstate,
    getnewargs,
    getnewargs_ex,
    slotnames,
    newobj,
    newobj_ex,
    copyreg_reduce_ex,
    builtins,
    abstractmethods,
    annotations,
    package,
    loader,
    spec,
    file,
    prepare,
    pow,
    rpow,
    ipow,
    count_
};
PyObject *dunder(Dunder which) noexcept;

// --- Instances of classes (subtype.cpp) ----------------------------------------------------------

void subtype_dealloc(PyObject *self) noexcept;
int subtype_traverse(PyObject *self, visitproc visit, void *arg) noexcept;
int subtype_clear(PyObject *self) noexcept;
// The getsets a class adds for the __dict__ / __weakref__ it gives its instances.
extern PyGetSetDef subtype_getsets_full[];
extern PyGetSetDef subtype_getsets_dict_only[];
extern PyGetSetDef subtype_getsets_weakref_only[];
// The instance dict, made on first use; new reference. AttributeError when there is none.
PyObject *instance_dict_get(PyObject *obj) noexcept;
// 1 when obj has no instance attributes at all (object.__getstate__).
bool instance_dict_is_empty(PyObject *obj) noexcept;

// str(...) / bytes(...) for a subclass (subtype_copy.cpp): the exact object, copied into an
// instance of `type`.
PyObject *unicode_subtype_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept;
PyObject *bytes_subtype_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept;

// --- Type internals shared by type_*.cpp ---------------------------------------------------------

PyObject *type_new(PyTypeObject *metatype, PyObject *args, PyObject *kwds) noexcept;
int type_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept;
void type_dealloc(PyObject *self) noexcept;
int type_traverse(PyObject *self, visitproc visit, void *arg) noexcept;
int type_clear(PyObject *self) noexcept;
int type_is_gc(PyObject *self) noexcept;
PyObject *type_getattro(PyObject *type, PyObject *name) noexcept;
int type_setattro(PyObject *type, PyObject *name, PyObject *value) noexcept;
PyObject *type_call(PyObject *type, PyObject *args, PyObject *kwds) noexcept;
PyObject *type_repr(PyObject *type) noexcept;
PyObject *type_qualname(PyTypeObject *type) noexcept;     // new reference
PyObject *type_module_name(PyTypeObject *type) noexcept;  // new reference
extern PyMethodDef type_methods[];
// dict.update(cls.__dict__) for cls and its __bases__, recursively (dir()'s class part).
int merge_class_dict(PyObject *dict, PyObject *cls) noexcept;
extern PyMemberDef type_members[];
extern PyGetSetDef type_getsets[];

// object's slots and tables (type_object.cpp / object_methods.cpp).
PyObject *object_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept;
int object_tp_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept;
extern PyMethodDef object_methods[];
extern PyGetSetDef object_getsets[];
// object.__reduce_ex__ / __reduce__ / __getstate__ (object_reduce.cpp).
PyObject *object_reduce_ex(PyObject *self, PyObject *protocol) noexcept;
PyObject *object_reduce(PyObject *self, PyObject *) noexcept;
PyObject *object_getstate_method(PyObject *self, PyObject *) noexcept;

// tp_new's Python face: `T.__new__` is a builtin method bound to T (slot_defs.cpp adds it).
PyObject *tp_new_wrapper(PyObject *self, PyObject *args, PyObject *kwds) noexcept;
extern PyMethodDef tp_new_methoddef[];

// The hooks (runtime_hooks.cpp).
extern minipy_classcell_setter g_classcell_hook;
extern minipy_super_frame_lookup g_super_hook;
extern minipy_globals_getter g_globals_hook;
extern minipy_module_importer g_import_hook;
extern PyTypeObject *g_function_type;
// import `name` through the hook; ModuleNotFoundError without one.
PyObject *import_module(const char *name) noexcept;

// isinstance / issubclass without the __instancecheck__ / __subclasscheck__ hooks (what type's
// own __instancecheck__ does), protocols/isinstance.cpp: 1, 0, -1.
int object_real_isinstance(PyObject *inst, PyObject *cls) noexcept;
int object_real_issubclass(PyObject *derived, PyObject *cls) noexcept;

// The descriptors' qualified name "type.name" (descr_object.cpp), new reference.
PyObject *descr_qualname(PyDescrObject *descr) noexcept;

// Start-up / shutdown of the type system: lifecycle/part_lifecycle.hpp's types_init/types_fini.

}  // namespace minipy::runtime

#endif  // MINIPY_OBJECTS_TYPE_TYPE_INTERNAL_HPP
