// Classes made at run time: type(name, bases, dict) and metaclasses deriving from type
// (CPython 3.11's type_new and its helpers, Objects/typeobject.c), and the life of a heap type
// object (dealloc, GC traversal and clearing).
//
// type.__new__(metatype, name, bases, namespace, **kwds), in order:
//   1. arguments: exactly (str, tuple, dict);
//   2. no bases means (object,); otherwise the metaclass is the most derived of metatype and
//      the bases' metaclasses ("metaclass conflict: ..." if they do not form a chain); a more
//      derived metaclass with its own __new__ takes over; the best base is the one whose layout
//      the instances extend (type_mro.cpp);
//   3. __slots__: each a str and an identifier, mangled (`__x` in class C is `_C__x`), sorted,
//      not clashing with a class attribute; `__dict__` / `__weakref__` in __slots__ ask for
//      those. Without __slots__ the instances get a __dict__ (in front of the object,
//      Py_TPFLAGS_MANAGED_DICT) and a __weakref__ slot, unless a base has them already;
//   4. the type object: a PyHeapTypeObject with one PyMemberDef per slot after it, GC-tracked,
//      flags HEAPTYPE | BASETYPE | HAVE_GC; its dict is a copy of the namespace;
//   5. attributes from the namespace: tp_name (no NUL), __module__ (the calling frame's
//      __name__ when absent, through the interpreter's globals hook), __qualname__ (removed
//      from the dict), __doc__ (copied to tp_doc); a plain function as __new__ becomes a
//      staticmethod, as __init_subclass__ / __class_getitem__ a classmethod;
//   6. member descriptors for the slots, the __dict__ / __weakref__ getsets, instance size;
//   7. __classcell__: the interpreter's cell for zero-argument super() gets the class;
//   8. PyType_Ready, then the C slots from the special methods (fixup_slot_dispatchers);
//   9. __set_name__(cls, name) on each attribute that has it (errors wrapped in RuntimeError
//      "Error calling __set_name__ on 'D' instance 'd' in 'X'", as 3.11 does; a MemoryError stays
//      one);
//  10. super(cls, cls).__init_subclass__(**kwds).
#include <cstdarg>
#include <cstring>

#include "minipy/structmember.h"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

PyTypeObject *as_type(PyObject *op) noexcept {
    return reinterpret_cast<PyTypeObject *>(op);
}

struct TypeNewContext {
    PyTypeObject *metatype;
    PyObject *args;
    PyObject *kwds;
    PyObject *name;
    PyObject *bases;      // owned
    PyObject *orig_dict;  // borrowed
    PyTypeObject *base;   // borrowed (held by bases)
    PyObject *slots;      // owned: the __slots__ names, then the mangled, sorted ones
    Py_ssize_t nslot;
    bool add_dict, add_weak, may_add_dict, may_add_weak;
};

// --- Step 2 -------------------------------------------------------------------------------------

// 0: continue with ctx; 1: another metaclass made the class (*result); -1: error.
int get_bases(TypeNewContext &ctx, PyObject **result) noexcept {
    const Py_ssize_t nbases = PyTuple_GET_SIZE(ctx.bases);
    if (nbases == 0) {
        ctx.base = &PyBaseObject_Type;
        PyObject *bases = PyTuple_Pack(1, reinterpret_cast<PyObject *>(ctx.base));
        if (bases == nullptr) return -1;
        Py_SETREF(ctx.bases, bases);
        return 0;
    }
    for (Py_ssize_t i = 0; i < nbases; ++i) {
        PyObject *base = PyTuple_GET_ITEM(ctx.bases, i);
        if (PyType_Check(base)) continue;
        PyObject *key = PyUnicode_InternFromString("__mro_entries__");
        if (key == nullptr) return -1;
        PyObject *mro_entries = nullptr;
        const int found = _PyObject_LookupAttr(base, key, &mro_entries);
        Py_DECREF(key);
        if (found < 0) return -1;
        if (found > 0) {
            Py_DECREF(mro_entries);
            PyErr_SetString(PyExc_TypeError,
                            "type() doesn't support MRO entry resolution; use types.new_class()");
            return -1;
        }
    }
    PyTypeObject *winner = _PyType_CalculateMetaclass(ctx.metatype, ctx.bases);
    if (winner == nullptr) return -1;
    if (winner != ctx.metatype) {
        if (winner->tp_new != type_new) {
            *result = winner->tp_new(winner, ctx.args, ctx.kwds);
            return *result == nullptr ? -1 : 1;
        }
        ctx.metatype = winner;
    }
    ctx.base = best_base(ctx.bases);
    return ctx.base == nullptr ? -1 : 0;
}

