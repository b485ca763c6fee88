/* minipy/objimpl.h: making and freeing objects, and the cycle collector's API.
 *
 * C-compatible; names and rules follow CPython's Include/objimpl.h.
 *
 *   PyObject_New(T, type)          sizeof == type->tp_basicsize, from the OBJ domain
 *   PyObject_NewVar(T, type, n)    tp_basicsize + n * tp_itemsize, rounded up to a pointer
 *   PyObject_Init / InitVar        set the header of memory the caller allocated
 *   PyObject_Del                   frees memory from PyObject_New (it is PyObject_Free)
 *
 * A type that holds references to other objects and so can be part of a reference cycle
 * sets Py_TPFLAGS_HAVE_GC, allocates with PyObject_GC_New/NewVar (the collector's header
 * sits in front of the object, in the same OBJ block), calls PyObject_GC_Track once the
 * object's fields are valid, and in tp_dealloc calls PyObject_GC_UnTrack first and
 * PyObject_GC_Del last. Its tp_traverse visits every reference it holds, and tp_clear drops
 * them, which is how the collector breaks an unreachable cycle. */
#ifndef MINIPY_OBJIMPL_H
#define MINIPY_OBJIMPL_H

#include "minipy/object.h"
#include "minipy/pymem.h"

MINIPY_EXTERN_C_BEGIN

PyAPI_FUNC(PyObject *) PyObject_Init(PyObject *op, PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyVarObject *)
    PyObject_InitVar(PyVarObject *op, PyTypeObject *type, Py_ssize_t size) MINIPY_NOEXCEPT;
/* NULL with MemoryError set when the OBJ domain says no or the size overflows. */
PyAPI_FUNC(PyObject *) _PyObject_New(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyVarObject *) _PyObject_NewVar(PyTypeObject *type, Py_ssize_t n) MINIPY_NOEXCEPT;

#define PyObject_New(type, typeobj)       ((type *)_PyObject_New(typeobj))
#define PyObject_NewVar(type, typeobj, n) ((type *)_PyObject_NewVar((typeobj), (n)))
#define PyObject_Del                      PyObject_Free
#define PyObject_DEL                      PyObject_Free
#define PyObject_INIT(op, typeobj)        PyObject_Init(_PyObject_CAST(op), (typeobj))
#define PyObject_INIT_VAR(op, typeobj, size) \
    PyObject_InitVar(_PyVarObject_CAST(op), (typeobj), (size))

/* The bytes an object of `type` with n items needs (rounded up to a pointer's size). */
#define _PyObject_SIZE(typeobj) ((typeobj)->tp_basicsize)
#define _PyObject_VAR_SIZE(typeobj, nitems)                                  \
    ((size_t)(((typeobj)->tp_basicsize + (nitems) * (typeobj)->tp_itemsize + \
               (Py_ssize_t)sizeof(void *) - 1) &                             \
              ~((Py_ssize_t)sizeof(void *) - 1)))

/* The default tp_alloc: zeroed memory for n items, header set, GC-tracked if the type has
 * Py_TPFLAGS_HAVE_GC (so tp_new can return it at once). */
PyAPI_FUNC(PyObject *) PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems) MINIPY_NOEXCEPT;
/* The default tp_new: tp_alloc(type, 0). */
PyAPI_FUNC(PyObject *)
    PyType_GenericNew(PyTypeObject *type, PyObject *args, PyObject *kwds) MINIPY_NOEXCEPT;

/* --- Cycle collector ------------------------------------------------------------------- */
#define PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)
PyAPI_FUNC(int) PyObject_IS_GC(PyObject *obj) MINIPY_NOEXCEPT;

PyAPI_FUNC(PyObject *) _PyObject_GC_New(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyVarObject *) _PyObject_GC_NewVar(PyTypeObject *type, Py_ssize_t n) MINIPY_NOEXCEPT;
/* Grows or shrinks an untracked GC object's variable part; NULL + MemoryError on failure
 * (the old object is then still valid). */
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *op, Py_ssize_t n) MINIPY_NOEXCEPT;
#define PyObject_GC_New(type, typeobj)       ((type *)_PyObject_GC_New(typeobj))
#define PyObject_GC_NewVar(type, typeobj, n) ((type *)_PyObject_GC_NewVar((typeobj), (n)))
#define PyObject_GC_Resize(type, op, n)      ((type *)_PyObject_GC_Resize(_PyVarObject_CAST(op), (n)))

/* Adds the object to the youngest generation / takes it out of the collector's lists. Track
 * is fatal for an object already tracked; UnTrack of an untracked object does nothing. */
