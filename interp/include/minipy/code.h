/* minipy/code.h: code objects, the compiled form of a module, function, class body or
 * comprehension.
 *
 * C-compatible. The layout and names follow CPython 3.11's Include/cpython/code.h: the word
 * code lives inline at the end of the object (co_code_adaptive), where the eval loop rewrites
 * instructions to their specialized forms and keeps their inline caches; co_linetable holds
 * the locations (line and column ranges) in CPython 3.11's format; co_exceptiontable the
 * handlers of zero-cost try in CPython 3.11's varint format. co_code (the attribute) is the
 * word code with every instruction in its base form and every cache zeroed. */
#ifndef MINIPY_CODE_H
#define MINIPY_CODE_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef uint16_t _Py_CODEUNIT;

typedef struct {
    PyObject_VAR_HEAD            /* ob_size: number of code units */
        PyObject *co_consts;     /* tuple */
    PyObject *co_names;          /* tuple of str: globals, attributes, imports */
    PyObject *co_exceptiontable; /* bytes */
    int co_flags;                /* CO_* */
    int co_argcount;             /* positional parameters, posonly included, *args not */
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_stacksize; /* the value stack's depth */
    int co_firstlineno;
    int co_nlocalsplus;    /* locals + cells + free variables */
    int co_nlocals;        /* plain locals (parameters first) */
    int co_nplaincellvars; /* cells that are not parameters */
    int co_ncellvars;
    int co_nfreevars;
    int co_framesize;             /* words a frame of this code takes on the data stack */
    PyObject *co_localsplusnames; /* tuple of str, one per localsplus slot */
    PyObject *co_localspluskinds; /* bytes: CO_FAST_* per slot */
    PyObject *co_filename;
    PyObject *co_name;
    PyObject *co_qualname;
    PyObject *co_linetable; /* bytes */
    PyObject *co_weakreflist;
    void *co_extra;
    /* Private: the tracer's caches, filled the first time a traced allocation's traceback
     * passes through this code (as CPython 3.11 builds _co_linearray for tracing): the
     * file name interned for tracemalloc's frames, and the line of every code unit. Both
     * are read and written atomically: a thread without the GIL may walk its frames. */
    const char *_co_trace_filename;
    int *_co_linearray;
    char co_code_adaptive[1]; /* ob_size code units */
} PyCodeObject;

/* co_flags (CPython's values). */
#define CO_OPTIMIZED          0x0001
#define CO_NEWLOCALS          0x0002
#define CO_VARARGS            0x0004
#define CO_VARKEYWORDS        0x0008
#define CO_NESTED             0x0010
#define CO_GENERATOR          0x0020
#define CO_COROUTINE          0x0080
#define CO_ITERABLE_COROUTINE 0x0100
#define CO_ASYNC_GENERATOR    0x0200
#define CO_FUTURE_ANNOTATIONS 0x1000000

/* co_localspluskinds. */
#define CO_FAST_LOCAL 0x20
#define CO_FAST_CELL  0x40
#define CO_FAST_FREE  0x80

PyAPI_DATA(PyTypeObject) PyCode_Type;
#define PyCode_Check(op)      Py_IS_TYPE((op), &PyCode_Type)
#define _PyCode_CODE(co)      ((_Py_CODEUNIT *)(co)->co_code_adaptive)
#define PyCode_GetNumFree(co) ((co)->co_nfreevars)

/* The line of the instruction at byte offset `addr` (2 * its code unit index); -1 when it
 * has none. */
PyAPI_FUNC(int) PyCode_Addr2Line(PyCodeObject *co, int addr) MINIPY_NOEXCEPT;
/* The location of the instruction at byte offset `addr`: 1 and the four values (-1 where
 * unknown), or 0 when addr is outside the code. Columns are UTF-8 byte offsets. */
PyAPI_FUNC(int) PyCode_Addr2Location(PyCodeObject *co, int addr, int *start_line, int *start_column,
                                     int *end_line, int *end_column) MINIPY_NOEXCEPT;
/* co_code as bytes (new reference). */
PyAPI_FUNC(PyObject *) PyCode_GetCode(PyCodeObject *co) MINIPY_NOEXCEPT;
/* An empty code object that raises nothing and returns None. */
PyAPI_FUNC(PyCodeObject *)
    PyCode_NewEmpty(const char *filename, const char *funcname, int firstlineno) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_CODE_H */
