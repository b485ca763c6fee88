# io.StringIO and io.BytesIO (frozen from src/modules/_io_memory.py; io.py says how the
# modules fit): text and binary streams in memory.
from _io_base import _TextIOBase, _BufferedIOBase, _closed_error, _index, _check_optional_str


# What StringIO and BytesIO do alike, on `_value` (a str or bytes) and `_pos`: each class
# takes these functions as its methods, so that both keep CPython's bases (_TextIOBase,
# _BufferedIOBase) and differ only where CPython's do (messages, newlines, types).

def _yes(self):
    self._check()
    return True


def _getvalue(self):
    self._check()
    return self._value


def _tell(self):
    self._check()
    return self._pos


def _close(self):
    self._io_closed = True


def _is_closed(self):
    return self._io_closed


def _splice(self, data, pad):
    # Writes `data` at _pos, padding with `pad` when _pos is past the end.
    value = self._value
    if self._pos > len(value):
        value += pad * (self._pos - len(value))
    self._value = value[:self._pos] + data + value[self._pos + len(data):]
    self._pos += len(data)


def _take(self, end, size=-1):
    # value[_pos:end] (at most `size` items when size >= 0), empty when _pos is past it;
    # _pos moves to its end.
    if size >= 0:
        end = min(end, self._pos + size)
    value = self._value
    data = value[self._pos:end] if self._pos < end else value[:0]
    self._pos = max(self._pos, end)
    return data


def _read(self, size=-1):
    self._check()
    size = _index(size)
    return self._take(len(self._value) if size < 0 else min(len(self._value), self._pos + size))


def _seek_position(self, pos):
    self._check()
    if not isinstance(pos, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(pos).__name__)


def _truncate(self, pos, message):
    self._check()
    pos = self._pos if pos is None else _index(pos)
    if pos < 0:
        raise ValueError(message % pos)
    self._value = self._value[:pos]
    return pos


class StringIO(_TextIOBase):
    """A text stream in memory: newline '\\n' (the default) and '' keep text as written;
    None translates '\\r\\n' and '\\r' to '\\n' when written; '\\r' and '\\r\\n' write '\\n'
    as that."""
    __module__ = "_io"

    def __init__(self, initial_value="", newline="\n"):
        _check_optional_str(newline, "StringIO() argument 'newline'")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._value = ""
        self._pos = 0
        self._io_closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check(self):
        if self._io_closed:
            raise _closed_error("I/O operation on closed file")

    readable = writable = seekable = _yes
    getvalue = _getvalue
    tell = _tell
    close = _close
    closed = property(_is_closed)
    _splice = _splice
    _take = _take
    read = _read

    def write(self, text):
        self._check()
        if not isinstance(text, str):
            raise TypeError("string argument expected, got '%s'" % type(text).__name__)
        length = len(text)
        if self._newline is None:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline in ("\r", "\r\n"):
            text = text.replace("\n", self._newline)
        self._splice(text, "\0")
        return length

    def readline(self, size=-1):
        self._check()
        size = _index(size)
        value = self._value
        if self._newline == "":
            lf = value.find("\n", self._pos)
            cr = value.find("\r", self._pos)
            if cr >= 0 and (lf < 0 or cr < lf):
                end = cr + 2 if value[cr + 1:cr + 2] == "\n" else cr + 1
            else:
                end = len(value) if lf < 0 else lf + 1
        else:
            terminator = "\n" if self._newline is None else self._newline
            found = value.find(terminator, self._pos)
            end = len(value) if found < 0 else found + len(terminator)
        return self._take(end, size)

    def seek(self, pos, whence=0):
        _seek_position(self, pos)
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
        elif whence in (1, 2):
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            pos = self._pos if whence == 1 else len(self._value)
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        return _truncate(self, pos, "Negative size value %d")

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None


class BytesIO(_BufferedIOBase):
    """A binary stream in memory."""
    __module__ = "_io"

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        if not isinstance(initial_bytes, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(initial_bytes).__name__)
        self._value = bytes(initial_bytes)
        self._pos = 0
        self._io_closed = False

    def _check(self):
        if self._io_closed:
            raise _closed_error()

    readable = writable = seekable = _yes
    getvalue = _getvalue
    tell = _tell
    close = _close
    closed = property(_is_closed)
    _splice = _splice
    _take = _take
    read = read1 = _read

    def write(self, data):
        self._check()
        if not isinstance(data, bytes):
            if not isinstance(data, bytearray):
                raise TypeError("a bytes-like object is required, not '%s'"
                                % type(data).__name__)
            data = bytes(data)
        self._splice(data, b"\0")
        return len(data)

    def readline(self, size=-1):
        self._check()
        size = _index(size)
        found = self._value.find(b"\n", self._pos)
        end = len(self._value) if found < 0 else found + 1
        return self._take(end, size)

    def seek(self, pos, whence=0):
        _seek_position(self, pos)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._value) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        return _truncate(self, pos, "negative size value %d")
