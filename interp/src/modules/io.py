# The io module and builtins.open, as CPython 3.11's (Lib/io.py over Modules/_io): FileIO
# (a file descriptor), BufferedReader / BufferedWriter / BufferedRandom (a buffer over it),
# TextIOWrapper (encoding, decoding and newlines over a buffer), StringIO and BytesIO. The
# classes are minipy's own Python; their system calls and the incremental UTF-8 step are the
# built-in `_io` module's (src/modules/io/fd_calls.cpp). Every class is named as CPython's
# (`_io.TextIOWrapper`, ...) and is added to `_io` too. Messages, attribute values and reprs
# follow CPython's: the checks run in CPython's order, so that the first error a call meets
# is the one CPython reports.
#
# The module is five frozen files, one idea each: _io_base.py (UnsupportedOperation and the
# bases every file object shares), this one (FileIO and open), _io_buffered.py (the buffered
# classes), _io_text.py (TextIOWrapper) and _io_memory.py (StringIO, BytesIO). Their code is
# marked when compiled (import_load.cpp) so that their frames stay out of tracebacks and
# traces, as the C code of CPython's _io does.
import _io
import builtins as _builtins
from _io_base import UnsupportedOperation, _IOBase, _RawIOBase, _BufferedIOBase, \
    _TextIOBase, _closed_error, _index, _writable_buffer, _fill
from _io_buffered import BufferedReader, BufferedWriter, BufferedRandom
from _io_text import TextIOWrapper
from _io_memory import StringIO, BytesIO

DEFAULT_BUFFER_SIZE = _io.DEFAULT_BUFFER_SIZE
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

BlockingIOError = _builtins.BlockingIOError

# CPython's list less the two classes minipy's io lacks (BufferedRWPair and
# IncrementalNewlineDecoder).
__all__ = ["BlockingIOError", "open", "open_code", "IOBase", "RawIOBase", "FileIO", "BytesIO",
           "StringIO", "BufferedIOBase", "BufferedReader", "BufferedWriter", "BufferedRandom",
           "TextIOBase", "TextIOWrapper", "UnsupportedOperation", "SEEK_SET", "SEEK_CUR",
           "SEEK_END", "DEFAULT_BUFFER_SIZE", "text_encoding"]


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


def _fspath(file):
    """The str or bytes path of `file` (a str, a bytes or an os.PathLike), as os.fspath."""
    if isinstance(file, (str, bytes)):
        return file
    fspath = getattr(type(file), "__fspath__", None)
    if fspath is None:
        raise TypeError("expected str, bytes or os.PathLike object, not %s"
                        % type(file).__name__)
    path = fspath(file)
    if not isinstance(path, (str, bytes)):
        raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                        % (type(file).__name__, type(path).__name__))
    return path


def _descriptor(file):
    """The file descriptor `file` stands for (an int or an object with __index__ whose
    value fits a C int), or -1 when it is to be taken as a path."""
    if not isinstance(file, int):
        index = getattr(type(file), "__index__", None)
        if index is None:
            return -1
        file = index(file)
    if file > 0x7FFFFFFF or file < -0x80000000:
        return -1  # CPython's conversion to a C int fails: a path, then
    if file < 0:
        raise ValueError("negative file descriptor")
    return file


class FileIO(_RawIOBase):
    __module__ = "_io"
    _fd = -1

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if not isinstance(mode, str):  # checked with the arguments, before the file
            raise TypeError("FileIO() argument 'mode' must be str, not %s" % type(mode).__name__)
        fd = _descriptor(file)
        path = _fspath(file) if fd < 0 else None
        flags, self._readable, self._writable, self._created, self._appending = \
            _fileio_flags(mode)
        if fd < 0:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            if opener is not None:
                fd = opener(path, flags)
                if not isinstance(fd, int):
                    raise TypeError("expected integer from opener")
                if fd < 0:
                    raise ValueError("opener returned %d" % fd)
            else:
                fd = _io._open(path, flags, 0o666)
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
            if self._closefd and path is not None:
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

    def readinto(self, buffer):
        _writable_buffer(buffer, "readinto")
        fd = self._checked_fd()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        return _fill(buffer, _io._read(fd, len(buffer)))

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
        if not isinstance(data, (bytes, bytearray)):  # checked first, with the arguments
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        fd = self._checked_fd()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
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


# --- open -----------------------------------------------------------------------------------

def _check_open_arg(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError("open() argument '%s' must be str or None, not %s"
                        % (what, type(value).__name__))


def _as_int(value):
    # An argument CPython's open() converts to a C int.
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    if not -0x80000000 <= value <= 0x7FFFFFFF:
        raise OverflowError("Python int too large to convert to C int")
    return value


def _open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None):
    """Open file and return a stream.  Raise OSError upon failure."""
    # A number (as PyNumber_Check says) goes to FileIO as it is, anything else as a path.
    cls = type(file)
    if not (hasattr(cls, "__index__") or hasattr(cls, "__int__") or hasattr(cls, "__float__")
            or isinstance(file, complex)):
        file = _fspath(file)
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
_io.BlockingIOError = BlockingIOError
_io.open = open
