// MemoryError's instances, as CPython 3.11 keeps them: a free list of up to 16 instances,
// filled at start-up, so that PyErr_NoMemory raises a fresh instance (its own traceback,
// context and cause) without asking the allocator that just failed. Only when all 16 are in
// use does it fall back to the one statically allocated instance (exceptions.cpp), shared by
// every raise from then on.
#include "minipy/Python.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "objects/tuple/tuple_internal.hpp"

namespace {

constexpr int kSavedMemoryErrors = 16;  // CPython's MEMERRORS_SAVE

constinit PyObject *g_free[kSavedMemoryErrors] = {};
constinit int g_free_count = 0;

// An instance from the free list, its args set, back in play; NULL when the list is empty.
PyObject *pop_free(PyObject *args) noexcept {
    if (g_free_count == 0) return nullptr;
    PyObject *self = g_free[--g_free_count];
    _Py_NewReference(self);
    reinterpret_cast<PyBaseExceptionObject *>(self)->args =
        Py_NewRef(args != nullptr ? args : minipy::runtime::empty_tuple());
    PyObject_GC_Track(self);
    return self;
}

}  // namespace

namespace minipy::runtime {

PyObject *memory_error_new(PyTypeObject *type, PyObject *args, PyObject *kwds) noexcept {
    if (type == reinterpret_cast<PyTypeObject *>(PyExc_MemoryError))
        if (PyObject *self = pop_free(args); self != nullptr) return self;
    return reinterpret_cast<PyTypeObject *>(PyExc_BaseException)->tp_new(type, args, kwds);
}

void memory_error_dealloc(PyObject *self) noexcept {
    if (self == preallocated_memory_error())
        Py_FatalError("deallocating the preallocated MemoryError (a reference was dropped twice)");
    PyObject_GC_UnTrack(self);
    reinterpret_cast<PyTypeObject *>(PyExc_BaseException)->tp_clear(self);
    // A subclass's instance, or one more than the list keeps, goes back to the allocator.
    if (Py_TYPE(self) != reinterpret_cast<PyTypeObject *>(PyExc_MemoryError) ||
        g_free_count == kSavedMemoryErrors) {
        Py_TYPE(self)->tp_free(self);
        return;
    }
    g_free[g_free_count++] = self;
}

PyObject *memory_error_to_raise() noexcept {
    PyObject *self = pop_free(nullptr);
    return self != nullptr ? self : Py_NewRef(preallocated_memory_error());
}

int memory_errors_init() noexcept {
    PyObject *made[kSavedMemoryErrors] = {};
    int count = 0;
    for (; count < kSavedMemoryErrors; ++count) {
        made[count] = reinterpret_cast<PyTypeObject *>(PyExc_BaseException)
                          ->tp_new(reinterpret_cast<PyTypeObject *>(PyExc_MemoryError),
                                   empty_tuple(), nullptr);
        if (made[count] == nullptr) break;
    }
    for (int i = 0; i < count; ++i) Py_DECREF(made[i]);  // into the free list
    return count == kSavedMemoryErrors ? 0 : -1;
}

void memory_errors_fini() noexcept {
    while (g_free_count > 0) PyObject_GC_Del(g_free[--g_free_count]);
}

}  // namespace minipy::runtime
