// The descriptors a type's dict holds for its C tables (CPython 3.11's Objects/descrobject.c):
// method_descriptor (tp_methods), classmethod_descriptor (METH_CLASS entries),
// getset_descriptor (tp_getset) and member_descriptor (tp_members, and each __slots__ name).
// Slot wrappers and method-wrappers are in wrapper_descr.cpp, PyMember_GetOne/SetOne in
// member_access.cpp.
//
// All share PyDescrObject {d_type, d_name, d_qualname}: `__objclass__` is the owner type,
// `__name__` the name, `__qualname__` "Owner.name" (computed on first use). Binding checks the
// object against the owner: "descriptor 'join' for 'str' objects doesn't apply to a 'int'
// object". Every descriptor is GC-tracked (it holds its type, which may be a class).
#include <cstring>

#include "objects/method/method_call.hpp"
#include "objects/type/descr_internal.hpp"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {

PyObject *descr_alloc(PyTypeObject *descrtype, PyTypeObject *type, const char *name) noexcept {
    PyObject *name_obj = PyUnicode_InternFromString(name);
    if (name_obj == nullptr) return nullptr;
    PyObject *op = PyType_GenericAlloc(descrtype, 0);
    if (op == nullptr) {
        Py_DECREF(name_obj);
        return nullptr;
    }
    PyDescrObject *descr = as_descr(op);
    descr->d_type =
        reinterpret_cast<PyTypeObject *>(Py_XNewRef(reinterpret_cast<PyObject *>(type)));
    descr->d_name = name_obj;
    descr->d_qualname = nullptr;
    return op;
}

void descr_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    PyDescrObject *descr = as_descr(op);
    Py_XDECREF(descr->d_type);
    Py_XDECREF(descr->d_name);
    Py_XDECREF(descr->d_qualname);
    PyObject_GC_Del(op);
}

int descr_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_descr(op)->d_type);
    return 0;
}

// obj may use this descriptor: 1 with *result = the descriptor itself when obj is NULL (looked
// up on the class), 0 to go on, -1 with TypeError.
int descr_check(PyDescrObject *descr, PyObject *obj, PyObject **result) noexcept {
    if (obj == nullptr) {
        *result = Py_NewRef(reinterpret_cast<PyObject *>(descr));
        return 1;
    }
    if (!PyObject_TypeCheck(obj, descr->d_type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' for '%.100s' objects doesn't apply to a '%.100s' object",
                     descr->d_name, "?", descr->d_type->tp_name, Py_TYPE(obj)->tp_name);
        *result = nullptr;
        return -1;
    }
    return 0;
}

bool descr_setcheck(PyDescrObject *descr, PyObject *obj) noexcept {
    if (PyObject_TypeCheck(obj, descr->d_type)) return true;
    PyErr_Format(PyExc_TypeError,
                 "descriptor '%V' for '%.100s' objects doesn't apply to a '%.100s' object",
                 descr->d_name, "?", descr->d_type->tp_name, Py_TYPE(obj)->tp_name);
    return false;
}

// A C docstring without its "name(signature)\n--\n\n" header; None for no doc.
PyObject *doc_from_internal(const char *name, const char *doc) noexcept {
    if (doc == nullptr) Py_RETURN_NONE;
    const std::size_t length = std::strlen(name);
    if (std::strncmp(doc, name, length) == 0 && doc[length] == '(') {
        if (const char *end = std::strstr(doc, ")\n--\n\n"); end != nullptr) doc = end + 6;
    }
    return PyUnicode_FromString(doc);
}

// The "(signature)" of such a header, or None.
PyObject *text_signature_from_internal(const char *name, const char *doc) noexcept {
    if (doc != nullptr) {
        const std::size_t length = std::strlen(name);
        if (std::strncmp(doc, name, length) == 0 && doc[length] == '(') {
            const char *start = doc + length;
            if (const char *end = std::strstr(start, ")\n--\n\n"); end != nullptr)
                return PyUnicode_FromStringAndSize(start, end - start + 1);
        }
    }
    Py_RETURN_NONE;
}

