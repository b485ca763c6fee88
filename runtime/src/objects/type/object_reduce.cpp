// The pickle protocol's defaults on `object` (CPython 3.11's object___reduce_ex__,
// object___reduce__, object___getstate__ and reduce_newobj, Objects/typeobject.c).
//
//   obj.__getstate__()       None when the instance has no attributes, its __dict__ otherwise,
//                            or (dict-or-None, {slot: value}) when __slots__ hold values. The
//                            slot names come from cls.__slotnames__, computed as copyreg's
//                            _slotnames does and cached on the class (a static type cannot
//                            cache it and computes it each time).
//   obj.__reduce_ex__(p)     a class's own __reduce__ when it overrides object's; else, for
//                            p >= 2, (copyreg.__newobj__, (cls, *args), state, listitems,
//                            dictitems), args from __getnewargs_ex__ / __getnewargs__; for
//                            p < 2, copyreg._reduce_ex(obj, p).
//   obj.__reduce__()         copyreg._reduce_ex(obj, 0).
// copyreg is a Python module: the runtime reaches it through the interpreter's import hook
// (runtime_hooks.h), and without one the copyreg-dependent forms raise ModuleNotFoundError
// "No module named 'copyreg'". __getstate__ needs no copyreg.
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

// copyreg._slotnames(cls), natively: the __slots__ names of cls and its bases (mangled, without
// __dict__ and __weakref__), cached as cls.__slotnames__. A new reference to a list (or to
// whatever __slotnames__ the class already holds).
PyObject *slot_names(PyTypeObject *cls) noexcept {
    PyObject *cached = PyDict_GetItemWithError(cls->tp_dict, dunder(Dunder::slotnames));
    if (cached != nullptr) {
        if (cached != Py_None && !PyList_Check(cached)) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s.__slotnames__ should be a list or None, not %.200s", cls->tp_name,
                         Py_TYPE(cached)->tp_name);
            return nullptr;
        }
        return Py_NewRef(cached);
    }
    if (PyErr_Occurred()) return nullptr;
    PyObject *names = PyList_New(0);
    if (names == nullptr) return nullptr;
    PyObject *mro = cls->tp_mro;
    for (Py_ssize_t i = 0; mro != nullptr && i < PyTuple_GET_SIZE(mro); ++i) {
        auto *c = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i));
        PyObject *slots = c->tp_dict != nullptr
                              ? PyDict_GetItemWithError(c->tp_dict, dunder(Dunder::slots))
                              : nullptr;
        if (slots == nullptr) {
            if (PyErr_Occurred()) goto error;
            continue;
        }
        PyObject *sequence =
            PyUnicode_Check(slots) ? PyTuple_Pack(1, slots) : PySequence_Tuple(slots);
        if (sequence == nullptr) goto error;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(sequence); ++j) {
            PyObject *name = PyTuple_GET_ITEM(sequence, j);
            if (!PyUnicode_Check(name)) continue;
            if (PyUnicode_Compare(name, dunder(Dunder::dict)) == 0 ||
                PyUnicode_Compare(name, dunder(Dunder::weakref)) == 0)
                continue;
            PyObject *entry = Py_NewRef(name);
            const Py_ssize_t n = PyUnicode_GET_LENGTH(name);
            const bool private_name = n >= 2 && PyUnicode_READ_CHAR(name, 0) == '_' &&
                                      PyUnicode_READ_CHAR(name, 1) == '_' &&
                                      !(n >= 4 && PyUnicode_READ_CHAR(name, n - 1) == '_' &&
                                        PyUnicode_READ_CHAR(name, n - 2) == '_');
            if (private_name) {
                PyObject *class_name = PyType_GetName(c);
                Py_ssize_t start = 0;
                const Py_ssize_t length =
                    class_name != nullptr ? PyUnicode_GET_LENGTH(class_name) : 0;
                while (start < length && PyUnicode_READ_CHAR(class_name, start) == '_') ++start;
                if (class_name != nullptr && start < length) {
                    PyObject *stripped = PyUnicode_Substring(class_name, start, length);
                    Py_SETREF(entry, stripped != nullptr
                                         ? PyUnicode_FromFormat("_%U%U", stripped, name)
                                         : nullptr);
                    Py_XDECREF(stripped);
                }
                Py_XDECREF(class_name);
                if (entry == nullptr) {
                    Py_DECREF(sequence);
                    goto error;
                }
            }
            const int status = PyList_Append(names, entry);
            Py_DECREF(entry);
            if (status < 0) {
                Py_DECREF(sequence);
                goto error;
            }
        }
        Py_DECREF(sequence);
    }
    // Cached on the class when it may be (a static type refuses, which is fine).
    if (PyObject_SetAttr(reinterpret_cast<PyObject *>(cls), dunder(Dunder::slotnames), names) < 0)
        PyErr_Clear();
    return names;
