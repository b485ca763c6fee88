/* minipy/abstract.h: the abstract object layer, which works on any object through its type's
 * slots: numbers (PyNumber_*), sequences (PySequence_*), mappings (PyMapping_*), items and
 * lengths (PyObject_GetItem, PyObject_Size) and calls (PyObject_Call*).
 *
 * C-compatible; names, signatures and rules follow CPython 3.11's Include/abstract.h and
 * Include/cpython/abstract.h, and so do the exceptions raised and their messages.
 *
 * Conventions, as in CPython: a function returning PyObject * returns a new reference, or
 * NULL with an exception set; one returning int or Py_ssize_t returns -1 with an exception
 * set on failure. Passing NULL for an object argument raises SystemError ("null argument to
 * internal routine") instead of crashing, so that the result of a failed call can be passed
 * on unchecked.
 *
 * Binary number operations dispatch as CPython does (Objects/abstract.c, binary_op1): the
 * left operand's slot is tried, then the right operand's, except that a right operand whose
 * type is a subclass of the left's goes first; a slot answering Py_NotImplemented passes the
 * turn. When neither handles it, + and * fall back to the sequence slots (concatenation,
 * repetition), and otherwise TypeError "unsupported operand type(s) for +: 'int' and 'str'".
 *
 * Calls: a callable whose type sets Py_TPFLAGS_HAVE_VECTORCALL (with its vectorcall function
 * at tp_vectorcall_offset) is called through it by the vectorcall entry points, without a
 * tuple; for any other callable they gather their arguments into a tuple (and a dict for
 * keywords) and go through tp_call.
 * PY_SSIZE_T_CLEAN is always in effect: '#' lengths are Py_ssize_t with or without it. */
#ifndef MINIPY_ABSTRACT_H
#define MINIPY_ABSTRACT_H

#include <stdarg.h>

#include "minipy/listobject.h"
#include "minipy/object.h"
#include "minipy/tupleobject.h"

MINIPY_EXTERN_C_BEGIN

/* === Generic object protocol ============================================================ */

#ifndef PyObject_DelAttrString
#define PyObject_DelAttrString(O, A) PyObject_SetAttrString((O), (A), NULL)
#endif
#ifndef PyObject_DelAttr
#define PyObject_DelAttr(O, A) PyObject_SetAttr((O), (A), NULL)
#endif

/* type(o): a new reference to the object's type. */
PyAPI_FUNC(PyObject *) PyObject_Type(PyObject *o) MINIPY_NOEXCEPT;