PyObject *descr_get_qualname(PyObject *op, void *) noexcept {
    return descr_qualname(as_descr(op));
}

PyObject *descr_get_objclass(PyObject *op, void *) noexcept {
    return Py_NewRef(reinterpret_cast<PyObject *>(as_descr(op)->d_type));
}

PyObject *descr_get_name(PyObject *op, void *) noexcept {
    return Py_NewRef(as_descr(op)->d_name);
}

namespace {

// --- method_descriptor ----------------------------------------------------------------------

PyMethodDescrObject *as_method(PyObject *op) noexcept {
    return reinterpret_cast<PyMethodDescrObject *>(op);
}

PyObject *method_repr(PyObject *op) noexcept {
    return PyUnicode_FromFormat("<method '%V' of '%s' objects>", as_descr(op)->d_name, "?",
                                as_descr(op)->d_type->tp_name);
}

PyObject *method_get(PyObject *op, PyObject *obj, PyObject *) noexcept {
    PyObject *result;
    if (descr_check(as_descr(op), obj, &result) != 0) return result;
    return PyCFunction_NewEx(as_method(op)->d_method, obj, nullptr);
}

// "str.join()" for the call errors.
PyObject *function_str(PyObject *op) noexcept {
    PyObject *qualname = descr_qualname(as_descr(op));
    if (qualname == nullptr) return nullptr;
    PyObject *text = PyUnicode_FromFormat("%U()", qualname);
    Py_DECREF(qualname);
    return text;
}

PyObject *call_error(PyObject *op, const char *format, Py_ssize_t given = -1) noexcept {
    PyObject *name = function_str(op);
    if (name == nullptr) return nullptr;
    if (given >= 0)
        PyErr_Format(PyExc_TypeError, format, name, given);
    else
        PyErr_Format(PyExc_TypeError, format, name);
    Py_DECREF(name);
    return nullptr;
}

// str.join(s, iterable): the descriptor called with self first, as the interpreter's method
// calls do (no bound method is made).
PyObject *method_call(PyObject *op, PyObject *args, PyObject *kwargs) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs < 1) return call_error(op, "unbound method %U needs an argument");
    PyObject *self = PyTuple_GET_ITEM(args, 0);
    PyObject *ignored;
    if (descr_check(as_descr(op), self, &ignored) < 0) return nullptr;
    PyMethodDef *ml = as_method(op)->d_method;
    const int flags = ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    const bool has_kwargs = kwargs != nullptr && PyDict_GET_SIZE(kwargs) > 0;
    // CPython calls a method descriptor through vectorcall: the keywords become an array first.
    if (has_kwargs && !keyword_names_are_str(kwargs)) return nullptr;
    if (has_kwargs && !(flags & METH_KEYWORDS))
        return call_error(op, "%U takes no keyword arguments");
    PyObject *const *rest_args = &PyTuple_GET_ITEM(args, 1);
    if (flags == METH_NOARGS) {
        if (nargs != 1) return call_error(op, "%U takes no arguments (%zd given)", nargs - 1);
        return ml->ml_meth(self, nullptr);
    }
    if (flags == METH_O) {
        if (nargs != 2)
            return call_error(op, "%U takes exactly one argument (%zd given)", nargs - 1);
        return ml->ml_meth(self, PyTuple_GET_ITEM(args, 1));
    }
    if (flags == METH_FASTCALL)
        return reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)()>(ml->ml_meth))(
            self, rest_args, nargs - 1);
    if (flags == (METH_FASTCALL | METH_KEYWORDS))
        return call_fast_with_keywords(ml, self, rest_args, nargs - 1, kwargs);
    if (flags != METH_VARARGS && flags != (METH_VARARGS | METH_KEYWORDS)) {
        PyErr_SetString(PyExc_SystemError, "Bad call flags in method descriptor");
        return nullptr;
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, nargs);
    if (rest == nullptr) return nullptr;
    PyObject *result;
    if (flags & METH_KEYWORDS)
        result = reinterpret_cast<PyCFunctionWithKeywords>(
            reinterpret_cast<void (*)()>(ml->ml_meth))(self, rest, kwargs);
    else
        result = ml->ml_meth(self, rest);
    Py_DECREF(rest);
    return result;
}

