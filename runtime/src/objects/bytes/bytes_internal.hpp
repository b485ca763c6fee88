// What the bytes files share. Internal to runtime/.
//   bytes_object.cpp  allocation, caches, the C API, bytes_init / bytes_fini
//   bytes_type.cpp    PyBytes_Type's slots, bytes(), the iterator, the methods
#ifndef MINIPY_BYTES_INTERNAL_HPP
#define MINIPY_BYTES_INTERNAL_HPP

#include "minipy/bytesobject.h"

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

}  // namespace minipy::runtime

#endif  // MINIPY_BYTES_INTERNAL_HPP
