// Special methods called as C slots: the slot functions a class gets for what it defines
// (CPython 3.11's slot_* functions in Objects/typeobject.c). A class with `def __len__` has
// sq_length = mp_length = slot_sq_length, which looks `__len__` up on type(self) and calls it;
// the C code above (len(), PyObject_Size, the abstract layer) never knows the difference.
//
// Lookups go to the type, never the instance (a special method set on an instance is not
// used), with lookup_maybe_method: a plain function or method descriptor is called with self
// prepended, without making a bound method.
//
// Binary operators follow CPython's rules for the reflected operand (SLOT1BINFULL):
//   self + other where only one side is an instance of a class with __add__/__radd__:
//     that side's method (__add__ for the left, __radd__ for the right);
//   when type(other) is a proper subclass of type(self) and overrides __radd__, other's
//     __radd__ goes first, then self's __add__;
//   NotImplemented passes the turn; when both are the same type, no reflected call.
#include "objects/type/slot_functions.hpp"
#include "objects/type/type_internal.hpp"
#include "protocols/abstract_internal.hpp"

namespace minipy::runtime {
namespace {

PyObject *call_special(Dunder name, PyObject *self) noexcept {
    PyObject *args[1] = {self};
    return call_method(dunder(name), args, 1);
}

PyObject *call_special(Dunder name, PyObject *self, PyObject *other) noexcept {
    PyObject *args[2] = {self, other};
    return call_method(dunder(name), args, 2);
}

PyObject *call_special_by_name(const char *name, PyObject *self, PyObject *other) noexcept {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return nullptr;
    PyObject *args[2] = {self, other};
    PyObject *result = call_method(key, args, 2);
    Py_DECREF(key);
    return result;
}

// args[0].name(args[1..n]) if type(args[0]) has `name`; NotImplemented if it does not.
PyObject *call_maybe(PyObject *name, PyObject *const *args, Py_ssize_t n) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(args[0], name, &unbound);
    if (func == nullptr) {
        if (PyErr_Occurred()) return nullptr;
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *result = call_unbound(unbound, func, args, n);
    Py_DECREF(func);
    return result;
}

// Whether type(right) has its own `name`, differing from type(left)'s (getattr on the types,
// compared with !=): the condition for trying right's reflected method first.
int method_is_overloaded(PyObject *left, PyObject *right, PyObject *name) noexcept {
    PyObject *b = nullptr;
    if (_PyObject_LookupAttr(reinterpret_cast<PyObject *>(Py_TYPE(right)), name, &b) < 0) return -1;
    if (b == nullptr) return 0;
    PyObject *a = nullptr;
    if (_PyObject_LookupAttr(reinterpret_cast<PyObject *>(Py_TYPE(left)), name, &a) < 0) {
        Py_DECREF(b);
        return -1;
    }
    if (a == nullptr) {
        Py_DECREF(b);
        return 1;
    }
    const int differs = PyObject_RichCompareBool(a, b, Py_NE);
    Py_DECREF(a);
    Py_DECREF(b);
    return differs;
}

using NumberSlotPtr = binaryfunc PyNumberMethods::*;

bool has_slot(PyTypeObject *type, NumberSlotPtr slot, binaryfunc function) noexcept {
    return type->tp_as_number != nullptr && type->tp_as_number->*slot == function;
}

PyObject *binary_dispatch(PyObject *self, PyObject *other, NumberSlotPtr slot, binaryfunc me,
                          const char *name, const char *rname) noexcept {
    bool do_other = !Py_IS_TYPE(self, Py_TYPE(other)) && has_slot(Py_TYPE(other), slot, me);
    if (has_slot(Py_TYPE(self), slot, me)) {
        if (do_other && PyType_IsSubtype(Py_TYPE(other), Py_TYPE(self))) {
            PyObject *rkey = PyUnicode_InternFromString(rname);
            if (rkey == nullptr) return nullptr;
            const int overloaded = method_is_overloaded(self, other, rkey);
            if (overloaded < 0) {
                Py_DECREF(rkey);
                return nullptr;
            }
            if (overloaded) {
                PyObject *args[2] = {other, self};
                PyObject *result = call_maybe(rkey, args, 2);
                Py_DECREF(rkey);
                if (result != Py_NotImplemented) return result;
                Py_DECREF(result);
                do_other = false;
            } else {
                Py_DECREF(rkey);
            }
        }
        PyObject *key = PyUnicode_InternFromString(name);
        if (key == nullptr) return nullptr;
        PyObject *args[2] = {self, other};
        PyObject *result = call_maybe(key, args, 2);
        Py_DECREF(key);
        if (result != Py_NotImplemented || Py_IS_TYPE(other, Py_TYPE(self))) return result;
        Py_DECREF(result);
    }
    if (do_other) {
        PyObject *rkey = PyUnicode_InternFromString(rname);
        if (rkey == nullptr) return nullptr;
        PyObject *args[2] = {other, self};
        PyObject *result = call_maybe(rkey, args, 2);
        Py_DECREF(rkey);
        return result;
    }
    Py_RETURN_NOTIMPLEMENTED;
}

PyObject *unary_special(const char *name, PyObject *self) noexcept {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return nullptr;
    PyObject *args[1] = {self};
    PyObject *result = call_method(key, args, 1);
    Py_DECREF(key);
    return result;
}

int none_result(PyObject *result) noexcept {
    if (result == nullptr) return -1;
    Py_DECREF(result);
    return 0;
}

}  // namespace

// --- Binary and unary number slots ---------------------------------------------------------------

#define MINIPY_BINARY_SLOT(fn, field, name, rname)                                     \
    PyObject *fn(PyObject *self, PyObject *other) noexcept {                           \
        return binary_dispatch(self, other, &PyNumberMethods::field, fn, name, rname); \
    }
MINIPY_BINARY_SLOT(slot_nb_add, nb_add, "__add__", "__radd__")
MINIPY_BINARY_SLOT(slot_nb_subtract, nb_subtract, "__sub__", "__rsub__")
MINIPY_BINARY_SLOT(slot_nb_multiply, nb_multiply, "__mul__", "__rmul__")
MINIPY_BINARY_SLOT(slot_nb_remainder, nb_remainder, "__mod__", "__rmod__")
MINIPY_BINARY_SLOT(slot_nb_divmod, nb_divmod, "__divmod__", "__rdivmod__")
MINIPY_BINARY_SLOT(slot_nb_lshift, nb_lshift, "__lshift__", "__rlshift__")
MINIPY_BINARY_SLOT(slot_nb_rshift, nb_rshift, "__rshift__", "__rrshift__")
MINIPY_BINARY_SLOT(slot_nb_and, nb_and, "__and__", "__rand__")
MINIPY_BINARY_SLOT(slot_nb_xor, nb_xor, "__xor__", "__rxor__")
MINIPY_BINARY_SLOT(slot_nb_or, nb_or, "__or__", "__ror__")
MINIPY_BINARY_SLOT(slot_nb_floor_divide, nb_floor_divide, "__floordiv__", "__rfloordiv__")
MINIPY_BINARY_SLOT(slot_nb_true_divide, nb_true_divide, "__truediv__", "__rtruediv__")
MINIPY_BINARY_SLOT(slot_nb_matrix_multiply, nb_matrix_multiply, "__matmul__", "__rmatmul__")
#undef MINIPY_BINARY_SLOT

namespace {
PyObject *slot_nb_power_binary(PyObject *self, PyObject *other) noexcept {
    // The binary form of pow dispatches like any binary operator; its slot is nb_power, whose
    // dispatcher is slot_nb_power (a ternaryfunc), so compare against that.
    const auto is_mine = [](PyTypeObject *type) {
        return type->tp_as_number != nullptr && type->tp_as_number->nb_power == slot_nb_power;
    };
    bool do_other = !Py_IS_TYPE(self, Py_TYPE(other)) && is_mine(Py_TYPE(other));
    if (is_mine(Py_TYPE(self))) {
        if (do_other && PyType_IsSubtype(Py_TYPE(other), Py_TYPE(self))) {
            const int overloaded = method_is_overloaded(self, other, dunder(Dunder::rpow));
            if (overloaded < 0) return nullptr;
            if (overloaded) {
                PyObject *args[2] = {other, self};
                PyObject *result = call_maybe(dunder(Dunder::rpow), args, 2);
                if (result != Py_NotImplemented) return result;
                Py_DECREF(result);
                do_other = false;
            }
        }
        PyObject *args[2] = {self, other};
        PyObject *result = call_maybe(dunder(Dunder::pow), args, 2);
        if (result != Py_NotImplemented || Py_IS_TYPE(other, Py_TYPE(self))) return result;
        Py_DECREF(result);
    }
    if (do_other) {
        PyObject *args[2] = {other, self};
        return call_maybe(dunder(Dunder::rpow), args, 2);
    }
    Py_RETURN_NOTIMPLEMENTED;
}
}  // namespace

PyObject *slot_nb_power(PyObject *self, PyObject *other, PyObject *modulus) noexcept {
    if (modulus == Py_None) return slot_nb_power_binary(self, other);
    // Three-argument pow has no reflected form: only self.__pow__, and only when the call
    // reached us for self (ternary_op may call us for the second operand's type).
    if (Py_TYPE(self)->tp_as_number != nullptr &&
        Py_TYPE(self)->tp_as_number->nb_power == slot_nb_power) {
        PyObject *args[3] = {self, other, modulus};
        return call_method(dunder(Dunder::pow), args, 3);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

PyObject *slot_nb_negative(PyObject *self) noexcept {
    return unary_special("__neg__", self);
}
PyObject *slot_nb_positive(PyObject *self) noexcept {
    return unary_special("__pos__", self);
}
PyObject *slot_nb_absolute(PyObject *self) noexcept {
    return unary_special("__abs__", self);
}
PyObject *slot_nb_invert(PyObject *self) noexcept {
    return unary_special("__invert__", self);
}
PyObject *slot_nb_int(PyObject *self) noexcept {
    return call_special(Dunder::int_, self);
}
PyObject *slot_nb_float(PyObject *self) noexcept {
    return call_special(Dunder::float_, self);
}
PyObject *slot_nb_index(PyObject *self) noexcept {
    return call_special(Dunder::index, self);
}

int slot_nb_bool(PyObject *self) noexcept {
    bool unbound = false;
    bool using_len = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::bool_), &unbound);
    if (func == nullptr) {
        if (PyErr_Occurred()) return -1;
        func = lookup_maybe_method(self, dunder(Dunder::len), &unbound);
        if (func == nullptr) return PyErr_Occurred() ? -1 : 1;
        using_len = true;
    }
    PyObject *args[1] = {self};
    PyObject *value = call_unbound(unbound, func, args, 1);
    Py_DECREF(func);
    if (value == nullptr) return -1;
    int result;
    if (using_len || PyBool_Check(value)) {
        result = PyObject_IsTrue(value);
    } else {
        PyErr_Format(PyExc_TypeError, "__bool__ should return bool, returned %s",
                     Py_TYPE(value)->tp_name);
        result = -1;
    }
    Py_DECREF(value);
    return result;
}

// --- In-place operators: the method alone, no reflected form
// --------------------------------------

#define MINIPY_INPLACE_SLOT(fn, name)                        \
    PyObject *fn(PyObject *self, PyObject *other) noexcept { \
        return call_special_by_name(name, self, other);      \
    }
MINIPY_INPLACE_SLOT(slot_nb_inplace_add, "__iadd__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_subtract, "__isub__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_multiply, "__imul__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_remainder, "__imod__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_lshift, "__ilshift__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_rshift, "__irshift__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_and, "__iand__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_xor, "__ixor__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_or, "__ior__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_floor_divide, "__ifloordiv__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_true_divide, "__itruediv__")
MINIPY_INPLACE_SLOT(slot_nb_inplace_matrix_multiply, "__imatmul__")
#undef MINIPY_INPLACE_SLOT

PyObject *slot_nb_inplace_power(PyObject *self, PyObject *other, PyObject *) noexcept {
    PyObject *args[2] = {self, other};
    return call_method(dunder(Dunder::ipow), args, 2);
}

// --- Sequences and mappings
// ------------------------------------------------------------------------

Py_ssize_t slot_sq_length(PyObject *self) noexcept {
    PyObject *result = call_special(Dunder::len, self);
    if (result == nullptr) return -1;
    // Any object with __index__ will do; the result must fit a Py_ssize_t and not be negative.
    PyObject *index = number_index(result);
    Py_DECREF(result);
    if (index == nullptr) return -1;
    if (_PyLong_Sign(index) < 0) {
        Py_DECREF(index);
        PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    const Py_ssize_t length = PyNumber_AsSsize_t(index, PyExc_OverflowError);
    Py_DECREF(index);
    return length;
}

PyObject *slot_sq_item(PyObject *self, Py_ssize_t index) noexcept {
    PyObject *key = PyLong_FromSsize_t(index);
    if (key == nullptr) return nullptr;
    PyObject *result = call_special(Dunder::getitem, self, key);
    Py_DECREF(key);
    return result;
}

int slot_sq_ass_item(PyObject *self, Py_ssize_t index, PyObject *value) noexcept {
    PyObject *key = PyLong_FromSsize_t(index);
    if (key == nullptr) return -1;
    PyObject *result;
    if (value == nullptr) {
        result = call_special(Dunder::delitem, self, key);
    } else {
        PyObject *args[3] = {self, key, value};
        result = call_method(dunder(Dunder::setitem), args, 3);
    }
    Py_DECREF(key);
    return none_result(result);
}

int slot_sq_contains(PyObject *self, PyObject *value) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::contains), &unbound);
    if (func == Py_None) {
        Py_DECREF(func);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not a container", Py_TYPE(self)->tp_name);
        return -1;
    }
    if (func != nullptr) {
        PyObject *args[2] = {self, value};
        PyObject *result = call_unbound(unbound, func, args, 2);
        Py_DECREF(func);
        if (result == nullptr) return -1;
        const int truth = PyObject_IsTrue(result);
        Py_DECREF(result);
        return truth;
    }
    if (PyErr_Occurred()) return -1;
    // No __contains__: iterate and compare, as `in` does for any iterable.
    return sequence_iter_contains(self, value);
}

