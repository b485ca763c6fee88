// What the bytes files share. Internal to runtime/.
//   bytes_object.cpp  allocation, caches, the C API, bytes_init / bytes_fini
//   bytes_type.cpp    PyBytes_Type's slots, bytes(), the iterator
//   bytes_methods.cpp the methods in tp_methods (decode, hex, the searches) and the table
//   bytes_case.cpp    the ASCII case mappings, predicates and padding methods
//   bytes_split.cpp   split / strip / partition / splitlines / join / replace / removeprefix
//   bytes_translate.cpp maketrans / translate, fromhex, __bytes__, __getnewargs__
//   bytearray_object.cpp bytearray's storage (CPython's growth policy), C API and slots
//   bytearray_methods.cpp its methods: the mutating ones, and bytes' methods run on a copy
// bytes % args is str_percent_format.cpp's (objects/str/), over the bytes read as Latin-1.
#ifndef MINIPY_BYTES_INTERNAL_HPP
#define MINIPY_BYTES_INTERNAL_HPP

#include "minipy/bytearrayobject.h"
#include "minipy/bytesobject.h"
#include "minipy/methodobject.h"

namespace minipy::runtime {

// A fresh bytes object of `size` bytes (contents undefined, final NUL set), never shared.
PyObject *bytes_allocate(Py_ssize_t size) noexcept;
// The shared empty object / the cached one-byte object (new references).
PyObject *bytes_get_empty() noexcept;
PyObject *bytes_char(unsigned char c) noexcept;
// b'...' for size bytes at data.
PyObject *bytes_repr_data(const char *data, Py_ssize_t size, int smartquotes) noexcept;
// bytes(iterable of ints in range(256)), from an iterator.
PyObject *bytes_from_iterator(PyObject *it) noexcept;
// Index of needle (n bytes) in hay[start:end], -1 when absent; direction > 0 finds the first
// occurrence, < 0 the last. start and end already adjusted (0 <= end, start may pass end).
Py_ssize_t bytes_find_in(const char *hay, Py_ssize_t start, Py_ssize_t end, const char *needle,
                         Py_ssize_t n, int direction) noexcept;

extern PyMethodDef bytes_methods[];

// ASCII whitespace as bytes methods see it: space, \t, \n, \r, \v, \f.
inline bool bytes_is_space(unsigned char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}
// The data of a bytes or bytearray object (minipy's stand-in for a buffer); false, with no
// exception set, for anything else.
bool bytes_like_data(PyObject *arg, const char **data, Py_ssize_t *size) noexcept;
// An int (by __index__) in range(256); ValueError "byte must be in range(0, 256)".
bool bytearray_byte_value(PyObject *arg, int *value) noexcept;
// Replaces self[lo:hi] of a bytearray with bytes[0:bytes_len]. 0 or -1.
int bytearray_setslice_linear(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, const char *bytes,
                              Py_ssize_t bytes_len) noexcept;
extern PyMethodDef bytearray_methods[];
// Fills bytearray_methods (before the type is readied). 0 or -1.
int bytearray_methods_init() noexcept;

// A bytes argument's data (bytes or bytearray); TypeError "a bytes-like object is required, not
// '...'" otherwise.
bool bytes_argument(PyObject *arg, const char **data, Py_ssize_t *size) noexcept;

// The methods of bytes_case.cpp, bytes_split.cpp and bytes_translate.cpp.
PyObject *bytes_lower(PyObject *self, PyObject *) noexcept;
PyObject *bytes_upper(PyObject *self, PyObject *) noexcept;
PyObject *bytes_capitalize(PyObject *self, PyObject *) noexcept;
PyObject *bytes_swapcase(PyObject *self, PyObject *) noexcept;
PyObject *bytes_title(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isalnum(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isalpha(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isdigit(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isspace(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isascii(PyObject *self, PyObject *) noexcept;
PyObject *bytes_islower(PyObject *self, PyObject *) noexcept;
PyObject *bytes_isupper(PyObject *self, PyObject *) noexcept;
PyObject *bytes_istitle(PyObject *self, PyObject *) noexcept;
PyObject *bytes_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_zfill(PyObject *self, PyObject *width) noexcept;
PyObject *bytes_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) noexcept;
PyObject *bytes_split(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept;
PyObject *bytes_rsplit(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) noexcept;
PyObject *bytes_strip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_lstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_rstrip(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_partition(PyObject *self, PyObject *sep) noexcept;
PyObject *bytes_rpartition(PyObject *self, PyObject *sep) noexcept;
PyObject *bytes_removeprefix(PyObject *self, PyObject *prefix) noexcept;
PyObject *bytes_removesuffix(PyObject *self, PyObject *suffix) noexcept;
PyObject *bytes_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) noexcept;
PyObject *bytes_join(PyObject *self, PyObject *iterable) noexcept;
PyObject *bytes_replace(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_maketrans(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *bytes_translate(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) noexcept;
PyObject *bytes_fromhex(PyObject *cls, PyObject *string) noexcept;
PyObject *bytes_bytes_method(PyObject *self, PyObject *) noexcept;
PyObject *bytes_getnewargs(PyObject *self, PyObject *) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_BYTES_INTERNAL_HPP
