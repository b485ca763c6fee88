// isinstance() and issubclass() (CPython 3.11, Objects/abstract.c: object_recursive_isinstance,
// object_issubclass and their helpers).
//
// PyObject_IsInstance(inst, cls):
//   - type(inst) is cls: 1 (no hook is asked);
//   - cls is exactly `type`-made (its metaclass is type): the built-in check;
//   - cls a tuple: any of its items (nested tuples too, counting against the recursion limit);
//   - otherwise cls's metaclass may decide through __instancecheck__ (looked up on the
//     metaclass), e.g. an ABC; without one, the built-in check.
// The built-in check: type(inst) derives from cls, or inst.__class__ (which a proxy may fake)
// does; for a cls that is not a type, cls must have a tuple __bases__ and inst.__class__'s
// __bases__ are walked ("isinstance() arg 2 must be a type, a tuple of types, or a union").
// PyObject_IsSubclass is the same with __subclasscheck__.
#include "objects/type/type_internal.hpp"

using namespace minipy::runtime;

namespace {

// cls.__bases__ if it is a tuple, else NULL (no exception unless the lookup itself failed).
PyObject *abstract_get_bases(PyObject *cls) noexcept {
    PyObject *bases = nullptr;
    _PyObject_LookupAttr(cls, dunder(Dunder::bases), &bases);
    if (bases != nullptr && !PyTuple_Check(bases)) Py_CLEAR(bases);
    return bases;
}

int abstract_issubclass(PyObject *derived, PyObject *cls) noexcept {
    for (;;) {
        if (derived == cls) return 1;
        PyObject *bases = abstract_get_bases(derived);
        if (bases == nullptr) return PyErr_Occurred() ? -1 : 0;
        const Py_ssize_t n = PyTuple_GET_SIZE(bases);
        if (n == 0) {
            Py_DECREF(bases);
            return 0;
        }
        if (n == 1) {
            // Single inheritance: iterate instead of recursing.
            derived = PyTuple_GET_ITEM(bases, 0);
            Py_DECREF(bases);
            continue;
        }
        int result = 0;
        for (Py_ssize_t i = 0; i < n && result == 0; ++i) {
            if (Py_EnterRecursiveCall(" in __issubclass__")) {
                result = -1;
                break;
            }
            result = abstract_issubclass(PyTuple_GET_ITEM(bases, i), cls);
            Py_LeaveRecursiveCall();
        }
        Py_DECREF(bases);
        return result;
    }
}

bool check_class(PyObject *cls, const char *error) noexcept {
    PyObject *bases = abstract_get_bases(cls);
    if (bases == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, error);
        return false;
    }
    Py_DECREF(bases);
    return true;
}

int object_isinstance(PyObject *inst, PyObject *cls) noexcept {
    PyObject *icls = nullptr;
    if (PyType_Check(cls)) {
        int result = PyObject_TypeCheck(inst, reinterpret_cast<PyTypeObject *>(cls));
        if (result == 0) {
            result = _PyObject_LookupAttr(inst, dunder(Dunder::class_), &icls);
            if (icls != nullptr) {
                result = icls != reinterpret_cast<PyObject *>(Py_TYPE(inst)) && PyType_Check(icls)
                             ? PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(icls),
                                                reinterpret_cast<PyTypeObject *>(cls))
                             : 0;
                Py_DECREF(icls);
            }
        }
        return result;
    }
    if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        return -1;
    int result = _PyObject_LookupAttr(inst, dunder(Dunder::class_), &icls);
    if (icls != nullptr) {
        result = abstract_issubclass(icls, cls);
        Py_DECREF(icls);
    }
    return result;
}

int recursive_issubclass(PyObject *derived, PyObject *cls) noexcept {
    if (PyType_Check(cls) && PyType_Check(derived))
        return PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(derived),
                                reinterpret_cast<PyTypeObject *>(cls));
    if (!check_class(derived, "issubclass() arg 1 must be a class")) return -1;
    if (!check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        return -1;
    return abstract_issubclass(derived, cls);
}

// Calls checker(arg) as a truth value, counting against the recursion limit.
int call_checker(PyObject *checker, PyObject *arg, const char *where) noexcept {
    if (Py_EnterRecursiveCall(where)) {
        Py_DECREF(checker);
        return -1;
    }
    PyObject *result = PyObject_CallOneArg(checker, arg);
    Py_LeaveRecursiveCall();
    Py_DECREF(checker);
    if (result == nullptr) return -1;
    const int truth = PyObject_IsTrue(result);
    Py_DECREF(result);
    return truth;
}

int recursive_isinstance(PyObject *inst, PyObject *cls) noexcept {
    if (Py_IS_TYPE(inst, reinterpret_cast<PyTypeObject *>(cls))) return 1;
    if (PyType_CheckExact(cls)) return object_isinstance(inst, cls);
    if (PyTuple_Check(cls)) {
        if (Py_EnterRecursiveCall(" in __instancecheck__")) return -1;
        int result = 0;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls) && result == 0; ++i)
            result = recursive_isinstance(inst, PyTuple_GET_ITEM(cls, i));
        Py_LeaveRecursiveCall();
        return result;
    }
    PyObject *checker = _PyObject_LookupSpecial(cls, dunder(Dunder::instancecheck));
    if (checker != nullptr) return call_checker(checker, inst, " in __instancecheck__");
    if (PyErr_Occurred()) return -1;
    return object_isinstance(inst, cls);
}

int recursive_issubclass_hooked(PyObject *derived, PyObject *cls) noexcept {
    if (PyType_CheckExact(cls)) {
        if (derived == cls) return 1;
        return recursive_issubclass(derived, cls);
    }
    if (PyTuple_Check(cls)) {
        if (Py_EnterRecursiveCall(" in __subclasscheck__")) return -1;
        int result = 0;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(cls) && result == 0; ++i)
            result = recursive_issubclass_hooked(derived, PyTuple_GET_ITEM(cls, i));
        Py_LeaveRecursiveCall();
        return result;
    }
    PyObject *checker = _PyObject_LookupSpecial(cls, dunder(Dunder::subclasscheck));
    if (checker != nullptr) return call_checker(checker, derived, " in __subclasscheck__");
    if (PyErr_Occurred()) return -1;
    return recursive_issubclass(derived, cls);
}

}  // namespace

namespace minipy::runtime {
int object_real_isinstance(PyObject *inst, PyObject *cls) noexcept {
    return object_isinstance(inst, cls);
}
int object_real_issubclass(PyObject *derived, PyObject *cls) noexcept {
    return recursive_issubclass(derived, cls);
}
}  // namespace minipy::runtime

extern "C" int PyObject_IsInstance(PyObject *inst, PyObject *cls) noexcept {
    if (inst == nullptr || cls == nullptr) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return -1;
    }
    return recursive_isinstance(inst, cls);
}

extern "C" int PyObject_IsSubclass(PyObject *derived, PyObject *cls) noexcept {
    if (derived == nullptr || cls == nullptr) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return -1;
    }
    return recursive_issubclass_hooked(derived, cls);
}