error:
    Py_DECREF(names);
    return nullptr;
}

PyObject *getstate_default(PyObject *obj, bool required) noexcept {
    PyTypeObject *type = Py_TYPE(obj);
    if (required && type->tp_itemsize != 0) {
        PyErr_Format(PyExc_TypeError, "cannot pickle %.200s objects", type->tp_name);
        return nullptr;
    }
    PyObject *state =
        instance_dict_is_empty(obj) ? Py_NewRef(Py_None) : PyObject_GenericGetDict(obj, nullptr);
    if (state == nullptr) return nullptr;
    PyObject *names = slot_names(type);
    if (names == nullptr) {
        Py_DECREF(state);
        return nullptr;
    }
    if (required) {
        const auto word = static_cast<Py_ssize_t>(sizeof(PyObject *));
        Py_ssize_t basicsize = PyBaseObject_Type.tp_basicsize;
        if (type->tp_dictoffset != 0 && !(type->tp_flags & Py_TPFLAGS_MANAGED_DICT))
            basicsize += word;
        if (type->tp_weaklistoffset != 0) basicsize += word;
        if (names != Py_None) basicsize += word * PyList_GET_SIZE(names);
        if (type->tp_basicsize > basicsize) {
            Py_DECREF(names);
            Py_DECREF(state);
            PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", type->tp_name);
            return nullptr;
        }
    }
    if (names != Py_None && PyList_GET_SIZE(names) > 0) {
        PyObject *slots = PyDict_New();
        if (slots == nullptr) goto error;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names); ++i) {
            PyObject *name = Py_NewRef(PyList_GET_ITEM(names, i));
            PyObject *value = nullptr;
            const int found = _PyObject_LookupAttr(obj, name, &value);
            int status = found < 0 ? -1 : 0;
            if (found > 0) {
                status = PyDict_SetItem(slots, name, value);
                Py_DECREF(value);
            }
            Py_DECREF(name);
            if (status < 0) {
                Py_DECREF(slots);
                goto error;
            }
        }
        if (PyDict_GET_SIZE(slots) > 0) {
            PyObject *pair = PyTuple_Pack(2, state, slots);
            Py_DECREF(slots);
            if (pair == nullptr) goto error;
            Py_SETREF(state, pair);
        } else {
            Py_DECREF(slots);
        }
    }
    Py_DECREF(names);
    return state;
error:
    Py_DECREF(names);
    Py_DECREF(state);
    return nullptr;
}

// obj.__getstate__(), or the default without the method call when it is object's own.
PyObject *object_getstate(PyObject *obj, bool required) noexcept {
    PyObject *getstate = PyObject_GetAttr(obj, dunder(Dunder::getstate));
    if (getstate == nullptr) return nullptr;
    if (PyCFunction_Check(getstate) && PyCFunction_GetSelf(getstate) == obj &&
        PyCFunction_GetFunction(getstate) == object_getstate_method) {
        Py_DECREF(getstate);
        return getstate_default(obj, required);
    }
    PyObject *state = PyObject_CallNoArgs(getstate);
    Py_DECREF(getstate);
    return state;
}