PyObject *slot_mp_subscript(PyObject *self, PyObject *key) noexcept {
    return call_special(Dunder::getitem, self, key);
}

int slot_mp_ass_subscript(PyObject *self, PyObject *key, PyObject *value) noexcept {
    if (value == nullptr) return none_result(call_special(Dunder::delitem, self, key));
    PyObject *args[3] = {self, key, value};
    return none_result(call_method(dunder(Dunder::setitem), args, 3));
}

// --- The type slots
// -------------------------------------------------------------------------------

PyObject *slot_tp_repr(PyObject *self) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::repr), &unbound);
    if (func != nullptr) {
        PyObject *args[1] = {self};
        PyObject *result = call_unbound(unbound, func, args, 1);
        Py_DECREF(func);
        return result;
    }
    if (PyErr_Occurred()) return nullptr;
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(self)->tp_name,
                                static_cast<void *>(self));
}

PyObject *slot_tp_str(PyObject *self) noexcept {
    return call_special(Dunder::str, self);
}

Py_hash_t slot_tp_hash(PyObject *self) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::hash), &unbound);
    if (func == Py_None) {
        Py_DECREF(func);
        func = nullptr;
    }
    if (func == nullptr) {
        if (PyErr_Occurred()) return -1;
        return PyObject_HashNotImplemented(self);
    }
    PyObject *args[1] = {self};
    PyObject *result = call_unbound(unbound, func, args, 1);
    Py_DECREF(func);
    if (result == nullptr) return -1;
    if (!PyLong_Check(result)) {
        Py_DECREF(result);
        PyErr_SetString(PyExc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    // A value that fits is kept as it is (hash(x) == x.__hash__() for those); a bigger one is
    // reduced the way int's own hash reduces it.
    Py_hash_t hash = PyLong_AsSsize_t(result);
    if (hash == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        hash = PyLong_Type.tp_hash(result);
    }
    Py_DECREF(result);
    return hash == -1 ? -2 : hash;
}

PyObject *slot_tp_call(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::call), &unbound);
    if (func == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable",
                         Py_TYPE(self)->tp_name);
        return nullptr;
    }
    PyObject *result =
        unbound ? call_prepend(func, self, args, kwds) : PyObject_Call(func, args, kwds);
    Py_DECREF(func);
    return result;
}

