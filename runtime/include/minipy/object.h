/* minipy/object.h: the object header, type objects and reference counting.
 *
 * C-compatible. Layouts, names and field order follow CPython 3.11's (Include/object.h,
 * Include/cpython/object.h), so that code written for CPython's C API, including static
 * type objects initialised positionally, compiles against minipy unchanged.
 *
 * Every object starts with a PyObject: a reference count and its type. An object whose
 * size varies (int, tuple, bytes) starts with a PyVarObject, which adds ob_size. Objects
 * live in the OBJ domain (PyObject_Malloc); see objimpl.h for how they are made. When
 * Py_DECREF takes the count to zero the type's tp_dealloc runs and frees the object.
 *
 * Reference counts are not atomic: like CPython's, they are guarded by the GIL. */
#ifndef MINIPY_OBJECT_H
#define MINIPY_OBJECT_H

#include "minipy/pyconfig.h"
#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

typedef size_t Py_uhash_t;

struct _typeobject;

typedef struct _object {
    Py_ssize_t ob_refcnt;
    struct _typeobject *ob_type;
} PyObject;

typedef struct {
    PyObject ob_base;
    Py_ssize_t ob_size; /* number of items in the variable part */
} PyVarObject;

#define PyObject_HEAD                     PyObject ob_base;
#define PyObject_VAR_HEAD                 PyVarObject ob_base;
#define PyObject_HEAD_INIT(type)          {1, (type)},
#define PyVarObject_HEAD_INIT(type, size) {PyObject_HEAD_INIT(type)(size)},

#define _PyObject_CAST(op)     ((PyObject *)(op))
#define _PyVarObject_CAST(op)  ((PyVarObject *)(op))
#define _PyTypeObject_CAST(op) ((PyTypeObject *)(op))

typedef struct _typeobject PyTypeObject;

/* --- Slot signatures ------------------------------------------------------------------ */
typedef PyObject *(*unaryfunc)(PyObject *);
typedef PyObject *(*binaryfunc)(PyObject *, PyObject *);
typedef PyObject *(*ternaryfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*inquiry)(PyObject *);
typedef Py_ssize_t (*lenfunc)(PyObject *);
typedef PyObject *(*ssizeargfunc)(PyObject *, Py_ssize_t);
typedef PyObject *(*ssizessizeargfunc)(PyObject *, Py_ssize_t, Py_ssize_t);
typedef int (*ssizeobjargproc)(PyObject *, Py_ssize_t, PyObject *);
typedef int (*ssizessizeobjargproc)(PyObject *, Py_ssize_t, Py_ssize_t, PyObject *);
typedef int (*objobjargproc)(PyObject *, PyObject *, PyObject *);
typedef int (*objobjproc)(PyObject *, PyObject *);
typedef int (*visitproc)(PyObject *, void *);
typedef int (*traverseproc)(PyObject *, visitproc, void *);
typedef void (*freefunc)(void *);
typedef void (*destructor)(PyObject *);
typedef PyObject *(*getattrfunc)(PyObject *, char *);
typedef PyObject *(*getattrofunc)(PyObject *, PyObject *);
typedef int (*setattrfunc)(PyObject *, char *, PyObject *);
typedef int (*setattrofunc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*reprfunc)(PyObject *);
typedef Py_hash_t (*hashfunc)(PyObject *);
typedef PyObject *(*richcmpfunc)(PyObject *, PyObject *, int);
typedef PyObject *(*getiterfunc)(PyObject *);
typedef PyObject *(*iternextfunc)(PyObject *);
typedef PyObject *(*descrgetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*descrsetfunc)(PyObject *, PyObject *, PyObject *);
typedef int (*initproc)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*newfunc)(PyTypeObject *, PyObject *, PyObject *);
typedef PyObject *(*allocfunc)(PyTypeObject *, Py_ssize_t);
typedef PyObject *(*vectorcallfunc)(PyObject *callable, PyObject *const *args, size_t nargsf,
                                    PyObject *kwnames);