/* len(o) through sq_length, then mp_length; TypeError "object of type 'int' has no len()". */
PyAPI_FUNC(Py_ssize_t) PyObject_Size(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyObject_Length(PyObject *o) MINIPY_NOEXCEPT;
#define PyObject_Length PyObject_Size

/* len(o) if it has one, else o.__length_hint__(), else default_value. */
PyAPI_FUNC(Py_ssize_t) PyObject_LengthHint(PyObject *o, Py_ssize_t default_value) MINIPY_NOEXCEPT;

/* o[key], o[key] = v, del o[key]: mp_* slots first, then sq_* slots with an index key. */
PyAPI_FUNC(PyObject *) PyObject_GetItem(PyObject *o, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_SetItem(PyObject *o, PyObject *key, PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_DelItem(PyObject *o, PyObject *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_DelItemString(PyObject *o, const char *key) MINIPY_NOEXCEPT;

/* format(obj, format_spec); format_spec may be NULL (empty). */
PyAPI_FUNC(PyObject *) PyObject_Format(PyObject *obj, PyObject *format_spec) MINIPY_NOEXCEPT;

/* isinstance() / issubclass() with a class or a (nested) tuple of classes: 1, 0, or -1. */
PyAPI_FUNC(int) PyObject_IsInstance(PyObject *object, PyObject *typeorclass) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyObject_IsSubclass(PyObject *object, PyObject *typeorclass) MINIPY_NOEXCEPT;

/* === Calls ============================================================================== */

/* CPython's code compiled with PY_SSIZE_T_CLEAN links to the _SizeT names; minipy gives
 * both names the same (Py_ssize_t) behaviour. */
#ifdef PY_SSIZE_T_CLEAN
#define PyObject_CallFunction _PyObject_CallFunction_SizeT
#define PyObject_CallMethod   _PyObject_CallMethod_SizeT
#endif

/* callable(*args, **kwargs). args must be a tuple, kwargs NULL or a dict. TypeError
 * "'int' object is not callable" for an object without tp_call. */
PyAPI_FUNC(PyObject *)
    PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs) MINIPY_NOEXCEPT;
/* callable(*args); args NULL means no arguments. */
PyAPI_FUNC(PyObject *) PyObject_CallObject(PyObject *callable, PyObject *args) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_CallNoArgs(PyObject *func) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_CallOneArg(PyObject *func, PyObject *arg) MINIPY_NOEXCEPT;

/* The arguments are built with Py_BuildValue(format, ...): a tuple result is the argument
 * list itself, anything else the only argument. NULL or "" format: no arguments. */
PyAPI_FUNC(PyObject *)
    PyObject_CallFunction(PyObject *callable, const char *format, ...) MINIPY_NOEXCEPT;
/* obj.name(...), with the arguments built as for PyObject_CallFunction. */
PyAPI_FUNC(PyObject *)
    PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    _PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) _PyObject_CallMethod_SizeT(PyObject *obj, const char *name,
                                                  const char *format, ...) MINIPY_NOEXCEPT;

/* The arguments are the objects that follow, up to a NULL. */
PyAPI_FUNC(PyObject *) PyObject_CallFunctionObjArgs(PyObject *callable, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyObject_CallMethodNoArgs(PyObject *self, PyObject *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyObject_CallMethodOneArg(PyObject *self, PyObject *name, PyObject *arg) MINIPY_NOEXCEPT;

/* Vectorcall: args[0..nargs) positional, then one value per name in the kwnames tuple.
 * nargsf may carry PY_VECTORCALL_ARGUMENTS_OFFSET (ignored here). */
#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
static inline Py_ssize_t PyVectorcall_NARGS(size_t n) {
    return (Py_ssize_t)(n & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
}
PyAPI_FUNC(PyObject *) PyObject_Vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf,
                                           PyObject *kwnames) MINIPY_NOEXCEPT;
/* Keywords from a dict (or NULL) instead of a names tuple. */
PyAPI_FUNC(PyObject *) PyObject_VectorcallDict(PyObject *callable, PyObject *const *args,
                                               size_t nargsf, PyObject *kwdict) MINIPY_NOEXCEPT;
/* args[0].name(*args[1..]); nargsf counts args[0]. */
PyAPI_FUNC(PyObject *) PyObject_VectorcallMethod(PyObject *name, PyObject *const *args,
                                                 size_t nargsf, PyObject *kwnames) MINIPY_NOEXCEPT;

/* === Number protocol ==================================================================== */

/* 1 if o has nb_index, nb_int or nb_float (int, float, bool), else 0. Never fails. */
PyAPI_FUNC(int) PyNumber_Check(PyObject *o) MINIPY_NOEXCEPT;
/* 1 if o has nb_index (may be used as an index), else 0. */
PyAPI_FUNC(int) PyIndex_Check(PyObject *obj) MINIPY_NOEXCEPT;

PyAPI_FUNC(PyObject *) PyNumber_Add(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Subtract(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Multiply(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_MatrixMultiply(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_FloorDivide(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_TrueDivide(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Remainder(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Divmod(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
/* pow(o1, o2, o3); o3 is Py_None for the two-argument form. */
PyAPI_FUNC(PyObject *) PyNumber_Power(PyObject *o1, PyObject *o2, PyObject *o3) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Negative(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Positive(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Absolute(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Invert(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Lshift(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Rshift(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_And(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Xor(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Or(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;

/* o1 op= o2: the left operand's in-place slot first, then the plain operation. */
PyAPI_FUNC(PyObject *) PyNumber_InPlaceAdd(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceSubtract(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceMultiply(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceMatrixMultiply(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceFloorDivide(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceTrueDivide(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceRemainder(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyNumber_InPlacePower(PyObject *o1, PyObject *o2, PyObject *o3) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceLshift(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceRshift(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceAnd(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceXor(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_InPlaceOr(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;

/* o.__index__() as an exact int; TypeError "'str' object cannot be interpreted as an
 * integer" without nb_index. */
PyAPI_FUNC(PyObject *) PyNumber_Index(PyObject *o) MINIPY_NOEXCEPT;
/* int(o) / float(o). */
PyAPI_FUNC(PyObject *) PyNumber_Long(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyNumber_Float(PyObject *o) MINIPY_NOEXCEPT;
/* o.__index__() as a Py_ssize_t. When it does not fit: exc NULL clamps to PY_SSIZE_T_MIN /
 * MAX; otherwise exc is raised ("cannot fit 'int' into an index-sized integer"). */
PyAPI_FUNC(Py_ssize_t) PyNumber_AsSsize_t(PyObject *o, PyObject *exc) MINIPY_NOEXCEPT;

/* === Sequence protocol ================================================================== */

/* 1 if o has sq_item and is not a dict, else 0. Never fails. */
PyAPI_FUNC(int) PySequence_Check(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PySequence_Size(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PySequence_Length(PyObject *o) MINIPY_NOEXCEPT;
#define PySequence_Length PySequence_Size

PyAPI_FUNC(PyObject *) PySequence_Concat(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PySequence_Repeat(PyObject *o, Py_ssize_t count) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PySequence_InPlaceConcat(PyObject *o1, PyObject *o2) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count) MINIPY_NOEXCEPT;

/* o[i]; a negative i counts from the end (len(o) is added once). */
PyAPI_FUNC(PyObject *) PySequence_GetItem(PyObject *o, Py_ssize_t i) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PySequence_SetItem(PyObject *o, Py_ssize_t i, PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PySequence_DelItem(PyObject *o, Py_ssize_t i) MINIPY_NOEXCEPT;
/* o[i1:i2], o[i1:i2] = v, del o[i1:i2], through the mapping slots with a slice. */
PyAPI_FUNC(PyObject *)
    PySequence_GetSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PySequence_SetSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2, PyObject *v) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PySequence_DelSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2) MINIPY_NOEXCEPT;

/* tuple(o) / list(o) for any iterable. */
PyAPI_FUNC(PyObject *) PySequence_Tuple(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PySequence_List(PyObject *o) MINIPY_NOEXCEPT;

/* o itself if it is an exact list or tuple, else list(o); m is the TypeError message when o
 * is not iterable. Read the result with the PySequence_Fast_* macros. */
PyAPI_FUNC(PyObject *) PySequence_Fast(PyObject *o, const char *m) MINIPY_NOEXCEPT;
#define PySequence_Fast_GET_SIZE(o) (PyList_Check(o) ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o))
#define PySequence_Fast_GET_ITEM(o, i) \
    (PyList_Check(o) ? PyList_GET_ITEM((o), (i)) : PyTuple_GET_ITEM((o), (i)))
#define PySequence_Fast_ITEMS(sf) \
    (PyList_Check(sf) ? ((PyListObject *)(sf))->ob_item : ((PyTupleObject *)(sf))->ob_item)
/* o[i] straight through sq_item: no NULL check, no negative index. */
#define PySequence_ITEM(o, i) (Py_TYPE(o)->tp_as_sequence->sq_item((o), (i)))

/* value in o: sq_contains, else a search by iteration. 1, 0 or -1. */
PyAPI_FUNC(int) PySequence_Contains(PyObject *seq, PyObject *ob) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PySequence_In(PyObject *o, PyObject *value) MINIPY_NOEXCEPT;
#define PySequence_In PySequence_Contains
/* o.count(value) / o.index(value), by iteration and ==. */
PyAPI_FUNC(Py_ssize_t) PySequence_Count(PyObject *o, PyObject *value) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PySequence_Index(PyObject *o, PyObject *value) MINIPY_NOEXCEPT;

/* === Mapping protocol =================================================================== */

/* 1 if o has mp_subscript, else 0. Never fails. */
PyAPI_FUNC(int) PyMapping_Check(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyMapping_Size(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyMapping_Length(PyObject *o) MINIPY_NOEXCEPT;
#define PyMapping_Length              PyMapping_Size
#define PyMapping_DelItemString(O, K) PyObject_DelItemString((O), (K))
#define PyMapping_DelItem(O, K)       PyObject_DelItem((O), (K))

/* 1 if o[key] succeeds, else 0 (any error is cleared). */
PyAPI_FUNC(int) PyMapping_HasKeyString(PyObject *o, const char *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyMapping_HasKey(PyObject *o, PyObject *key) MINIPY_NOEXCEPT;
/* list(o.keys()) / list(o.values()) / list(o.items()). */
PyAPI_FUNC(PyObject *) PyMapping_Keys(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyMapping_Values(PyObject *o) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyMapping_Items(PyObject *o) MINIPY_NOEXCEPT;
/* o[key] / o[key] = v with a UTF-8 key. */
PyAPI_FUNC(PyObject *) PyMapping_GetItemString(PyObject *o, const char *key) MINIPY_NOEXCEPT;
PyAPI_FUNC(int)
    PyMapping_SetItemString(PyObject *o, const char *key, PyObject *value) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_ABSTRACT_H */