PyObject *slot_tp_getattro(PyObject *self, PyObject *name) noexcept {
    return call_special(Dunder::getattribute, self, name);
}

namespace {
// attr(name), binding attr to self first when it is a descriptor.
PyObject *call_attribute(PyObject *self, PyObject *attr, PyObject *name) noexcept {
    PyObject *bound = nullptr;
    if (descrgetfunc get = Py_TYPE(attr)->tp_descr_get; get != nullptr) {
        bound = get(attr, self, reinterpret_cast<PyObject *>(Py_TYPE(self)));
        if (bound == nullptr) return nullptr;
        attr = bound;
    }
    PyObject *result = PyObject_CallOneArg(attr, name);
    Py_XDECREF(bound);
    return result;
}
}  // namespace

// tp_getattro of a class defining __getattr__ or __getattribute__: __getattribute__ (the
// generic lookup unless overridden), then __getattr__ when that raised AttributeError.
PyObject *slot_tp_getattr_hook(PyObject *self, PyObject *name) noexcept {
    PyTypeObject *type = Py_TYPE(self);
    PyObject *getattr = _PyType_Lookup(type, dunder(Dunder::getattr));
    if (getattr == nullptr) {
        // No __getattr__ anywhere: from now on the simpler dispatcher will do.
        type->tp_getattro = slot_tp_getattro;
        return slot_tp_getattro(self, name);
    }
    Py_INCREF(getattr);
    PyObject *getattribute = _PyType_Lookup(type, dunder(Dunder::getattribute));
    PyObject *result;
    if (getattribute == nullptr ||
        (Py_IS_TYPE(getattribute, &PyWrapperDescr_Type) &&
         reinterpret_cast<PyWrapperDescrObject *>(getattribute)->d_wrapped ==
             reinterpret_cast<void *>(PyObject_GenericGetAttr))) {
        result = PyObject_GenericGetAttr(self, name);
    } else {
        Py_INCREF(getattribute);
        result = call_attribute(self, getattribute, name);
        Py_DECREF(getattribute);
    }
    if (result == nullptr && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        result = call_attribute(self, getattr, name);
    }
    Py_DECREF(getattr);
    return result;
}

