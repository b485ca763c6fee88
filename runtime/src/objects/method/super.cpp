// super (CPython 3.11, Objects/typeobject.c: super_init, super_getattro, supercheck).
//
// super(type, obj): attribute lookups start after `type` in the MRO of obj's class (obj an
// instance of type) or of obj itself (obj a subclass of type, for classmethods), and bind
// what they find to obj (for a class, to nothing: a function found stays a function).
// super(type) is unbound; binding it later (super(A).__get__(a)) gives super(A, a).
// super() with no arguments asks the interpreter for the running method's `__class__` cell
// and first argument (minipy_set_super_hook); minipy_super_lookup does super(type, obj).name
// without making the super object, for the interpreter's fast path.
#include "minipy/structmember.h"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

struct SuperObject {
    PyObject_HEAD PyTypeObject *type;  // the class super() was called in
    PyObject *obj;                     // the instance or class bound, or NULL
    PyTypeObject *obj_type;            // whose MRO is searched
};

SuperObject *as_super(PyObject *op) noexcept {
    return reinterpret_cast<SuperObject *>(op);
}

// The class whose MRO super(type, obj) searches: obj itself when it is a subclass of type,
// else obj's class (or its __class__, for proxies). New reference.
PyTypeObject *supercheck(PyTypeObject *type, PyObject *obj) noexcept {
    if (PyType_Check(obj) && PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(obj), type))
        return reinterpret_cast<PyTypeObject *>(Py_NewRef(obj));
    if (PyType_IsSubtype(Py_TYPE(obj), type))
        return reinterpret_cast<PyTypeObject *>(
            Py_NewRef(reinterpret_cast<PyObject *>(Py_TYPE(obj))));
    PyObject *class_attr = nullptr;
    if (_PyObject_LookupAttr(obj, dunder(Dunder::class_), &class_attr) < 0) return nullptr;
    if (class_attr != nullptr && PyType_Check(class_attr) &&
        reinterpret_cast<PyTypeObject *>(class_attr) != Py_TYPE(obj) &&
        PyType_IsSubtype(reinterpret_cast<PyTypeObject *>(class_attr), type))
        return reinterpret_cast<PyTypeObject *>(class_attr);
    Py_XDECREF(class_attr);
    PyErr_SetString(PyExc_TypeError,
                    "super(type, obj): obj must be an instance or subtype of type");
    return nullptr;
}

// `name` in the MRO of starttype after `type`, bound to obj; NULL without an exception when
// it is not there.
PyObject *super_find(PyTypeObject *type, PyObject *obj, PyTypeObject *starttype,
                     PyObject *name) noexcept {
    PyObject *mro = starttype->tp_mro;
    if (mro == nullptr) return nullptr;
    const Py_ssize_t n = PyTuple_GET_SIZE(mro);
    Py_ssize_t i = 0;
    while (i + 1 < n && PyTuple_GET_ITEM(mro, i) != reinterpret_cast<PyObject *>(type)) ++i;
    ++i;  // past `type` itself
    if (i >= n) return nullptr;
    Py_INCREF(mro);  // a dict lookup may run code that replaces the MRO
    PyObject *result = nullptr;
    for (; i < n; ++i) {
        PyObject *dict = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(mro, i))->tp_dict;
        if (dict == nullptr) continue;
        PyObject *found = PyDict_GetItemWithError(dict, name);
        if (found == nullptr) {
            if (PyErr_Occurred()) break;
            continue;
        }
        Py_INCREF(found);
        if (descrgetfunc get = Py_TYPE(found)->tp_descr_get; get != nullptr) {
            // An instance-mode super binds to the instance; a class-mode one to nothing.
            result = get(found, obj == reinterpret_cast<PyObject *>(starttype) ? nullptr : obj,
                         reinterpret_cast<PyObject *>(starttype));
            Py_DECREF(found);
        } else {
            result = found;
        }
        break;
    }
    Py_DECREF(mro);
    return result;
}

PyObject *super_getattro(PyObject *self, PyObject *name) noexcept {
    SuperObject *su = as_super(self);
    // super().__class__ is the super object's class, not the searched one's.
    if (su->obj_type != nullptr &&
        !(PyUnicode_Check(name) && PyUnicode_Compare(name, dunder(Dunder::class_)) == 0)) {
        PyObject *result = super_find(su->type, su->obj, su->obj_type, name);
        if (result != nullptr || PyErr_Occurred()) return result;
    }
    return PyObject_GenericGetAttr(self, name);
}

