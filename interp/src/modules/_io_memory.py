# io.StringIO and io.BytesIO (frozen from src/modules/_io_memory.py; io.py says how the
# modules fit): text and binary streams in memory.
#
# Writing at the end costs what the written data costs, however long the stream: StringIO
# keeps the text as a list of pieces joined when something reads the whole (`_parts`, one
# piece once joined), BytesIO keeps a bytearray it writes into in place.
from _io_base import _TextIOBase, _BufferedIOBase, _closed_error, _index, \
    _check_optional_str, _newline_bits, _newline_kinds


# What StringIO and BytesIO do alike, on `_pos` and each class's `_check`: each class takes
# these functions as its methods, so that both keep CPython's bases (_TextIOBase,
# _BufferedIOBase) and differ only where CPython's do (messages, newlines, types).

def _yes(self):
    self._check()
    return True


def _tell(self):
    self._check()
    return self._pos


def _close(self):
    self._io_closed = True


def _is_closed(self):
    return self._io_closed


def _span(self, length, end, size):
    # The stretch value[_pos:end] that a read takes (at most `size` items when size >= 0;
    # empty when _pos is at or past the end of a value of `length` items); _pos moves to its
    # end. Returns (start, end).
    start = self._pos
    if size >= 0 and end > start + size:
        end = start + size
    if end > length:
        end = length
    if start >= end:
        return start, start
    self._pos = end
    return start, end


def _seek_position(self, pos):
    self._check()
    if not isinstance(pos, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(pos).__name__)


def _truncate_position(self, pos, message):
    self._check()
    pos = self._pos if pos is None else _index(pos)
    if pos < 0:
        raise ValueError(message % pos)
    return pos


class StringIO(_TextIOBase):
    """A text stream in memory: newline '\\n' (the default) and '' keep text as written;
    None translates '\\r\\n' and '\\r' to '\\n' when written; '\\r' and '\\r\\n' write '\\n'
    as that."""
    __module__ = "_io"

    def __init__(self, initial_value="", newline="\n"):
        _check_optional_str(newline, "newline")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._seen = 0  # newline kinds written, with newline None or '': 1 '\r', 2 '\n', 4 '\r\n'
        self._parts = [""]
        self._size = 0
        self._pos = 0
        self._io_closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check(self):
        if self._io_closed:
            raise _closed_error("I/O operation on closed file")

    def _text(self):
        """The whole value as one str (joining the pieces written since the last call)."""
        parts = self._parts
        if len(parts) > 1:
            parts[:] = ["".join(parts)]
        return parts[0]

    readable = writable = seekable = _yes
    tell = _tell
    close = _close
    closed = property(_is_closed)

    def getvalue(self):
        self._check()
        return self._text()

    def write(self, text):
        self._check()
        if not isinstance(text, str):
            raise TypeError("string argument expected, got '%s'" % type(text).__name__)
        length = len(text)
        if not length:
            return 0
        if self._newline is None or self._newline == "":
            # Counted on each write's text, as CPython's newline decoder (final each time).
            self._seen |= _newline_bits(text)
        if self._newline is None:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline in ("\r", "\r\n"):
            text = text.replace("\n", self._newline)
        pos = self._pos
        size = self._size
        if pos >= size:
            if pos > size:
                self._parts.append("\0" * (pos - size))
            self._parts.append(text)
            self._size = pos + len(text)
        else:
            value = self._text()
            value = value[:pos] + text + value[pos + len(text):]
            self._parts[:] = [value]
            self._size = len(value)
        self._pos = pos + len(text)
        return length

    def read(self, size=-1):
        self._check()
        size = _index(size)
        value = self._text()
        start, end = _span(self, len(value), len(value), size)
        return value[start:end]

    def readline(self, size=-1):
        self._check()
        size = _index(size)
        value = self._text()
        if self._newline == "":
            lf = value.find("\n", self._pos)
            cr = value.find("\r", self._pos, len(value) if lf < 0 else lf)
            if cr >= 0:
                end = cr + 2 if value[cr + 1:cr + 2] == "\n" else cr + 1
            else:
                end = len(value) if lf < 0 else lf + 1
        else:
            terminator = "\n" if self._newline is None else self._newline
            found = value.find(terminator, self._pos)
            end = len(value) if found < 0 else found + len(terminator)
        start, end = _span(self, len(value), end, size)
        return value[start:end]

    def seek(self, pos, whence=0):
        _seek_position(self, pos)
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
        elif whence in (1, 2):
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            pos = self._pos if whence == 1 else self._size
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        pos = _truncate_position(self, pos, "Negative size value %d")
        if pos < self._size:
            self._parts[:] = [self._text()[:pos]]
            self._size = pos
        return pos

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        self._check()
        return _newline_kinds(self._seen)


class BytesIO(_BufferedIOBase):
    """A binary stream in memory."""
    __module__ = "_io"

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        if not isinstance(initial_bytes, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(initial_bytes).__name__)
        self._buf = bytearray(initial_bytes)
        self._pos = 0
        self._io_closed = False

    def _check(self):
        if self._io_closed:
            raise _closed_error()

    readable = writable = seekable = _yes
    tell = _tell
    close = _close
    closed = property(_is_closed)

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def write(self, data):
        self._check()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        length = len(data)
        if not length:
            return 0
        buf = self._buf
        pos = self._pos
        if pos >= len(buf):
            if pos > len(buf):
                buf += bytes(pos - len(buf))
            buf += data
        else:
            buf[pos:pos + length] = data
        self._pos = pos + length
        return length

    def read(self, size=-1):
        self._check()
        size = _index(size)
        buf = self._buf
        start, end = _span(self, len(buf), len(buf), size)
        return bytes(buf[start:end])

    read1 = read

    def readline(self, size=-1):
        self._check()
        size = _index(size)
        buf = self._buf
        found = buf.find(b"\n", self._pos)
        start, end = _span(self, len(buf), len(buf) if found < 0 else found + 1, size)
        return bytes(buf[start:end])

    def readlines(self, hint=None):
        # BytesIO's own, as CPython's: it stops once the lines reach `hint` bytes (the
        # other classes' once they pass it), and says another TypeError, after the closed
        # check.
        self._check()
        if hint is None:
            hint = -1
        elif not isinstance(hint, int):
            raise TypeError("integer argument expected, got '%s'" % type(hint).__name__)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                return lines

    def seek(self, pos, whence=0):
        _seek_position(self, pos)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        pos = _truncate_position(self, pos, "negative size value %d")
        del self._buf[pos:]
        return pos