typedef struct {
    binaryfunc nb_add;
    binaryfunc nb_subtract;
    binaryfunc nb_multiply;
    binaryfunc nb_remainder;
    binaryfunc nb_divmod;
    ternaryfunc nb_power;
    unaryfunc nb_negative;
    unaryfunc nb_positive;
    unaryfunc nb_absolute;
    inquiry nb_bool;
    unaryfunc nb_invert;
    binaryfunc nb_lshift;
    binaryfunc nb_rshift;
    binaryfunc nb_and;
    binaryfunc nb_xor;
    binaryfunc nb_or;
    unaryfunc nb_int;
    void *nb_reserved;
    unaryfunc nb_float;
    binaryfunc nb_inplace_add;
    binaryfunc nb_inplace_subtract;
    binaryfunc nb_inplace_multiply;
    binaryfunc nb_inplace_remainder;
    ternaryfunc nb_inplace_power;
    binaryfunc nb_inplace_lshift;
    binaryfunc nb_inplace_rshift;
    binaryfunc nb_inplace_and;
    binaryfunc nb_inplace_xor;
    binaryfunc nb_inplace_or;
    binaryfunc nb_floor_divide;
    binaryfunc nb_true_divide;
    binaryfunc nb_inplace_floor_divide;
    binaryfunc nb_inplace_true_divide;
    unaryfunc nb_index;
    binaryfunc nb_matrix_multiply;
    binaryfunc nb_inplace_matrix_multiply;
} PyNumberMethods;

typedef struct {
    lenfunc sq_length;
    binaryfunc sq_concat;
    ssizeargfunc sq_repeat;
    ssizeargfunc sq_item;
    void *was_sq_slice;
    ssizeobjargproc sq_ass_item;
    void *was_sq_ass_slice;
    objobjproc sq_contains;
    binaryfunc sq_inplace_concat;
    ssizeargfunc sq_inplace_repeat;
} PySequenceMethods;

typedef struct {
    lenfunc mp_length;
    binaryfunc mp_subscript;
    objobjargproc mp_ass_subscript;
} PyMappingMethods;

/* The async and buffer protocols: minipy's runtime implements neither, but the tables are
 * complete so that positional type initialisers line up and a heap type can embed them. */
typedef enum { PYGEN_RETURN = 0, PYGEN_ERROR = -1, PYGEN_NEXT = 1 } PySendResult;
typedef PySendResult (*sendfunc)(PyObject *iter, PyObject *value, PyObject **result);
typedef struct {
    unaryfunc am_await;
    unaryfunc am_aiter;
    unaryfunc am_anext;
    sendfunc am_send;
} PyAsyncMethods;

struct bufferinfo;
typedef int (*getbufferproc)(PyObject *, struct bufferinfo *, int);
typedef void (*releasebufferproc)(PyObject *, struct bufferinfo *);
typedef struct {
    getbufferproc bf_getbuffer;
    releasebufferproc bf_releasebuffer;
} PyBufferProcs;

struct PyMethodDef;
struct PyMemberDef;
struct PyGetSetDef;

struct _typeobject {
    PyObject_VAR_HEAD const char *tp_name; /* "module.name" or, for built-ins, "name" */
    Py_ssize_t tp_basicsize, tp_itemsize;

    destructor tp_dealloc;
    Py_ssize_t tp_vectorcall_offset;
    getattrfunc tp_getattr;
    setattrfunc tp_setattr;
    PyAsyncMethods *tp_as_async;
    reprfunc tp_repr;

    PyNumberMethods *tp_as_number;
    PySequenceMethods *tp_as_sequence;
    PyMappingMethods *tp_as_mapping;

    hashfunc tp_hash;
    ternaryfunc tp_call;
    reprfunc tp_str;
    getattrofunc tp_getattro;
    setattrofunc tp_setattro;

    PyBufferProcs *tp_as_buffer;
    unsigned long tp_flags;
    const char *tp_doc;

    traverseproc tp_traverse; /* GC: visit every object reference held */
    inquiry tp_clear;         /* GC: drop every object reference held */
    richcmpfunc tp_richcompare;
    Py_ssize_t tp_weaklistoffset;

