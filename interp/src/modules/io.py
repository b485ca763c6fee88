# The io module and builtins.open, as CPython 3.11's (Lib/io.py over Modules/_io): FileIO
# (a file descriptor), BufferedReader / BufferedWriter / BufferedRandom (a buffer over it),
# TextIOWrapper (encoding, decoding and newlines over a buffer), StringIO and BytesIO. The
# classes are minipy's own Python; their system calls and the incremental UTF-8 step are the
# built-in `_io` module's (src/modules/io/fd_calls.cpp). Every class is named as CPython's
# (`_io.TextIOWrapper`, ...) and is added to `_io` too. Messages, attribute values and reprs
# follow CPython's: the checks run in CPython's order, so that the first error a call meets
# is the one CPython reports.
#
# Text reading keeps the decoded text *untranslated* (`_decoded`, read up to `_decoded_pos`)
# and applies the newline mode as lines and characters are taken out of it, so that tell()
# can map the position back to bytes: the bytes not yet handed out are the encoded rest of
# `_decoded` plus the undecoded tail of a UTF-8 sequence (`_pending`).
import _io
import builtins as _builtins

DEFAULT_BUFFER_SIZE = _io.DEFAULT_BUFFER_SIZE
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

__all__ = ["BlockingIOError", "open", "IOBase", "RawIOBase", "FileIO", "BytesIO",
           "StringIO", "BufferedIOBase", "BufferedReader", "BufferedWriter",
           "BufferedRWPair", "BufferedRandom", "TextIOBase", "TextIOWrapper",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "DEFAULT_BUFFER_SIZE", "text_encoding", "IncrementalNewlineDecoder"]


class UnsupportedOperation(OSError, ValueError):
    pass


def _closed_error(message="I/O operation on closed file."):
    return ValueError(message)


def _index(value, what="argument should be integer or None, not '%s'"):
    if value is None:
        return -1
    if not isinstance(value, int):
        raise TypeError(what % type(value).__name__)
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
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


class _RawIOBase(_IOBase):
    __module__ = "_io"


class _BufferedIOBase(_IOBase):
    __module__ = "_io"

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def write(self, data):
        raise UnsupportedOperation("write")


class _TextIOBase(_IOBase):
    __module__ = "_io"


# --- FileIO ---------------------------------------------------------------------------------

def _fileio_flags(mode):
    """(flags, readable, writable, created, appending) for a FileIO mode, or ValueError."""
    if not isinstance(mode, str):
        raise TypeError("FileIO() argument 'mode' must be str, not %s" % type(mode).__name__)
    rwa = False
    plus = False
    readable = writable = created = appending = False
    flags = 0
    for c in mode:
        if c in "xrwa":
            if rwa:
                raise ValueError("Must have exactly one of create/read/write/append mode and "
                                 "at most one plus")
            rwa = True
            if c == "x":
                created = writable = True
                flags |= _io._O_EXCL | _io._O_CREAT
            elif c == "r":
                readable = True
            elif c == "w":
                writable = True
                flags |= _io._O_CREAT | _io._O_TRUNC
            else:
                writable = appending = True
                flags |= _io._O_APPEND | _io._O_CREAT
        elif c == "b":
            pass
        elif c == "+":
            if plus:
                raise ValueError("Must have exactly one of create/read/write/append mode and "
                                 "at most one plus")
            readable = writable = plus = True
        else:
            raise ValueError("invalid mode: %s" % mode)
    if not rwa:
        raise ValueError("Must have exactly one of create/read/write/append mode and at most "
                         "one plus")
    if readable and writable:
        flags |= _io._O_RDWR
    elif readable:
        flags |= _io._O_RDONLY
    else:
        flags |= _io._O_WRONLY
    return flags, readable, writable, created, appending


