/* minipy/dictobject.h: dict, its views and its iterators.
 *
 * C-compatible; names, layouts and rules follow CPython 3.11's Include/dictobject.h and
 * Include/cpython/dictobject.h. A dict keeps its items in insertion order, in CPython's
 * compact layout: the dict object points to a keys object that holds a hash table of small
 * indices followed by a dense array of {hash, key, value} entries (dict_table.cpp tells the
 * whole story).
 *
 * Instance dicts of classes may be split (PEP 412): the keys object is the class's, shared,
 * and ma_values holds this dict's values. minipy has no str-only entry layout, so every
 * entry carries its hash; the rest is CPython's. Dicts
 * are GC containers; like CPython's, a dict is only tracked once it holds something that can
 * be part of a cycle.
 *
 * Errors follow CPython: PyDict_GetItem and PyDict_GetItemString suppress every error and
 * return a borrowed reference or NULL; the *WithError variants leave the error set. An
 * unhashable key gives TypeError ("unhashable type: 'list'"), a missing key in
 * PyDict_DelItem a KeyError whose argument is the key. */
#ifndef MINIPY_DICTOBJECT_H
#define MINIPY_DICTOBJECT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* The keys object is private to the dict implementation. */
typedef struct _dictkeysobject PyDictKeysObject;
typedef struct _dictvalues PyDictValues;

typedef struct {
    PyObject_HEAD Py_ssize_t ma_used; /* number of items */
    uint64_t ma_version_tag;          /* changes with every modification (a global counter) */
    PyDictKeysObject *ma_keys;
    PyDictValues *ma_values; /* a split dict's values (its keys are shared), else NULL */
} PyDictObject;

PyAPI_DATA(PyTypeObject) PyDict_Type;

#define PyDict_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op) Py_IS_TYPE((op), &PyDict_Type)
#define PyDict_GET_SIZE(mp)   (((PyDictObject *)(mp))->ma_used)

/* A new empty dict (no table is allocated until the first insertion). */
PyAPI_FUNC(PyObject *) PyDict_New(void) MINIPY_NOEXCEPT;
/* A new empty dict whose table already holds `minused` items without resizing. */
PyAPI_FUNC(PyObject *) _PyDict_NewPresized(Py_ssize_t minused) MINIPY_NOEXCEPT;

/* Borrowed reference or NULL; errors (unhashable key, failing __eq__) are swallowed, and an
 * exception set before the call is kept as it was. */