// --- Step 3 -------------------------------------------------------------------------------------

bool identifier_start(Py_UCS4 ch) noexcept {
    return ch == '_' ||
           (ch < 128 ? ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') : _PyUnicode_IsAlpha(ch));
}
bool identifier_continue(Py_UCS4 ch) noexcept {
    return identifier_start(ch) || (ch < 128 ? (ch >= '0' && ch <= '9') : _PyUnicode_IsDigit(ch));
}

// A str that is a Python identifier (letters, digits and _; not starting with a digit).
bool valid_identifier(PyObject *name) noexcept {
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "__slots__ items must be strings, not '%.200s'",
                     Py_TYPE(name)->tp_name);
        return false;
    }
    const Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    bool ok = length > 0;
    for (Py_ssize_t i = 0; ok && i < length; ++i) {
        const Py_UCS4 ch = PyUnicode_READ_CHAR(name, i);
        ok = i == 0 ? identifier_start(ch) : identifier_continue(ch);
    }
    if (!ok) PyErr_SetString(PyExc_TypeError, "__slots__ must be identifiers");
    return ok;
}

// Private name mangling: `__x` inside class `_C` is `_C__x` (not for dunder names, dotted
// names, or a class whose name is only underscores).
PyObject *mangle(PyObject *class_name, PyObject *ident) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(ident);
    if (n < 2 || PyUnicode_READ_CHAR(ident, 0) != '_' || PyUnicode_READ_CHAR(ident, 1) != '_')
        return Py_NewRef(ident);
    if (n > 2 && PyUnicode_READ_CHAR(ident, n - 1) == '_' &&
        PyUnicode_READ_CHAR(ident, n - 2) == '_')
        return Py_NewRef(ident);
    if (PyUnicode_FindChar(ident, '.', 0, n, 1) >= 0) return Py_NewRef(ident);
    const Py_ssize_t class_length = PyUnicode_GET_LENGTH(class_name);
    Py_ssize_t start = 0;
    while (start < class_length && PyUnicode_READ_CHAR(class_name, start) == '_') ++start;
    if (start == class_length) return Py_NewRef(ident);
    PyObject *stripped = PyUnicode_Substring(class_name, start, class_length);
    if (stripped == nullptr) return nullptr;
    PyObject *result = PyUnicode_FromFormat("_%U%U", stripped, ident);
    Py_DECREF(stripped);
    return result;
}

int visit_slots(TypeNewContext &ctx) noexcept {
    for (Py_ssize_t i = 0; i < ctx.nslot; ++i) {
        PyObject *name = PyTuple_GET_ITEM(ctx.slots, i);
        if (!valid_identifier(name)) return -1;
        if (PyUnicode_Compare(name, dunder(Dunder::dict)) == 0) {
            if (!ctx.may_add_dict || ctx.add_dict) {
                PyErr_SetString(PyExc_TypeError, "__dict__ slot disallowed: we already got one");
                return -1;
            }
            ctx.add_dict = true;
        }
        if (PyUnicode_Compare(name, dunder(Dunder::weakref)) == 0) {
            if (!ctx.may_add_weak || ctx.add_weak) {
                PyErr_SetString(PyExc_TypeError,
                                "__weakref__ slot disallowed: either we already got one, or "
                                "__itemsize__ != 0");
                return -1;
            }
            ctx.add_weak = true;
        }
    }
    return 0;
}