// The same call with the arguments in an array (what CPython's method_vectorcall_* do): no
// tuple unless the C function takes one (METH_VARARGS); the recursion limit counted around the
// C function, as PyObject_Call counts around a tp_call.
PyObject *method_vectorcall(PyObject *op, PyObject *const *args, size_t nargsf,
                            PyObject *kwnames) noexcept {
    const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs < 1) return call_error(op, "unbound method %U needs an argument");
    PyObject *self = args[0];
    PyObject *ignored;
    if (descr_check(as_descr(op), self, &ignored) < 0) return nullptr;
    PyMethodDef *ml = as_method(op)->d_method;
    const int flags = ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    const Py_ssize_t nkw = kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nkw > 0 && !(flags & METH_KEYWORDS)) return call_error(op, "%U takes no keyword arguments");
    if (flags == METH_NOARGS && nargs != 1)
        return call_error(op, "%U takes no arguments (%zd given)", nargs - 1);
    if (flags == METH_O && nargs != 2)
        return call_error(op, "%U takes exactly one argument (%zd given)", nargs - 1);
    if (flags != METH_NOARGS && flags != METH_O && flags != METH_FASTCALL &&
        flags != (METH_FASTCALL | METH_KEYWORDS)) {
        // METH_VARARGS wants a tuple (and a dict) anyway: the tuple path.
        PyObject *tuple = PyTuple_New(nargs);
        if (tuple == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
        PyObject *kwargs = nullptr;
        if (nkw > 0) {
            kwargs = PyDict_New();
            for (Py_ssize_t i = 0; kwargs != nullptr && i < nkw; ++i)
                if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0)
                    Py_CLEAR(kwargs);
            if (kwargs == nullptr) {
                Py_DECREF(tuple);
                return nullptr;
            }
        }
        PyObject *result = nullptr;
        if (Py_EnterRecursiveCall(" while calling a Python object") == 0) {
            result = method_call(op, tuple, kwargs);
            Py_LeaveRecursiveCall();
        }
        Py_DECREF(tuple);
        Py_XDECREF(kwargs);
        return result;
    }
    if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
    PyObject *result = nullptr;
    if (flags == METH_NOARGS) {
        result = ml->ml_meth(self, nullptr);
    } else if (flags == METH_O) {
        result = ml->ml_meth(self, args[1]);
    } else if (flags == METH_FASTCALL) {
        result = reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)()>(ml->ml_meth))(
            self, args + 1, nargs - 1);
    } else {
        result = reinterpret_cast<_PyCFunctionFastWithKeywords>(reinterpret_cast<void (*)()>(
            ml->ml_meth))(self, args + 1, nargs - 1, nkw > 0 ? kwnames : nullptr);
    }
    Py_LeaveRecursiveCall();
    return result;
}

PyObject *method_get_doc(PyObject *op, void *) noexcept {
    PyMethodDef *ml = as_method(op)->d_method;
    return doc_from_internal(ml->ml_name, ml->ml_doc);
}

PyObject *method_get_text_signature(PyObject *op, void *) noexcept {
    PyMethodDef *ml = as_method(op)->d_method;
    return text_signature_from_internal(ml->ml_name, ml->ml_doc);
}

PyGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__text_signature__", method_get_text_signature, nullptr, nullptr, nullptr},
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// --- classmethod_descriptor
// -----------------------------------------------------------------------