PyObject *super_descr_get(PyObject *self, PyObject *obj, PyObject *) noexcept {
    SuperObject *su = as_super(self);
    if (obj == nullptr || obj == Py_None || su->obj != nullptr) return Py_NewRef(self);
    if (!Py_IS_TYPE(self, &PySuper_Type))
        return PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject *>(Py_TYPE(self)), su->type,
                                            obj, nullptr);
    PyTypeObject *obj_type = supercheck(su->type, obj);
    if (obj_type == nullptr) return nullptr;
    PyObject *bound = PyType_GenericAlloc(&PySuper_Type, 0);
    if (bound == nullptr) {
        Py_DECREF(obj_type);
        return nullptr;
    }
    as_super(bound)->type =
        reinterpret_cast<PyTypeObject *>(Py_NewRef(reinterpret_cast<PyObject *>(su->type)));
    as_super(bound)->obj = Py_NewRef(obj);
    as_super(bound)->obj_type = obj_type;
    return bound;
}

int super_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (kwds != nullptr && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "super() takes no keyword arguments");
        return -1;
    }
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "super() expected at most 2 arguments, got %zd", nargs);
        return -1;
    }
    PyTypeObject *type = nullptr;
    PyObject *obj = nullptr;
    if (nargs == 0) {
        // The running method's __class__ and first argument: the interpreter knows them.
        if (g_super_hook == nullptr) {
            PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
            return -1;
        }
        if (g_super_hook(&type, &obj) < 0) return -1;
    } else {
        PyObject *first = PyTuple_GET_ITEM(args, 0);
        if (!PyType_Check(first)) {
            PyErr_Format(PyExc_TypeError, "super() argument 1 must be a type, not %.200s",
                         Py_TYPE(first)->tp_name);
            return -1;
        }
        type = reinterpret_cast<PyTypeObject *>(Py_NewRef(first));
        obj = nargs == 2 ? Py_NewRef(PyTuple_GET_ITEM(args, 1)) : nullptr;
    }
    if (obj == Py_None) Py_CLEAR(obj);
    PyTypeObject *obj_type = nullptr;
    if (obj != nullptr && (obj_type = supercheck(type, obj)) == nullptr) {
        Py_DECREF(type);
        Py_DECREF(obj);
        return -1;
    }
    SuperObject *su = as_super(self);
    Py_XSETREF(su->type, type);
    Py_XSETREF(su->obj, obj);
    Py_XSETREF(su->obj_type, obj_type);
    return 0;
}

PyObject *super_repr(PyObject *self) noexcept {
    SuperObject *su = as_super(self);
    const char *name = su->type != nullptr ? su->type->tp_name : "NULL";
    if (su->obj_type != nullptr)
        return PyUnicode_FromFormat("<super: <class '%s'>, <%s object>>", name,
                                    su->obj_type->tp_name);
    return PyUnicode_FromFormat("<super: <class '%s'>, NULL>", name);
}

void super_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_XDECREF(as_super(self)->obj);
    Py_XDECREF(as_super(self)->type);
    Py_XDECREF(as_super(self)->obj_type);
    Py_TYPE(self)->tp_free(self);
}

int super_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(as_super(self)->obj);
    Py_VISIT(as_super(self)->type);
    Py_VISIT(as_super(self)->obj_type);
    return 0;
}

PyMemberDef super_members[] = {
    {"__thisclass__", T_OBJECT, offsetof(SuperObject, type), READONLY,
     "the class invoking super()"},
    {"__self__", T_OBJECT, offsetof(SuperObject, obj), READONLY,
     "the instance invoking super(); may be None"},
    {"__self_class__", T_OBJECT, offsetof(SuperObject, obj_type), READONLY,
     "the type of the instance invoking super(); may be None"},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {
PyTypeObject PySuper_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "super() -> same as super(__class__, <first argument>)\n"
        "super(type) -> unbound super object\n"
        "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
        "super(type, type2) -> bound super object; requires issubclass(type2, type)\n",
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};
}

extern "C" PyObject *minipy_super_lookup(PyTypeObject *type, PyObject *obj,
                                         PyObject *name) noexcept {
    if (type == nullptr || obj == nullptr || name == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    PyTypeObject *starttype = supercheck(type, obj);
    if (starttype == nullptr) return nullptr;
    PyObject *result = super_find(type, obj, starttype, name);
    Py_DECREF(starttype);
    if (result == nullptr && !PyErr_Occurred())
        PyErr_Format(PyExc_AttributeError, "'super' object has no attribute '%U'", name);
    return result;
}