    getiterfunc tp_iter;
    iternextfunc tp_iternext;

    struct PyMethodDef *tp_methods;
    struct PyMemberDef *tp_members;
    struct PyGetSetDef *tp_getset;
    struct _typeobject *tp_base;
    PyObject *tp_dict;
    descrgetfunc tp_descr_get;
    descrsetfunc tp_descr_set;
    Py_ssize_t tp_dictoffset;
    initproc tp_init;
    allocfunc tp_alloc;
    newfunc tp_new;
    freefunc tp_free;
    inquiry tp_is_gc;
    PyObject *tp_bases;
    PyObject *tp_mro;
    PyObject *tp_cache;
    PyObject *tp_subclasses;
    PyObject *tp_weaklist;
    destructor tp_del;
    unsigned int tp_version_tag;
    destructor tp_finalize;
    vectorcallfunc tp_vectorcall;
};

/* A type made at run time (type(name, bases, dict), a class statement, PyType_FromSpec):
 * the type object with its slot tables embedded, so that assigning `__add__` on the class
 * has an nb_add to update (CPython's Include/cpython/object.h layout). The type object is a
 * variable-size object: Py_SIZE(type) PyMemberDef entries for its __slots__ follow it. */
struct _dictkeysobject;
typedef struct _heaptypeobject {
    PyTypeObject ht_type;
    PyAsyncMethods as_async;
    PyNumberMethods as_number;
    PyMappingMethods as_mapping;
    PySequenceMethods as_sequence;
    PyBufferProcs as_buffer;
    PyObject *ht_name;     /* __name__ (a str); tp_name points into its UTF-8 form */
    PyObject *ht_slots;    /* the mangled __slots__ names, a tuple, or NULL */
    PyObject *ht_qualname; /* __qualname__ */
    struct _dictkeysobject *ht_cached_keys; /* reserved for shared-key instance dicts */
    PyObject *ht_module;                    /* the module of PyType_FromModuleAndSpec, or NULL */
    char *_ht_tpname;      /* tp_name's storage for PyType_FromSpec types (MEM domain) */
    void *_ht_reserved[2]; /* CPython's specialization cache; unused by the runtime */
} PyHeapTypeObject;

#define PyHeapType_GET_MEMBERS(etype) \
    ((struct PyMemberDef *)(((char *)(etype)) + Py_TYPE(etype)->tp_basicsize))

/* --- Type flags (CPython's bit values) ------------------------------------------------ */
#define Py_TPFLAGS_MANAGED_DICT           (1UL << 4)
#define Py_TPFLAGS_SEQUENCE               (1UL << 5)
#define Py_TPFLAGS_MAPPING                (1UL << 6)
#define Py_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define Py_TPFLAGS_IMMUTABLETYPE          (1UL << 8)
#define Py_TPFLAGS_HEAPTYPE               (1UL << 9)
#define Py_TPFLAGS_BASETYPE               (1UL << 10)
#define Py_TPFLAGS_HAVE_VECTORCALL        (1UL << 11)
#define Py_TPFLAGS_READY                  (1UL << 12)
#define Py_TPFLAGS_READYING               (1UL << 13)
#define Py_TPFLAGS_HAVE_GC                (1UL << 14)
#define Py_TPFLAGS_METHOD_DESCRIPTOR      (1UL << 17)
#define Py_TPFLAGS_VALID_VERSION_TAG      (1UL << 19)
#define Py_TPFLAGS_IS_ABSTRACT            (1UL << 20)
#define Py_TPFLAGS_LONG_SUBCLASS          (1UL << 24)
#define Py_TPFLAGS_LIST_SUBCLASS          (1UL << 25)
#define Py_TPFLAGS_TUPLE_SUBCLASS         (1UL << 26)
#define Py_TPFLAGS_BYTES_SUBCLASS         (1UL << 27)
#define Py_TPFLAGS_UNICODE_SUBCLASS       (1UL << 28)
#define Py_TPFLAGS_DICT_SUBCLASS          (1UL << 29)
#define Py_TPFLAGS_BASE_EXC_SUBCLASS      (1UL << 30)
#define Py_TPFLAGS_TYPE_SUBCLASS          (1UL << 31)
#define Py_TPFLAGS_DEFAULT                Py_TPFLAGS_HAVE_VERSION_TAG
#define Py_TPFLAGS_HAVE_VERSION_TAG       (1UL << 18)
#define Py_TPFLAGS_HAVE_FINALIZE          (1UL << 0)