class FileIO(_RawIOBase):
    __module__ = "_io"
    _fd = -1

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        flags, self._readable, self._writable, self._created, self._appending = \
            _fileio_flags(mode)
        if isinstance(file, int):
            if file < 0:
                raise ValueError("negative file descriptor")
            fd = file
        else:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            if opener is not None:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError("expected integer from opener")
                if fd < 0:
                    raise ValueError("opener returned %d" % fd)
            else:
                fd = _io._open(file, flags, 0o666)
        self._fd = fd
        self._closefd = bool(closefd)
        self.name = file
        self._blksize = DEFAULT_BUFFER_SIZE
        try:
            regular, blksize, size = _io._fstat(fd)
            if blksize > 1:
                self._blksize = blksize
            if self._appending:
                _io._lseek(fd, 0, 2)
        except BaseException:
            if self._closefd and not isinstance(file, int):
                _io._close(fd)
            self._fd = -1
            raise

    @property
    def closed(self):
        return self._fd < 0

    @property
    def closefd(self):
        return self._closefd

    @property
    def mode(self):
        if self._created:
            return "xb+" if self._readable else "xb"
        if self._appending:
            return "ab+" if self._readable else "ab"
        if self._readable:
            return "rb+" if self._writable else "rb"
        return "wb"

    def __repr__(self):
        if self._fd < 0:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=%r>" % (self.name, self.mode, self._closefd)

    def _checked_fd(self):
        if self._fd < 0:
            raise _closed_error("I/O operation on closed file")
        return self._fd

    def fileno(self):
        return self._checked_fd()

    def readable(self):
        self._checked_fd()
        return self._readable

    def writable(self):
        self._checked_fd()
        return self._writable

    def seekable(self):
        fd = self._checked_fd()
        try:
            _io._lseek(fd, 0, 1)
        except OSError:
            return False
        return True

    def isatty(self):
        return _io._isatty(self._checked_fd())

    def read(self, size=-1):
        fd = self._checked_fd()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        return _io._read(fd, _index(size))

    def readall(self):
        fd = self._checked_fd()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        return _io._read(fd, -1)

    def readline(self, size=-1):
        size = _index(size)
        out = []
        while size < 0 or len(out) < size:
            b = self.read(1)
            if not b:
                break
            out.append(b)
            if b == b"\n":
                break
        return b"".join(out)

    def write(self, data):
        fd = self._checked_fd()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        return _io._write(fd, data)

    def seek(self, pos, whence=0):
        fd = self._checked_fd()
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        return _io._lseek(fd, pos, whence)

    def tell(self):
        return _io._lseek(self._checked_fd(), 0, 1)

    def truncate(self, size=None):
        fd = self._checked_fd()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if size is None:
            size = self.tell()
        _io._ftruncate(fd, size)
        return size

    def close(self):
        if self._fd < 0:
            return
        fd = self._fd
        self._fd = -1
        if self._closefd:
            _io._close(fd)


# --- The buffered classes -------------------------------------------------------------------

