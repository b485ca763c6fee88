/* minipy/setobject.h: set and frozenset.
 *
 * C-compatible; names, layout and rules follow CPython 3.11's Include/setobject.h and
 * Include/cpython/setobject.h. A set is an open-addressing hash table of {key, hash} slots
 * (set_table.cpp): up to 8 slots live inside the object (smalltable), bigger tables come
 * from PyMem_Malloc. A slot is in one of three states:
 *
 *   unused:  key == NULL,   hash == 0
 *   dummy:   key == dummy,  hash == -1   (a deleted key; searches go on past it)
 *   active:  any other key, its hash (never -1)
 *
 * fill counts active + dummy slots, used the active ones. Sets and frozensets are GC
 * containers. A frozenset caches its hash in `hash` (-1 until computed); for a set it is
 * always -1. */
#ifndef MINIPY_SETOBJECT_H
#define MINIPY_SETOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

#define PySet_MINSIZE 8

typedef struct {
    PyObject *key;
    Py_hash_t hash; /* the key's hash, kept so that resizing and comparing need no calls */
} setentry;

typedef struct {
    PyObject_HEAD Py_ssize_t fill; /* active + dummy slots */
    Py_ssize_t used;               /* active slots: len(set) */
    Py_ssize_t mask;               /* number of slots - 1 (a power of two minus one) */
    setentry *table;               /* smalltable, or a PyMem block of mask + 1 slots; never NULL */
    Py_hash_t hash;                /* frozenset only: the cached hash, -1 until computed */
    Py_ssize_t finger;             /* where pop() starts looking */
    setentry smalltable[PySet_MINSIZE];
    PyObject *weakreflist; /* always NULL: minipy has no weak references yet */
} PySetObject;

PyAPI_DATA(PyTypeObject) PySet_Type;
PyAPI_DATA(PyTypeObject) PyFrozenSet_Type;
PyAPI_DATA(PyTypeObject) PySetIter_Type;

/* The dummy key marking deleted slots. */
PyAPI_DATA(PyObject *) _PySet_Dummy;

/* A new set / frozenset holding the items of `iterable` (NULL for an empty one). */
PyAPI_FUNC(PyObject *) PySet_New(PyObject *iterable) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyFrozenSet_New(PyObject *iterable) MINIPY_NOEXCEPT;

/* 0 / -1. Also accepts a frozenset nobody else holds yet (refcount 1), to fill it. */
PyAPI_FUNC(int) PySet_Add(PyObject *set, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PySet_Clear(PyObject *set) MINIPY_NOEXCEPT;
/* 1 / 0, or -1 on error (an unhashable key, or anyset not a set or frozenset). */
PyAPI_FUNC(int) PySet_Contains(PyObject *anyset, PyObject *key) MINIPY_NOEXCEPT;
/* 1 if found and removed, 0 if absent, -1 on error. */
PyAPI_FUNC(int) PySet_Discard(PyObject *set, PyObject *key) MINIPY_NOEXCEPT;
/* An arbitrary item (new reference); KeyError "pop from an empty set" when empty. */
PyAPI_FUNC(PyObject *) PySet_Pop(PyObject *set) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PySet_Size(PyObject *anyset) MINIPY_NOEXCEPT;

/* Walks the table: start with *pos = 0; key is borrowed. 0 at the end. */
PyAPI_FUNC(int) _PySet_NextEntry(PyObject *set, Py_ssize_t *pos, PyObject **key,
                                 Py_hash_t *hash) MINIPY_NOEXCEPT;
/* set.update(iterable) for a set: 0 / -1. */
PyAPI_FUNC(int) _PySet_Update(PyObject *set, PyObject *iterable) MINIPY_NOEXCEPT;

#define PySet_GET_SIZE(so) (((PySetObject *)(so))->used)

#define PyFrozenSet_CheckExact(ob) Py_IS_TYPE((ob), &PyFrozenSet_Type)
#define PyFrozenSet_Check(ob) \
    (Py_IS_TYPE((ob), &PyFrozenSet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))
#define PyAnySet_CheckExact(ob) \
    (Py_IS_TYPE((ob), &PySet_Type) || Py_IS_TYPE((ob), &PyFrozenSet_Type))
#define PyAnySet_Check(ob)                                                   \
    (Py_IS_TYPE((ob), &PySet_Type) || Py_IS_TYPE((ob), &PyFrozenSet_Type) || \
     PyType_IsSubtype(Py_TYPE(ob), &PySet_Type) ||                           \
     PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))
#define PySet_CheckExact(op) Py_IS_TYPE((op), &PySet_Type)
#define PySet_Check(ob) \
    (Py_IS_TYPE((ob), &PySet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PySet_Type))

MINIPY_EXTERN_C_END

#endif /* MINIPY_SETOBJECT_H */