// The mangled slot names without __dict__ / __weakref__, sorted, as a tuple.
PyObject *copy_slots(TypeNewContext &ctx, PyObject *dict) noexcept {
    PyObject *names = PyList_New(0);
    if (names == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < ctx.nslot; ++i) {
        PyObject *slot = PyTuple_GET_ITEM(ctx.slots, i);
        if ((ctx.add_dict && PyUnicode_Compare(slot, dunder(Dunder::dict)) == 0) ||
            (ctx.add_weak && PyUnicode_Compare(slot, dunder(Dunder::weakref)) == 0))
            continue;
        PyObject *mangled = mangle(ctx.name, slot);
        if (mangled == nullptr || PyList_Append(names, mangled) < 0) {
            Py_XDECREF(mangled);
            Py_DECREF(names);
            return nullptr;
        }
        const int clash = PyDict_Contains(dict, mangled);
        // The compiler puts __qualname__ and __classcell__ in every namespace; they are removed
        // before they could act as class variables.
        if (clash > 0 && PyUnicode_Compare(mangled, dunder(Dunder::qualname)) != 0 &&
            PyUnicode_Compare(mangled, dunder(Dunder::classcell)) != 0) {
            PyErr_Format(PyExc_ValueError, "%R in __slots__ conflicts with class variable",
                         mangled);
        }
        Py_DECREF(mangled);
        if (clash < 0 || PyErr_Occurred()) {
            Py_DECREF(names);
            return nullptr;
        }
    }
    PyObject *tuple = nullptr;
    if (PyList_Sort(names) == 0) tuple = PyList_AsTuple(names);
    Py_DECREF(names);
    return tuple;
}

// A second base may already give the instances a dict or a weakref slot.
void slots_from_other_bases(TypeNewContext &ctx) noexcept {
    const Py_ssize_t nbases = PyTuple_GET_SIZE(ctx.bases);
    if (nbases <= 1 ||
        !((ctx.may_add_dict && !ctx.add_dict) || (ctx.may_add_weak && !ctx.add_weak)))
        return;
    for (Py_ssize_t i = 0; i < nbases; ++i) {
        PyTypeObject *base = as_type(PyTuple_GET_ITEM(ctx.bases, i));
        if (base == ctx.base) continue;
        if (ctx.may_add_dict && !ctx.add_dict && base->tp_dictoffset != 0) ctx.add_dict = true;
        if (ctx.may_add_weak && !ctx.add_weak && base->tp_weaklistoffset != 0) ctx.add_weak = true;
        if (ctx.may_add_dict && !ctx.add_dict) continue;
        if (ctx.may_add_weak && !ctx.add_weak) continue;
        break;
    }
}

int process_slots(TypeNewContext &ctx, PyObject *dict) noexcept {
    ctx.may_add_dict = ctx.base->tp_dictoffset == 0;
    ctx.may_add_weak = ctx.base->tp_weaklistoffset == 0 && ctx.base->tp_itemsize == 0;
    PyObject *slots = PyDict_GetItemWithError(dict, dunder(Dunder::slots));
    if (slots == nullptr) {
        if (PyErr_Occurred()) return -1;
        ctx.add_dict = ctx.may_add_dict;
        ctx.add_weak = ctx.may_add_weak;
        return 0;
    }
    ctx.slots = PyUnicode_Check(slots) ? PyTuple_Pack(1, slots) : PySequence_Tuple(slots);
    if (ctx.slots == nullptr) return -1;
    ctx.nslot = PyTuple_GET_SIZE(ctx.slots);
    if (ctx.nslot > 0 && ctx.base->tp_itemsize != 0) {
        PyErr_Format(PyExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                     ctx.base->tp_name);
        return -1;
    }
    if (visit_slots(ctx) < 0) return -1;
    PyObject *copied = copy_slots(ctx, dict);
    if (copied == nullptr) return -1;
    Py_SETREF(ctx.slots, copied);
    ctx.nslot = PyTuple_GET_SIZE(copied);
    slots_from_other_bases(ctx);
    return 0;
}

// --- Steps 4 to 7 -------------------------------------------------------------------------------