/* Rich comparison operators. */
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5

PyAPI_DATA(PyTypeObject) PyType_Type;       /* type */
PyAPI_DATA(PyTypeObject) PyBaseObject_Type; /* object */
PyAPI_DATA(PyTypeObject) PySuper_Type;      /* super */

/* --- Accessors ------------------------------------------------------------------------ */
static inline PyTypeObject *_Py_TYPE(const PyObject *ob) {
    return ob->ob_type;
}
static inline Py_ssize_t _Py_REFCNT(const PyObject *ob) {
    return ob->ob_refcnt;
}
static inline Py_ssize_t _Py_SIZE(const PyObject *ob) {
    return ((const PyVarObject *)ob)->ob_size;
}
#define Py_TYPE(ob)   _Py_TYPE(_PyObject_CAST(ob))
#define Py_REFCNT(ob) _Py_REFCNT(_PyObject_CAST(ob))
#define Py_SIZE(ob)   _Py_SIZE(_PyObject_CAST(ob))
static inline void Py_SET_TYPE(PyObject *ob, PyTypeObject *type) {
    ob->ob_type = type;
}
static inline void Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt) {
    ob->ob_refcnt = refcnt;
}
static inline void _Py_SET_SIZE(PyVarObject *ob, Py_ssize_t size) {
    ob->ob_size = size;
}
#define Py_SET_SIZE(ob, size) _Py_SET_SIZE(_PyVarObject_CAST(ob), (size))
static inline int _Py_IS_TYPE(const PyObject *ob, const PyTypeObject *type) {
    return ob->ob_type == type;
}
#define Py_IS_TYPE(ob, type) _Py_IS_TYPE(_PyObject_CAST(ob), (type))
#define Py_Is(x, y)          ((x) == (y))

static inline int PyType_HasFeature(PyTypeObject *type, unsigned long feature) {
    return (type->tp_flags & feature) != 0;
}
#define PyType_FastSubclass(type, flag) PyType_HasFeature((type), (flag))
#define PyType_Check(op)                PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
#define PyType_CheckExact(op)           Py_IS_TYPE((op), &PyType_Type)

/* 1 when `a` is `b` or derives from it through tp_base. */
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b) MINIPY_NOEXCEPT;
static inline int _PyObject_TypeCheck(PyObject *ob, PyTypeObject *type) {
    return Py_IS_TYPE(ob, type) || PyType_IsSubtype(Py_TYPE(ob), type);
}
#define PyObject_TypeCheck(ob, type) _PyObject_TypeCheck(_PyObject_CAST(ob), (type))

/* Completes a type (CPython 3.11's PyType_Ready): the base defaults to object, tp_bases and
 * the method resolution order (C3) are computed, tp_dict is filled with descriptors for
 * tp_methods, tp_members, tp_getset and with slot wrappers for the C slots the type defines
 * (`__add__`, `__len__`, ...), then NULL slots are inherited along the MRO and the type is
 * registered as a subclass of its bases. 0 on success, -1 with an exception set. */
