# io.BufferedReader, BufferedWriter and BufferedRandom (frozen from
# src/modules/_io_buffered.py; io.py says how the modules fit): a buffer over a raw file.
import _io
from _io_base import UnsupportedOperation, _BufferedIOBase, _closed_error, _index, \
    _delegate, _Detached, _writable_buffer, _fill

DEFAULT_BUFFER_SIZE = _io.DEFAULT_BUFFER_SIZE

# What seek() passes to the raw file: SEEK_SET, SEEK_CUR, SEEK_END and, where the system has
# them, SEEK_DATA and SEEK_HOLE, as CPython's.
_WHENCES = (0, 1, 2) + tuple(getattr(_io, name) for name in ("_SEEK_DATA", "_SEEK_HOLE")
                             if hasattr(_io, name))

_detached_raw = _Detached("raw stream has been detached")


class _Buffered(_BufferedIOBase):
    """The buffer over a raw file: read-ahead in `_rbuf` (from `_rpos` on) and pending writes
    in `_wbuf`; a write after reading first moves the raw position back to the logical one."""
    __module__ = "_io"

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self._raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._rpos = 0
        self._wbuf = []
        self._wlen = 0

    @property
    def raw(self):
        raw = self._raw
        return None if raw is _detached_raw else raw

    @property
    def closed(self):
        return self._raw.closed

    @property
    def name(self):
        return self._raw.name

    @property
    def mode(self):
        return self._raw.mode

    def __repr__(self):
        try:
            name = self.name
        except (AttributeError, ValueError):
            return "<_io.%s>" % type(self).__name__
        return "<_io.%s name=%r>" % (type(self).__name__, name)

    fileno = _delegate("_raw", "fileno")
    isatty = _delegate("_raw", "isatty")
    seekable = _delegate("_raw", "seekable")

    # CPython's BufferedWriter has no reading methods and BufferedReader none for writing:
    # theirs are _BufferedIOBase's and IOBase's, which refuse (or answer False) before
    # looking at the file, closed or detached.
    def readable(self):
        return self._is_reader and self._raw.readable()

    def writable(self):
        return self._is_writer and self._raw.writable()

    # Reading.
    def _drop_read_ahead(self):
        unread = len(self._rbuf) - self._rpos
        self._rbuf = b""
        self._rpos = 0
        if unread:
            self._raw.seek(-unread, 1)

    def read(self, size=-1):
        if not self._is_reader:
            raise UnsupportedOperation("read")
        size = _index(size, "argument should be integer or None, not '%s'")
        self._check_closed("read of closed file")
        self._flush_writes()
        if size < -1:
            raise ValueError("read length must be non-negative or -1")
        rest = self._rbuf[self._rpos:]
        if size < 0:
            self._rbuf = b""
            self._rpos = 0
            return rest + self._raw.readall()
        if len(rest) >= size:
            self._rpos += size
            return rest[:size]
        parts = [rest]
        have = len(rest)
        self._rbuf = b""
        self._rpos = 0
        while have < size:
            chunk = self._raw.read(max(self.buffer_size, size - have))
            if not chunk:
                break
            parts.append(chunk)
            have += len(chunk)
        data = b"".join(parts)
        if len(data) > size:
            self._rbuf = data
            self._rpos = size
            return data[:size]
        return data

    def readinto(self, buffer):
        _writable_buffer(buffer, "readinto")
        if self._is_reader:
            self._check_closed("readinto of closed file")
        return _fill(buffer, self.read(len(buffer)))

    def readinto1(self, buffer):
        _writable_buffer(buffer, "readinto1")
        if self._is_reader:
            self._check_closed("readinto of closed file")
        return _fill(buffer, self.read1(len(buffer)))

    def read1(self, size=-1):
        if not self._is_reader:
            raise UnsupportedOperation("read1")
        size = _index(size)
        self._check_closed("read of closed file")
        self._flush_writes()
        if self._rpos >= len(self._rbuf):
            self._rbuf = self._raw.read(self.buffer_size if size < 0 else max(size,
                                                                             self.buffer_size))
            self._rpos = 0
        end = len(self._rbuf) if size < 0 else min(len(self._rbuf), self._rpos + size)
        data = self._rbuf[self._rpos:end]
        self._rpos = end
        return data

    def readline(self, size=-1):
        if size == -1:
            # The common case first: a whole line in the read-ahead (empty once closed).
            buf = self._rbuf
            start = self._rpos
            end = buf.find(b"\n", start)
            if end >= 0:
                self._rpos = end + 1
                return buf[start:end + 1]
        size = _index(size)
        if not self._is_reader:
            raise UnsupportedOperation("read")  # IOBase.readline's call of read()
        self._check_closed("readline of closed file")
        self._flush_writes()
        parts = []
        have = 0
        while True:
            buf = self._rbuf
            start = self._rpos
            end = buf.find(b"\n", start)
            end = len(buf) if end < 0 else end + 1
            if size >= 0 and have + end - start > size:
                end = start + size - have
            parts.append(buf[start:end])
            have += end - start
            self._rpos = end
            if (end > start and buf[end - 1:end] == b"\n") or have == size:
                break
            self._rbuf = self._raw.read(self.buffer_size)
            self._rpos = 0
            if not self._rbuf:
                break
        return b"".join(parts)

    # Writing.
    def write(self, data):
        if not self._is_writer:
            raise UnsupportedOperation("write")
        if not isinstance(data, bytes):
            if not isinstance(data, bytearray):
                raise TypeError("a bytes-like object is required, not '%s'"
                                % type(data).__name__)
            data = bytes(data)  # a copy: the caller may change it before the flush
        if self._raw.closed:  # _check_closed's test, one call fewer on this hot path
            raise _closed_error("write to closed file")
        if self._rbuf:
            self._drop_read_ahead()
        self._wbuf.append(data)
        self._wlen += len(data)
        if self._wlen >= self.buffer_size:
            self._flush_writes()
        return len(data)

    def _flush_writes(self):
        if self._wbuf:
            data = b"".join(self._wbuf)
            self._wbuf = []
            self._wlen = 0
            self._raw.write(data)

    def flush(self):
        if self._is_writer:
            self._check_closed("flush of closed file")
        else:
            self._check_closed()
        self._flush_writes()

    # Positions.
    def tell(self):
        position = self._raw.tell() - (len(self._rbuf) - self._rpos) + self._wlen
        return position if position >= 0 else 0

    def seek(self, pos, whence=0):
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
        if whence not in _WHENCES:
            raise ValueError("whence value %d unsupported" % whence)
        self._check_closed("seek of closed file")
        if not -0x8000000000000000 <= pos <= 0x7FFFFFFFFFFFFFFF:
            raise ValueError("cannot fit 'int' into an offset-sized integer")
        self._flush_writes()
        if whence == 1:
            pos -= len(self._rbuf) - self._rpos
        self._rbuf = b""
        self._rpos = 0
        return self._raw.seek(pos, whence)

    def truncate(self, pos=None):
        self._check_closed("truncate of closed file")
        if not self._is_writer:
            raise UnsupportedOperation("truncate")
        self._flush_writes()
        if pos is None:
            pos = self.tell()
        if self._rbuf:
            self._drop_read_ahead()
        return self._raw.truncate(pos)

    def close(self):
        if self._raw.closed:
            return
        self._rbuf = b""
        self._rpos = 0
        try:
            if self._is_writer:
                self._flush_writes()
        finally:
            self._raw.close()

    def detach(self):
        self.flush()
        raw = self._raw
        self._raw = _detached_raw
        return raw


def _peek(self, size=0):
    self._check_closed("peek of closed file")
    if self._rpos >= len(self._rbuf):
        self._flush_writes()
        self._rbuf = self._raw.read(self.buffer_size)
        self._rpos = 0
    return self._rbuf[self._rpos:]


class BufferedReader(_Buffered):
    __module__ = "_io"
    _is_reader = True
    _is_writer = False
    peek = _peek


class BufferedWriter(_Buffered):
    __module__ = "_io"
    _is_reader = False
    _is_writer = True


class BufferedRandom(_Buffered):
    __module__ = "_io"
    _is_reader = True
    _is_writer = True
    peek = _peek
