// UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError: the exceptions that carry
// encoding, object, start, end and reason, as CPython 3.11's Objects/exceptions.c defines
// them (their __init__, their str, their members), and the PyUnicode*Error_* C API that
// reads and writes those fields. The codecs (objects/str/) raise them. UnicodeError itself
// is a plain exception in exceptions.cpp.
#include <cstdio>

#include "minipy/Python.h"
#include "minipy/structmember.h"
#include "objects/exceptions/exceptions_internal.hpp"
#include "objects/str/str_internal.hpp"
#include "objects/type/static_type.hpp"

// CPython's names for the slot functions and members table (UnicodeEncodeError_init, ...).
// NOLINTBEGIN(readability-identifier-naming)
namespace {

PyUnicodeErrorObject *as_unicode_error(PyObject *self) noexcept {
    return reinterpret_cast<PyUnicodeErrorObject *>(self);
}

PyTypeObject *base_exception_type() noexcept {
    return reinterpret_cast<PyTypeObject *>(PyExc_BaseException);
}

// The fields from a tuple parsed by PyArg_ParseTuple (borrowed there): stored as new
// references, replacing what an earlier __init__ left.
// CPython's order: the text fields go before the arguments are read, and start and end are
// read in place, so an __init__ that fails leaves no text fields and whatever numbers it read.
PyUnicodeErrorObject *reset_text_fields(PyObject *self) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
    Py_CLEAR(exc->encoding);
    Py_CLEAR(exc->object);
    Py_CLEAR(exc->reason);
    return exc;
}

void store_text_fields(PyUnicodeErrorObject *exc, PyObject *encoding, PyObject *object,
                       PyObject *reason) noexcept {
    exc->encoding = Py_XNewRef(encoding);
    exc->object = Py_NewRef(object);
    exc->reason = Py_NewRef(reason);
}

// UnicodeEncodeError(str encoding, str object, int start, int end, str reason).
int UnicodeEncodeError_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_type()->tp_init(self, args, kwds) < 0) return -1;
    PyUnicodeErrorObject *exc = reset_text_fields(self);
    PyObject *encoding = nullptr;
    PyObject *object = nullptr;
    PyObject *reason = nullptr;
    if (!PyArg_ParseTuple(args, "UUnnU", &encoding, &object, &exc->start, &exc->end, &reason))
        return -1;
    store_text_fields(exc, encoding, object, reason);
    return 0;
}

// UnicodeDecodeError(str encoding, bytes-like object, int start, int end, str reason): a
// bytearray is copied into a bytes object (args keeps what was given, as CPython's).
int UnicodeDecodeError_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_type()->tp_init(self, args, kwds) < 0) return -1;
    PyUnicodeErrorObject *exc = reset_text_fields(self);
    PyObject *encoding = nullptr;
    PyObject *object = nullptr;
    PyObject *reason = nullptr;
    if (!PyArg_ParseTuple(args, "UOnnU", &encoding, &object, &exc->start, &exc->end, &reason))
        return -1;
    PyObject *bytes = nullptr;
    if (PyBytes_Check(object)) {
        bytes = Py_NewRef(object);
    } else if (PyByteArray_Check(object)) {
        bytes =
            PyBytes_FromStringAndSize(PyByteArray_AS_STRING(object), PyByteArray_GET_SIZE(object));
        if (bytes == nullptr) return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                     Py_TYPE(object)->tp_name);
        return -1;
    }
    store_text_fields(exc, encoding, bytes, reason);
    Py_DECREF(bytes);
    return 0;
}

// UnicodeTranslateError(str object, int start, int end, str reason); encoding stays unset.
int UnicodeTranslateError_init(PyObject *self, PyObject *args, PyObject *kwds) noexcept {
    if (base_exception_type()->tp_init(self, args, kwds) < 0) return -1;
    PyUnicodeErrorObject *exc = reset_text_fields(self);
    PyObject *object = nullptr;
    PyObject *reason = nullptr;
    if (!PyArg_ParseTuple(args, "UnnU", &object, &exc->start, &exc->end, &reason)) return -1;
    store_text_fields(exc, nullptr, object, reason);
    return 0;
}

#define MINIPY_UNICODE_ERROR_FIELDS(X) X(encoding) X(object) X(reason)

int UnicodeError_clear(PyObject *self) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
#define MINIPY_CLEAR_FIELD(name) Py_CLEAR(exc->name);
    MINIPY_UNICODE_ERROR_FIELDS(MINIPY_CLEAR_FIELD)
