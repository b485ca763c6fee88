# The io module's shared part (frozen from src/modules/_io_base.py; io.py says how the
# modules fit): io.UnsupportedOperation, the argument helpers and the bases _IOBase,
# _RawIOBase, _BufferedIOBase and _TextIOBase, which hold what every file object does the
# same way (closed, with, iteration by line, readlines, writelines, the refusals).


class UnsupportedOperation(OSError, ValueError):
    __module__ = "io"


def _closed_error(message="I/O operation on closed file."):
    return ValueError(message)


_SSIZE_MAX = 0x7FFFFFFFFFFFFFFF


def _index(value, what="argument should be integer or None, not '%s'"):
    # An optional size, None for -1 (CPython's _Py_convert_optional_to_ssize_t).
    if value is None:
        return -1
    if not isinstance(value, int):
        raise TypeError(what % type(value).__name__)
    if not -_SSIZE_MAX - 1 <= value <= _SSIZE_MAX:
        raise OverflowError("cannot fit 'int' into an index-sized integer")
    return value


def _as_ssize(value):
    """An argument CPython converts to a C integer (an int or an object with __index__;
    None is refused)."""
    if isinstance(value, int):
        if not -_SSIZE_MAX - 1 <= value <= _SSIZE_MAX:
            raise OverflowError("Python int too large to convert to C ssize_t")
        return value
    index = getattr(type(value), "__index__", None)
    if index is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    value = index(value)
    if not -_SSIZE_MAX - 1 <= value <= _SSIZE_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return value


# --- The bases ------------------------------------------------------------------------------

class _IOBase:
    __module__ = "_io"
    _io_closed = False

    @property
    def closed(self):
        return self._io_closed

    def _check_closed(self, message="I/O operation on closed file."):
        if self.closed:
            raise _closed_error(message)

    def close(self):
        if not self._io_closed:
            try:
                self.flush()
            finally:
                self._io_closed = True

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def flush(self):
        self._check_closed()

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._check_closed()
        return False

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        raise UnsupportedOperation("truncate")

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        hint = _index(hint)
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint < total:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


def _writable_buffer(buffer, method):
    # What readinto() can fill: a bytearray (minipy has no memoryview).
    if not isinstance(buffer, bytearray):
        raise TypeError("%s() argument must be read-write bytes-like object, not %s"
                        % (method, type(buffer).__name__))


def _fill(buffer, data):
    buffer[:len(data)] = data
    return len(data)


class _RawIOBase(_IOBase):
    """A raw file's read() and readall() made of its readinto(), as CPython's."""
    __module__ = "_io"

    def read(self, size=-1):
        size = _index(size)
        if size < 0:
            return self.readall()
        buffer = bytearray(size)
        count = self.readinto(buffer)
        if count is None:
            return None
        del buffer[count:]
        return bytes(buffer)

    def readall(self):
        parts = []
        while True:
            data = self.read(8192)
            if data is None:
                return b"".join(parts) if parts else None
            if not data:
                return b"".join(parts)
            parts.append(data)

    def readinto(self, buffer):
        raise NotImplementedError

    def write(self, data):
        raise NotImplementedError


class _BufferedIOBase(_IOBase):
    """readinto() and readinto1() made of read() and read1(), as CPython's."""
    __module__ = "_io"

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def read1(self, size=-1):
        raise UnsupportedOperation("read1")

    def write(self, data):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    def readinto(self, buffer):
        _writable_buffer(buffer, "readinto")
        return _fill(buffer, self.read(len(buffer)))

    def readinto1(self, buffer):
        _writable_buffer(buffer, "readinto1")
        return _fill(buffer, self.read1(len(buffer)))


class _TextIOBase(_IOBase):
    __module__ = "_io"

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def readline(self, size=-1):
        raise UnsupportedOperation("readline")

    def write(self, text):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    encoding = errors = newlines = property(lambda self: None)


def _delegate(attribute, name):
    """A method that calls the method `name` of the object in self.<attribute> (a buffered
    file's raw file, a text file's buffer)."""
    def method(self):
        return getattr(getattr(self, attribute), name)()
    method.__name__ = method.__qualname__ = name
    return method


class _Detached:
    """What a detached text file has for its buffer and a detached buffered file for its
    raw file: everything asked of it raises CPython's ValueError (`message`)."""

    def __init__(self, message):
        self._message = message

    def __getattr__(self, name):
        raise ValueError(self._message)


def _newline_bits(text):
    """The newline kinds in `text`: 1 '\\r', 2 '\\n', 4 '\\r\\n' (as CPython's newline decoder
    counts them)."""
    crlf = text.count("\r\n")
    bits = 4 if crlf else 0
    if text.count("\r") > crlf:
        bits |= 1
    if text.count("\n") > crlf:
        bits |= 2
    return bits


def _newline_kinds(bits):
    """A file's `newlines` for the kinds in `bits`: None, one str or a tuple of them."""
    kinds = [k for bit, k in ((1, "\r"), (2, "\n"), (4, "\r\n")) if bits & bit]
    if not kinds:
        return None
    return kinds[0] if len(kinds) == 1 else tuple(kinds)


def _check_optional_str(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError("%s must be str or None, not %s" % (what, type(value).__name__))