PyObject *classmethod_get(PyObject *op, PyObject *obj, PyObject *type) noexcept {
    PyDescrObject *descr = as_descr(op);
    if (type == nullptr) {
        if (obj == nullptr) {
            PyErr_Format(PyExc_TypeError,
                         "descriptor '%V' for type '%.100s' needs either an object or a type",
                         descr->d_name, "?", descr->d_type->tp_name);
            return nullptr;
        }
        type = reinterpret_cast<PyObject *>(Py_TYPE(obj));
    }
    if (!PyType_Check(type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' for type '%.100s' needs a type, not a '%.100s' as arg 2",
                     descr->d_name, "?", descr->d_type->tp_name, Py_TYPE(type)->tp_name);
        return nullptr;
    }
    if (!PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(type), descr->d_type)) {
        PyErr_Format(PyExc_TypeError,
                     "descriptor '%V' requires a subtype of '%.100s' but received '%.100s'",
                     descr->d_name, "?", descr->d_type->tp_name,
                     reinterpret_cast<PyTypeObject *>(type)->tp_name);
        return nullptr;
    }
    return PyCFunction_NewEx(as_method(op)->d_method, type, nullptr);
}

// dict.__dict__['fromkeys'](dict, keys): the class as the first argument.
PyObject *classmethod_call(PyObject *op, PyObject *args, PyObject *kwargs) noexcept {
    PyDescrObject *descr = as_descr(op);
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_Format(PyExc_TypeError, "descriptor '%V' of '%.100s' object needs an argument",
                     descr->d_name, "?", descr->d_type->tp_name);
        return nullptr;
    }
    PyObject *bound = classmethod_get(op, nullptr, PyTuple_GET_ITEM(args, 0));
    if (bound == nullptr) return nullptr;
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    PyObject *result = rest != nullptr ? PyObject_Call(bound, rest, kwargs) : nullptr;
    Py_XDECREF(rest);
    Py_DECREF(bound);
    return result;
}

// --- member_descriptor
// ----------------------------------------------------------------------------

PyMemberDescrObject *as_member(PyObject *op) noexcept {
    return reinterpret_cast<PyMemberDescrObject *>(op);
}

PyObject *member_repr(PyObject *op) noexcept {
    return PyUnicode_FromFormat("<member '%V' of '%s' objects>", as_descr(op)->d_name, "?",
                                as_descr(op)->d_type->tp_name);
}

PyObject *member_get(PyObject *op, PyObject *obj, PyObject *) noexcept {
    PyObject *result;
    if (descr_check(as_descr(op), obj, &result) != 0) return result;
    return PyMember_GetOne(reinterpret_cast<const char *>(obj), as_member(op)->d_member);
}

int member_set(PyObject *op, PyObject *obj, PyObject *value) noexcept {
    if (!descr_setcheck(as_descr(op), obj)) return -1;
    return PyMember_SetOne(reinterpret_cast<char *>(obj), as_member(op)->d_member, value);
}

PyObject *member_get_doc(PyObject *op, void *) noexcept {
    const char *doc = as_member(op)->d_member->doc;
    if (doc == nullptr) Py_RETURN_NONE;
    return PyUnicode_FromString(doc);
}