#undef MINIPY_CLEAR_FIELD
    return base_exception_type()->tp_clear(self);
}

int UnicodeError_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
#define MINIPY_VISIT_FIELD(name) Py_VISIT(exc->name);
    MINIPY_UNICODE_ERROR_FIELDS(MINIPY_VISIT_FIELD)
#undef MINIPY_VISIT_FIELD
    return base_exception_type()->tp_traverse(self, visit, arg);
}

// --- str ------------------------------------------------------------------------------------

// What CPython 3.11 reports when str() of an encode or translate error reads a character that
// is not there (object not a str, start negative): its str function fails without saying so,
// and the str() call turns that into this SystemError.
PyObject *bad_character_read() noexcept {
    PyErr_SetString(PyExc_SystemError, "<class 'str'> returned a result with an exception set");
    return nullptr;
}

// The str of an encode or translate error. prefix is "'<encoding>' codec can't encode" or
// "can't translate"; then " character '\xe9' in position 3: <reason>" when exactly one
// character failed, else " characters in position 3-5: <reason>" (end - 1 as CPython says
// it, whatever start and end are).
PyObject *character_error_str(PyUnicodeErrorObject *exc, PyObject *prefix) noexcept {
    PyObject *reason = PyObject_Str(exc->reason);
    if (reason == nullptr) return nullptr;
    PyObject *result = nullptr;
    const bool one_character = exc->end == exc->start + 1;
    if (one_character && (!PyUnicode_Check(exc->object) || exc->start < 0)) {
        result = bad_character_read();
    } else if (one_character && exc->start < PyUnicode_GET_LENGTH(exc->object)) {
        char escaped[16];
        minipy::runtime::backslash_escape(escaped, PyUnicode_READ_CHAR(exc->object, exc->start));
        result = PyUnicode_FromFormat("%U character '%s' in position %zd: %U", prefix, escaped,
                                      exc->start, reason);
    } else {
        result = PyUnicode_FromFormat("%U characters in position %zd-%zd: %U", prefix, exc->start,
                                      exc->end - 1, reason);
    }
    Py_DECREF(reason);
    return result;
}

PyObject *UnicodeEncodeError_str(PyObject *self) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
    if (exc->object == nullptr) return PyUnicode_FromString("");  // made without __init__
    PyObject *encoding = PyObject_Str(exc->encoding);
    if (encoding == nullptr) return nullptr;
    PyObject *prefix = PyUnicode_FromFormat("'%U' codec can't encode", encoding);
    Py_DECREF(encoding);
    if (prefix == nullptr) return nullptr;
    PyObject *result = character_error_str(exc, prefix);
    Py_DECREF(prefix);
    return result;
}

PyObject *UnicodeTranslateError_str(PyObject *self) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
    if (exc->object == nullptr) return PyUnicode_FromString("");
    PyObject *prefix = PyUnicode_FromString("can't translate");
    if (prefix == nullptr) return nullptr;
    PyObject *result = character_error_str(exc, prefix);
    Py_DECREF(prefix);
    return result;
}

// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte", or "... bytes in
// position 0-2: ...". An object that is no longer bytes (set through the attribute) gets the
// range form: CPython 3.11 would read its memory as if it were bytes.
PyObject *UnicodeDecodeError_str(PyObject *self) noexcept {
    PyUnicodeErrorObject *exc = as_unicode_error(self);
    if (exc->object == nullptr) return PyUnicode_FromString("");
    PyObject *encoding = PyObject_Str(exc->encoding);
    if (encoding == nullptr) return nullptr;
    PyObject *reason = PyObject_Str(exc->reason);
    if (reason == nullptr) {
        Py_DECREF(encoding);
        return nullptr;
    }
    PyObject *result = nullptr;
    if (PyBytes_Check(exc->object) && exc->start >= 0 &&
        exc->start < PyBytes_GET_SIZE(exc->object) && exc->end == exc->start + 1) {
        const int byte = static_cast<unsigned char>(PyBytes_AS_STRING(exc->object)[exc->start]);
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02x", byte);
        result = PyUnicode_FromFormat("'%U' codec can't decode byte 0x%s in position %zd: %U",
                                      encoding, hex, exc->start, reason);
    } else {
        result = PyUnicode_FromFormat("'%U' codec can't decode bytes in position %zd-%zd: %U",
                                      encoding, exc->start, exc->end - 1, reason);
    }
    Py_DECREF(encoding);
    Py_DECREF(reason);
    return result;
}

