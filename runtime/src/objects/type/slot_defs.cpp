// The slot table: which special method name stands for which C slot (CPython 3.11's
// "slotdefs" in Objects/typeobject.c, same entries in the same order), and what the runtime
// does with it:
//
//   add_operators           a static type gets a wrapper_descriptor in its dict for each slot
//                           it defines: int.__dict__['__add__'] wraps int's nb_add.
//   fixup_slot_dispatchers  a class gets, for each slot, what its special methods resolve to
//                           along the MRO (update_one_slot below).
//   update_slot             `C.__add__ = f` after the class exists: the slots named __add__ of
//                           C and of its subclasses that do not override it are redone.
//
// Entry order matters (ORDER SLOTDEFS): entries for the same slot are adjacent (__getattribute__
// and __getattr__ share tp_getattro, __add__ and __radd__ share nb_add, __setitem__ and
// __delitem__ share mp_ass_subscript), and for a name with several slots (__len__: mp_length,
// then sq_length) the first entry a type defines is the one whose wrapper it gets.
//
// An entry's `offset` is where the slot lives in a PyHeapTypeObject (whose slot tables are
// embedded in order: type, async, number, mapping, sequence); slot_ptr turns it into the slot
// of any type, static types' separate tables included.
//
// update_one_slot (CPython's rules): look up every name of the slot's entries along the MRO.
//   - nothing found:                       the slot is NULL (tp_iternext: "not an iterator");
//   - only wrapper_descriptors of this very slot, all wrapping one C function of a base the
//     class derives from:                  that C function itself, no dispatch (a subclass of
//                                          list keeps list's sq_length);
//   - T.__new__'s builtin for tp_new:      the type's inherited tp_new itself;
//   - __hash__ = None:                     PyObject_HashNotImplemented;
//   - anything else:                       the dispatcher slot_* that calls the special method.
#include <cstddef>
#include <cstring>

#include "objects/type/slot_functions.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

using Heap = PyHeapTypeObject;

constexpr int type_slot(std::size_t offset) noexcept {
    return static_cast<int>(offset);
}

#define MINIPY_TP(field) type_slot(offsetof(PyTypeObject, field))
#define MINIPY_NB(field) type_slot(offsetof(Heap, as_number) + offsetof(PyNumberMethods, field))
#define MINIPY_MP(field) type_slot(offsetof(Heap, as_mapping) + offsetof(PyMappingMethods, field))
#define MINIPY_SQ(field) type_slot(offsetof(Heap, as_sequence) + offsetof(PySequenceMethods, field))
template <typename F>
void *function_ptr(F f) noexcept {
    return reinterpret_cast<void *>(f);
}
inline void *function_ptr(std::nullptr_t) noexcept {
    return nullptr;
}
template <typename F>
wrapperfunc wrapper_ptr(F f) noexcept {
    return reinterpret_cast<wrapperfunc>(reinterpret_cast<void (*)()>(f));
}
inline wrapperfunc wrapper_ptr(std::nullptr_t) noexcept {
    return nullptr;
}
#define MINIPY_FN(f)   function_ptr(f)
#define MINIPY_WRAP(f) wrapper_ptr(f)

// The docs carry their text signature as CPython's do: "name(sig)\n--\n\ndoc".
#define MINIPY_SLOT(name, offset, function, wrapper, doc) \
    { name, offset, MINIPY_FN(function), MINIPY_WRAP(wrapper), doc, 0, nullptr }
#define MINIPY_KWSLOT(name, offset, function, wrapper, doc)                                   \
    {                                                                                         \
        name, offset, MINIPY_FN(function), MINIPY_WRAP(wrapper), doc, PyWrapperFlag_KEYWORDS, \
            nullptr                                                                           \
    }
#define MINIPY_BINSLOT(name, field, function, op)                    \
    MINIPY_SLOT(name, MINIPY_NB(field), function, wrap_binaryfunc_l, \
                name "($self, value, /)\n--\n\nReturn self" op "value.")
#define MINIPY_RBINSLOT(name, field, function, op)                   \
    MINIPY_SLOT(name, MINIPY_NB(field), function, wrap_binaryfunc_r, \
                name "($self, value, /)\n--\n\nReturn value" op "self.")