class _Buffered(_BufferedIOBase):
    """The buffer over a raw file: read-ahead in `_rbuf` (from `_rpos` on) and pending writes
    in `_wbuf`; a write after reading first moves the raw position back to the logical one."""
    __module__ = "_io"

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._rpos = 0
        self._wbuf = []
        self._wlen = 0

    @property
    def closed(self):
        return self.raw.closed

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    def __repr__(self):
        try:
            name = self.name
        except AttributeError:
            return "<_io.%s>" % type(self).__name__
        return "<_io.%s name=%r>" % (type(self).__name__, name)

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    # Reading.
    def _drop_read_ahead(self):
        unread = len(self._rbuf) - self._rpos
        self._rbuf = b""
        self._rpos = 0
        if unread:
            self.raw.seek(-unread, 1)

    def read(self, size=-1):
        size = _index(size, "argument should be integer or None, not '%s'")
        self._check_closed("read of closed file")
        if not self._is_reader:
            raise UnsupportedOperation("read")
        self._flush_writes()
        if size < -1:
            raise ValueError("read length must be non-negative or -1")
        rest = self._rbuf[self._rpos:]
        if size < 0:
            self._rbuf = b""
            self._rpos = 0
            return rest + self.raw.readall()
        if len(rest) >= size:
            self._rpos += size
            return rest[:size]
        parts = [rest]
        have = len(rest)
        self._rbuf = b""
        self._rpos = 0
        while have < size:
            chunk = self.raw.read(max(self.buffer_size, size - have))
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

    def read1(self, size=-1):
        size = _index(size)
        self._check_closed("read of closed file")
        if not self._is_reader:
            raise UnsupportedOperation("read1")
        self._flush_writes()
        if self._rpos >= len(self._rbuf):
            self._rbuf = self.raw.read(self.buffer_size if size < 0 else max(size,
                                                                             self.buffer_size))
            self._rpos = 0
        end = len(self._rbuf) if size < 0 else min(len(self._rbuf), self._rpos + size)
        data = self._rbuf[self._rpos:end]
        self._rpos = end
        return data

    def peek(self, size=0):
        self._check_closed("peek of closed file")
        if self._rpos >= len(self._rbuf):
            self._flush_writes()
            self._rbuf = self.raw.read(self.buffer_size)
            self._rpos = 0
        return self._rbuf[self._rpos:]

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
        self._check_closed("readline of closed file")
        if not self._is_reader:
            raise UnsupportedOperation("readline")
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
            self._rbuf = self.raw.read(self.buffer_size)
            self._rpos = 0
            if not self._rbuf:
                break
        return b"".join(parts)

    # Writing.
    def write(self, data):
        self._check_closed("write to closed file")
        if not self._is_writer:
            raise UnsupportedOperation("write")
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
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
            self.raw.write(data)

    def flush(self):
        if self._is_writer:
            self._check_closed("flush of closed file")
        else:
            self._check_closed()
        self._flush_writes()

    # Positions.
    def tell(self):
        position = self.raw.tell() - (len(self._rbuf) - self._rpos) + self._wlen
        return position if position >= 0 else 0

    def seek(self, pos, whence=0):
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        self._check_closed("seek of closed file")
        self._flush_writes()
        if whence == 1:
            pos -= len(self._rbuf) - self._rpos
        self._rbuf = b""
        self._rpos = 0
        return self.raw.seek(pos, whence)

    def truncate(self, pos=None):
        self._check_closed("truncate of closed file")
        if not self._is_writer:
            raise UnsupportedOperation("truncate")
        self._flush_writes()
        if pos is None:
            pos = self.tell()
        if self._rbuf:
            self._drop_read_ahead()
        return self.raw.truncate(pos)

    def close(self):
        if self.raw.closed:
            return
        self._rbuf = b""
        self._rpos = 0
        try:
            if self._is_writer:
                self._flush_writes()
        finally:
            self.raw.close()

    def detach(self):
        self.flush()
        raw = self.raw
        self.raw = None
        return raw


class BufferedReader(_Buffered):
    __module__ = "_io"
    _is_reader = True
    _is_writer = False


class BufferedWriter(_Buffered):
    __module__ = "_io"
    _is_reader = False
    _is_writer = True


class BufferedRandom(_Buffered):
    __module__ = "_io"
    _is_reader = True
    _is_writer = True


# --- Text -----------------------------------------------------------------------------------

_ENCODINGS = {
    "utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8", "cp65001": "utf-8",
    "ascii": "ascii", "us-ascii": "ascii", "646": "ascii",
    "latin-1": "latin-1", "latin1": "latin-1", "latin": "latin-1", "l1": "latin-1",
    "iso-8859-1": "latin-1", "iso8859-1": "latin-1", "8859": "latin-1", "cp819": "latin-1",
    "iso-ir-100": "latin-1",
}


def _codec_name(encoding):
    name = _ENCODINGS.get(encoding.lower().replace("_", "-").replace(" ", "-"))
    if name is None:
        raise LookupError("unknown encoding: %s" % encoding)
    return name


