// sys.stdin, sys.stdout and sys.stderr until the io module exists: a text stream over a C stdio
// stream with write(s), writelines, flush(), readline([size]), read(), iteration by line,
// isatty(), fileno(), readable(), writable() and the name, mode, encoding, errors, closed and
// line_buffering attributes. print() writes to them without calling write().
#ifndef MINIPY_INTERP_RUN_STREAM_OBJECT_HPP
#define MINIPY_INTERP_RUN_STREAM_OBJECT_HPP

#include "minipy/Python.h"

extern "C" PyTypeObject MinipyStream_Type;

namespace minipy::interp {

// A stream on file descriptor 0 (reading), 1 or 2 (writing) (through stdout / stderr); NULL on
// failure.
PyObject *stream_new(int fd, const char *name) noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_STREAM_OBJECT_HPP