#define MINIPY_UNSLOT(name, field, function, doc) \
    MINIPY_SLOT(name, MINIPY_NB(field), function, wrap_unaryfunc, name "($self, /)\n--\n\n" doc)
#define MINIPY_IBSLOT(name, field, function, op)                   \
    MINIPY_SLOT(name, MINIPY_NB(field), function, wrap_binaryfunc, \
                name "($self, value, /)\n--\n\nReturn self" op "value.")

// ORDER SLOTDEFS: CPython 3.11's order.
wrapperbase g_slotdefs[] = {
    MINIPY_SLOT("__getattribute__", MINIPY_TP(tp_getattr), nullptr, nullptr, ""),
    MINIPY_SLOT("__getattr__", MINIPY_TP(tp_getattr), nullptr, nullptr, ""),
    MINIPY_SLOT("__setattr__", MINIPY_TP(tp_setattr), nullptr, nullptr, ""),
    MINIPY_SLOT("__delattr__", MINIPY_TP(tp_setattr), nullptr, nullptr, ""),
    MINIPY_SLOT("__repr__", MINIPY_TP(tp_repr), slot_tp_repr, wrap_unaryfunc,
                "__repr__($self, /)\n--\n\nReturn repr(self)."),
    MINIPY_SLOT("__hash__", MINIPY_TP(tp_hash), slot_tp_hash, wrap_hashfunc,
                "__hash__($self, /)\n--\n\nReturn hash(self)."),
    MINIPY_KWSLOT("__call__", MINIPY_TP(tp_call), slot_tp_call, wrap_call,
                  "__call__($self, /, *args, **kwargs)\n--\n\nCall self as a function."),
    MINIPY_SLOT("__str__", MINIPY_TP(tp_str), slot_tp_str, wrap_unaryfunc,
                "__str__($self, /)\n--\n\nReturn str(self)."),
    MINIPY_SLOT("__getattribute__", MINIPY_TP(tp_getattro), slot_tp_getattr_hook, wrap_binaryfunc,
                "__getattribute__($self, name, /)\n--\n\nReturn getattr(self, name)."),
    MINIPY_SLOT("__getattr__", MINIPY_TP(tp_getattro), slot_tp_getattr_hook, nullptr, ""),
    MINIPY_SLOT("__setattr__", MINIPY_TP(tp_setattro), slot_tp_setattro, wrap_setattr,
                "__setattr__($self, name, value, /)\n--\n\nImplement setattr(self, name, value)."),
    MINIPY_SLOT("__delattr__", MINIPY_TP(tp_setattro), slot_tp_setattro, wrap_delattr,
                "__delattr__($self, name, /)\n--\n\nImplement delattr(self, name)."),
    MINIPY_SLOT("__lt__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_lt,
                "__lt__($self, value, /)\n--\n\nReturn self<value."),
    MINIPY_SLOT("__le__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_le,
                "__le__($self, value, /)\n--\n\nReturn self<=value."),
    MINIPY_SLOT("__eq__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_eq,
                "__eq__($self, value, /)\n--\n\nReturn self==value."),
    MINIPY_SLOT("__ne__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_ne,
                "__ne__($self, value, /)\n--\n\nReturn self!=value."),
    MINIPY_SLOT("__gt__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_gt,
                "__gt__($self, value, /)\n--\n\nReturn self>value."),
    MINIPY_SLOT("__ge__", MINIPY_TP(tp_richcompare), slot_tp_richcompare, richcmp_ge,
                "__ge__($self, value, /)\n--\n\nReturn self>=value."),
    MINIPY_SLOT("__iter__", MINIPY_TP(tp_iter), slot_tp_iter, wrap_unaryfunc,
                "__iter__($self, /)\n--\n\nImplement iter(self)."),
    MINIPY_SLOT("__next__", MINIPY_TP(tp_iternext), slot_tp_iternext, wrap_next,
                "__next__($self, /)\n--\n\nImplement next(self)."),
    MINIPY_SLOT("__get__", MINIPY_TP(tp_descr_get), slot_tp_descr_get, wrap_descr_get,
                "__get__($self, instance, owner=None, /)\n--\n\nReturn an attribute of instance, "
                "which is of type owner."),
    MINIPY_SLOT("__set__", MINIPY_TP(tp_descr_set), slot_tp_descr_set, wrap_descr_set,
                "__set__($self, instance, value, /)\n--\n\nSet an attribute of instance to value."),
    MINIPY_SLOT("__delete__", MINIPY_TP(tp_descr_set), slot_tp_descr_set, wrap_descr_delete,
                "__delete__($self, instance, /)\n--\n\nDelete an attribute of instance."),
    MINIPY_KWSLOT("__init__", MINIPY_TP(tp_init), slot_tp_init, wrap_init,
                  "__init__($self, /, *args, **kwargs)\n--\n\nInitialize self.  See "
                  "help(type(self)) for accurate signature."),
    MINIPY_SLOT("__new__", MINIPY_TP(tp_new), slot_tp_new, nullptr,
                "__new__(type, /, *args, **kwargs)\n--\n\nCreate and return new object.  See "
                "help(type) for accurate signature."),
    MINIPY_SLOT("__del__", MINIPY_TP(tp_finalize), slot_tp_finalize, wrap_del, ""),

    MINIPY_BINSLOT("__add__", nb_add, slot_nb_add, "+"),
    MINIPY_RBINSLOT("__radd__", nb_add, slot_nb_add, "+"),
    MINIPY_BINSLOT("__sub__", nb_subtract, slot_nb_subtract, "-"),
    MINIPY_RBINSLOT("__rsub__", nb_subtract, slot_nb_subtract, "-"),
    MINIPY_BINSLOT("__mul__", nb_multiply, slot_nb_multiply, "*"),
    MINIPY_RBINSLOT("__rmul__", nb_multiply, slot_nb_multiply, "*"),
    MINIPY_BINSLOT("__mod__", nb_remainder, slot_nb_remainder, "%"),
    MINIPY_RBINSLOT("__rmod__", nb_remainder, slot_nb_remainder, "%"),
    MINIPY_SLOT("__divmod__", MINIPY_NB(nb_divmod), slot_nb_divmod, wrap_binaryfunc_l,
                "__divmod__($self, value, /)\n--\n\nReturn divmod(self, value)."),
    MINIPY_SLOT("__rdivmod__", MINIPY_NB(nb_divmod), slot_nb_divmod, wrap_binaryfunc_r,
                "__rdivmod__($self, value, /)\n--\n\nReturn divmod(value, self)."),
    MINIPY_SLOT("__pow__", MINIPY_NB(nb_power), slot_nb_power, wrap_ternaryfunc,
                "__pow__($self, value, mod=None, /)\n--\n\nReturn pow(self, value, mod)."),
    MINIPY_SLOT("__rpow__", MINIPY_NB(nb_power), slot_nb_power, wrap_ternaryfunc_r,
                "__rpow__($self, value, mod=None, /)\n--\n\nReturn pow(value, self, mod)."),
    MINIPY_UNSLOT("__neg__", nb_negative, slot_nb_negative, "-self"),
    MINIPY_UNSLOT("__pos__", nb_positive, slot_nb_positive, "+self"),
    MINIPY_UNSLOT("__abs__", nb_absolute, slot_nb_absolute, "abs(self)"),
    MINIPY_SLOT("__bool__", MINIPY_NB(nb_bool), slot_nb_bool, wrap_inquirypred,
                "__bool__($self, /)\n--\n\nTrue if self else False"),
    MINIPY_UNSLOT("__invert__", nb_invert, slot_nb_invert, "~self"),
    MINIPY_BINSLOT("__lshift__", nb_lshift, slot_nb_lshift, "<<"),
    MINIPY_RBINSLOT("__rlshift__", nb_lshift, slot_nb_lshift, "<<"),
    MINIPY_BINSLOT("__rshift__", nb_rshift, slot_nb_rshift, ">>"),
    MINIPY_RBINSLOT("__rrshift__", nb_rshift, slot_nb_rshift, ">>"),
    MINIPY_BINSLOT("__and__", nb_and, slot_nb_and, "&"),
    MINIPY_RBINSLOT("__rand__", nb_and, slot_nb_and, "&"),
    MINIPY_BINSLOT("__xor__", nb_xor, slot_nb_xor, "^"),
    MINIPY_RBINSLOT("__rxor__", nb_xor, slot_nb_xor, "^"),
    MINIPY_BINSLOT("__or__", nb_or, slot_nb_or, "|"),
    MINIPY_RBINSLOT("__ror__", nb_or, slot_nb_or, "|"),
    MINIPY_UNSLOT("__int__", nb_int, slot_nb_int, "int(self)"),
    MINIPY_UNSLOT("__float__", nb_float, slot_nb_float, "float(self)"),
    MINIPY_IBSLOT("__iadd__", nb_inplace_add, slot_nb_inplace_add, "+="),
    MINIPY_IBSLOT("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract, "-="),
    MINIPY_IBSLOT("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply, "*="),
    MINIPY_IBSLOT("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder, "%="),
    MINIPY_IBSLOT("__ipow__", nb_inplace_power, slot_nb_inplace_power, "**="),
    MINIPY_IBSLOT("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift, "<<="),
    MINIPY_IBSLOT("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift, ">>="),
    MINIPY_IBSLOT("__iand__", nb_inplace_and, slot_nb_inplace_and, "&="),
    MINIPY_IBSLOT("__ixor__", nb_inplace_xor, slot_nb_inplace_xor, "^="),
    MINIPY_IBSLOT("__ior__", nb_inplace_or, slot_nb_inplace_or, "|="),
    MINIPY_BINSLOT("__floordiv__", nb_floor_divide, slot_nb_floor_divide, "//"),
    MINIPY_RBINSLOT("__rfloordiv__", nb_floor_divide, slot_nb_floor_divide, "//"),
    MINIPY_BINSLOT("__truediv__", nb_true_divide, slot_nb_true_divide, "/"),
    MINIPY_RBINSLOT("__rtruediv__", nb_true_divide, slot_nb_true_divide, "/"),
    MINIPY_IBSLOT("__ifloordiv__", nb_inplace_floor_divide, slot_nb_inplace_floor_divide, "//="),
    MINIPY_IBSLOT("__itruediv__", nb_inplace_true_divide, slot_nb_inplace_true_divide, "/="),
    MINIPY_SLOT("__index__", MINIPY_NB(nb_index), slot_nb_index, wrap_unaryfunc,
                "__index__($self, /)\n--\n\nReturn self converted to an integer, if self is "
                "suitable for use as an index into a list."),
    MINIPY_BINSLOT("__matmul__", nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    MINIPY_RBINSLOT("__rmatmul__", nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    MINIPY_IBSLOT("__imatmul__", nb_inplace_matrix_multiply, slot_nb_inplace_matrix_multiply, "@="),

    MINIPY_SLOT("__len__", MINIPY_MP(mp_length), slot_sq_length, wrap_lenfunc,
                "__len__($self, /)\n--\n\nReturn len(self)."),
    MINIPY_SLOT("__getitem__", MINIPY_MP(mp_subscript), slot_mp_subscript, wrap_binaryfunc,
                "__getitem__($self, key, /)\n--\n\nReturn self[key]."),
    MINIPY_SLOT("__setitem__", MINIPY_MP(mp_ass_subscript), slot_mp_ass_subscript,
                wrap_objobjargproc,
                "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."),
    MINIPY_SLOT("__delitem__", MINIPY_MP(mp_ass_subscript), slot_mp_ass_subscript, wrap_delitem,
                "__delitem__($self, key, /)\n--\n\nDelete self[key]."),

    MINIPY_SLOT("__len__", MINIPY_SQ(sq_length), slot_sq_length, wrap_lenfunc,
                "__len__($self, /)\n--\n\nReturn len(self)."),
    // sq_concat and sq_repeat have no dispatcher: a class gets nb_add / nb_multiply instead.
    MINIPY_SLOT("__add__", MINIPY_SQ(sq_concat), nullptr, wrap_binaryfunc,
                "__add__($self, value, /)\n--\n\nReturn self+value."),
    MINIPY_SLOT("__mul__", MINIPY_SQ(sq_repeat), nullptr, wrap_indexargfunc,
                "__mul__($self, value, /)\n--\n\nReturn self*value."),
    MINIPY_SLOT("__rmul__", MINIPY_SQ(sq_repeat), nullptr, wrap_indexargfunc,
                "__rmul__($self, value, /)\n--\n\nReturn value*self."),
    MINIPY_SLOT("__getitem__", MINIPY_SQ(sq_item), slot_sq_item, wrap_sq_item,
                "__getitem__($self, key, /)\n--\n\nReturn self[key]."),
    MINIPY_SLOT("__setitem__", MINIPY_SQ(sq_ass_item), slot_sq_ass_item, wrap_sq_setitem,
                "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."),
    MINIPY_SLOT("__delitem__", MINIPY_SQ(sq_ass_item), slot_sq_ass_item, wrap_sq_delitem,
                "__delitem__($self, key, /)\n--\n\nDelete self[key]."),
    MINIPY_SLOT("__contains__", MINIPY_SQ(sq_contains), slot_sq_contains, wrap_objobjproc,
                "__contains__($self, key, /)\n--\n\nReturn key in self."),
    MINIPY_SLOT("__iadd__", MINIPY_SQ(sq_inplace_concat), nullptr, wrap_binaryfunc,
                "__iadd__($self, value, /)\n--\n\nImplement self+=value."),
    MINIPY_SLOT("__imul__", MINIPY_SQ(sq_inplace_repeat), nullptr, wrap_indexargfunc,
                "__imul__($self, value, /)\n--\n\nImplement self*=value."),
    {nullptr, 0, nullptr, nullptr, nullptr, 0, nullptr},
};

#undef MINIPY_TP
#undef MINIPY_NB
#undef MINIPY_MP
#undef MINIPY_SQ
#undef MINIPY_FN
#undef MINIPY_WRAP
#undef MINIPY_SLOT
#undef MINIPY_KWSLOT
#undef MINIPY_BINSLOT
#undef MINIPY_RBINSLOT
#undef MINIPY_UNSLOT
#undef MINIPY_IBSLOT

constexpr std::size_t kSlotDefCount = sizeof(g_slotdefs) / sizeof(g_slotdefs[0]) - 1;

// The slot an entry's offset names, in `type`'s own tables; NULL when the type has no such
// table (a static type without tp_as_number).
void **slot_ptr(PyTypeObject *type, int offset) noexcept {
    char *base;
    auto off = static_cast<std::size_t>(offset);
    if (off >= offsetof(Heap, as_sequence)) {
        base = reinterpret_cast<char *>(type->tp_as_sequence);
        off -= offsetof(Heap, as_sequence);
    } else if (off >= offsetof(Heap, as_mapping)) {
        base = reinterpret_cast<char *>(type->tp_as_mapping);
        off -= offsetof(Heap, as_mapping);
    } else if (off >= offsetof(Heap, as_number)) {
        base = reinterpret_cast<char *>(type->tp_as_number);
        off -= offsetof(Heap, as_number);
    } else if (off >= offsetof(Heap, as_async)) {
        base = reinterpret_cast<char *>(type->tp_as_async);
        off -= offsetof(Heap, as_async);
    } else {
        base = reinterpret_cast<char *>(type);
    }
    if (base == nullptr) return nullptr;
    return reinterpret_cast<void **>(base + off);
}

// The one slot `name` stands for in `type`, or NULL when it stands for none or several (a
// wrapper of __len__ may be used as mp_length's C function only if sq_length does not exist).
void **resolve_slotdups(PyTypeObject *type, PyObject *name) noexcept {
    void **found = nullptr;
    for (wrapperbase *p = g_slotdefs; p->name != nullptr; ++p) {
        if (p->name_strobj != name) continue;
        void **ptr = slot_ptr(type, p->offset);
        if (ptr == nullptr) continue;
        if (found != nullptr) return nullptr;
        found = ptr;
    }
    return found;
}

// Sets the slot of entries p.. (all entries with p's offset) in `type`; returns the entry
// after them.
wrapperbase *update_one_slot(PyTypeObject *type, wrapperbase *p) noexcept {
    const int offset = p->offset;
    void **ptr = slot_ptr(type, offset);
    if (ptr == nullptr) {
        do ++p;
        while (p->offset == offset && p->name != nullptr);
        return p;
    }
    void *generic = nullptr;
    void *specific = nullptr;
    bool use_generic = false;
    do {
        int error = 0;
        PyObject *descr = find_name_in_mro(type, p->name_strobj, &error);
        if (descr == nullptr) {
            if (error == -1) PyErr_Clear();
            if (ptr == reinterpret_cast<void **>(&type->tp_iternext))
                specific = reinterpret_cast<void *>(_PyObject_NextNotImplemented);
            continue;
        }
        if (Py_IS_TYPE(descr, &PyWrapperDescr_Type) &&
            reinterpret_cast<PyWrapperDescrObject *>(descr)->d_base->name_strobj ==
                p->name_strobj) {
            auto *d = reinterpret_cast<PyWrapperDescrObject *>(descr);
            void **tptr = resolve_slotdups(type, p->name_strobj);
            if (tptr == nullptr || tptr == ptr) generic = p->function;
            if ((specific == nullptr || specific == d->d_wrapped) &&
                d->d_base->wrapper == p->wrapper && PyType_IsSubtype(type, PyDescr_TYPE(d))) {
                specific = d->d_wrapped;
            } else {
                // Several methods for one slot that disagree, a wrapper of another signature,
                // or one of an unrelated class: only the dispatcher gets it right.
                use_generic = true;
            }
        } else if (Py_IS_TYPE(descr, &PyCFunction_Type) &&
                   PyCFunction_GetFunction(descr) ==
                       reinterpret_cast<PyCFunction>(
                           reinterpret_cast<void (*)()>(tp_new_wrapper)) &&
                   ptr == reinterpret_cast<void **>(&type->tp_new)) {
            // The inherited T.__new__: call the C tp_new directly (what makes creating instances
            // cheap) instead of slot_tp_new -> __new__ -> tp_new_wrapper -> tp_new.
            specific = reinterpret_cast<void *>(type->tp_new);
        } else if (descr == Py_None && ptr == reinterpret_cast<void **>(&type->tp_hash)) {
            // __hash__ = None stops object's hash from being inherited.
            specific = reinterpret_cast<void *>(PyObject_HashNotImplemented);
        } else {
            use_generic = true;
            generic = p->function;
        }
    } while ((++p)->offset == offset && p->name != nullptr);
    *ptr = (specific != nullptr && !use_generic) ? specific : generic;
    return p;
}

// What update_slot passes down the subclasses: the first entry of each group of entries whose
// slot the name touches.
constexpr int kMaxEquiv = 10;
struct SlotGroups {
    wrapperbase *groups[kMaxEquiv + 1];
};

int update_slots_callback(PyTypeObject *type, void *data) noexcept {
    auto *groups = static_cast<SlotGroups *>(data);
    for (wrapperbase **pp = groups->groups; *pp != nullptr; ++pp) update_one_slot(type, *pp);
    return 0;
}

struct SubclassUpdate {
    PyObject *name;
    SlotGroups *groups;
};

int update_subclasses(PyTypeObject *type, PyObject *name, SlotGroups *groups) noexcept;

int recurse_into_subclass(PyTypeObject *subclass, void *arg) noexcept {
    auto *update = static_cast<SubclassUpdate *>(arg);
    // A subclass that defines the name itself is not affected, nor are its subclasses.
    PyObject *dict = subclass->tp_dict;
    if (dict != nullptr && PyDict_Check(dict)) {
        const int found = PyDict_Contains(dict, update->name);
        if (found < 0) return -1;
        if (found) return 0;
    }
    return update_subclasses(subclass, update->name, update->groups);
}

int update_subclasses(PyTypeObject *type, PyObject *name, SlotGroups *groups) noexcept {
    if (update_slots_callback(type, groups) < 0) return -1;
    SubclassUpdate update{name, groups};
    return subclass_visit(type, recurse_into_subclass, &update);
}

// The special method names the runtime's own code looks up, interned once per run.
constexpr const char *kDunderNames[] = {
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__str__",
    "__hash__",
    "__call__",
    "__eq__",
    "__init__",
    "__new__",
    "__del__",
    "__get__",
    "__set__",
    "__delete__",
    "__iter__",
    "__next__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
    "__bool__",
    "__index__",
    "__int__",
    "__float__",
    "__format__",
    "__dict__",
    "__class__",
    "__module__",
    "__qualname__",
    "__doc__",
    "__slots__",
    "__weakref__",
    "__classcell__",
    "__init_subclass__",
    "__set_name__",
    "__class_getitem__",
    "mro",
    "__name__",
    "__bases__",
    "__instancecheck__",
    "__subclasscheck__",
    "__dir__",
    "__reduce__",
    "__reduce_ex__",
    "__getstate__",
    "__getnewargs__",
    "__getnewargs_ex__",
    "__slotnames__",
    "__newobj__",
    "__newobj_ex__",
    "_reduce_ex",
    "builtins",
    "__abstractmethods__",
    "__annotations__",
    "__package__",
    "__loader__",
    "__spec__",
    "__file__",
    "__prepare__",
    "__pow__",
    "__rpow__",
    "__ipow__",
};
constexpr std::size_t kDunderCount = sizeof(kDunderNames) / sizeof(kDunderNames[0]);
static_assert(kDunderCount == static_cast<std::size_t>(Dunder::count_));
PyObject *g_dunders[kDunderCount];

}  // namespace

PyObject *dunder(Dunder which) noexcept {
    return g_dunders[static_cast<std::size_t>(which)];
}

int slot_defs_init() noexcept {
    for (std::size_t i = 0; i < kSlotDefCount; ++i) {
        PyObject *name = PyUnicode_InternFromString(g_slotdefs[i].name);
        if (name == nullptr) return -1;
        g_slotdefs[i].name_strobj = name;
    }
    for (std::size_t i = 0; i < kDunderCount; ++i) {
        PyObject *name = PyUnicode_InternFromString(kDunderNames[i]);
        if (name == nullptr) return -1;
        g_dunders[i] = name;
    }
    return 0;
}

// The names are made while the runtime starts, before str's interned table exists (object
// and type are readied first): intern them once it does, so that the names the interpreter
// interns are the very same objects (the attribute cache and update_slot compare addresses).
void slot_defs_intern() noexcept {
    for (std::size_t i = 0; i < kSlotDefCount; ++i)
        PyUnicode_InternInPlace(&g_slotdefs[i].name_strobj);
    for (PyObject *&name : g_dunders) PyUnicode_InternInPlace(&name);
}

void slot_defs_fini() noexcept {
    for (std::size_t i = 0; i < kSlotDefCount; ++i) Py_CLEAR(g_slotdefs[i].name_strobj);
    for (PyObject *&name : g_dunders) Py_CLEAR(name);
}

int add_operators(PyTypeObject *type) noexcept {
    PyObject *dict = type->tp_dict;
    for (wrapperbase *p = g_slotdefs; p->name != nullptr; ++p) {
        if (p->wrapper == nullptr) continue;
        void **ptr = slot_ptr(type, p->offset);
        if (ptr == nullptr || *ptr == nullptr) continue;
        const int present = PyDict_Contains(dict, p->name_strobj);
        if (present < 0) return -1;
        if (present) continue;
        if (*ptr == reinterpret_cast<void *>(PyObject_HashNotImplemented)) {
            // An unhashable type says so in its dict: __hash__ is None.
            if (PyDict_SetItem(dict, p->name_strobj, Py_None) < 0) return -1;
            continue;
        }
        PyObject *descr = PyDescr_NewWrapper(type, p, *ptr);
        if (descr == nullptr) return -1;
        const int status = PyDict_SetItem(dict, p->name_strobj, descr);
        Py_DECREF(descr);
        if (status < 0) return -1;
    }
    return 0;
}

void fixup_slot_dispatchers(PyTypeObject *type) noexcept {
    for (wrapperbase *p = g_slotdefs; p->name != nullptr;) p = update_one_slot(type, p);
}

int update_slot(PyTypeObject *type, PyObject *name) noexcept {
    SlotGroups groups{};
    int n = 0;
    for (wrapperbase *p = g_slotdefs; p->name != nullptr; ++p) {
        if (p->name_strobj != name && PyUnicode_Compare(p->name_strobj, name) != 0) continue;
        // Back to the first entry of the group sharing this slot.
        wrapperbase *first = p;
        while (first > g_slotdefs && (first - 1)->offset == first->offset) --first;
        if (n < kMaxEquiv) groups.groups[n++] = first;
    }
    if (n == 0) return 0;  // not a name any slot depends on
    groups.groups[n] = nullptr;
    return update_subclasses(type, name, &groups);
}

bool is_dunder_name(PyObject *name) noexcept {
    if (!PyUnicode_Check(name) || !PyUnicode_IS_ASCII(name)) return false;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    const auto *text = PyUnicode_1BYTE_DATA(name);
    return length > 4 && text[0] == '_' && text[1] == '_' && text[length - 1] == '_' &&
           text[length - 2] == '_';
}

}  // namespace minipy::runtime