// *args (tuple or NULL) and *kwargs (dict or NULL) for cls.__new__, from __getnewargs_ex__ or
// __getnewargs__.
int get_new_arguments(PyObject *obj, PyObject **args, PyObject **kwargs) noexcept {
    *args = *kwargs = nullptr;
    PyObject *getnewargs_ex = _PyObject_LookupSpecial(obj, dunder(Dunder::getnewargs_ex));
    if (getnewargs_ex != nullptr) {
        PyObject *pair = PyObject_CallNoArgs(getnewargs_ex);
        Py_DECREF(getnewargs_ex);
        if (pair == nullptr) return -1;
        if (!PyTuple_Check(pair)) {
            PyErr_Format(PyExc_TypeError, "__getnewargs_ex__ should return a tuple, not '%.200s'",
                         Py_TYPE(pair)->tp_name);
            Py_DECREF(pair);
            return -1;
        }
        if (PyTuple_GET_SIZE(pair) != 2) {
            PyErr_Format(PyExc_ValueError,
                         "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                         PyTuple_GET_SIZE(pair));
            Py_DECREF(pair);
            return -1;
        }
        PyObject *a = PyTuple_GET_ITEM(pair, 0);
        PyObject *k = PyTuple_GET_ITEM(pair, 1);
        if (!PyTuple_Check(a)) {
            PyErr_Format(PyExc_TypeError,
                         "first item of the tuple returned by __getnewargs_ex__ must be a tuple, "
                         "not '%.200s'",
                         Py_TYPE(a)->tp_name);
            Py_DECREF(pair);
            return -1;
        }
        if (!PyDict_Check(k)) {
            PyErr_Format(PyExc_TypeError,
                         "second item of the tuple returned by __getnewargs_ex__ must be a dict, "
                         "not '%.200s'",
                         Py_TYPE(k)->tp_name);
            Py_DECREF(pair);
            return -1;
        }
        *args = Py_NewRef(a);
        *kwargs = Py_NewRef(k);
        Py_DECREF(pair);
        return 0;
    }
    if (PyErr_Occurred()) return -1;
    PyObject *getnewargs = _PyObject_LookupSpecial(obj, dunder(Dunder::getnewargs));
    if (getnewargs != nullptr) {
        *args = PyObject_CallNoArgs(getnewargs);
        Py_DECREF(getnewargs);
        if (*args == nullptr) return -1;
        if (!PyTuple_Check(*args)) {
            PyErr_Format(PyExc_TypeError, "__getnewargs__ should return a tuple, not '%.200s'",
                         Py_TYPE(*args)->tp_name);
            Py_CLEAR(*args);
            return -1;
        }
        return 0;
    }
    return PyErr_Occurred() ? -1 : 0;
}

PyObject *reduce_newobj(PyObject *obj) noexcept {
    if (Py_TYPE(obj)->tp_new == nullptr) {
        PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", Py_TYPE(obj)->tp_name);
        return nullptr;
    }
    PyObject *args;
    PyObject *kwargs;
    if (get_new_arguments(obj, &args, &kwargs) < 0) return nullptr;
    PyObject *copyreg = import_module("copyreg");
    if (copyreg == nullptr) {
        Py_XDECREF(args);
        Py_XDECREF(kwargs);
        return nullptr;
    }
    const bool hasargs = args != nullptr;
    PyObject *cls = reinterpret_cast<PyObject *>(Py_TYPE(obj));
    PyObject *newobj;
    PyObject *newargs;
    if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0) {
        Py_XDECREF(kwargs);
        newobj = PyObject_GetAttr(copyreg, dunder(Dunder::newobj));
        const Py_ssize_t n = args != nullptr ? PyTuple_GET_SIZE(args) : 0;
        newargs = newobj != nullptr ? PyTuple_New(n + 1) : nullptr;
        if (newargs != nullptr) {
            PyTuple_SET_ITEM(newargs, 0, Py_NewRef(cls));
            for (Py_ssize_t i = 0; i < n; ++i)
                PyTuple_SET_ITEM(newargs, i + 1, Py_NewRef(PyTuple_GET_ITEM(args, i)));
        }
        Py_XDECREF(args);
    } else {
        newobj = PyObject_GetAttr(copyreg, dunder(Dunder::newobj_ex));
        newargs = newobj != nullptr ? PyTuple_Pack(3, cls, args, kwargs) : nullptr;
        Py_DECREF(args);
        Py_DECREF(kwargs);
    }
    Py_DECREF(copyreg);
    if (newargs == nullptr) {
        Py_XDECREF(newobj);
        return nullptr;
    }
    PyObject *state = object_getstate(obj, !(hasargs || PyList_Check(obj) || PyDict_Check(obj)));
    PyObject *listitems = nullptr;
    PyObject *dictitems = nullptr;
    PyObject *result = nullptr;
    if (state != nullptr) {
        listitems = PyList_Check(obj) ? PyObject_GetIter(obj) : Py_NewRef(Py_None);
        if (listitems != nullptr) {
            if (PyDict_Check(obj)) {
                PyObject *items = PyObject_CallMethod(obj, "items", nullptr);
                dictitems = items != nullptr ? PyObject_GetIter(items) : nullptr;
                Py_XDECREF(items);
            } else {
                dictitems = Py_NewRef(Py_None);
            }
        }
        if (dictitems != nullptr)
            result = PyTuple_Pack(5, newobj, newargs, state, listitems, dictitems);
    }
    Py_XDECREF(state);
    Py_XDECREF(listitems);
    Py_XDECREF(dictitems);
    Py_DECREF(newobj);
    Py_DECREF(newargs);
    return result;
}