int slot_tp_setattro(PyObject *self, PyObject *name, PyObject *value) noexcept {
    if (value == nullptr) return none_result(call_special(Dunder::delattr, self, name));
    PyObject *args[3] = {self, name, value};
    return none_result(call_method(dunder(Dunder::setattr), args, 3));
}

PyObject *slot_tp_richcompare(PyObject *self, PyObject *other, int op) noexcept {
    static constexpr const char *kNames[] = {"__lt__", "__le__", "__eq__",
                                             "__ne__", "__gt__", "__ge__"};
    PyObject *key = PyUnicode_InternFromString(kNames[op]);
    if (key == nullptr) return nullptr;
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, key, &unbound);
    Py_DECREF(key);
    if (func == nullptr) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *args[2] = {self, other};
    PyObject *result = call_unbound(unbound, func, args, 2);
    Py_DECREF(func);
    return result;
}

PyObject *slot_tp_iter(PyObject *self) noexcept {
    bool unbound = false;
    PyObject *func = lookup_maybe_method(self, dunder(Dunder::iter), &unbound);
    if (func == Py_None) {
        Py_DECREF(func);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
        return nullptr;
    }
    if (func != nullptr) {
        PyObject *args[1] = {self};
        PyObject *result = call_unbound(unbound, func, args, 1);
        Py_DECREF(func);
        return result;
    }
    PyErr_Clear();
    // No __iter__ but a __getitem__: the old sequence protocol.
    func = lookup_maybe_method(self, dunder(Dunder::getitem), &unbound);
    if (func == nullptr) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
        return nullptr;
    }
    Py_DECREF(func);
    return PySeqIter_New(self);
}

