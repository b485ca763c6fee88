/* minipy/unicodeobject.h: str, CPython 3.11's Unicode object and its C API.
 *
 * C-compatible; names, layouts and rules follow CPython's Include/unicodeobject.h and
 * Include/cpython/unicodeobject.h (PEP 393). A str is immutable and holds code points
 * U+0000..U+10FFFF (lone surrogates included) in the narrowest of three widths, its kind:
 *
 *   PyUnicode_1BYTE_KIND  every code point < 256 (Py_UCS1); "ascii" when all are < 128
 *   PyUnicode_2BYTE_KIND  every code point < 65536, at least one >= 256 (Py_UCS2)
 *   PyUnicode_4BYTE_KIND  at least one code point >= 65536 (Py_UCS4)
 *
 * The kind is always the narrowest that fits (so two equal strings have the same kind and
 * the same bytes), and the characters sit right after the header in the same OBJ block,
 * followed by a NUL of the same width: minipy has only CPython's "compact" strings. An
 * ASCII string's characters are its own UTF-8; any other string keeps the UTF-8 form that
 * PyUnicode_AsUTF8 made in a separate OBJ buffer, freed with the string. The hash is cached
 * (-1 until computed). Indexing by code point is O(1): PyUnicode_READ_CHAR.
 *
 * Strings made with PyUnicode_New are writable until they are shared: fill them with
 * PyUnicode_WRITE (characters within the maxchar given) before handing them out. */
#ifndef MINIPY_UNICODEOBJECT_H
#define MINIPY_UNICODEOBJECT_H

#include <stdarg.h>

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;

#define Py_UNICODE_REPLACEMENT_CHARACTER ((Py_UCS4)0xFFFD)
/* The largest code point. */
#define MAX_UNICODE 0x10ffff

enum PyUnicode_Kind {
    PyUnicode_1BYTE_KIND = 1,
    PyUnicode_2BYTE_KIND = 2,
    PyUnicode_4BYTE_KIND = 4
};

/* The header of every str; an ASCII string's characters follow it directly. */
typedef struct {
    PyObject_HEAD Py_ssize_t length; /* number of code points */
    Py_hash_t hash;                  /* -1 until computed */
    struct {
        unsigned int interned : 2; /* SSTATE_NOT_INTERNED or SSTATE_INTERNED_MORTAL */
        unsigned int kind : 3;     /* 1, 2 or 4 */
        unsigned int compact : 1;  /* always 1 in minipy */
        unsigned int ascii : 1;    /* every code point < 128 */
        unsigned int ready : 1;    /* always 1 (PEP 393's "ready") */
        unsigned int : 24;
    } state;
} PyASCIIObject;

/* A non-ASCII string: the header above plus the cached UTF-8 form; characters follow. */
typedef struct {
    PyASCIIObject _base;
    Py_ssize_t utf8_length; /* bytes in utf8, without the NUL */
    char *utf8;             /* NUL-terminated UTF-8, OBJ domain; NULL until asked for */
} PyCompactUnicodeObject;

/* CPython's name for a str of any shape; minipy's are all compact, so `data` is unused. */
typedef struct {
    PyCompactUnicodeObject _base;
    union {
        void *any;
        Py_UCS1 *latin1;
        Py_UCS2 *ucs2;
        Py_UCS4 *ucs4;
    } data;
} PyUnicodeObject;

#define SSTATE_NOT_INTERNED    0
#define SSTATE_INTERNED_MORTAL 1

PyAPI_DATA(PyTypeObject) PyUnicode_Type;
PyAPI_DATA(PyTypeObject) PyUnicodeIter_Type;

#define PyUnicode_Check(op)      PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS)
#define PyUnicode_CheckExact(op) Py_IS_TYPE((op), &PyUnicode_Type)

/* --- Direct access (no checks; the argument must be a str) --------------------------- */
#define _PyASCIIObject_CAST(op)          ((PyASCIIObject *)(op))
#define _PyCompactUnicodeObject_CAST(op) ((PyCompactUnicodeObject *)(op))

#define PyUnicode_IS_READY(op)         1
#define PyUnicode_READY(op)            0
#define PyUnicode_IS_COMPACT(op)       1
#define PyUnicode_CHECK_INTERNED(op)   ((unsigned int)_PyASCIIObject_CAST(op)->state.interned)
#define PyUnicode_IS_ASCII(op)         ((unsigned int)_PyASCIIObject_CAST(op)->state.ascii)
#define PyUnicode_IS_COMPACT_ASCII(op) PyUnicode_IS_ASCII(op)
#define PyUnicode_KIND(op)             ((int)_PyASCIIObject_CAST(op)->state.kind)
#define PyUnicode_GET_LENGTH(op)       (_PyASCIIObject_CAST(op)->length)