PyGetSetDef member_getset[] = {
    {"__doc__", member_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// --- getset_descriptor
// ----------------------------------------------------------------------------

PyGetSetDescrObject *as_getset(PyObject *op) noexcept {
    return reinterpret_cast<PyGetSetDescrObject *>(op);
}

PyObject *getset_repr(PyObject *op) noexcept {
    return PyUnicode_FromFormat("<attribute '%V' of '%s' objects>", as_descr(op)->d_name, "?",
                                as_descr(op)->d_type->tp_name);
}

PyObject *getset_get(PyObject *op, PyObject *obj, PyObject *) noexcept {
    PyObject *result;
    if (descr_check(as_descr(op), obj, &result) != 0) return result;
    PyGetSetDef *g = as_getset(op)->d_getset;
    if (g->get != nullptr) return g->get(obj, g->closure);
    PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not readable",
                 as_descr(op)->d_name, "?", as_descr(op)->d_type->tp_name);
    return nullptr;
}

int getset_set(PyObject *op, PyObject *obj, PyObject *value) noexcept {
    if (!descr_setcheck(as_descr(op), obj)) return -1;
    PyGetSetDef *g = as_getset(op)->d_getset;
    if (g->set != nullptr) return g->set(obj, value, g->closure);
    PyErr_Format(PyExc_AttributeError, "attribute '%V' of '%.100s' objects is not writable",
                 as_descr(op)->d_name, "?", as_descr(op)->d_type->tp_name);
    return -1;
}

PyObject *getset_get_doc(PyObject *op, void *) noexcept {
    const char *doc = as_getset(op)->d_getset->doc;
    if (doc == nullptr) Py_RETURN_NONE;
    return PyUnicode_FromString(doc);
}

PyGetSetDef getset_getset[] = {
    {"__doc__", getset_get_doc, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

constexpr unsigned long kDescrFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;

}  // namespace

PyObject *descr_qualname(PyDescrObject *descr) noexcept {
    if (descr->d_qualname == nullptr) {
        if (descr->d_name == nullptr || !PyUnicode_Check(descr->d_name)) {
            PyErr_SetString(PyExc_TypeError, "<descriptor>.__name__ is not a unicode object");
            return nullptr;
        }
        PyObject *type_qualname =
            PyObject_GetAttr(reinterpret_cast<PyObject *>(descr->d_type), dunder(Dunder::qualname));
        if (type_qualname == nullptr) return nullptr;
        if (!PyUnicode_Check(type_qualname)) {
            Py_DECREF(type_qualname);
            PyErr_SetString(PyExc_TypeError,
                            "<descriptor>.__objclass__.__qualname__ is not a unicode object");
            return nullptr;
        }
        descr->d_qualname = PyUnicode_FromFormat("%S.%S", type_qualname, descr->d_name);
        Py_DECREF(type_qualname);
        if (descr->d_qualname == nullptr) return nullptr;
    }
    return Py_NewRef(descr->d_qualname);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {

PyTypeObject PyMethodDescr_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(PyMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_call = method_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kDescrFlags | Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = descr_traverse,
    .tp_getset = method_getset,
    .tp_descr_get = method_get,
};

PyTypeObject PyClassMethodDescr_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(PyMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_repr,
    .tp_call = classmethod_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kDescrFlags,
    .tp_traverse = descr_traverse,
    .tp_getset = method_getset,
    .tp_descr_get = classmethod_get,
};

PyTypeObject PyMemberDescr_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(PyMemberDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kDescrFlags,
    .tp_traverse = descr_traverse,
    .tp_getset = member_getset,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

PyTypeObject PyGetSetDescr_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(PyGetSetDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = kDescrFlags,
    .tp_traverse = descr_traverse,
    .tp_getset = getset_getset,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

}  // extern "C"

extern "C" PyObject *PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *method) noexcept {
    PyObject *op = descr_alloc(&PyMethodDescr_Type, type, method->ml_name);
    if (op != nullptr) {
        reinterpret_cast<PyMethodDescrObject *>(op)->d_method = method;
        reinterpret_cast<PyMethodDescrObject *>(op)->vectorcall = method_vectorcall;
    }
    return op;
}

extern "C" PyObject *PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *method) noexcept {
    PyObject *op = descr_alloc(&PyClassMethodDescr_Type, type, method->ml_name);
    if (op != nullptr) reinterpret_cast<PyMethodDescrObject *>(op)->d_method = method;
    return op;
}

extern "C" PyObject *PyDescr_NewMember(PyTypeObject *type, PyMemberDef *member) noexcept {
    PyObject *op = descr_alloc(&PyMemberDescr_Type, type, member->name);
    if (op != nullptr) reinterpret_cast<PyMemberDescrObject *>(op)->d_member = member;
    return op;
}

extern "C" PyObject *PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *getset) noexcept {
    PyObject *op = descr_alloc(&PyGetSetDescr_Type, type, getset->name);
    if (op != nullptr) reinterpret_cast<PyGetSetDescrObject *>(op)->d_getset = getset;
    return op;
}

extern "C" int PyDescr_IsData(PyObject *descr) noexcept {
    return Py_TYPE(descr)->tp_descr_set != nullptr;
}