// encoding, object and reason read as None when unset and may be set to anything or deleted;
// start and end are C integers (CPython's T_PYSSIZET members).
PyMemberDef UnicodeError_members[] = {
    {"encoding", T_OBJECT, offsetof(PyUnicodeErrorObject, encoding), 0, "exception encoding"},
    {"object", T_OBJECT, offsetof(PyUnicodeErrorObject, object), 0, "exception object"},
    {"start", T_PYSSIZET, offsetof(PyUnicodeErrorObject, start), 0, "exception start"},
    {"end", T_PYSSIZET, offsetof(PyUnicodeErrorObject, end), 0, "exception end"},
    {"reason", T_OBJECT, offsetof(PyUnicodeErrorObject, reason), 0, "exception reason"},
    {nullptr, 0, 0, 0, nullptr},
};

constexpr unsigned long kExceptionFlags =
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS;

// --- The C API's field access -----------------------------------------------------------------

// A new reference to a field that must be a str (or bytes): TypeError when unset or not.
PyObject *field_of_type(PyObject *field, const char *name, bool want_bytes) noexcept {
    if (field == nullptr) {
        PyErr_Format(PyExc_TypeError, "%.200s attribute not set", name);
        return nullptr;
    }
    if (want_bytes ? !PyBytes_Check(field) : !PyUnicode_Check(field)) {
        PyErr_Format(PyExc_TypeError, "%.200s attribute must be %s", name,
                     want_bytes ? "bytes" : "unicode");
        return nullptr;
    }
    return Py_NewRef(field);
}

PyObject *str_field(PyObject *field, const char *name) noexcept {
    return field_of_type(field, name, false);
}

// The length of the error's object (a str, or bytes when want_bytes), or -1 with TypeError.
Py_ssize_t object_length(PyObject *exc, bool want_bytes) noexcept {
    PyObject *object = field_of_type(as_unicode_error(exc)->object, "object", want_bytes);
    if (object == nullptr) return -1;
    const Py_ssize_t size = want_bytes ? PyBytes_GET_SIZE(object) : PyUnicode_GET_LENGTH(object);
    Py_DECREF(object);
    return size;
}

// start clamped to [0, size - 1] (to 0 first, so an empty object gives -1, as CPython's).
int get_start(PyObject *exc, Py_ssize_t *start, bool want_bytes) noexcept {
    const Py_ssize_t size = object_length(exc, want_bytes);
    if (size < 0) return -1;
    Py_ssize_t value = as_unicode_error(exc)->start;
    if (value < 0) value = 0;
    if (value >= size) value = size - 1;
    *start = value;
    return 0;
}

// end clamped to [1, size] (to 1 first, so an empty object gives 0, as CPython's).
int get_end(PyObject *exc, Py_ssize_t *end, bool want_bytes) noexcept {
    const Py_ssize_t size = object_length(exc, want_bytes);
    if (size < 0) return -1;
    Py_ssize_t value = as_unicode_error(exc)->end;
    if (value < 1) value = 1;
    if (value > size) value = size;
    *end = value;
    return 0;
}

// The setters store what they are given, unchecked, as CPython's do: the getters clamp.
int set_start(PyObject *exc, Py_ssize_t start) noexcept {
    as_unicode_error(exc)->start = start;
    return 0;
}

int set_end(PyObject *exc, Py_ssize_t end) noexcept {
    as_unicode_error(exc)->end = end;
    return 0;
}

int set_reason(PyObject *exc, const char *reason) noexcept {
    PyObject *text = PyUnicode_FromString(reason);
    if (text == nullptr) return -1;
    Py_XSETREF(as_unicode_error(exc)->reason, text);
    return 0;
}

}  // namespace

extern "C" {

extern PyTypeObject _PyExc_UnicodeError;  // exceptions.cpp

#define MINIPY_UNICODE_ERROR_TYPE(NAME, DOC)          \
    PyTypeObject _PyExc_##NAME = {                    \
        MINIPY_TYPE_OBJECT_HEAD,                      \
        .tp_name = #NAME,                             \
        .tp_basicsize = sizeof(PyUnicodeErrorObject), \
        .tp_str = NAME##_str,                         \
        .tp_flags = kExceptionFlags,                  \
        .tp_doc = (DOC),                              \
        .tp_traverse = UnicodeError_traverse,         \
        .tp_clear = UnicodeError_clear,               \
        .tp_members = UnicodeError_members,           \
        .tp_base = &_PyExc_UnicodeError,              \
        .tp_init = NAME##_init,                       \
    };                                                \
    PyObject *PyExc_##NAME = _PyObject_CAST(&_PyExc_##NAME);