PyTypeObject *alloc_type(TypeNewContext &ctx, PyObject *dict) noexcept {
    auto *type = as_type(ctx.metatype->tp_alloc(ctx.metatype, ctx.nslot));
    if (type == nullptr) return nullptr;
    auto *et = reinterpret_cast<PyHeapTypeObject *>(type);
    // Every heap type collects: an instance stored on its own class is a cycle.
    type->tp_flags =
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
    type->tp_as_async = &et->as_async;
    type->tp_as_number = &et->as_number;
    type->tp_as_sequence = &et->as_sequence;
    type->tp_as_mapping = &et->as_mapping;
    type->tp_as_buffer = &et->as_buffer;
    type->tp_bases = Py_NewRef(ctx.bases);
    type->tp_base = as_type(Py_NewRef(reinterpret_cast<PyObject *>(ctx.base)));
    type->tp_dealloc = subtype_dealloc;
    type->tp_alloc = PyType_GenericAlloc;
    type->tp_free = PyObject_GC_Del;
    type->tp_traverse = subtype_traverse;
    type->tp_clear = subtype_clear;
    et->ht_name = Py_NewRef(ctx.name);
    type->tp_dict = Py_NewRef(dict);
    et->ht_slots = ctx.slots;
    ctx.slots = nullptr;
    return type;
}

int set_name(TypeNewContext &ctx, PyTypeObject *type) noexcept {
    Py_ssize_t length = 0;
    const char *text = PyUnicode_AsUTF8AndSize(ctx.name, &length);
    if (text == nullptr) return -1;
    if (static_cast<Py_ssize_t>(std::strlen(text)) != length) {
        PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
        return -1;
    }
    type->tp_name = text;
    return 0;
}

int set_module(PyTypeObject *type) noexcept {
    PyObject *dict = type->tp_dict;
    const int present = PyDict_Contains(dict, dunder(Dunder::module));
    if (present != 0) return present < 0 ? -1 : 0;
    PyObject *globals = g_globals_hook != nullptr ? g_globals_hook() : nullptr;
    if (globals == nullptr || !PyDict_Check(globals)) return 0;
    PyObject *module = PyDict_GetItemWithError(globals, dunder(Dunder::name));
    if (module == nullptr) return PyErr_Occurred() ? -1 : 0;
    return PyDict_SetItem(dict, dunder(Dunder::module), module);
}

int set_qualname(PyTypeObject *type) noexcept {
    auto *et = reinterpret_cast<PyHeapTypeObject *>(type);
    PyObject *qualname = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::qualname));
    if (qualname == nullptr) {
        if (PyErr_Occurred()) return -1;
        et->ht_qualname = Py_NewRef(et->ht_name);
        return 0;
    }
    if (!PyUnicode_Check(qualname)) {
        PyErr_Format(PyExc_TypeError, "type __qualname__ must be a str, not %s",
                     Py_TYPE(qualname)->tp_name);
        return -1;
    }
    et->ht_qualname = Py_NewRef(qualname);
    return PyDict_DelItem(type->tp_dict, dunder(Dunder::qualname));
}

int set_doc(PyTypeObject *type) noexcept {
    PyObject *doc = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::doc));
    if (doc == nullptr) return PyErr_Occurred() ? -1 : 0;
    if (!PyUnicode_Check(doc)) return 0;
    const char *text = PyUnicode_AsUTF8(doc);
    if (text == nullptr) return -1;
    // Cut at an embedded NUL, as CPython silently does.
    const std::size_t size = std::strlen(text) + 1;
    auto *copy = static_cast<char *>(PyObject_Malloc(size));
    if (copy == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    std::memcpy(copy, text, size);
    type->tp_doc = copy;
    return 0;
}

// A plain function under `name` becomes `wrap(function)` (staticmethod / classmethod).
int wrap_function(PyTypeObject *type, PyObject *name, PyObject *(*wrap)(PyObject *)) noexcept {
    PyObject *func = PyDict_GetItemWithError(type->tp_dict, name);
    if (func == nullptr) return PyErr_Occurred() ? -1 : 0;
    if (g_function_type == nullptr || !Py_IS_TYPE(func, g_function_type)) return 0;
    PyObject *wrapped = wrap(func);
    if (wrapped == nullptr) return -1;
    const int status = PyDict_SetItem(type->tp_dict, name, wrapped);
    Py_DECREF(wrapped);
    return status;
}

