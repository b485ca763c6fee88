// property(fget=None, fset=None, fdel=None, doc=None) (CPython 3.11, Objects/descrobject.c).
//
// A data descriptor: reading calls fget(obj), assigning fset(obj, value), deleting fdel(obj);
// a missing one is an AttributeError naming the property (learnt from __set_name__, 3.10+)
// and the owner: "property 'x' of 'A' object has no setter". Looked up on the class it is the
// property itself. getter()/setter()/deleter() return a copy with one function replaced (how
// @x.setter works), keeping the name. The doc is the given one, else fget's __doc__ (and a
// copy made with a new getter takes the new getter's).
#include <initializer_list>

#include "minipy/structmember.h"
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

struct PropertyObject {
    PyObject_HEAD PyObject *prop_get;
    PyObject *prop_set;
    PyObject *prop_del;
    PyObject *prop_doc;
    PyObject *prop_name;
    int getter_doc;  // prop_doc came from fget's __doc__
};

PropertyObject *as_property(PyObject *op) noexcept {
    return reinterpret_cast<PropertyObject *>(op);
}

void property_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    PropertyObject *p = as_property(op);
    Py_XDECREF(p->prop_get);
    Py_XDECREF(p->prop_set);
    Py_XDECREF(p->prop_del);
    Py_XDECREF(p->prop_doc);
    Py_XDECREF(p->prop_name);
    Py_TYPE(op)->tp_free(op);
}

int property_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    PropertyObject *p = as_property(op);
    Py_VISIT(p->prop_get);
    Py_VISIT(p->prop_set);
    Py_VISIT(p->prop_del);
    Py_VISIT(p->prop_doc);
    Py_VISIT(p->prop_name);
    return 0;
}

int property_clear(PyObject *op) noexcept {
    Py_CLEAR(as_property(op)->prop_doc);
    return 0;
}

// "property 'x' of 'A' object has no <what>" and its shorter forms.
void missing_accessor(PyObject *self, PyObject *obj, const char *what) noexcept {
    PyObject *qualname = obj != nullptr ? PyType_GetQualName(Py_TYPE(obj)) : nullptr;
    if (qualname == nullptr) PyErr_Clear();
    PyObject *name = as_property(self)->prop_name;
    if (name != nullptr && qualname != nullptr)
        PyErr_Format(PyExc_AttributeError, "property %R of %R object has no %s", name, qualname,
                     what);
    else if (qualname != nullptr)
        PyErr_Format(PyExc_AttributeError, "property of %R object has no %s", qualname, what);
    else if (what[0] == 'g')
        PyErr_SetString(PyExc_AttributeError, "property has no getter");
    else
        PyErr_SetString(PyExc_AttributeError,
                        what[0] == 'd' ? "can't delete attribute" : "can't set attribute");
    Py_XDECREF(qualname);
}

PyObject *property_get(PyObject *self, PyObject *obj, PyObject *) noexcept {
    if (obj == nullptr || obj == Py_None) return Py_NewRef(self);
    PyObject *get = as_property(self)->prop_get;
    if (get == nullptr) {
        missing_accessor(self, obj, "getter");
        return nullptr;
    }
    return PyObject_CallOneArg(get, obj);
}

int property_set(PyObject *self, PyObject *obj, PyObject *value) noexcept {
    PyObject *func = value == nullptr ? as_property(self)->prop_del : as_property(self)->prop_set;
    if (func == nullptr) {
        missing_accessor(self, obj, value == nullptr ? "deleter" : "setter");
        return -1;
    }
    PyObject *result = value == nullptr ? PyObject_CallOneArg(func, obj)
                                        : PyObject_CallFunctionObjArgs(func, obj, value, nullptr);
    if (result == nullptr) return -1;
    Py_DECREF(result);
    return 0;
}

int property_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    static const char *const kKeywords[] = {"fget", "fset", "fdel", "doc", nullptr};
    PyObject *fget = nullptr;
    PyObject *fset = nullptr;
    PyObject *fdel = nullptr;
    PyObject *doc = nullptr;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOO:property", const_cast<char **>(kKeywords),
                                     &fget, &fset, &fdel, &doc))
        return -1;
    PropertyObject *p = as_property(self);
    if (fget == Py_None) fget = nullptr;
    if (fset == Py_None) fset = nullptr;
    if (fdel == Py_None) fdel = nullptr;
    Py_XSETREF(p->prop_get, Py_XNewRef(fget));
    Py_XSETREF(p->prop_set, Py_XNewRef(fset));
    Py_XSETREF(p->prop_del, Py_XNewRef(fdel));
    Py_CLEAR(p->prop_doc);
    Py_CLEAR(p->prop_name);
    p->getter_doc = 0;
    PyObject *prop_doc = nullptr;
    if (doc != nullptr && doc != Py_None) {
        prop_doc = Py_NewRef(doc);
    } else if (fget != nullptr) {
        // No doc given: the getter's, if it has one.
        if (_PyObject_LookupAttr(fget, dunder(Dunder::doc), &prop_doc) < 0) return -1;
        if (prop_doc == Py_None) Py_CLEAR(prop_doc);
        if (prop_doc != nullptr) p->getter_doc = 1;
    }
    if (Py_IS_TYPE(self, &PyProperty_Type)) {
        p->prop_doc = prop_doc;
        return 0;
    }
    // A subclass's instances keep the doc in their __dict__ (the class's own __doc__ would
    // shadow the member otherwise).
    if (prop_doc == nullptr) prop_doc = Py_NewRef(Py_None);
    const int status = PyObject_SetAttr(self, dunder(Dunder::doc), prop_doc);
    Py_DECREF(prop_doc);
    if (status < 0 && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return 0;
    }
    return status;
}

