// mappingproxy (types.MappingProxyType): a read-only view of a mapping, what type.__dict__
// returns so that a class's dict changes only through setattr (which keeps the attribute cache
// and the C slots right). CPython 3.11's Objects/descrobject.c. Reads go to the mapping; there
// is no way to write; `proxy | other` merges into a new dict.
#include "objects/type/static_type.hpp"
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

struct MappingProxy {
    PyObject_HEAD PyObject *mapping;
};

PyObject *mapping_of(PyObject *op) noexcept {
    return reinterpret_cast<MappingProxy *>(op)->mapping;
}

Py_ssize_t proxy_len(PyObject *op) noexcept {
    return PyObject_Size(mapping_of(op));
}

PyObject *proxy_getitem(PyObject *op, PyObject *key) noexcept {
    return PyObject_GetItem(mapping_of(op), key);
}

int proxy_contains(PyObject *op, PyObject *key) noexcept {
    if (PyDict_CheckExact(mapping_of(op))) return PyDict_Contains(mapping_of(op), key);
    return PySequence_Contains(mapping_of(op), key);
}

PyObject *proxy_iter(PyObject *op) noexcept {
    return PyObject_GetIter(mapping_of(op));
}

PyObject *proxy_str(PyObject *op) noexcept {
    return PyObject_Str(mapping_of(op));
}

PyObject *proxy_repr(PyObject *op) noexcept {
    return PyUnicode_FromFormat("mappingproxy(%R)", mapping_of(op));
}

PyObject *proxy_richcompare(PyObject *op, PyObject *other, int cmp) noexcept {
    return PyObject_RichCompare(mapping_of(op), other, cmp);
}

PyObject *proxy_or(PyObject *left, PyObject *right) noexcept {
    if (Py_IS_TYPE(left, &PyDictProxy_Type)) left = mapping_of(left);
    if (Py_IS_TYPE(right, &PyDictProxy_Type)) right = mapping_of(right);
    return PyNumber_Or(left, right);
}

PyObject *proxy_ior(PyObject *self, PyObject *) noexcept {
    PyErr_Format(PyExc_TypeError, "'|=' is not supported by %s; use '|' instead",
                 Py_TYPE(self)->tp_name);
    return nullptr;
}

PyObject *call_mapping_method(PyObject *op, const char *name) noexcept {
    return PyObject_CallMethod(mapping_of(op), name, nullptr);
}

PyObject *proxy_get(PyObject *op, PyObject *args) noexcept {
    PyObject *key = nullptr;
    PyObject *default_value = Py_None;
    if (!PyArg_UnpackTuple(args, "get", 1, 2, &key, &default_value)) return nullptr;
    PyObject *get = PyObject_GetAttrString(mapping_of(op), "get");
    if (get == nullptr) return nullptr;
    PyObject *result = PyObject_CallFunctionObjArgs(get, key, default_value, nullptr);
    Py_DECREF(get);
    return result;
}

PyObject *proxy_keys(PyObject *op, PyObject *) noexcept {
    return call_mapping_method(op, "keys");
}
PyObject *proxy_values(PyObject *op, PyObject *) noexcept {
    return call_mapping_method(op, "values");
}
PyObject *proxy_items(PyObject *op, PyObject *) noexcept {
    return call_mapping_method(op, "items");
}
PyObject *proxy_copy(PyObject *op, PyObject *) noexcept {
    return call_mapping_method(op, "copy");
}
PyObject *proxy_reversed(PyObject *op, PyObject *) noexcept {
    return call_mapping_method(op, "__reversed__");
}

void proxy_dealloc(PyObject *op) noexcept {
    PyObject_GC_UnTrack(op);
    Py_XDECREF(mapping_of(op));
    PyObject_GC_Del(op);
}

int proxy_traverse(PyObject *op, visitproc visit, void *arg) noexcept {
    Py_VISIT(mapping_of(op));
    return 0;
}

bool check_mapping(PyObject *mapping) noexcept {
    if (!PyMapping_Check(mapping) || PyList_Check(mapping) || PyTuple_Check(mapping)) {
        PyErr_Format(PyExc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                     Py_TYPE(mapping)->tp_name);
        return false;
    }
    return true;
}

PyObject *proxy_new(PyTypeObject *, PyObject *args, PyObject *kwds) noexcept {
    static const char *const kKeywords[] = {"mapping", nullptr};
    PyObject *mapping = nullptr;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:mappingproxy", const_cast<char **>(kKeywords),
                                     &mapping))
        return nullptr;
    if (!check_mapping(mapping)) return nullptr;
    return PyDictProxy_New(mapping);
}

PyMappingMethods proxy_as_mapping = {proxy_len, proxy_getitem, nullptr};
PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
PyNumberMethods proxy_as_number = {.nb_or = proxy_or, .nb_inplace_or = proxy_ior};

PyMethodDef proxy_methods[] = {
    {"get", proxy_get, METH_VARARGS,
     "D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None."},
    {"keys", proxy_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", proxy_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"items", proxy_items, METH_NOARGS,
     "D.items() -> a set-like object providing a view on D's items"},
    {"copy", proxy_copy, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", proxy_reversed, METH_NOARGS, "D.__reversed__() -> reverse iterator"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" {
PyTypeObject PyDictProxy_Type = {
    MINIPY_TYPE_OBJECT_HEAD,
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(MappingProxy),
    .tp_dealloc = proxy_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_str = proxy_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    .tp_traverse = proxy_traverse,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_methods = proxy_methods,
    .tp_new = proxy_new,
};
}

extern "C" PyObject *PyDictProxy_New(PyObject *mapping) noexcept {
    if (!check_mapping(mapping)) return nullptr;
    auto *proxy = PyObject_GC_New(MappingProxy, &PyDictProxy_Type);
    if (proxy == nullptr) return nullptr;
    proxy->mapping = Py_NewRef(mapping);
    PyObject_GC_Track(proxy);
    return reinterpret_cast<PyObject *>(proxy);
}