void set_descriptors(TypeNewContext &ctx, PyTypeObject *type) noexcept {
    auto *et = reinterpret_cast<PyHeapTypeObject *>(type);
    Py_ssize_t offset = ctx.base->tp_basicsize;
    PyMemberDef *members = PyHeapType_GET_MEMBERS(et);
    if (et->ht_slots != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(et->ht_slots); ++i) {
            PyMemberDef &m = members[i];
            // The names are the slot strs' UTF-8, which live as long as ht_slots.
            m.name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(et->ht_slots, i));
            m.type = T_OBJECT_EX;
            m.offset = offset;
            m.flags = 0;
            m.doc = nullptr;
            offset += static_cast<Py_ssize_t>(sizeof(PyObject *));
        }
    }
    if (ctx.add_weak) {
        type->tp_weaklistoffset = offset;
        offset += static_cast<Py_ssize_t>(sizeof(PyObject *));
    }
    if (ctx.add_dict) {
        // CPython 3.11 reports a managed dict's offset this way (it is in front of the object).
        type->tp_flags |= Py_TPFLAGS_MANAGED_DICT;
        type->tp_dictoffset = -offset - 3 * static_cast<Py_ssize_t>(sizeof(PyObject *));
    }
    type->tp_basicsize = offset;
    type->tp_itemsize = ctx.base->tp_itemsize;
    type->tp_members = members;
}

void set_getsets(TypeNewContext &ctx, PyTypeObject *type) noexcept {
    if (type->tp_weaklistoffset && type->tp_dictoffset)
        type->tp_getset = subtype_getsets_full;
    else if (type->tp_weaklistoffset)
        type->tp_getset = subtype_getsets_weakref_only;
    else if (type->tp_dictoffset)
        type->tp_getset = subtype_getsets_dict_only;
    if (type->tp_dictoffset != 0 || ctx.nslot > 0) {
        PyTypeObject *base = ctx.base;
        if (base->tp_getattr == nullptr && base->tp_getattro == nullptr)
            type->tp_getattro = PyObject_GenericGetAttr;
        if (base->tp_setattr == nullptr && base->tp_setattro == nullptr)
            type->tp_setattro = PyObject_GenericSetAttr;
    }
}

int set_classcell(PyTypeObject *type) noexcept {
    PyObject *cell = PyDict_GetItemWithError(type->tp_dict, dunder(Dunder::classcell));
    if (cell == nullptr) return PyErr_Occurred() ? -1 : 0;
    if (g_classcell_hook == nullptr ||
        g_classcell_hook(cell, reinterpret_cast<PyObject *>(type)) < 0) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "__classcell__ must be a nonlocal cell, not %.200R",
                         reinterpret_cast<PyObject *>(Py_TYPE(cell)));
        return -1;
    }
    return PyDict_DelItem(type->tp_dict, dunder(Dunder::classcell));
}

int set_attributes(TypeNewContext &ctx, PyTypeObject *type) noexcept {
    if (set_name(ctx, type) < 0 || set_module(type) < 0 || set_qualname(type) < 0 ||
        set_doc(type) < 0)
        return -1;
    if (wrap_function(type, dunder(Dunder::new_), PyStaticMethod_New) < 0 ||
        wrap_function(type, dunder(Dunder::init_subclass), PyClassMethod_New) < 0 ||
        wrap_function(type, dunder(Dunder::class_getitem), PyClassMethod_New) < 0)
        return -1;
    set_descriptors(ctx, type);
    set_getsets(ctx, type);
    return set_classcell(type);
}

// --- Steps 9 and 10 -----------------------------------------------------------------------------

