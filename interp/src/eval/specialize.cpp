// The specializer (specialize.hpp): decides, for what an adaptive instruction saw, which
// specialized form may run it from now on, and fills its cache. A form is chosen only where
// its guards (checked by the eval loop on every run) prove the generic path would do the same.
#include "eval/specialize.hpp"

#include "code/opcode.hpp"
#include "objects/function_object.hpp"

namespace minipy::eval {

using namespace minipy::code;

namespace {

// The type's version tag after a lookup gave it one (0: none, do not specialize).
std::uint32_t type_version(PyTypeObject *type) noexcept {
    return (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ? type->tp_version_tag : 0;
}

// A class attribute an instance dict entry wins over for good: none, or an object whose type
// cannot change (a static type) and is not a data descriptor.
bool dict_wins_over(PyObject *descr) noexcept {
    if (descr == nullptr) return true;
    PyTypeObject *t = Py_TYPE(descr);
    return !(t->tp_flags & Py_TPFLAGS_HEAPTYPE) && t->tp_descr_set == nullptr;
}

bool specialize_module_attr(PyObject *owner, CodeUnit *instr, PyObject *name) noexcept {
    // module_getattro: a data descriptor of the module type first (none but __dict__,
    // __class__ & co.), then the module's dict.
    if (_PyType_Lookup(&PyModule_Type, name) != nullptr) return false;
    PyObject *dict = PyModule_GetDict(owner);
    if (dict == nullptr) {
        PyErr_Clear();
        return false;
    }
    PyObject **dictptr = _PyObject_GetDictPtr(owner);
    if (dictptr == nullptr || *dictptr != dict) return false;
    const Py_ssize_t index = minipy_dict_entry_index(dict, name);
    if (index < 0 || index > kMaxCachedIndex) return false;
    instr[1 + load_attr_cache::kIndex] = static_cast<CodeUnit>(index);
    rewrite(instr, LOAD_ATTR_MODULE);
    return true;
}

// Split instances (the instance dict shares its class's keys, PEP 412): the attribute's
// index in the shared keys, or -1 when obj is not one or the keys lack the name.
Py_ssize_t shared_index(PyObject *owner, PyObject *name) noexcept {
    const Py_ssize_t index = minipy_object_shared_keys_index(owner, name);
    return index <= kMaxCachedIndex ? index : -1;
}

// LOAD_ATTR_INSTANCE_VALUE when the instance holds the attribute in its values.
bool specialize_instance_value_load(PyObject *owner, CodeUnit *instr, PyObject *name,
                                    std::uint32_t version) noexcept {
    const Py_ssize_t index = shared_index(owner, name);
    if (index < 0 || minipy_object_split_value_at(owner, index) == nullptr) return false;
    write_u32(instr + 1 + load_attr_cache::kVersion, version);
    instr[1 + load_attr_cache::kIndex] = static_cast<CodeUnit>(index);
    rewrite(instr, LOAD_ATTR_INSTANCE_VALUE);
    return true;
}

// STORE_ATTR_INSTANCE_VALUE when the class's shared keys have the name (the instance may
// not hold it yet: the store appends it when it is next in the shared order).
bool specialize_instance_value_store(PyObject *owner, CodeUnit *instr, PyObject *name,
                                     std::uint32_t version) noexcept {
    const Py_ssize_t index = shared_index(owner, name);
    if (index < 0) return false;
    write_u32(instr + 1 + store_attr_cache::kVersion, version);
    instr[1 + store_attr_cache::kIndex] = static_cast<CodeUnit>(index);
    rewrite(instr, STORE_ATTR_INSTANCE_VALUE);
    return true;
}

// What LOAD_ATTR_METHOD_WITH_VALUES keeps in its index unit: the count of the class's shared
// keys while they lack the name (minipy_object_split_lacks), else a count no keys reach.
CodeUnit shared_keys_count_lacking(PyObject *owner, PyObject *name) noexcept {
    const Py_ssize_t count = minipy_object_shared_keys_count(owner);
    if (count < 0 || count >= kMaxCachedIndex || shared_index(owner, name) >= 0)
        return static_cast<CodeUnit>(kMaxCachedIndex);
    return static_cast<CodeUnit>(count);
}

}  // namespace

void specialize_load_attr(PyObject *owner, CodeUnit *instr, PyObject *name) noexcept {
    const bool method_form = (unit_oparg(*instr) & 1) != 0;
    if (!PyUnicode_CheckExact(name)) return fail(instr);
    if (PyModule_CheckExact(owner)) {
        if (!specialize_module_attr(owner, instr, name)) fail(instr);
        return;
    }
    PyTypeObject *type = Py_TYPE(owner);
    if (type->tp_getattro != PyObject_GenericGetAttr || !(type->tp_flags & Py_TPFLAGS_READY))
        return fail(instr);
    PyObject *descr = _PyType_Lookup(type, name);
    const std::uint32_t version = type_version(type);
    if (version == 0) return fail(instr);
    if (method_form && descr != nullptr &&
        (Py_TYPE(descr)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        PyObject **dictptr = _PyObject_GetDictPtr(owner);
        int opcode;
        if (dictptr == nullptr) {
            opcode = LOAD_ATTR_METHOD_NO_DICT;  // instances of this type never have a dict
        } else if (*dictptr == nullptr || minipy_object_dict_lacks(owner, name)) {
            opcode = LOAD_ATTR_METHOD_WITH_VALUES;  // the dict is checked on every run
        } else {
            return fail(instr);  // shadowed by the instance
        }
        write_u32(instr + 1 + load_attr_cache::kVersion, version);
        write_obj(instr + 1 + load_attr_cache::kDescr, descr);
        instr[1 + load_attr_cache::kIndex] = shared_keys_count_lacking(owner, name);
        rewrite(instr, opcode);
        return;
    }
    if (!dict_wins_over(descr)) return fail(instr);
    if (specialize_instance_value_load(owner, instr, name, version)) return;
    PyObject **dictptr = _PyObject_GetDictPtr(owner);
    if (dictptr == nullptr || *dictptr == nullptr || !PyDict_CheckExact(*dictptr))
        return fail(instr);
    const Py_ssize_t index = minipy_dict_entry_index(*dictptr, name);
    if (index < 0 || index > kMaxCachedIndex) return fail(instr);
    write_u32(instr + 1 + load_attr_cache::kVersion, version);
    instr[1 + load_attr_cache::kIndex] = static_cast<CodeUnit>(index);
    rewrite(instr, LOAD_ATTR_WITH_HINT);
}

void specialize_store_attr(PyObject *owner, CodeUnit *instr, PyObject *name) noexcept {
    PyTypeObject *type = Py_TYPE(owner);
    if (!PyUnicode_CheckExact(name) || type->tp_setattro != PyObject_GenericSetAttr ||
        !(type->tp_flags & Py_TPFLAGS_READY))
        return fail(instr);
    PyObject *descr = _PyType_Lookup(type, name);
    const std::uint32_t version = type_version(type);
    if (version == 0 || !dict_wins_over(descr)) return fail(instr);
    if (specialize_instance_value_store(owner, instr, name, version)) return;
    PyObject **dictptr = _PyObject_GetDictPtr(owner);
    if (dictptr == nullptr || *dictptr == nullptr || !PyDict_CheckExact(*dictptr))
        return fail(instr);
    const Py_ssize_t index = minipy_dict_entry_index(*dictptr, name);
    if (index < 0 || index > kMaxCachedIndex) return fail(instr);
    write_u32(instr + 1 + store_attr_cache::kVersion, version);
    instr[1 + store_attr_cache::kIndex] = static_cast<CodeUnit>(index);
    rewrite(instr, STORE_ATTR_WITH_HINT);
}

void specialize_load_global(PyObject *globals, PyObject *builtins, CodeUnit *instr,
                            PyObject *name) noexcept {
    if (!PyDict_CheckExact(globals) || !PyDict_CheckExact(builtins) || !PyUnicode_CheckExact(name))
        return fail(instr);
    const Py_ssize_t index = minipy_dict_entry_index(globals, name);
    if (index >= 0) {
        if (index > kMaxCachedIndex) return fail(instr);
        instr[1 + load_global_cache::kIndex] = static_cast<CodeUnit>(index);
        rewrite(instr, LOAD_GLOBAL_MODULE);
        return;
    }
    // A builtin, while no global of the name appears (the globals' keys version stands).
    if (minipy_dict_lacks(globals, name) != 1) return fail(instr);
    const std::uint32_t keys_version = minipy_dict_keys_version(globals);
    const Py_ssize_t builtin_index = minipy_dict_entry_index(builtins, name);
    if (keys_version == 0 || builtin_index < 0 || builtin_index > kMaxCachedIndex)
        return fail(instr);
    write_u32(instr + 1 + load_global_cache::kGlobalsVersion, keys_version);
    instr[1 + load_global_cache::kBuiltinIndex] = static_cast<CodeUnit>(builtin_index);
    rewrite(instr, LOAD_GLOBAL_BUILTIN);
}

void specialize_binary_op(PyObject *lhs, PyObject *rhs, CodeUnit *instr) noexcept {
    PyTypeObject *type = Py_TYPE(lhs);
    if (type != Py_TYPE(rhs)) return fail(instr);
    const int oparg = unit_oparg(*instr);
    int opcode = -1;
    if (type == &PyLong_Type) {
        switch (oparg) {
        case NB_ADD:
        case NB_INPLACE_ADD: opcode = BINARY_OP_ADD_INT; break;
        case NB_SUBTRACT:
        case NB_INPLACE_SUBTRACT: opcode = BINARY_OP_SUBTRACT_INT; break;
        case NB_MULTIPLY:
        case NB_INPLACE_MULTIPLY: opcode = BINARY_OP_MULTIPLY_INT; break;
        default: break;
        }
    } else if (type == &PyFloat_Type) {
        switch (oparg) {
        case NB_ADD:
        case NB_INPLACE_ADD: opcode = BINARY_OP_ADD_FLOAT; break;
        case NB_SUBTRACT:
        case NB_INPLACE_SUBTRACT: opcode = BINARY_OP_SUBTRACT_FLOAT; break;
        case NB_MULTIPLY:
        case NB_INPLACE_MULTIPLY: opcode = BINARY_OP_MULTIPLY_FLOAT; break;
        default: break;
        }
    }
    if (opcode < 0) return fail(instr);
    rewrite(instr, opcode);
}

void specialize_compare_op(PyObject *lhs, PyObject *rhs, CodeUnit *instr) noexcept {
    // Only a comparison whose result a conditional jump pops at once (the jump is folded in:
    // the bool is never pushed).
    const int next = unit_opcode(instr[1 + kCacheOf_COMPARE_OP]);
    if (next != POP_JUMP_FORWARD_IF_FALSE && next != POP_JUMP_FORWARD_IF_TRUE &&
        next != POP_JUMP_BACKWARD_IF_FALSE && next != POP_JUMP_BACKWARD_IF_TRUE)
        return fail(instr);
    PyTypeObject *type = Py_TYPE(lhs);
    if (type != Py_TYPE(rhs)) return fail(instr);
    if (type == &PyLong_Type)
        rewrite(instr, COMPARE_OP_INT_JUMP);
    else if (type == &PyFloat_Type)
        rewrite(instr, COMPARE_OP_FLOAT_JUMP);
    else if (type == &PyUnicode_Type)
        rewrite(instr, COMPARE_OP_STR_JUMP);
    else
        fail(instr);
}

namespace {

// An exact int of at most one digit that is a valid index of a sequence of `size` items.
bool is_small_index(PyObject *sub, Py_ssize_t size) noexcept {
    if (!PyLong_CheckExact(sub)) return false;
    const Py_ssize_t digits = Py_SIZE(sub);
    if (digits < 0 || digits > 1) return false;
    const Py_ssize_t index = digits == 0 ? 0 : reinterpret_cast<PyLongObject *>(sub)->ob_digit[0];
    return index < size;
}

}  // namespace

void specialize_binary_subscr(PyObject *container, PyObject *sub, CodeUnit *instr) noexcept {
    if (PyList_CheckExact(container) && is_small_index(sub, PyList_GET_SIZE(container)))
        rewrite(instr, BINARY_SUBSCR_LIST_INT);
    else if (PyTuple_CheckExact(container) && is_small_index(sub, PyTuple_GET_SIZE(container)))
        rewrite(instr, BINARY_SUBSCR_TUPLE_INT);
    else
        fail(instr);
}

void specialize_store_subscr(PyObject *container, PyObject *sub, CodeUnit *instr) noexcept {
    if (PyList_CheckExact(container) && is_small_index(sub, PyList_GET_SIZE(container)))
        rewrite(instr, STORE_SUBSCR_LIST_INT);
    else
        fail(instr);
}

void specialize_call(PyObject *callable, CodeUnit *instr, int nargs, PyObject *kwnames) noexcept {
    if (kwnames != nullptr || !PyFunction_Check(callable)) return fail(instr);
    auto *co = reinterpret_cast<PyCodeObject *>(interp::as_function(callable)->func_code);
    constexpr int kNotSimple = CO_VARARGS | CO_VARKEYWORDS;
    if ((co->co_flags & kNotSimple) != 0 || co->co_kwonlyargcount != 0 || co->co_argcount != nargs)
        return fail(instr);
    rewrite(instr, CALL_PY_EXACT_ARGS);
}

}  // namespace minipy::eval
