# `from io import *` binds every name of io.__all__, and each of them exists.
import builtins
import io
from io import *

print(all(hasattr(io, name) for name in io.__all__))
print(BlockingIOError is builtins.BlockingIOError, io.BlockingIOError is BlockingIOError)
print(open is builtins.open, SEEK_SET, SEEK_CUR, SEEK_END, DEFAULT_BUFFER_SIZE)
print(StringIO, BytesIO, FileIO, TextIOWrapper)
print(BufferedReader, BufferedWriter, BufferedRandom)
print(issubclass(UnsupportedOperation, OSError), issubclass(UnsupportedOperation, ValueError))
print(isinstance(StringIO(), TextIOBase), isinstance(BytesIO(), BufferedIOBase))
print(issubclass(FileIO, RawIOBase), issubclass(RawIOBase, IOBase))
print(text_encoding(None), text_encoding("latin-1"))
with open_code(__file__) as f:
    print(f.readline())
try:
    raise BlockingIOError(11, "would block")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