// Raises `type` with `format`, the current exception becoming its __cause__ and __context__.
void raise_from_current(PyObject *type, const char *format, ...) noexcept {
    PyObject *cause = PyErr_GetRaisedException();
    va_list va;
    va_start(va, format);
    PyObject *message = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (message == nullptr) {
        Py_XDECREF(cause);
        return;
    }
    PyErr_SetObject(type, message);
    Py_DECREF(message);
    if (cause == nullptr) return;
    PyObject *raised = PyErr_GetRaisedException();
    if (raised != nullptr) {
        PyException_SetCause(raised, Py_NewRef(cause));
        PyException_SetContext(raised, Py_NewRef(cause));
    }
    PyErr_SetRaisedException(raised);
    Py_DECREF(cause);
}

int set_names(PyTypeObject *type) noexcept {
    PyObject *names = PyDict_Copy(type->tp_dict);
    if (names == nullptr) return -1;
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    int status = 0;
    while (status == 0 && PyDict_Next(names, &pos, &key, &value)) {
        PyObject *set_name_method = _PyObject_LookupSpecial(value, dunder(Dunder::set_name));
        if (set_name_method == nullptr) {
            if (PyErr_Occurred()) status = -1;
            continue;
        }
        PyObject *result = PyObject_CallFunctionObjArgs(set_name_method, type, key, nullptr);
        Py_DECREF(set_name_method);
        if (result == nullptr) {
            // (Running out of memory stays a MemoryError, as everywhere in the runtime.)
            if (!PyErr_ExceptionMatches(PyExc_MemoryError))
                raise_from_current(PyExc_RuntimeError,
                                   "Error calling __set_name__ on '%.100s' instance %R in '%.100s'",
                                   Py_TYPE(value)->tp_name, key, type->tp_name);
            status = -1;
        } else {
            Py_DECREF(result);
        }
    }
    Py_DECREF(names);
    return status;
}

int init_subclass(PyTypeObject *type, PyObject *kwds) noexcept {
    PyObject *func = minipy_super_lookup(type, reinterpret_cast<PyObject *>(type),
                                         dunder(Dunder::init_subclass));
    if (func == nullptr) return -1;
    PyObject *args = PyTuple_New(0);
    PyObject *result = args != nullptr ? PyObject_Call(func, args, kwds) : nullptr;
    Py_XDECREF(args);
    Py_DECREF(func);
    if (result == nullptr) return -1;
    Py_DECREF(result);
    return 0;
}

PyObject *type_new_impl(TypeNewContext &ctx) noexcept {
    PyObject *dict = PyDict_Copy(ctx.orig_dict);
    if (dict == nullptr) return nullptr;
    if (process_slots(ctx, dict) < 0) {
        Py_DECREF(dict);
        return nullptr;
    }
    PyTypeObject *type = alloc_type(ctx, dict);
    Py_DECREF(dict);
    if (type == nullptr) return nullptr;
    if (set_attributes(ctx, type) < 0 || PyType_Ready(type) < 0) {
        Py_DECREF(type);
        return nullptr;
    }
    fixup_slot_dispatchers(type);
    // The key table the instances' dicts share (PEP 412). Without memory for it the class is
    // not made (CPython 3.11 goes on without sharing; minipy's rule is that any refused
    // allocation in class creation ends in MemoryError).
    if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        auto *et = reinterpret_cast<PyHeapTypeObject *>(type);
        if ((et->ht_cached_keys = minipy_dict_new_shared_keys()) == nullptr) {
            Py_DECREF(type);
            return nullptr;
        }
    }
    if (set_names(type) < 0 || init_subclass(type, ctx.kwds) < 0) {
        Py_DECREF(type);
        return nullptr;
    }
    return reinterpret_cast<PyObject *>(type);
}

}  // namespace

