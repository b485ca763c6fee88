// What the bytes files share. Internal to runtime/.
//   bytes_object.cpp  allocation, caches, the C API, bytes_init / bytes_fini
//   bytes_type.cpp    PyBytes_Type's slots, bytes(), the iterator
//   bytes_methods.cpp the methods in tp_methods
#ifndef MINIPY_BYTES_INTERNAL_HPP
#define MINIPY_BYTES_INTERNAL_HPP

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

}  // namespace minipy::runtime

#endif  // MINIPY_BYTES_INTERNAL_HPP