PyObject *common_reduce(PyObject *self, int protocol) noexcept {
    if (protocol >= 2) return reduce_newobj(self);
    PyObject *copyreg = import_module("copyreg");
    if (copyreg == nullptr) return nullptr;
    PyObject *result = PyObject_CallMethod(copyreg, "_reduce_ex", "Oi", self, protocol);
    Py_DECREF(copyreg);
    return result;
}

}  // namespace

PyObject *object_getstate_method(PyObject *self, PyObject *) noexcept {
    return getstate_default(self, false);
}

PyObject *object_reduce(PyObject *self, PyObject *) noexcept {
    return common_reduce(self, 0);
}

PyObject *object_reduce_ex(PyObject *self, PyObject *protocol_obj) noexcept {
    const long protocol = PyLong_AsLong(protocol_obj);
    if (protocol == -1 && PyErr_Occurred()) return nullptr;
    PyObject *reduce = nullptr;
    if (_PyObject_LookupAttr(self, dunder(Dunder::reduce), &reduce) < 0) return nullptr;
    if (reduce != nullptr) {
        // A class that overrides __reduce__ gets it called, whatever the protocol.
        PyObject *cls_reduce =
            PyObject_GetAttr(reinterpret_cast<PyObject *>(Py_TYPE(self)), dunder(Dunder::reduce));
        if (cls_reduce == nullptr) {
            Py_DECREF(reduce);
            return nullptr;
        }
        PyObject *object_own =
            PyDict_GetItemWithError(PyBaseObject_Type.tp_dict, dunder(Dunder::reduce));
        const bool overridden = cls_reduce != object_own;
        Py_DECREF(cls_reduce);
        if (overridden) {
            PyObject *result = PyObject_CallNoArgs(reduce);
            Py_DECREF(reduce);
            return result;
        }
        Py_DECREF(reduce);
    }
    return common_reduce(self, static_cast<int>(protocol));
}

}  // namespace minipy::runtime