MINIPY_UNICODE_ERROR_TYPE(UnicodeEncodeError, "Unicode encoding error.")
MINIPY_UNICODE_ERROR_TYPE(UnicodeDecodeError, "Unicode decoding error.")
MINIPY_UNICODE_ERROR_TYPE(UnicodeTranslateError, "Unicode translation error.")
#undef MINIPY_UNICODE_ERROR_TYPE

PyObject *PyUnicodeDecodeError_Create(const char *encoding, const char *object, Py_ssize_t length,
                                      Py_ssize_t start, Py_ssize_t end,
                                      const char *reason) noexcept {
    return PyObject_CallFunction(PyExc_UnicodeDecodeError, "sy#nns", encoding, object, length,
                                 start, end, reason);
}

PyObject *PyUnicodeEncodeError_GetEncoding(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->encoding, "encoding");
}
PyObject *PyUnicodeDecodeError_GetEncoding(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->encoding, "encoding");
}

PyObject *PyUnicodeEncodeError_GetObject(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->object, "object");
}
PyObject *PyUnicodeDecodeError_GetObject(PyObject *exc) noexcept {
    return field_of_type(as_unicode_error(exc)->object, "object", true);
}
PyObject *PyUnicodeTranslateError_GetObject(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->object, "object");
}

int PyUnicodeEncodeError_GetStart(PyObject *exc, Py_ssize_t *start) noexcept {
    return get_start(exc, start, false);
}
int PyUnicodeDecodeError_GetStart(PyObject *exc, Py_ssize_t *start) noexcept {
    return get_start(exc, start, true);
}
int PyUnicodeTranslateError_GetStart(PyObject *exc, Py_ssize_t *start) noexcept {
    return get_start(exc, start, false);
}

int PyUnicodeEncodeError_SetStart(PyObject *exc, Py_ssize_t start) noexcept {
    return set_start(exc, start);
}
int PyUnicodeDecodeError_SetStart(PyObject *exc, Py_ssize_t start) noexcept {
    return set_start(exc, start);
}
int PyUnicodeTranslateError_SetStart(PyObject *exc, Py_ssize_t start) noexcept {
    return set_start(exc, start);
}

int PyUnicodeEncodeError_GetEnd(PyObject *exc, Py_ssize_t *end) noexcept {
    return get_end(exc, end, false);
}
int PyUnicodeDecodeError_GetEnd(PyObject *exc, Py_ssize_t *end) noexcept {
    return get_end(exc, end, true);
}
int PyUnicodeTranslateError_GetEnd(PyObject *exc, Py_ssize_t *end) noexcept {
    return get_end(exc, end, false);
}

int PyUnicodeEncodeError_SetEnd(PyObject *exc, Py_ssize_t end) noexcept {
    return set_end(exc, end);
}
int PyUnicodeDecodeError_SetEnd(PyObject *exc, Py_ssize_t end) noexcept {
    return set_end(exc, end);
}
int PyUnicodeTranslateError_SetEnd(PyObject *exc, Py_ssize_t end) noexcept {
    return set_end(exc, end);
}

PyObject *PyUnicodeEncodeError_GetReason(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->reason, "reason");
}
PyObject *PyUnicodeDecodeError_GetReason(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->reason, "reason");
}
PyObject *PyUnicodeTranslateError_GetReason(PyObject *exc) noexcept {
    return str_field(as_unicode_error(exc)->reason, "reason");
}

int PyUnicodeEncodeError_SetReason(PyObject *exc, const char *reason) noexcept {
    return set_reason(exc, reason);
}
int PyUnicodeDecodeError_SetReason(PyObject *exc, const char *reason) noexcept {
    return set_reason(exc, reason);
}
int PyUnicodeTranslateError_SetReason(PyObject *exc, const char *reason) noexcept {
    return set_reason(exc, reason);
}

}  // extern "C"
// NOLINTEND(readability-identifier-naming)

namespace minipy::runtime {

int unicode_error_types_ready() noexcept {
    PyTypeObject *types[] = {
        &_PyExc_UnicodeEncodeError,
        &_PyExc_UnicodeDecodeError,
        &_PyExc_UnicodeTranslateError,
    };
    for (PyTypeObject *type : types) {
        // BaseException's __new__ again, so it is in each type's dict as in CPython.
        type->tp_new = base_exception_type()->tp_new;
        if (PyType_Ready(type) < 0) return -1;
    }
    return 0;
}

}  // namespace minipy::runtime