def _check_optional_str(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError("%s must be str or None, not %s" % (what, type(value).__name__))


_TEXT_CHUNK_SIZE = 8192  # what each read asks of the buffer, as CPython's _CHUNK_SIZE


class TextIOWrapper(_TextIOBase):
    __module__ = "_io"

    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False,
                 write_through=False):
        _check_optional_str(encoding, "TextIOWrapper() argument 'encoding'")
        _check_optional_str(errors, "TextIOWrapper() argument 'errors'")
        _check_optional_str(newline, "TextIOWrapper() argument 'newline'")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % newline)
        if encoding is None:
            encoding = "utf-8"
        self._codec = _codec_name(encoding)
        self.buffer = buffer
        self._encoding = encoding
        self._errors = "strict" if errors is None else errors
        self._newline = newline
        self._line_buffering = bool(line_buffering)
        self._write_through = bool(write_through)
        self._decoded = ""
        self._decoded_pos = 0
        self._pending = b""
        self._at_eof = False
        self._seen = 0  # newline kinds met when reading: 1 '\r', 2 '\n', 4 '\r\n'
        # Asked once, as CPython decides at creation whether there is a decoder and an
        # encoder.
        self._can_read = buffer.readable()
        self._can_write = buffer.writable()

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def closed(self):
        return self.buffer.closed

    @property
    def name(self):
        return self.buffer.name

    @property
    def newlines(self):
        kinds = [k for bit, k in ((1, "\r"), (2, "\n"), (4, "\r\n")) if self._seen & bit]
        if not kinds:
            return None
        return kinds[0] if len(kinds) == 1 else tuple(kinds)

    def __repr__(self):
        parts = ["<_io.TextIOWrapper"]
        try:
            parts.append(" name=%r" % (self.name,))
        except AttributeError:
            pass
        if "mode" in self.__dict__:
            parts.append(" mode=%r" % (self.mode,))
        parts.append(" encoding=%r>" % (self._encoding,))
        return "".join(parts)

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def flush(self):
        self.buffer.flush()

    def close(self):
        if self.buffer.closed:
            return
        try:
            self.flush()
        finally:
            self.buffer.close()

    def detach(self):
        self.flush()
        buffer = self.buffer
        self.buffer = None
        return buffer

    # Decoding.
    def _decode(self, data, final):
        if self._codec == "utf-8":
            text, used = _io._utf8_decode(self._pending + data, self._errors, final)
            self._pending = (self._pending + data)[used:]
            return text
        return data.decode(self._codec, self._errors)

    def _note_newlines(self, text):
        # Counted on the text handed out (CPython's decoder counts what it decodes: the same
        # once the text is read).
        crlf = text.count("\r\n")
        if crlf:
            self._seen |= 4
        if text.count("\r") > crlf:
            self._seen |= 1
        if text.count("\n") > crlf:
            self._seen |= 2

    def _read_chunk(self):
        """Decodes one more chunk into `_decoded`; False at the end of the file."""
        data = self.buffer.read1(_TEXT_CHUNK_SIZE)
        final = not data
        text = self._decode(data, final)
        self._at_eof = final
        if text:
            if self._decoded_pos:
                self._decoded = self._decoded[self._decoded_pos:]
                self._decoded_pos = 0
            self._decoded += text
        return not final or bool(text)

    def _check_readable(self):
        if self.buffer.closed:
            raise _closed_error()
        if not self._can_read:
            raise UnsupportedOperation("not readable")
        if self._can_write:
            self.buffer.flush()

    def _universal(self):
        return self._newline is None or self._newline == ""

    def _take(self, end, translate):
        text = self._decoded[self._decoded_pos:end]
        self._decoded_pos = end
        if self._universal():
            self._note_newlines(text)
        if translate and self._newline is None and "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def read(self, size=-1):
        self._check_closed()
        size = _index(size)
        self._check_readable()
        if size < 0:
            text = self._decode(self.buffer.read(), True)
            self._at_eof = True
            self._decoded = self._decoded[self._decoded_pos:] + text
            self._decoded_pos = 0
            return self._take(len(self._decoded), True)
        # Enough characters that a '\r' at the end can be told from a '\r\n'.
        while True:
            available = len(self._decoded) - self._decoded_pos
            if available > size or self._at_eof:
                break
            if not self._read_chunk():
                break
        if self._newline is not None:
            return self._take(min(len(self._decoded), self._decoded_pos + size), False)
        out = []
        count = 0
        while count < size:
            self._fill(2)
            pos = self._decoded_pos
            if pos >= len(self._decoded):
                break
            stop = min(len(self._decoded), pos + size - count)
            cr = self._decoded.find("\r", pos, stop)
            if cr < 0:
                self._note_newlines(self._decoded[pos:stop])
                out.append(self._decoded[pos:stop])
                count += stop - pos
                self._decoded_pos = stop
                continue
            self._note_newlines(self._decoded[pos:cr])
            out.append(self._decoded[pos:cr])
            out.append("\n")
            count += cr - pos + 1
            self._decoded_pos = cr + 1
            self._fill(1)
            if self._decoded[self._decoded_pos:self._decoded_pos + 1] == "\n":
                self._decoded_pos += 1
                self._seen |= 4
            else:
                self._seen |= 1
        return "".join(out)

    def _fill(self, count):
        while len(self._decoded) - self._decoded_pos < count and self._read_chunk():
            pass

    def _line_end(self, start, size):
        """The end of the line starting at `start` within `_decoded`, or -1 when more text
        is needed to tell."""
        text = self._decoded
        if self._universal():
            lf = text.find("\n", start)
            # A '\r' counts only before the first '\n' (searching further would rescan the
            # whole chunk for every line).
            cr = text.find("\r", start, len(text) if lf < 0 else lf)
            if cr < 0:
                return -1 if lf < 0 else lf + 1
            if cr + 1 < len(text):
                return cr + 2 if text[cr + 1] == "\n" else cr + 1
            return -1 if not self._at_eof else cr + 1
        terminator = self._newline
        found = text.find(terminator, start)
        return -1 if found < 0 else found + len(terminator)

    def readline(self, size=-1):
        if size != -1:
            size = _index(size)
        self._check_readable()
        # The common case first: a whole line ending in '\n' is in the decoded text.
        text = self._decoded
        start = self._decoded_pos
        if self._newline is None or self._newline == "" or self._newline == "\n":
            lf = text.find("\n", start)
            if lf >= 0 and (size < 0 or lf - start < size) and (
                    self._newline == "\n" or text.find("\r", start, lf) < 0):
                self._decoded_pos = lf + 1
                if self._newline != "\n":
                    self._seen |= 2
                return text[start:lf + 1]
        while True:
            start = self._decoded_pos
            end = self._line_end(start, size)
            if end >= 0:
                break
            if size >= 0 and len(self._decoded) - start >= size:
                end = start + size
                break
            if not self._read_chunk():
                end = len(self._decoded)
                break
        if size >= 0 and end - self._decoded_pos > size:
            end = self._decoded_pos + size
        return self._take(end, True)

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # Writing.
    def write(self, text):
        self._check_closed()
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if not self._can_write:
            raise UnsupportedOperation("not writable")
        length = len(text)
        has_newline = "\n" in text or "\r" in text
        if self._newline is not None and self._newline not in ("", "\n") and "\n" in text:
            text = text.replace("\n", self._newline)
        if self._decoded or self._pending:
            # CPython drops the text read ahead without moving back: the write lands where
            # the buffer is, after the chunk the reads decoded.
            self._reset_decoder()
        data = text.encode(self._codec, self._errors)
        self.buffer.write(data)
        if self._line_buffering and has_newline:
            self.buffer.flush()
        return length

    def _reset_decoder(self):
        self._decoded = ""
        self._decoded_pos = 0
        self._pending = b""
        self._at_eof = False

    # Positions.
    def tell(self):
        self._check_closed()
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        self.buffer.flush()
        position = self.buffer.tell()
        rest = self._decoded[self._decoded_pos:]
        if rest:
            position -= len(rest.encode(self._codec, self._encode_errors()))
        return position - len(self._pending)

    def _encode_errors(self):
        return "surrogateescape" if self._errors == "surrogateescape" else "replace"

    def seek(self, cookie, whence=0):
        self._check_closed()
        if not isinstance(cookie, int):
            raise TypeError("an integer is required")
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        elif whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            self._reset_decoder()
            return self.buffer.seek(0, 2)
        elif whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if cookie < 0:
            raise ValueError("negative seek position %d" % cookie)
        self.flush()
        self._reset_decoder()
        self.buffer.seek(cookie)
        return cookie

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        self._reset_decoder()
        return self.buffer.truncate(pos)


