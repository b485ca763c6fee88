// The method resolution order and the layout rules of multiple inheritance (CPython 3.11,
// Objects/typeobject.c: mro_implementation, pmerge, best_base, solid_base).
//
// C3 linearization: the MRO of C(B1, ..., Bn) is C followed by the merge of the MROs of
// B1..Bn and of the list B1..Bn itself. The merge repeatedly takes the first head (first
// element of a remaining list, lists in order) that appears in no list's tail, appends it and
// removes it from every head; when no head qualifies while lists remain, there is no
// consistent order: TypeError "Cannot create a consistent method resolution\norder (MRO) for
// bases A, B", naming the remaining heads (3.11's message has the line break).
//
// Layout: every type has a "solid base", the nearest base (itself included) that adds C-level
// fields to its own base's layout. The bases of a new class must have solid bases that form a
// chain; the one furthest down is the class's best base, whose layout the instances extend.
// Two unrelated solid bases (int and str, or two classes with non-empty __slots__) cannot be
// combined: "multiple bases have instance lay-out conflict".
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {
namespace {

// __name__ of a class for the error messages (repr() when it has none).
PyObject *class_name(PyObject *cls) noexcept {
    PyObject *name = nullptr;
    if (_PyObject_LookupAttr(cls, dunder(Dunder::name), &name) < 0) PyErr_Clear();
    if (name == nullptr || !PyUnicode_Check(name)) {
        Py_XDECREF(name);
        name = PyObject_Repr(cls);
    }
    return name;
}

int check_duplicates(PyObject *tuple) noexcept {
    const Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *o = PyTuple_GET_ITEM(tuple, i);
        for (Py_ssize_t j = i + 1; j < n; ++j) {
            if (PyTuple_GET_ITEM(tuple, j) != o) continue;
            PyObject *name = class_name(o);
            if (name != nullptr) {
                PyErr_Format(PyExc_TypeError, "duplicate base class %U", name);
                Py_DECREF(name);
            }
            return -1;
        }
    }
    return 0;
}

bool tail_contains(PyObject *tuple, Py_ssize_t whence, PyObject *o) noexcept {
    for (Py_ssize_t j = whence + 1; j < PyTuple_GET_SIZE(tuple); ++j)
        if (PyTuple_GET_ITEM(tuple, j) == o) return true;
    return false;
}

void set_mro_error(PyObject **to_merge, Py_ssize_t n, const Py_ssize_t *remain) noexcept {
    // The remaining heads, each once, in order of first appearance.
    PyObject *heads = PyDict_New();
    if (heads == nullptr) return;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (remain[i] >= PyTuple_GET_SIZE(to_merge[i])) continue;
        if (PyDict_SetItem(heads, PyTuple_GET_ITEM(to_merge[i], remain[i]), Py_None) < 0) {
            Py_DECREF(heads);
            return;
        }
    }
    PyObject *names = PyList_New(0);
    Py_ssize_t pos = 0;
    PyObject *key;
    PyObject *value;
    while (names != nullptr && PyDict_Next(heads, &pos, &key, &value)) {
        PyObject *name = class_name(key);
        if (name == nullptr || PyList_Append(names, name) < 0) Py_CLEAR(names);
        Py_XDECREF(name);
    }
    Py_DECREF(heads);
    if (names == nullptr) return;
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *joined = separator != nullptr ? PyUnicode_Join(separator, names) : nullptr;
    Py_XDECREF(separator);
    Py_DECREF(names);
    if (joined == nullptr) return;
    PyErr_Format(PyExc_TypeError,
                 "Cannot create a consistent method resolution\norder (MRO) for bases %U", joined);
    Py_DECREF(joined);
}