PyAPI_FUNC(void) PyObject_GC_Track(void *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyObject_GC_UnTrack(void *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_GC_IsTracked(PyObject *op) MINIPY_NOEXCEPT;
/* 1 when op is a GC object whose tp_finalize has run (PEP 442: it runs at most once). */
PyAPI_FUNC(int) PyObject_GC_IsFinalized(PyObject *op) MINIPY_NOEXCEPT;
/* Frees memory from PyObject_GC_New/NewVar (it must be untracked). */
PyAPI_FUNC(void) PyObject_GC_Del(void *op) MINIPY_NOEXCEPT;

/* Visits `op` from a tp_traverse; returns the visitor's non-zero result at once. */
#define Py_VISIT(op)                                   \
    do {                                               \
        if (op) {                                      \
            int vret = visit(_PyObject_CAST(op), arg); \
            if (vret) return vret;                     \
        }                                              \
    } while (0)

/* Collects every generation; returns the number of unreachable objects found. */
PyAPI_FUNC(Py_ssize_t) PyGC_Collect(void) MINIPY_NOEXCEPT;
/* Automatic collection on / off; each returns the previous state (1 = enabled). */
PyAPI_FUNC(int) PyGC_Enable(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyGC_Disable(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyGC_IsEnabled(void) MINIPY_NOEXCEPT;

/* What the gc module exposes (gc.collect(generation), get_count, get/set_threshold). */
#define MINIPY_GC_GENERATIONS 3
/* Collects generations 0..generation; -1 and ValueError for a generation out of range. */
PyAPI_FUNC(Py_ssize_t) minipy_gc_collect_generation(int generation) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_gc_get_count(Py_ssize_t count[MINIPY_GC_GENERATIONS]) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_gc_get_threshold(int threshold[MINIPY_GC_GENERATIONS]) MINIPY_NOEXCEPT;
/* A threshold of 0 for generation 0 turns automatic collection off, as in gc.set_threshold;
 * a negative one is always passed (CPython 3.11 takes any int). Returns 0. */
PyAPI_FUNC(int) minipy_gc_set_threshold(const int threshold[MINIPY_GC_GENERATIONS]) MINIPY_NOEXCEPT;
/* gc.freeze() / gc.unfreeze() / gc.get_freeze_count(): frozen objects stay tracked but no
 * collection looks at them. The runtime freezes its own start-up objects (the static types'
 * dicts and descriptors) at the end of Py_InitializeFromConfig; shutdown unfreezes everything
 * before its last collections. */
PyAPI_FUNC(void) minipy_gc_freeze(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_gc_unfreeze(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) minipy_gc_get_freeze_count(void) MINIPY_NOEXCEPT;
/* Number of objects currently tracked in `generation` (0..2), -1 if out of range. */
PyAPI_FUNC(Py_ssize_t) minipy_gc_tracked_count(int generation) MINIPY_NOEXCEPT;
/* gc.callbacks: `hook` is called around every collection, automatic or asked for, with the
 * current exception put aside and no other collection possible: phase 0 before it (collected
 * and uncollectable 0), phase 1 after it with what it found. It must not raise (report errors
 * as unraisable). The interpreter's gc module sets it; NULL removes it; shutdown's own
 * collections never call it. */
typedef void (*minipy_gc_callback_hook)(int phase, int generation, Py_ssize_t collected,
                                        Py_ssize_t uncollectable);
PyAPI_FUNC(void) minipy_gc_set_callback_hook(minipy_gc_callback_hook hook) MINIPY_NOEXCEPT;
/* Calls visit(op, arg) for every object tracked in `generation` (0..2; -1: every generation
 * and the frozen objects), oldest first within a generation, stopping at the first non-zero
 * result, which it returns (0 when all were visited; -1 for a bad generation). gc.get_objects
 * and gc.get_referrers walk the objects this way. `visit` must not track, untrack or free any
 * object, nor collect: gather what it needs and act afterwards. */
PyAPI_FUNC(int) minipy_gc_visit_tracked(int generation, int (*visit)(PyObject *op, void *arg),
                                        void *arg) MINIPY_NOEXCEPT;

typedef struct {
    Py_ssize_t collections;   /* collections of this generation */
    Py_ssize_t collected;     /* unreachable objects freed */
    Py_ssize_t uncollectable; /* always 0: minipy has no finalizers that resurrect */
} minipy_gc_generation_stats;
PyAPI_FUNC(void)
    minipy_gc_get_stats(minipy_gc_generation_stats out[MINIPY_GC_GENERATIONS]) MINIPY_NOEXCEPT;

/* The trashcan (CPython's Py_TRASHCAN_BEGIN / Py_TRASHCAN_END, same use). Destroying a
 * container releases its items, which may destroy containers in turn: a list nested a
 * million deep would take a million C frames. A GC type's tp_dealloc wraps its body:
 *
 *     static void mylist_dealloc(PyObject *op) {
 *         PyObject_GC_UnTrack(op);            // first: the GC header becomes the link
 *         Py_TRASHCAN_BEGIN(op, mylist_dealloc)
 *         ... release the items, free op ...
 *         Py_TRASHCAN_END
 *     }
 *
 * Past 50 nested deallocations in a thread the object is put aside instead (the body does
 * not run), and the outermost deallocation destroys what was put aside when it finishes,
 * so the depth stays bounded. The wrapping applies when Py_TYPE(op)->tp_dealloc is
 * `dealloc` (a subclass with its own deallocator wraps its own). Needs the GIL. */
struct _ts;
PyAPI_FUNC(int) _PyTrash_begin(struct _ts *tstate, PyObject *op) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) _PyTrash_end(struct _ts *tstate) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyTrash_cond(PyObject *op, destructor dealloc) MINIPY_NOEXCEPT;

#define Py_TRASHCAN_BEGIN_CONDITION(op, cond)                                    \
    do {                                                                         \
        struct _ts *minipy_trash_tstate_ = NULL;                                 \
        if (cond) {                                                              \
            minipy_trash_tstate_ = PyThreadState_Get();                          \
            if (_PyTrash_begin(minipy_trash_tstate_, _PyObject_CAST(op))) break; \
        }
#define Py_TRASHCAN_END                                                   \
    if (minipy_trash_tstate_ != NULL) _PyTrash_end(minipy_trash_tstate_); \
    }                                                                     \
    while (0)                                                             \
        ;
#define Py_TRASHCAN_BEGIN(op, dealloc) \
    Py_TRASHCAN_BEGIN_CONDITION(op, _PyTrash_cond(_PyObject_CAST(op), (destructor)(dealloc)))

MINIPY_EXTERN_C_END

#endif /* MINIPY_OBJIMPL_H */