PyObject *type_new(PyTypeObject *metatype, PyObject *args, PyObject *kwds) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)",
                     nargs);
        return nullptr;
    }
    PyObject *name = PyTuple_GET_ITEM(args, 0);
    PyObject *bases = PyTuple_GET_ITEM(args, 1);
    PyObject *dict = PyTuple_GET_ITEM(args, 2);
    const char *expected = nullptr;
    int position = 0;
    PyObject *bad = nullptr;
    if (!PyUnicode_Check(name)) {
        expected = "str", position = 1, bad = name;
    } else if (!PyTuple_Check(bases)) {
        expected = "tuple", position = 2, bad = bases;
    } else if (!PyDict_Check(dict)) {
        expected = "dict", position = 3, bad = dict;
    }
    if (expected != nullptr) {
        PyErr_Format(PyExc_TypeError, "type.__new__() argument %d must be %s, not %.50s", position,
                     expected, bad == Py_None ? "None" : Py_TYPE(bad)->tp_name);
        return nullptr;
    }
    TypeNewContext ctx{};
    ctx.metatype = metatype;
    ctx.args = args;
    ctx.kwds = kwds;
    ctx.name = name;
    ctx.bases = Py_NewRef(bases);
    ctx.orig_dict = dict;
    PyObject *result = nullptr;
    const int status = get_bases(ctx, &result);
    if (status == 0) result = type_new_impl(ctx);
    Py_XDECREF(ctx.slots);
    Py_DECREF(ctx.bases);
    return status < 0 ? nullptr : result;
}

int type_init(PyObject *, PyObject *args, PyObject *kwds) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (kwds != nullptr && nargs == 1 && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

// --- A heap type's life
// ---------------------------------------------------------------------------

int type_is_gc(PyObject *self) noexcept {
    return (as_type(self)->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0;
}

int type_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyTypeObject *type = as_type(self);
    Py_VISIT(type->tp_dict);
    Py_VISIT(type->tp_cache);
    Py_VISIT(type->tp_mro);
    Py_VISIT(type->tp_bases);
    Py_VISIT(type->tp_base);
    Py_VISIT(reinterpret_cast<PyHeapTypeObject *>(type)->ht_module);
    // tp_subclasses holds addresses, ht_slots and the names only strs: no cycle runs through them.
    return 0;
}

// Breaks the class's cycles: its dict (methods refer to the class through their globals or
// cells, instances stored on it refer to it), its MRO (which starts with the class itself).
int type_clear(PyObject *self) noexcept {
    PyTypeObject *type = as_type(self);
    PyType_Modified(type);
    if (type->tp_dict != nullptr) PyDict_Clear(type->tp_dict);
    Py_CLEAR(reinterpret_cast<PyHeapTypeObject *>(type)->ht_module);
    Py_CLEAR(type->tp_mro);
    return 0;
}

void type_dealloc(PyObject *self) noexcept {
    PyTypeObject *type = as_type(self);
    PyObject_GC_UnTrack(self);
    if (type->tp_bases != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type->tp_bases); ++i) {
            PyObject *base = PyTuple_GET_ITEM(type->tp_bases, i);
            if (PyType_Check(base)) subclass_remove(as_type(base), type);
        }
    }
    auto *et = reinterpret_cast<PyHeapTypeObject *>(type);
    Py_XDECREF(type->tp_base);
    Py_XDECREF(type->tp_dict);
    Py_XDECREF(type->tp_bases);
    Py_XDECREF(type->tp_mro);
    Py_XDECREF(type->tp_cache);
    Py_XDECREF(type->tp_subclasses);
    // A class's tp_doc is its own copy (set_doc above, or PyType_FromSpec's).
    PyObject_Free(const_cast<char *>(type->tp_doc));
    Py_XDECREF(et->ht_name);
    Py_XDECREF(et->ht_qualname);
    Py_XDECREF(et->ht_slots);
    Py_XDECREF(et->ht_module);
    minipy_dict_release_shared_keys(et->ht_cached_keys);
    PyMem_Free(et->_ht_tpname);
    Py_TYPE(type)->tp_free(self);
}

}  // namespace minipy::runtime

extern "C" PyTypeObject *_PyType_CalculateMetaclass(PyTypeObject *metatype,
                                                    PyObject *bases) noexcept {
    PyTypeObject *winner = metatype;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); ++i) {
        PyTypeObject *candidate = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype(winner, candidate)) continue;
        if (PyType_IsSubtype(candidate, winner)) {
            winner = candidate;
            continue;
        }
        PyErr_SetString(
            PyExc_TypeError,
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
            "subclass of the metaclasses of all its bases");
        return nullptr;
    }
    return winner;
}