int pmerge(PyObject *acc, PyObject **to_merge, Py_ssize_t n) noexcept {
    auto *remain =
        static_cast<Py_ssize_t *>(PyMem_Calloc(static_cast<size_t>(n), sizeof(Py_ssize_t)));
    if (remain == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    int status = 0;
    for (;;) {
        Py_ssize_t empty = 0;
        bool merged = false;
        for (Py_ssize_t i = 0; i < n && !merged; ++i) {
            PyObject *list = to_merge[i];
            if (remain[i] >= PyTuple_GET_SIZE(list)) {
                ++empty;
                continue;
            }
            PyObject *candidate = PyTuple_GET_ITEM(list, remain[i]);
            bool in_tail = false;
            for (Py_ssize_t j = 0; j < n && !in_tail; ++j)
                in_tail = tail_contains(to_merge[j], remain[j], candidate);
            if (in_tail) continue;
            if (PyList_Append(acc, candidate) < 0) {
                status = -1;
                break;
            }
            for (Py_ssize_t j = 0; j < n; ++j)
                if (remain[j] < PyTuple_GET_SIZE(to_merge[j]) &&
                    PyTuple_GET_ITEM(to_merge[j], remain[j]) == candidate)
                    ++remain[j];
            merged = true;
        }
        if (status < 0 || merged) {
            if (status < 0) break;
            continue;
        }
        if (empty != n) {
            set_mro_error(to_merge, n, remain);
            status = -1;
        }
        break;
    }
    PyMem_Free(remain);
    return status;
}

// A list returned by a custom mro() must hold types whose layouts fit the class's.
int mro_check(PyTypeObject *type, PyObject *mro) noexcept {
    PyTypeObject *solid = solid_base(type);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); ++i) {
        PyObject *item = PyTuple_GET_ITEM(mro, i);
        if (!PyType_Check(item)) {
            PyErr_Format(PyExc_TypeError, "mro() returned a non-class ('%.500s')",
                         Py_TYPE(item)->tp_name);
            return -1;
        }
        auto *base = reinterpret_cast<PyTypeObject *>(item);
        if (!PyType_IsSubtype(solid, solid_base(base))) {
            PyErr_Format(PyExc_TypeError, "mro() returned base with unsuitable layout ('%.500s')",
                         base->tp_name);
            return -1;
        }
    }
    return 0;
}

// The instances of `type` have fields beyond those of `base`'s instances.
bool extra_ivars(PyTypeObject *type, PyTypeObject *base) noexcept {
    Py_ssize_t t_size = type->tp_basicsize;
    const Py_ssize_t b_size = base->tp_basicsize;
    if (type->tp_itemsize || base->tp_itemsize)
        return t_size != b_size || type->tp_itemsize != base->tp_itemsize;
    // A __weakref__ slot at the end does not make a layout (any class may add one).
    if (type->tp_weaklistoffset && base->tp_weaklistoffset == 0 &&
        type->tp_weaklistoffset + static_cast<Py_ssize_t>(sizeof(PyObject *)) == t_size &&
        (type->tp_flags & Py_TPFLAGS_HEAPTYPE))
        t_size -= static_cast<Py_ssize_t>(sizeof(PyObject *));
    return t_size != b_size;
}

}  // namespace

PyTypeObject *solid_base(PyTypeObject *type) noexcept {
    PyTypeObject *base = type->tp_base != nullptr ? solid_base(type->tp_base) : &PyBaseObject_Type;
    return extra_ivars(type, base) ? type : base;
}