static inline void *_PyUnicode_COMPACT_DATA(PyObject *op) {
    if (_PyASCIIObject_CAST(op)->state.ascii) return _PyASCIIObject_CAST(op) + 1;
    return _PyCompactUnicodeObject_CAST(op) + 1;
}
#define PyUnicode_DATA(op)       _PyUnicode_COMPACT_DATA(_PyObject_CAST(op))
#define PyUnicode_1BYTE_DATA(op) ((Py_UCS1 *)PyUnicode_DATA(op))
#define PyUnicode_2BYTE_DATA(op) ((Py_UCS2 *)PyUnicode_DATA(op))
#define PyUnicode_4BYTE_DATA(op) ((Py_UCS4 *)PyUnicode_DATA(op))

static inline Py_UCS4 _PyUnicode_READ(int kind, const void *data, Py_ssize_t index) {
    if (kind == PyUnicode_1BYTE_KIND) return ((const Py_UCS1 *)data)[index];
    if (kind == PyUnicode_2BYTE_KIND) return ((const Py_UCS2 *)data)[index];
    return ((const Py_UCS4 *)data)[index];
}
static inline void _PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value) {
    if (kind == PyUnicode_1BYTE_KIND)
        ((Py_UCS1 *)data)[index] = (Py_UCS1)value;
    else if (kind == PyUnicode_2BYTE_KIND)
        ((Py_UCS2 *)data)[index] = (Py_UCS2)value;
    else
        ((Py_UCS4 *)data)[index] = value;
}
#define PyUnicode_READ(kind, data, index) \
    _PyUnicode_READ((int)(kind), (const void *)(data), (index))
#define PyUnicode_WRITE(kind, data, index, value) \
    _PyUnicode_WRITE((int)(kind), (void *)(data), (index), (Py_UCS4)(value))
#define PyUnicode_READ_CHAR(op, index) \
    _PyUnicode_READ(PyUnicode_KIND(op), PyUnicode_DATA(op), (index))

/* The largest code point the string's kind can hold (127 for ASCII). */
static inline Py_UCS4 _PyUnicode_MAX_CHAR_VALUE(PyObject *op) {
    if (_PyASCIIObject_CAST(op)->state.ascii) return 0x7f;
    switch (_PyASCIIObject_CAST(op)->state.kind) {
    case PyUnicode_1BYTE_KIND: return 0xff;
    case PyUnicode_2BYTE_KIND: return 0xffff;
    default: return 0x10ffff;
    }
}
#define PyUnicode_MAX_CHAR_VALUE(op) _PyUnicode_MAX_CHAR_VALUE(_PyObject_CAST(op))

/* --- Making strings ------------------------------------------------------------------ */

/* A new string of `size` code points, each <= maxchar, to be filled with PyUnicode_WRITE
 * (contents undefined, the final NUL set). size 0 gives the shared empty string. */
PyAPI_FUNC(PyObject *) PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar) MINIPY_NOEXCEPT;
/* Decode UTF-8, strictly: UnicodeDecodeError with CPython's message on bad input. */
PyAPI_FUNC(PyObject *) PyUnicode_FromString(const char *u) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size) MINIPY_NOEXCEPT;
/* errors: NULL or "strict", "replace", "ignore", "surrogateescape". */
PyAPI_FUNC(PyObject *)
    PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors) MINIPY_NOEXCEPT;
/* As DecodeUTF8; when consumed is not NULL an incomplete sequence at the end is left
 * undecoded and *consumed says how many bytes were used. */
PyAPI_FUNC(PyObject *)
    PyUnicode_DecodeUTF8Stateful(const char *s, Py_ssize_t size, const char *errors,
                                 Py_ssize_t *consumed) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors) MINIPY_NOEXCEPT;
/* encoding: "utf-8", "ascii", "latin-1" (and their usual aliases); NULL is UTF-8. Empty input
 * is "" whatever the encoding names. */
PyAPI_FUNC(PyObject *) PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding,
                                        const char *errors) MINIPY_NOEXCEPT;
/* str(obj, encoding, errors): decodes a bytes object; TypeError for a str ("decoding str is
 * not supported") or anything else. */
PyAPI_FUNC(PyObject *) PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding,
                                                   const char *errors) MINIPY_NOEXCEPT;
/* From `size` units of `kind`; the result has the narrowest kind that fits. */
PyAPI_FUNC(PyObject *)
    PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size) MINIPY_NOEXCEPT;
