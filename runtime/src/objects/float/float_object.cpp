// Making and freeing floats, the free list, and the C API that reads a float's value.
//
// The free list (CPython 3.11's, Objects/floatobject.c): a freed exact float whose type is
// float itself is kept, up to kMaxFreeFloats of them, and the next PyFloat_FromDouble takes
// it back instead of calling PyObject_Malloc. The kept objects are chained through their
// ob_type field, which no one reads while they are dead. Invariants:
//   g_free_count == length of the chain from g_free_list, and 0 <= g_free_count <= kMaxFreeFloats;
//   the chain is empty whenever use_freelists() is off (nothing is pushed then) and after
//   float_fini(), which hands every kept block back to PyObject_Free.
// Float subclass instances never enter the list: they go to their type's tp_free.
#include <cfloat>

#include "check/freelist_check.hpp"
#include "lifecycle/part_lifecycle.hpp"
#include "objects/float/float_internal.hpp"
#include "objects/freelist_settings.hpp"
#include "objects/type/object_header_init.hpp"

namespace {

constexpr int kMaxFreeFloats = 100;

PyFloatObject *g_free_list = nullptr;
int g_free_count = 0;

PyFloatObject *free_list_next(PyFloatObject *op) noexcept {
    return reinterpret_cast<PyFloatObject *>(Py_TYPE(op));
}

}  // namespace

namespace minipy::runtime {

void float_dealloc(PyObject *op) noexcept {
    if (!PyFloat_CheckExact(op)) {
        Py_TYPE(op)->tp_free(op);
        return;
    }
    if (use_freelists() && g_free_count < kMaxFreeFloats) {
        auto *fl = reinterpret_cast<PyFloatObject *>(op);
        Py_SET_TYPE(op, reinterpret_cast<PyTypeObject *>(g_free_list));
        g_free_list = fl;
        g_free_count++;
        MINIPY_ASSERT_EXPENSIVE(float_freelist_is_valid());
        return;
    }
    PyObject_Free(op);
}

int float_freelist_size() noexcept {
    return g_free_count;
}

bool float_freelist_is_valid() noexcept {
    const check::Subject s{"float_freelist_is_valid", "float free list", nullptr};
    s.require(g_free_count >= 0 && g_free_count <= kMaxFreeFloats,
              {"0 <= count <= ", kMaxFreeFloats, " (count ", g_free_count, ")"});
    int length = 0;
    for (PyFloatObject *op = g_free_list; op != nullptr; op = free_list_next(op), ++length) {
        if (length == g_free_count)
            s.broken({"the chain is as long as the count (count ", g_free_count,
                      ", the chain goes on: a block is on it twice, or the count is short)"});
        check::freelist_entry_is_dead(s, length, reinterpret_cast<PyObject *>(op), nullptr, false);
    }
    s.require(length == g_free_count,
              {"the chain is as long as the count (count ", g_free_count, ", chain ", length, ")"});
    return true;
}

int float_init() noexcept {
    return PyType_Ready(&PyFloat_Type);
}

void float_fini() noexcept {
    while (g_free_list != nullptr) {
        PyFloatObject *op = g_free_list;
        g_free_list = free_list_next(op);
        PyObject_Free(op);
    }
    g_free_count = 0;
}

}  // namespace minipy::runtime

extern "C" {

PyObject *PyFloat_FromDouble(double fval) noexcept {
    PyFloatObject *op = g_free_list;
    if (op != nullptr) {
        MINIPY_ASSERT_EXPENSIVE(minipy::runtime::float_freelist_is_valid());
        g_free_list = free_list_next(op);
        g_free_count--;
    } else {
        op = static_cast<PyFloatObject *>(PyObject_Malloc(sizeof(PyFloatObject)));
        if (op == nullptr) return PyErr_NoMemory();
    }
    minipy::runtime::init_object_header(reinterpret_cast<PyObject *>(op), &PyFloat_Type);
    op->ob_fval = fval;
    return reinterpret_cast<PyObject *>(op);
}

double PyFloat_AsDouble(PyObject *op) noexcept {
    if (op == nullptr) {
        PyErr_BadArgument();
        return -1.0;
    }
    if (PyFloat_Check(op)) return PyFloat_AS_DOUBLE(op);
    PyNumberMethods *nb = Py_TYPE(op)->tp_as_number;
    if (nb == nullptr || nb->nb_float == nullptr) {
        if (nb != nullptr && nb->nb_index != nullptr) {
            PyObject *index = PyNumber_Index(op);
            if (index == nullptr) return -1.0;
            const double value = PyLong_AsDouble(index);
            Py_DECREF(index);
            return value;
        }
        PyErr_Format(PyExc_TypeError, "must be real number, not %.50s", Py_TYPE(op)->tp_name);
        return -1.0;
    }
    PyObject *result = nb->nb_float(op);
    if (result == nullptr) return -1.0;
    // CPython 3.11 also accepts a float subclass here, with a DeprecationWarning; minipy has
    // no warnings yet and accepts it silently.
    if (!PyFloat_Check(result)) {
        PyErr_Format(PyExc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                     Py_TYPE(op)->tp_name, Py_TYPE(result)->tp_name);
        Py_DECREF(result);
        return -1.0;
    }
    const double value = PyFloat_AS_DOUBLE(result);
    Py_DECREF(result);
    return value;
}

double PyFloat_GetMax(void) noexcept {
    return DBL_MAX;
}

double PyFloat_GetMin(void) noexcept {
    return DBL_MIN;
}

}  // extern "C"