# --- In memory ------------------------------------------------------------------------------

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
        self._chars = []
        self._value = ""
        self._pos = 0
        self._io_closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check(self):
        if self._io_closed:
            raise _closed_error()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return self._value

    def write(self, text):
        self._check()
        if not isinstance(text, str):
            raise TypeError("string argument expected, got '%s'" % type(text).__name__)
        length = len(text)
        if self._newline is None:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline in ("\r", "\r\n"):
            text = text.replace("\n", self._newline)
        value = self._value
        if self._pos > len(value):
            value += "\0" * (self._pos - len(value))
        self._value = value[:self._pos] + text + value[self._pos + len(text):]
        self._pos += len(text)
        return length

    def read(self, size=-1):
        self._check()
        size = _index(size)
        end = len(self._value) if size < 0 else min(len(self._value), self._pos + size)
        text = self._value[self._pos:end] if self._pos < end else ""
        self._pos = max(self._pos, end)
        return text

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
        if size >= 0:
            end = min(end, self._pos + size)
        text = value[self._pos:end] if self._pos < end else ""
        self._pos = max(self._pos, end)
        return text

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            pos = self._pos
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            pos = len(self._value)
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        self._pos = pos
        return pos

    def truncate(self, pos=None):
        self._check()
        if pos is None:
            pos = self._pos
        if pos < 0:
            raise ValueError("Negative size value %d" % pos)
        self._value = self._value[:pos]
        return pos

    def close(self):
        self._io_closed = True

    @property
    def closed(self):
        return self._io_closed

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
        if not isinstance(initial_bytes, bytes):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(initial_bytes).__name__)
        self._value = initial_bytes
        self._pos = 0
        self._io_closed = False

    def _check(self):
        if self._io_closed:
            raise _closed_error()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return self._value

    def write(self, data):
        self._check()
        if not isinstance(data, bytes):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        value = self._value
        if self._pos > len(value):
            value += b"\0" * (self._pos - len(value))
        self._value = value[:self._pos] + data + value[self._pos + len(data):]
        self._pos += len(data)
        return len(data)

    def read(self, size=-1):
        self._check()
        size = _index(size)
        end = len(self._value) if size < 0 else min(len(self._value), self._pos + size)
        data = self._value[self._pos:end] if self._pos < end else b""
        self._pos = max(self._pos, end)
        return data

    read1 = read

    def readline(self, size=-1):
        self._check()
        size = _index(size)
        found = self._value.find(b"\n", self._pos)
        end = len(self._value) if found < 0 else found + 1
        if size >= 0:
            end = min(end, self._pos + size)
        data = self._value[self._pos:end] if self._pos < end else b""
        self._pos = max(self._pos, end)
        return data

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
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
        self._check()
        if pos is None:
            pos = self._pos
        if pos < 0:
            raise ValueError("negative size value %d" % pos)
        self._value = self._value[:pos]
        return pos

    def close(self):
        self._io_closed = True

    @property
    def closed(self):
        return self._io_closed