PyObject *slot_tp_iternext(PyObject *self) noexcept {
    return call_special(Dunder::next, self);
}

PyObject *slot_tp_descr_get(PyObject *self, PyObject *obj, PyObject *type) noexcept {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject *get = _PyType_Lookup(tp, dunder(Dunder::get));
    if (get == nullptr) {
        // __get__ went away: stop dispatching (the descriptor is then the value itself).
        if (tp->tp_descr_get == slot_tp_descr_get) tp->tp_descr_get = nullptr;
        return Py_NewRef(self);
    }
    return PyObject_CallFunctionObjArgs(get, self, obj != nullptr ? obj : Py_None,
                                        type != nullptr ? type : Py_None, nullptr);
}

int slot_tp_descr_set(PyObject *self, PyObject *target, PyObject *value) noexcept {
    if (value == nullptr) return none_result(call_special(Dunder::delete_, self, target));
    PyObject *args[3] = {self, target, value};
    return none_result(call_method(dunder(Dunder::set), args, 3));
}

int slot_tp_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    bool unbound = false;
    PyObject *meth = lookup_method(self, dunder(Dunder::init), &unbound);
    if (meth == nullptr) return -1;
    PyObject *result =
        unbound ? call_prepend(meth, self, args, kwds) : PyObject_Call(meth, args, kwds);
    Py_DECREF(meth);
    if (result == nullptr) return -1;
    if (result != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                     Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

PyObject *slot_tp_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    // __new__ is a static method: getattr on the class, then type is the first argument.
    PyObject *func = PyObject_GetAttr(reinterpret_cast<PyObject *>(type), dunder(Dunder::new_));
    if (func == nullptr) return nullptr;
    PyObject *result = call_prepend(func, reinterpret_cast<PyObject *>(type), args, kwds);
    Py_DECREF(func);
    return result;
}

// __del__: runs with the current exception put aside; its own error is reported as
// unraisable, never propagated (there is nobody to propagate it to).
void slot_tp_finalize(PyObject *self) noexcept {
    PyObject *saved = PyErr_GetRaisedException();
    bool unbound = false;
    PyObject *del = lookup_maybe_method(self, dunder(Dunder::del), &unbound);
    if (del != nullptr) {
        PyObject *args[1] = {self};
        PyObject *result = call_unbound(unbound, del, args, 1);
        if (result == nullptr)
            PyErr_WriteUnraisable(del);
        else
            Py_DECREF(result);
        Py_DECREF(del);
    } else if (PyErr_Occurred()) {
        PyErr_WriteUnraisable(self);
    }
    PyErr_SetRaisedException(saved);
}

}  // namespace minipy::runtime