/* chr(ordinal); ValueError "chr() arg not in range(0x110000)" outside the range. */
PyAPI_FUNC(PyObject *) PyUnicode_FromOrdinal(int ordinal) MINIPY_NOEXCEPT;
/* The str itself for an exact str, a copy for a subclass instance, TypeError otherwise. */
PyAPI_FUNC(PyObject *) PyUnicode_FromObject(PyObject *obj) MINIPY_NOEXCEPT;

/* printf-like, with CPython 3.11's units:
 *   %%  %c (int code point)  %d %i %u %x  %ld %li %lu  %lld %lli %llu  %zd %zi %zu
 *   %p  %s (UTF-8, invalid bytes replaced)  %U (str)  %V (str or, if NULL, UTF-8 char *)
 *   %S (str(obj))  %R (repr(obj))  %A (ascii(obj))
 * with an optional 0 flag, width and .precision (CPython 3.11 takes no '-' flag). Precision
 * counts bytes for %s and code points for the object units. The format must be ASCII; an
 * unknown unit copies the rest of the format as it stands. */
PyAPI_FUNC(PyObject *) PyUnicode_FromFormat(const char *format, ...) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicode_FromFormatV(const char *format, va_list vargs) MINIPY_NOEXCEPT;
// format % args (printf-style formatting).
PyAPI_FUNC(PyObject *) PyUnicode_Format(PyObject *format, PyObject *args) MINIPY_NOEXCEPT;

/* --- Reading strings ----------------------------------------------------------------- */

/* The UTF-8 form, owned by the string (valid while it lives). UnicodeEncodeError for a
 * lone surrogate. AndSize stores the length in bytes when size is not NULL. */
PyAPI_FUNC(const char *) PyUnicode_AsUTF8(PyObject *unicode) MINIPY_NOEXCEPT;
PyAPI_FUNC(const char *)
    PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size) MINIPY_NOEXCEPT;
/* New bytes objects. */
PyAPI_FUNC(PyObject *) PyUnicode_AsUTF8String(PyObject *unicode) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicode_AsASCIIString(PyObject *unicode) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicode_AsLatin1String(PyObject *unicode) MINIPY_NOEXCEPT;
/* encoding as for PyUnicode_Decode; errors: NULL/"strict", "replace", "ignore",
 * "backslashreplace", "surrogateescape" (utf-8), "surrogatepass" (utf-8). */
PyAPI_FUNC(PyObject *) PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding,
                                                 const char *errors) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyUnicode_GetLength(PyObject *unicode) MINIPY_NOEXCEPT;
/* (Py_UCS4)-1 with IndexError "string index out of range" when out of range. */
PyAPI_FUNC(Py_UCS4) PyUnicode_ReadChar(PyObject *unicode, Py_ssize_t index) MINIPY_NOEXCEPT;
/* Only on a string nobody else holds yet (refcount 1, never hashed); 0 or -1. */
PyAPI_FUNC(int)
    PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 ch) MINIPY_NOEXCEPT;
/* Copies the code points into buffer (of buflen units) and adds a NUL if copy_null;
 * SystemError when it does not fit. */
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4(PyObject *unicode, Py_UCS4 *buffer, Py_ssize_t buflen,
                                       int copy_null) MINIPY_NOEXCEPT;
/* The same in a new PyMem_Malloc buffer, NUL-terminated. */
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4Copy(PyObject *unicode) MINIPY_NOEXCEPT;

/* --- Operations ---------------------------------------------------------------------- */

PyAPI_FUNC(PyObject *) PyUnicode_Concat(PyObject *left, PyObject *right) MINIPY_NOEXCEPT;
/* *pleft = *pleft + right; on error *pleft is released and set to NULL. */
PyAPI_FUNC(void) PyUnicode_Append(PyObject **pleft, PyObject *right) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right) MINIPY_NOEXCEPT;
/* separator.join(seq); seq is any iterable of str. */
PyAPI_FUNC(PyObject *) PyUnicode_Join(PyObject *separator, PyObject *seq) MINIPY_NOEXCEPT;
/* s.split(sep, maxsplit) as a list; sep NULL splits on whitespace. */
PyAPI_FUNC(PyObject *)
    PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit) MINIPY_NOEXCEPT;
/* str[start:end] with the indices clipped; IndexError for a negative start or end. */
PyAPI_FUNC(PyObject *)
    PyUnicode_Substring(PyObject *str, Py_ssize_t start, Py_ssize_t end) MINIPY_NOEXCEPT;