PyTypeObject *best_base(PyObject *bases) noexcept {
    PyTypeObject *base = nullptr;
    PyTypeObject *winner = nullptr;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); ++i) {
        PyObject *item = PyTuple_GET_ITEM(bases, i);
        if (!PyType_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "bases must be types");
            return nullptr;
        }
        auto *candidate_base = reinterpret_cast<PyTypeObject *>(item);
        if (PyType_Ready(candidate_base) < 0) return nullptr;
        if (!(candidate_base->tp_flags & Py_TPFLAGS_BASETYPE)) {
            PyErr_Format(PyExc_TypeError, "type '%.100s' is not an acceptable base type",
                         candidate_base->tp_name);
            return nullptr;
        }
        PyTypeObject *candidate = solid_base(candidate_base);
        if (winner != nullptr && PyType_IsSubtype(winner, candidate)) {
            // the winner's layout already contains the candidate's
        } else if (winner == nullptr || PyType_IsSubtype(candidate, winner)) {
            winner = candidate;
            base = candidate_base;
        } else {
            PyErr_SetString(PyExc_TypeError, "multiple bases have instance lay-out conflict");
            return nullptr;
        }
    }
    return base;
}

PyObject *mro_implementation(PyTypeObject *type) noexcept {
    PyObject *bases = type->tp_bases;
    const Py_ssize_t n = PyTuple_GET_SIZE(bases);
    for (Py_ssize_t i = 0; i < n; ++i) {
        auto *base = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(bases, i));
        if (base->tp_mro == nullptr) {
            PyErr_Format(PyExc_TypeError, "Cannot extend an incomplete type '%.100s'",
                         base->tp_name);
            return nullptr;
        }
    }
    if (n == 0) return PyTuple_Pack(1, reinterpret_cast<PyObject *>(type));  // object's
    if (n == 1) {
        // One base: the class, then the base's MRO.
        PyObject *base_mro = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(bases, 0))->tp_mro;
        const Py_ssize_t k = PyTuple_GET_SIZE(base_mro);
        PyObject *result = PyTuple_New(k + 1);
        if (result == nullptr) return nullptr;
        PyTuple_SET_ITEM(result, 0, Py_NewRef(reinterpret_cast<PyObject *>(type)));
        for (Py_ssize_t i = 0; i < k; ++i)
            PyTuple_SET_ITEM(result, i + 1, Py_NewRef(PyTuple_GET_ITEM(base_mro, i)));
        return result;
    }
    if (check_duplicates(bases) < 0) return nullptr;
    auto **to_merge =
        static_cast<PyObject **>(PyMem_Malloc(static_cast<size_t>(n + 1) * sizeof(PyObject *)));
    if (to_merge == nullptr) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; ++i)
        to_merge[i] = reinterpret_cast<PyTypeObject *>(PyTuple_GET_ITEM(bases, i))->tp_mro;
    to_merge[n] = bases;
    PyObject *result = PyList_New(1);
    if (result != nullptr) {
        PyList_SET_ITEM(result, 0, Py_NewRef(reinterpret_cast<PyObject *>(type)));
        if (pmerge(result, to_merge, n + 1) < 0) Py_CLEAR(result);
    }
    PyMem_Free(to_merge);
    if (result == nullptr) return nullptr;
    PyObject *tuple = PyList_AsTuple(result);
    Py_DECREF(result);
    return tuple;
}

int mro_internal(PyTypeObject *type) noexcept {
    PyObject *mro;
    const bool custom = !Py_IS_TYPE(type, &PyType_Type);
    if (!custom) {
        mro = mro_implementation(type);
    } else {
        // A metaclass may define mro(); its result must be a sequence of fitting classes.
        bool unbound = false;
        PyObject *method =
            lookup_method(reinterpret_cast<PyObject *>(type), dunder(Dunder::mro), &unbound);
        if (method == nullptr) return -1;
        PyObject *args[1] = {reinterpret_cast<PyObject *>(type)};
        PyObject *result = call_unbound(unbound, method, args, 1);
        Py_DECREF(method);
        if (result == nullptr) return -1;
        mro = PySequence_Tuple(result);
        Py_DECREF(result);
        if (mro != nullptr && mro_check(type, mro) < 0) Py_CLEAR(mro);
    }
    if (mro == nullptr) return -1;
    Py_XSETREF(type->tp_mro, mro);
    PyType_Modified(type);
    return 0;
}

}  // namespace minipy::runtime
