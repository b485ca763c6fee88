/* minipy/descrobject.h: descriptors, the objects a type's __dict__ holds for what its C
 * tables define (CPython 3.11's Include/descrobject.h and cpython/descrobject.h).
 *
 *   method_descriptor        a tp_methods entry; `obj.name` binds it into a built-in method
 *   classmethod_descriptor   a METH_CLASS entry; binds to the class
 *   getset_descriptor        a tp_getset entry (a computed attribute)
 *   member_descriptor        a tp_members entry (a C field, structmember.h's T_* types), and
 *                            each name of a class's __slots__
 *   wrapper_descriptor       a C slot seen as a method: int.__add__, list.__len__ (one per
 *                            entry of the slot table, typeobject's "slotdefs")
 *   method-wrapper           a wrapper_descriptor bound to an object: (1).__add__
 *   mappingproxy             the read-only view that type.__dict__ returns
 *   property                 property(fget, fset, fdel, doc)
 *
 * Each descriptor knows its owner type (d_type): binding it to an object of another type is
 * a TypeError ("descriptor 'join' for 'str' objects doesn't apply to a 'int' object"). */
#ifndef MINIPY_DESCROBJECT_H
#define MINIPY_DESCROBJECT_H

#include "minipy/methodobject.h"
#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* A C field of an object, as an attribute. The type codes (T_INT, T_OBJECT_EX, ...) and
 * flags (READONLY) are in structmember.h. */
struct PyMemberDef {
    const char *name;
    int type;
    Py_ssize_t offset; /* from the start of the object */
    int flags;
    const char *doc;
};
typedef struct PyMemberDef PyMemberDef;

/* The value of the member at obj_addr as a new object / stores v (NULL deletes). */
PyAPI_FUNC(PyObject *) PyMember_GetOne(const char *obj_addr, PyMemberDef *m) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyMember_SetOne(char *obj_addr, PyMemberDef *m, PyObject *v) MINIPY_NOEXCEPT;

/* A slot wrapper's glue: calls the C slot `wrapped` with the arguments of a Python call. */
typedef PyObject *(*wrapperfunc)(PyObject *self, PyObject *args, void *wrapped);
typedef PyObject *(*wrapperfunc_kwds)(PyObject *self, PyObject *args, void *wrapped,
                                      PyObject *kwds);

/* One entry of the slot table: a special method name and the C slot it stands for (CPython's
 * struct tag, hence its spelling). */
struct wrapperbase { /* NOLINT(readability-identifier-naming) */
    const char *name;
    int offset;     /* minipy: an index into the runtime's slot table, see slot_defs.hpp */
    void *function; /* the dispatcher a class gets when it defines `name` (slot_* ) */
    wrapperfunc wrapper;
    const char *doc;
    int flags;
    PyObject *name_strobj; /* `name`, interned */
};
#define PyWrapperFlag_KEYWORDS 1 /* the wrapper takes keyword arguments (wrapperfunc_kwds) */

typedef struct {
    PyObject_HEAD PyTypeObject *d_type; /* the owner */
    PyObject *d_name;
    PyObject *d_qualname; /* "str.join", made when first asked for */
} PyDescrObject;
#define PyDescr_COMMON  PyDescrObject d_common
#define PyDescr_TYPE(x) (((PyDescrObject *)(x))->d_type)
#define PyDescr_NAME(x) (((PyDescrObject *)(x))->d_name)

typedef struct {
    PyDescr_COMMON;
    PyMethodDef *d_method;
    vectorcallfunc vectorcall; /* method descriptors: the call with self first, no tuple */
} PyMethodDescrObject;

typedef struct {
    PyDescr_COMMON;
    PyMemberDef *d_member;
} PyMemberDescrObject;

typedef struct {
    PyDescr_COMMON;
    PyGetSetDef *d_getset;
} PyGetSetDescrObject;

typedef struct {
    PyDescr_COMMON;
    struct wrapperbase *d_base;
    void *d_wrapped; /* the C slot function */
} PyWrapperDescrObject;

PyAPI_DATA(PyTypeObject) PyClassMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyGetSetDescr_Type;
PyAPI_DATA(PyTypeObject) PyMemberDescr_Type;
PyAPI_DATA(PyTypeObject) PyMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyWrapperDescr_Type;
PyAPI_DATA(PyTypeObject) PyDictProxy_Type;
PyAPI_DATA(PyTypeObject) PyProperty_Type;
PyAPI_DATA(PyTypeObject) _PyMethodWrapper_Type;

PyAPI_FUNC(PyObject *) PyDescr_NewMethod(PyTypeObject *type, PyMethodDef *method) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyDescr_NewClassMethod(PyTypeObject *type, PyMethodDef *method) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyDescr_NewMember(PyTypeObject *type, PyMemberDef *member) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyDescr_NewGetSet(PyTypeObject *type, PyGetSetDef *getset) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyDescr_NewWrapper(PyTypeObject *type, struct wrapperbase *base, void *wrapped) MINIPY_NOEXCEPT;
/* 1 when the descriptor defines __set__ (or __delete__): it wins over the instance dict. */
PyAPI_FUNC(int) PyDescr_IsData(PyObject *descr) MINIPY_NOEXCEPT;

/* A read-only view of a mapping (types.MappingProxyType). */
PyAPI_FUNC(PyObject *) PyDictProxy_New(PyObject *mapping) MINIPY_NOEXCEPT;
/* A method-wrapper: the wrapper_descriptor `descr` bound to `self`. */
PyAPI_FUNC(PyObject *) PyWrapper_New(PyObject *descr, PyObject *self) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_DESCROBJECT_H */