PyAPI_FUNC(PyObject *) PyDict_GetItem(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
/* Borrowed reference; NULL without an exception when the key is missing, NULL with one on
 * error. */
PyAPI_FUNC(PyObject *) PyDict_GetItemWithError(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    _PyDict_GetItem_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash) MINIPY_NOEXCEPT;
/* Like PyDict_GetItem with a UTF-8 key. */
PyAPI_FUNC(PyObject *) PyDict_GetItemString(PyObject *mp, const char *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    _PyDict_GetItemStringWithError(PyObject *mp, const char *key) MINIPY_NOEXCEPT;

/* 0, or -1 with an exception set. The dict takes its own references to key and value; an
 * existing equal key is kept and only its value replaced. */
PyAPI_FUNC(int) PyDict_SetItem(PyObject *mp, PyObject *key, PyObject *item) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyDict_SetItem_KnownHash(PyObject *mp, PyObject *key, PyObject *item,
                                          Py_hash_t hash) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyDict_SetItemString(PyObject *mp, const char *key, PyObject *item) MINIPY_NOEXCEPT;
/* 0, or -1 with KeyError(key) when the key is missing (or another exception). */
PyAPI_FUNC(int) PyDict_DelItem(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    _PyDict_DelItem_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyDict_DelItemString(PyObject *mp, const char *key) MINIPY_NOEXCEPT;
/* 1 if present, 0 if not, -1 on error. */
PyAPI_FUNC(int) PyDict_Contains(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    _PyDict_Contains_KnownHash(PyObject *mp, PyObject *key, Py_hash_t hash) MINIPY_NOEXCEPT;
/* The value for `key` (borrowed); when missing, `defaultobj` is inserted and returned
 * (borrowed). NULL with an exception on error. */
PyAPI_FUNC(PyObject *)
    PyDict_SetDefault(PyObject *mp, PyObject *key, PyObject *defaultobj) MINIPY_NOEXCEPT;
/* Removes `key` and returns its value (new reference); when missing returns `deflt` (new
 * reference) or, if deflt is NULL, raises KeyError(key). */
PyAPI_FUNC(PyObject *) _PyDict_Pop(PyObject *mp, PyObject *key, PyObject *deflt) MINIPY_NOEXCEPT;
/* CPython 3.13's spelling: 1 and *result = the value (new reference) when the key was
 * removed, 0 and *result = NULL when missing, -1 on error. `result` may be NULL. */
PyAPI_FUNC(int) PyDict_Pop(PyObject *mp, PyObject *key, PyObject **result) MINIPY_NOEXCEPT;

PyAPI_FUNC(void) PyDict_Clear(PyObject *mp) MINIPY_NOEXCEPT;
/* Iterates in insertion order: start with *pos = 0; returns 0 at the end. Key and value are
 * borrowed; the dict must not change size during the loop (values may be replaced). */
PyAPI_FUNC(int)
    PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyDict_Next(PyObject *mp, Py_ssize_t *pos, PyObject **key, PyObject **value,
                             Py_hash_t *hash) MINIPY_NOEXCEPT;
/* New lists, in insertion order. */
PyAPI_FUNC(PyObject *) PyDict_Keys(PyObject *mp) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyDict_Values(PyObject *mp) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyDict_Items(PyObject *mp) MINIPY_NOEXCEPT;
/* -1 with SystemError when mp is not a dict. */
PyAPI_FUNC(Py_ssize_t) PyDict_Size(PyObject *mp) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyDict_Copy(PyObject *mp) MINIPY_NOEXCEPT;

/* PyDict_Merge(mp, other, 1). */
PyAPI_FUNC(int) PyDict_Update(PyObject *mp, PyObject *other) MINIPY_NOEXCEPT;
/* Adds every item of a mapping (a dict, or anything with keys() and __getitem__). With
 * override the last occurrence of a key wins, else the first. */
PyAPI_FUNC(int) PyDict_Merge(PyObject *mp, PyObject *other, int override) MINIPY_NOEXCEPT;
/* Like PyDict_Merge; override 2 raises KeyError(key) for a key already present. */
PyAPI_FUNC(int) _PyDict_MergeEx(PyObject *mp, PyObject *other, int override) MINIPY_NOEXCEPT;
/* Adds every pair of an iterable of 2-item iterables (what dict(iterable) does). */
PyAPI_FUNC(int) PyDict_MergeFromSeq2(PyObject *mp, PyObject *seq2, int override) MINIPY_NOEXCEPT;

/* Untracks a dict that holds nothing that could take part in a cycle (the collector calls
 * it, as CPython's does). */
PyAPI_FUNC(void) _PyDict_MaybeUntrack(PyObject *mp) MINIPY_NOEXCEPT;
/* 1 when every key is a str. */
PyAPI_FUNC(int) _PyDict_HasOnlyStringKeys(PyObject *mp) MINIPY_NOEXCEPT;
/* What dict.__sizeof__() returns: the object and, when the dict owns it, its keys object. */
PyAPI_FUNC(Py_ssize_t) _PyDict_SizeOf(PyDictObject *mp) MINIPY_NOEXCEPT;

/* --- For an interpreter's inline caches (minipy's own; CPython 3.10's _PyDict_GetItemHint and
 * 3.11's dict keys versions play this part). An entry index ("hint") names where a key's
 * entry sits in the dict's entry array; it stays right until the key is deleted or the table
 * is rebuilt, and the calls below check it (the entry's key must be the very same object), so
 * a stale hint only misses. None of them runs user code or raises. */
/* The entry index of `key` (an exact str), or -1 when it is absent, the dict cannot say
 * without running code, or the dict is a split instance dict (whose values are elsewhere). */
PyAPI_FUNC(Py_ssize_t) minipy_dict_entry_index(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
/* The value of entry `index` (borrowed) when that entry's key is `key`, else NULL. */
PyAPI_FUNC(PyObject *)
    minipy_dict_value_at(PyObject *mp, Py_ssize_t index, PyObject *key) MINIPY_NOEXCEPT;
/* Replaces the value of entry `index` with `value` (the dict takes a new reference; the old
 * value is released last) when that entry's key is `key`: 1; else 0 and nothing changes. */
PyAPI_FUNC(int) minipy_dict_replace_at(PyObject *mp, Py_ssize_t index, PyObject *key,
                                       PyObject *value) MINIPY_NOEXCEPT;
/* 1 when the dict has no `key` (an exact str), 0 when it has it or cannot say without running
 * code. */
PyAPI_FUNC(int) minipy_dict_lacks(PyObject *mp, PyObject *key) MINIPY_NOEXCEPT;
/* A version of the dict's set of keys: equal for two calls when no key was added or removed
 * in between (values may have changed); 0 when none can be given (an empty dict, or a split
 * instance dict, which gains keys without changing the keys object it shares). */
PyAPI_FUNC(uint32_t) minipy_dict_keys_version(PyObject *mp) MINIPY_NOEXCEPT;
/* The same three for the instance dict of `obj` (_PyObject_GetDictPtr's): NULL / 0 when obj
 * has none yet. */
PyAPI_FUNC(PyObject *)
    minipy_object_dict_value_at(PyObject *obj, Py_ssize_t index, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) minipy_object_dict_replace_at(PyObject *obj, Py_ssize_t index, PyObject *key,
                                              PyObject *value) MINIPY_NOEXCEPT;
/* 1 when `obj` has no instance dict or its dict has no `key` (an exact str), 0 when it has
 * it or the dict cannot say without running code. */
PyAPI_FUNC(int) minipy_object_dict_lacks(PyObject *obj, PyObject *key) MINIPY_NOEXCEPT;

/* --- Split tables (PEP 412) ------------------------------------------------------------
 * A class with Py_TPFLAGS_MANAGED_DICT keeps keys its instances' dicts share
 * (PyHeapTypeObject.ht_cached_keys); each such dict holds only its values. */
/* New shared keys for a class (room for 30 keys); NULL + MemoryError. */
PyAPI_FUNC(PyDictKeysObject *) minipy_dict_new_shared_keys(void) MINIPY_NOEXCEPT;
/* The class's reference to its shared keys goes (NULL: nothing). */
PyAPI_FUNC(void) minipy_dict_release_shared_keys(PyDictKeysObject *keys) MINIPY_NOEXCEPT;
/* A new empty dict sharing `keys`; NULL + MemoryError. */
PyAPI_FUNC(PyObject *) minipy_dict_new_split(PyDictKeysObject *keys) MINIPY_NOEXCEPT;
/* A new empty instance dict for obj: split on its class's shared keys when the class has
 * them, else an ordinary dict. */
PyAPI_FUNC(PyObject *) minipy_object_new_instance_dict(PyObject *obj) MINIPY_NOEXCEPT;
/* For an interpreter's inline caches, on instances whose dict is split on their class's
 * shared keys or not made yet ("split instances"); `index` must come from
 * minipy_object_shared_keys_index on an instance of the same class (a cache guarded by the
 * type's version tag).
 * The index of `name` (an exact str) in the class's shared keys, -1 when absent or obj is not
 * a split instance. */
PyAPI_FUNC(Py_ssize_t)
    minipy_object_shared_keys_index(PyObject *obj, PyObject *name) MINIPY_NOEXCEPT;
/* How many keys the class's shared keys hold; -1 when obj is not a split instance. */
PyAPI_FUNC(Py_ssize_t) minipy_object_shared_keys_count(PyObject *obj) MINIPY_NOEXCEPT;
/* obj's value for shared key `index` (borrowed), NULL when it has none or is not a split
 * instance (LOAD_ATTR_INSTANCE_VALUE). */
PyAPI_FUNC(PyObject *)
    minipy_object_split_value_at(PyObject *obj, Py_ssize_t index) MINIPY_NOEXCEPT;
/* Stores `value` (new reference taken) as obj's value for shared key `index` when the dict
 * holds that key or it is the next in the shared order (making the dict for the first key):
 * 1; else 0 and nothing changed (STORE_ATTR_INSTANCE_VALUE). Never raises. */
PyAPI_FUNC(int)
    minipy_object_split_store_at(PyObject *obj, Py_ssize_t index, PyObject *value) MINIPY_NOEXCEPT;
/* 1 when obj's dict lacks `key`: at once when obj is a split instance whose class's shared
 * keys still hold `count` keys (a count taken when they lacked it) or has no dict yet, else
 * as minipy_object_dict_lacks. */
PyAPI_FUNC(int)
    minipy_object_split_lacks(PyObject *obj, PyObject *key, Py_ssize_t count) MINIPY_NOEXCEPT;

/* --- Views and iterators ---------------------------------------------------------------- */
PyAPI_DATA(PyTypeObject) PyDictKeys_Type;
PyAPI_DATA(PyTypeObject) PyDictValues_Type;
PyAPI_DATA(PyTypeObject) PyDictItems_Type;
#define PyDictKeys_Check(op)   PyObject_TypeCheck((op), &PyDictKeys_Type)
#define PyDictValues_Check(op) PyObject_TypeCheck((op), &PyDictValues_Type)
#define PyDictItems_Check(op)  PyObject_TypeCheck((op), &PyDictItems_Type)
/* The views that behave like sets (values views do not). */
#define PyDictViewSet_Check(op) (PyDictKeys_Check(op) || PyDictItems_Check(op))

PyAPI_DATA(PyTypeObject) PyDictIterKey_Type;
PyAPI_DATA(PyTypeObject) PyDictIterValue_Type;
PyAPI_DATA(PyTypeObject) PyDictIterItem_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterKey_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterValue_Type;
PyAPI_DATA(PyTypeObject) PyDictRevIterItem_Type;

typedef struct {
    PyObject_HEAD PyDictObject *dv_dict;
} _PyDictViewObject;

/* A new view of `dict` of the given view type; NULL + TypeError when dict is not a dict. */
PyAPI_FUNC(PyObject *) _PyDictView_New(PyObject *dict, PyTypeObject *type) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_DICTOBJECT_H */
