// int.__format__, float.__format__ and str.__format__ (format_spec.cpp), for the method
// tables of their types. Internal.
#ifndef MINIPY_PROTOCOLS_FORMAT_SPEC_HPP
#define MINIPY_PROTOCOLS_FORMAT_SPEC_HPP

#include "minipy/object.h"

namespace minipy::runtime {

// METH_O: self formatted by the spec (a str; "" is str(self)).
PyObject *long_format_method(PyObject *self, PyObject *spec) noexcept;
PyObject *float_format_method(PyObject *self, PyObject *spec) noexcept;
PyObject *unicode_format_method(PyObject *self, PyObject *spec) noexcept;

}  // namespace minipy::runtime

#endif  // MINIPY_PROTOCOLS_FORMAT_SPEC_HPP