/* `element in container`: 1, 0, or -1 with TypeError when element is not a str. */
PyAPI_FUNC(int) PyUnicode_Contains(PyObject *container, PyObject *element) MINIPY_NOEXCEPT;
/* Index of substr in str[start:end] (direction > 0 first, < 0 last), -1 if absent,
 * -2 with an exception set. */
PyAPI_FUNC(Py_ssize_t) PyUnicode_Find(PyObject *str, PyObject *substr, Py_ssize_t start,
                                      Py_ssize_t end, int direction) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyUnicode_FindChar(PyObject *str, Py_UCS4 ch, Py_ssize_t start,
                                          Py_ssize_t end, int direction) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_ssize_t) PyUnicode_Count(PyObject *str, PyObject *substr, Py_ssize_t start,
                                       Py_ssize_t end) MINIPY_NOEXCEPT;
/* 1 if str[start:end] starts (direction < 0) or ends (direction > 0) with substr. */
PyAPI_FUNC(Py_ssize_t) PyUnicode_Tailmatch(PyObject *str, PyObject *substr, Py_ssize_t start,
                                           Py_ssize_t end, int direction) MINIPY_NOEXCEPT;
/* maxcount < 0: every occurrence. */
PyAPI_FUNC(PyObject *) PyUnicode_Replace(PyObject *str, PyObject *substr, PyObject *replstr,
                                         Py_ssize_t maxcount) MINIPY_NOEXCEPT;
/* -1, 0, 1 in code-point order; -1 with TypeError for a non-str (check PyErr_Occurred). */
PyAPI_FUNC(int) PyUnicode_Compare(PyObject *left, PyObject *right) MINIPY_NOEXCEPT;
/* Compares with a Latin-1 C string; never fails. */
PyAPI_FUNC(int) PyUnicode_CompareWithASCIIString(PyObject *left, const char *right) MINIPY_NOEXCEPT;
/* NotImplemented when either side is not a str. */
PyAPI_FUNC(PyObject *)
    PyUnicode_RichCompare(PyObject *left, PyObject *right, int op) MINIPY_NOEXCEPT;

/* --- Interning ----------------------------------------------------------------------- */
/* Replaces *p by the interned string equal to it (interning *p if there is none). The
 * table does not own its strings: a string leaves it when it is deallocated. On failure
 * (memory) *p is left as it was, with no exception set, as in CPython. */
PyAPI_FUNC(void) PyUnicode_InternInPlace(PyObject **p) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyUnicode_InternFromString(const char *cp) MINIPY_NOEXCEPT;

/* --- Character properties (Unicode 14.0, as CPython 3.11) ----------------------------- */
PyAPI_FUNC(int) _PyUnicode_IsPrintable(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsWhitespace(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsAlpha(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsDecimalDigit(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsDigit(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsLowercase(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsUppercase(Py_UCS4 ch) MINIPY_NOEXCEPT;
/* The identifier properties of PEP 3131 ('_' is XID_Continue, not XID_Start). */
PyAPI_FUNC(int) _PyUnicode_IsXidStart(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) _PyUnicode_IsXidContinue(Py_UCS4 ch) MINIPY_NOEXCEPT;
/* Simple (one-to-one) case mappings. */
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToLowercase(Py_UCS4 ch) MINIPY_NOEXCEPT;
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToUppercase(Py_UCS4 ch) MINIPY_NOEXCEPT;
#define Py_UNICODE_ISPRINTABLE(ch)  _PyUnicode_IsPrintable(ch)
#define Py_UNICODE_ISSPACE(ch)      _PyUnicode_IsWhitespace(ch)
#define Py_UNICODE_ISALPHA(ch)      _PyUnicode_IsAlpha(ch)
#define Py_UNICODE_ISDECIMAL(ch)    _PyUnicode_IsDecimalDigit(ch)
#define Py_UNICODE_ISDIGIT(ch)      _PyUnicode_IsDigit(ch)
#define Py_UNICODE_ISLOWER(ch)      _PyUnicode_IsLowercase(ch)
#define Py_UNICODE_ISUPPER(ch)      _PyUnicode_IsUppercase(ch)
#define Py_UNICODE_TOLOWER(ch)      _PyUnicode_ToLowercase(ch)
#define Py_UNICODE_TOUPPER(ch)      _PyUnicode_ToUppercase(ch)
#define Py_UNICODE_IS_SURROGATE(ch) (0xD800 <= (ch) && (ch) <= 0xDFFF)

MINIPY_EXTERN_C_END

#endif /* MINIPY_UNICODEOBJECT_H */