// type(old)(fget, fset, fdel, doc) with the given functions replacing old's; keeps the name.
PyObject *property_copy(PyObject *old, PyObject *get, PyObject *set, PyObject *del) noexcept {
    PropertyObject *p = as_property(old);
    if (get == nullptr || get == Py_None) get = p->prop_get != nullptr ? p->prop_get : Py_None;
    if (set == nullptr || set == Py_None) set = p->prop_set != nullptr ? p->prop_set : Py_None;
    if (del == nullptr || del == Py_None) del = p->prop_del != nullptr ? p->prop_del : Py_None;
    // A doc taken from the old getter is taken from the new getter instead.
    PyObject *doc = (p->getter_doc && get != Py_None)
                        ? Py_None
                        : (p->prop_doc != nullptr ? p->prop_doc : Py_None);
    PyObject *copy = PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject *>(Py_TYPE(old)), get,
                                                  set, del, doc, nullptr);
    if (copy != nullptr && PyObject_TypeCheck(copy, &PyProperty_Type))
        Py_XSETREF(as_property(copy)->prop_name, Py_XNewRef(p->prop_name));
    return copy;
}

PyObject *property_getter(PyObject *self, PyObject *getter) noexcept {
    return property_copy(self, getter, nullptr, nullptr);
}
PyObject *property_setter(PyObject *self, PyObject *setter) noexcept {
    return property_copy(self, nullptr, setter, nullptr);
}
PyObject *property_deleter(PyObject *self, PyObject *deleter) noexcept {
    return property_copy(self, nullptr, nullptr, deleter);
}

PyObject *property_set_name(PyObject *self, PyObject *args) noexcept {
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_Format(PyExc_TypeError,
                     "__set_name__() takes 2 positional arguments but %d were given",
                     static_cast<int>(PyTuple_GET_SIZE(args)));
        return nullptr;
    }
    Py_XSETREF(as_property(self)->prop_name, Py_NewRef(PyTuple_GET_ITEM(args, 1)));
    Py_RETURN_NONE;
}

// True when any accessor says it is abstract.
PyObject *property_get_isabstract(PyObject *self, void *) noexcept {
    PropertyObject *p = as_property(self);
    PyObject *key = PyUnicode_InternFromString("__isabstractmethod__");
    if (key == nullptr) return nullptr;
    for (PyObject *func : {p->prop_get, p->prop_set, p->prop_del}) {
        if (func == nullptr) continue;
        PyObject *value = nullptr;
        const int found = _PyObject_LookupAttr(func, key, &value);
        int truth = 0;
        if (found > 0) {
            truth = PyObject_IsTrue(value);
            Py_DECREF(value);
        }
        if (found < 0 || truth < 0) {
            Py_DECREF(key);
            return nullptr;
        }
        if (truth) {
            Py_DECREF(key);
            Py_RETURN_TRUE;
        }
    }
    Py_DECREF(key);
    Py_RETURN_FALSE;
}

PyMemberDef property_members[] = {
    {"fget", T_OBJECT, offsetof(PropertyObject, prop_get), READONLY, nullptr},
    {"fset", T_OBJECT, offsetof(PropertyObject, prop_set), READONLY, nullptr},
    {"fdel", T_OBJECT, offsetof(PropertyObject, prop_del), READONLY, nullptr},
    {"__doc__", T_OBJECT, offsetof(PropertyObject, prop_doc), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef property_methods[] = {
    {"getter", property_getter, METH_O,
     "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, METH_O,
     "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, METH_O,
     "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, METH_VARARGS, "Method to set name of a property."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef property_getset[] = {
    {"__isabstractmethod__", property_get_isabstract, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {
PyTypeObject PyProperty_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "property",
    .tp_basicsize = sizeof(PropertyObject),
    .tp_dealloc = property_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "property(fget=None, fset=None, fdel=None, doc=None)\n--\n\n"
        "Property attribute.\n\n"
        "  fget\n    function to be used for getting an attribute value\n"
        "  fset\n    function to be used for setting an attribute value\n"
        "  fdel\n    function to be used for del'ing an attribute\n"
        "  doc\n    docstring\n",
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_getset = property_getset,
    .tp_descr_get = property_get,
    .tp_descr_set = property_set,
    .tp_init = property_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};
}