PyAPI_FUNC(int) PyType_Ready(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(const char *) _PyType_Name(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *type) MINIPY_NOEXCEPT;
/* __name__ / __qualname__ as new references. */
PyAPI_FUNC(PyObject *) PyType_GetName(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyType_GetQualName(PyTypeObject *type) MINIPY_NOEXCEPT;
/* Invalidates what is cached about the type and its subclasses (the attribute cache's
 * version tag); call it after changing tp_dict or a slot directly. */
PyAPI_FUNC(void) PyType_Modified(PyTypeObject *type) MINIPY_NOEXCEPT;
/* Empties the attribute cache (which holds references to the names it caches); returns the
 * last version tag handed out. */
PyAPI_FUNC(unsigned int) PyType_ClearCache(void) MINIPY_NOEXCEPT;
/* The attribute `name` found along the type's MRO, borrowed, or NULL (never an exception).
 * Backed by a cache keyed by (tp_version_tag, name). */
PyAPI_FUNC(PyObject *) _PyType_Lookup(PyTypeObject *type, PyObject *name) MINIPY_NOEXCEPT;
/* A special method looked up on type(obj) and bound to obj, as the interpreter looks up
 * __enter__, __exit__, __format__...: new reference, or NULL (with an exception only if the
 * lookup itself failed). */
PyAPI_FUNC(PyObject *) _PyObject_LookupSpecial(PyObject *obj, PyObject *name) MINIPY_NOEXCEPT;

/* Types from a specification (PEP 384), as C extensions make heap types. */
typedef struct {
    int slot; /* one of the Py_tp_* / Py_nb_* ... numbers of typeslots.h */
    void *pfunc;
} PyType_Slot;
typedef struct {
    const char *name; /* "module.Name" */
    int basicsize;
    int itemsize;
    unsigned int flags;
    PyType_Slot *slots; /* terminated by {0, NULL} */
} PyType_Spec;
PyAPI_FUNC(PyObject *) PyType_FromSpec(PyType_Spec *spec) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec, PyObject *bases) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyType_GetSlot(PyTypeObject *type, int slot) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyType_GetModule(PyTypeObject *type) MINIPY_NOEXCEPT;
PyAPI_FUNC(void *) PyType_GetModuleState(PyTypeObject *type) MINIPY_NOEXCEPT;
/* The metaclass of a class with these bases: the most derived of `metatype` and the bases'
 * types; NULL with TypeError "metaclass conflict: ..." when they do not form a chain. */
PyAPI_FUNC(PyTypeObject *)
    _PyType_CalculateMetaclass(PyTypeObject *metatype, PyObject *bases) MINIPY_NOEXCEPT;

/* --- Reference counting --------------------------------------------------------------- */

/* Runs the type's tp_dealloc: what Py_DECREF does at zero. */
PyAPI_FUNC(void) _Py_Dealloc(PyObject *op) MINIPY_NOEXCEPT;

/* Py_REF_DEBUG (minipy/pyconfig.h: on in the debug preset, as in CPython's debug builds):
 * the library and every extension built against these headers keep one running total of
 * references, +1 for each Py_INCREF and each new object (_Py_NewReference), -1 for each
 * Py_DECREF. `-X showrefcount` prints it at exit. Off, the total does not exist and
 * reference counting is the bare increment and decrement. Like the counts, the total is
 * guarded by the GIL. */
#ifdef Py_REF_DEBUG
PyAPI_DATA(Py_ssize_t) _Py_RefTotal;
/* The total now (sys.gettotalrefcount() in CPython). */
PyAPI_FUNC(Py_ssize_t) _Py_GetRefTotal(void) MINIPY_NOEXCEPT;
#endif

/* A fresh object's first reference (refcount 1), counted in the total: what PyObject_Init
 * does, and a free list when it hands an object out again. */
static inline void _Py_NewReference(PyObject *op) {
#ifdef Py_REF_DEBUG
    _Py_RefTotal++;
#endif
    op->ob_refcnt = 1;
}
static inline void _Py_INCREF(PyObject *op) {
#ifdef Py_REF_DEBUG
    _Py_RefTotal++;
#endif
    op->ob_refcnt++;
}
static inline void _Py_DECREF(PyObject *op) {
#ifdef Py_REF_DEBUG
    _Py_RefTotal--;
#endif
    if (--op->ob_refcnt == 0) _Py_Dealloc(op);
}
static inline void _Py_XINCREF(PyObject *op) {
    if (op != NULL) _Py_INCREF(op);
}
static inline void _Py_XDECREF(PyObject *op) {
    if (op != NULL) _Py_DECREF(op);
}
#define Py_INCREF(op)  _Py_INCREF(_PyObject_CAST(op))
#define Py_DECREF(op)  _Py_DECREF(_PyObject_CAST(op))
#define Py_XINCREF(op) _Py_XINCREF(_PyObject_CAST(op))
#define Py_XDECREF(op) _Py_XDECREF(_PyObject_CAST(op))

/* Sets the variable to NULL before dropping the reference, so that a destructor that
 * reaches the variable again sees NULL. */
#define Py_CLEAR(op)                            \
    do {                                        \
        PyObject *_py_tmp = _PyObject_CAST(op); \
        if (_py_tmp != NULL) {                  \
            (op) = NULL;                        \
            Py_DECREF(_py_tmp);                 \
        }                                       \
    } while (0)

#define Py_SETREF(op, op2)                      \
    do {                                        \
        PyObject *_py_tmp = _PyObject_CAST(op); \
        (op) = (op2);                           \
        Py_DECREF(_py_tmp);                     \
    } while (0)
#define Py_XSETREF(op, op2)                     \
    do {                                        \
        PyObject *_py_tmp = _PyObject_CAST(op); \
        (op) = (op2);                           \
        Py_XDECREF(_py_tmp);                    \
    } while (0)

static inline PyObject *_Py_NewRef(PyObject *obj) {
    Py_INCREF(obj);
    return obj;
}
static inline PyObject *_Py_XNewRef(PyObject *obj) {
    Py_XINCREF(obj);
    return obj;
}
#define Py_NewRef(obj)  _Py_NewRef(_PyObject_CAST(obj))
#define Py_XNewRef(obj) _Py_XNewRef(_PyObject_CAST(obj))

/* --- Singletons ----------------------------------------------------------------------- */
PyAPI_DATA(PyObject) _Py_NoneStruct;
PyAPI_DATA(PyObject) _Py_NotImplementedStruct;
PyAPI_DATA(PyObject) _Py_EllipsisObject;
PyAPI_DATA(PyTypeObject) _PyNone_Type;
PyAPI_DATA(PyTypeObject) _PyNotImplemented_Type;
PyAPI_DATA(PyTypeObject) PyEllipsis_Type;
#define Py_None                  (&_Py_NoneStruct)
#define Py_NotImplemented        (&_Py_NotImplementedStruct)
#define Py_Ellipsis              (&_Py_EllipsisObject)
#define Py_IsNone(x)             Py_Is((x), Py_None)
#define Py_RETURN_NONE           return Py_NewRef(Py_None)
#define Py_RETURN_NOTIMPLEMENTED return Py_NewRef(Py_NotImplemented)

/* Turns a three-way C comparison into the Python bool that `op` asks for. */
#define Py_RETURN_RICHCOMPARE(val1, val2, op)     \
    do {                                          \
        switch (op) {                             \
        case Py_EQ:                               \
            if ((val1) == (val2)) Py_RETURN_TRUE; \
            Py_RETURN_FALSE;                      \
        case Py_NE:                               \
            if ((val1) != (val2)) Py_RETURN_TRUE; \
            Py_RETURN_FALSE;                      \
        case Py_LT:                               \
            if ((val1) < (val2)) Py_RETURN_TRUE;  \
            Py_RETURN_FALSE;                      \
        case Py_GT:                               \
            if ((val1) > (val2)) Py_RETURN_TRUE;  \
            Py_RETURN_FALSE;                      \
        case Py_LE:                               \
            if ((val1) <= (val2)) Py_RETURN_TRUE; \
            Py_RETURN_FALSE;                      \
        case Py_GE:                               \
            if ((val1) >= (val2)) Py_RETURN_TRUE; \
            Py_RETURN_FALSE;                      \
        default: return NULL;                     \
        }                                         \
    } while (0)

/* --- Generic object protocol (implemented in object.cpp / abstract.cpp) ---------------- */
PyAPI_FUNC(PyObject *) PyObject_Repr(PyObject *v) MINIPY_NOEXCEPT;
// repr(v) with every non-ASCII character escaped (\xhh, \uhhhh, \Uhhhhhhhh): ascii(v).
PyAPI_FUNC(PyObject *) PyObject_ASCII(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_Str(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_hash_t) PyObject_Hash(PyObject *v) MINIPY_NOEXCEPT;
/* What tp_hash is for an unhashable type: raises TypeError, returns -1. */
PyAPI_FUNC(Py_hash_t) PyObject_HashNotImplemented(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_RichCompare(PyObject *a, PyObject *b, int op) MINIPY_NOEXCEPT;
/* 1 / 0, or -1 with an exception set. Identity implies equality for Py_EQ / Py_NE. */
PyAPI_FUNC(int) PyObject_RichCompareBool(PyObject *a, PyObject *b, int op) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_IsTrue(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_Not(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_GetAttr(PyObject *v, PyObject *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_GetAttrString(PyObject *v, const char *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_SetAttr(PyObject *v, PyObject *name, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyObject_SetAttrString(PyObject *v, const char *name, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_HasAttrString(PyObject *v, const char *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_HasAttr(PyObject *v, PyObject *name) MINIPY_NOEXCEPT;
/* getattr(v, name) that tells "no such attribute" apart from an error: 1 and *result (a new
 * reference), 0 and *result NULL with no exception when the attribute is missing (an
 * AttributeError is swallowed), -1 and *result NULL on any other error. */
PyAPI_FUNC(int)
    _PyObject_LookupAttr(PyObject *v, PyObject *name, PyObject **result) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_GenericGetAttr(PyObject *v, PyObject *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyObject_GenericSetAttr(PyObject *v, PyObject *name, PyObject *value) MINIPY_NOEXCEPT;
/* obj.name about to be called (CPython's _PyObject_GetMethod, the interpreter's LOAD_METHOD):
 * 1 with *method an unbound method descriptor or function from the type, to be called with obj
 * as its first argument (no bound method is made); 0 with *method the attribute itself (a new
 * reference), or NULL with an exception. */
PyAPI_FUNC(int)
    _PyObject_GetMethod(PyObject *obj, PyObject *name, PyObject **method) MINIPY_NOEXCEPT;
/* Where the instance dict of `obj` lives (NULL when its type gives it none). */
PyAPI_FUNC(PyObject **) _PyObject_GetDictPtr(PyObject *obj) MINIPY_NOEXCEPT;
/* The `__dict__` getset of types with an instance dict: get makes the dict on first use. */
PyAPI_FUNC(PyObject *) PyObject_GenericGetDict(PyObject *obj, void *context) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyObject_GenericSetDict(PyObject *obj, PyObject *value, void *context) MINIPY_NOEXCEPT;
/* dir(obj): the sorted list of type(obj).__dir__(obj). */
PyAPI_FUNC(PyObject *) PyObject_Dir(PyObject *obj) MINIPY_NOEXCEPT;
/* tp_finalize (PEP 442) at most once per object; from a tp_dealloc, -1 means the finalizer
 * resurrected the object and the deallocation must stop. */
PyAPI_FUNC(void) PyObject_CallFinalizer(PyObject *self) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_CallFinalizerFromDealloc(PyObject *self) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_GetIter(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyIter_Next(PyObject *iter) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyIter_Check(PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyCallable_Check(PyObject *v) MINIPY_NOEXCEPT;
/* The iternext of an object that is its own iterator and has ended: NULL, no exception. */
PyAPI_FUNC(PyObject *) _PyObject_NextNotImplemented(PyObject *self) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_SelfIter(PyObject *self) MINIPY_NOEXCEPT;
/* Prints repr(v) (or str(v) with Py_PRINT_RAW) to the C stream; -1 with an exception. */
#define Py_PRINT_RAW 1
PyAPI_FUNC(int) PyObject_Print(PyObject *v, void *fp, int flags) MINIPY_NOEXCEPT;

/* The guard every container repr uses against reference cycles. Py_ReprEnter returns 0 the
 * first time `obj` is entered on this thread, 1 when it is being printed already (print
 * "[...]" instead), -1 with MemoryError; each 0 is paired with one Py_ReprLeave(obj). */
PyAPI_FUNC(int) Py_ReprEnter(PyObject *obj) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) Py_ReprLeave(PyObject *obj) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_OBJECT_H */