# --- open -----------------------------------------------------------------------------------

def _check_open_arg(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError("open() argument '%s' must be str or None, not %s"
                        % (what, type(value).__name__))


def _as_int(value):
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    return value


def _open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None):
    """Open file and return a stream.  Raise OSError upon failure."""
    if not isinstance(file, (str, bytes, int)):
        fspath = getattr(type(file), "__fspath__", None)
        if fspath is None:
            raise TypeError("expected str, bytes or os.PathLike object, not %s"
                            % type(file).__name__)
        file = fspath(file)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    buffering = _as_int(buffering)
    _check_open_arg(encoding, "encoding")
    _check_open_arg(errors, "errors")
    _check_open_arg(newline, "newline")
    closefd = _as_int(closefd)
    seen = ""
    for c in mode:
        if c not in "rwxabt+" or c in seen:
            raise ValueError("invalid mode: %r" % (mode,))
        seen += c
    creating = "x" in mode
    reading = "r" in mode
    writing = "w" in mode
    appending = "a" in mode
    updating = "+" in mode
    text = "t" in mode
    binary = "b" in mode
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    rawmode = ("x" if creating else "") + ("r" if reading else "") + \
        ("w" if writing else "") + ("a" if appending else "") + ("+" if updating else "")
    raw = FileIO(file, rawmode, closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or (buffering < 0 and raw.isatty()):
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = raw._blksize
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        wrapper = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = wrapper
        wrapper.mode = mode
        return result
    except BaseException:
        result.close()
        raise


# io.open is builtins.open, a built-in function that calls _open (open_builtin.cpp).
open = _builtins.open


def open_code(path):
    return open(path, "rb")


def text_encoding(encoding, stacklevel=2):
    return "utf-8" if encoding is None else encoding


# The names CPython's io module gives its abstract bases (here the concrete bases themselves).
IOBase = _IOBase
RawIOBase = _RawIOBase
BufferedIOBase = _BufferedIOBase
TextIOBase = _TextIOBase

for _cls in (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase, FileIO, BufferedReader,
             BufferedWriter, BufferedRandom, TextIOWrapper, StringIO, BytesIO):
    setattr(_io, _cls.__name__, _cls)
del _cls
_io.UnsupportedOperation = UnsupportedOperation
_io.open = open
