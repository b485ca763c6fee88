# io.TextIOWrapper (frozen from src/modules/_io_text.py; io.py says how the modules fit):
# encoding, decoding and newlines over a buffered binary file.
#
# Reading keeps the decoded text *untranslated* (`_decoded`, read up to `_decoded_pos`) and
# applies the newline mode as lines and characters are taken out of it, so that tell() can
# map the position back to bytes. `_snapshot` holds the bytes `_decoded` was decoded from
# (as CPython's snapshot: they start where a fresh decoder gives `_decoded`, and end with the
# undecoded tail of a UTF-8 sequence, `_pending`), so that the file position of a character
# is found by decoding them again; while the decoding lost nothing (`_lossless`) it is the
# snapshot's length less the encoded length of the text after that character. UTF-8 is
# decoded incrementally (_io._utf8_decode), ascii and latin-1 a chunk at a time.
import _io
from _io_base import UnsupportedOperation, _TextIOBase, _closed_error, _index, _as_ssize, \
    _check_optional_str, _delegate, _Detached, _newline_bits, _newline_kinds


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


_TEXT_CHUNK_SIZE = 8192  # what each read asks of the buffer, as CPython's _CHUNK_SIZE

# A tell() cookie is a byte position, plus (shifted by this) the characters to skip after
# decoding from there when the position falls inside the text one byte decoded to (an error
# handler's replacement such as backslashreplace's '\\xff'): CPython packs its cookies so.
_COOKIE_SKIP_SHIFT = 64


_detached_buffer = _Detached("underlying buffer has been detached")


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
        elif encoding == "locale":
            encoding = "UTF-8"  # the locale's encoding in UTF-8 mode, as python3 -X utf8 names it
        self._codec = _codec_name(encoding)
        self._buffer = buffer
        self._encoding = encoding
        self._errors = "strict" if errors is None else errors
        # Decoding that can only be lossless: every byte decodes to text that encodes back
        # to it.
        self._always_lossless = self._codec == "latin-1" or \
            self._errors in ("strict", "surrogateescape")
        self._lossless = True
        self._newline = newline
        self._line_buffering = bool(line_buffering)
        self._write_through = bool(write_through)
        self._decoded = ""
        self._decoded_pos = 0
        self._pending = b""
        self._snapshot = b""
        self._cursor = (0, 0)  # a place _boundary found: (characters, bytes)
        self._positioned = True  # whether tell() counts from the snapshot (see _read_chunk)
        self._at_eof = False
        self._seen = 0  # newline kinds decoded: 1 '\r', 2 '\n', 4 '\r\n'
        self._cr_waits = False  # a '\r' decoded last, not counted yet (_note_newlines)
        # Asked once, as CPython decides at creation whether there is a decoder and an
        # encoder.
        self._can_read = buffer.readable()
        self._can_write = buffer.writable()
        self._telling = True
        self._unwritten = []  # encoded text not yet given to the buffer (see write)
        self._unwritten_size = 0

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
    def buffer(self):
        buffer = self._buffer
        return None if buffer is _detached_buffer else buffer

    @property
    def closed(self):
        return self._buffer.closed

    @property
    def name(self):
        return self._buffer.name

    @property
    def newlines(self):
        if self._buffer is _detached_buffer:
            raise ValueError("underlying buffer has been detached")
        return _newline_kinds(self._seen)

    def __repr__(self):
        parts = ["<_io.TextIOWrapper"]
        try:
            parts.append(" name=%r" % (self.name,))
        except (AttributeError, ValueError):
            pass
        if "mode" in self.__dict__:
            parts.append(" mode=%r" % (self.mode,))
        parts.append(" encoding=%r>" % (self._encoding,))
        return "".join(parts)

    fileno = _delegate("_buffer", "fileno")
    isatty = _delegate("_buffer", "isatty")
    readable = _delegate("_buffer", "readable")
    writable = _delegate("_buffer", "writable")
    seekable = _delegate("_buffer", "seekable")

    def flush(self):
        self._check_closed()
        self._telling = True  # as CPython's: flush() (and seek(), truncate()) turn it back on
        if self._unwritten:
            self._write_unwritten()
        self._buffer.flush()

    def close(self):
        if self._buffer.closed:
            return
        try:
            self.flush()
        finally:
            self._buffer.close()

    def detach(self):
        self.flush()
        buffer = self._buffer
        self._buffer = _detached_buffer
        return buffer

    # Decoding.
    def _decode(self, data, final):
        if self._codec == "utf-8":
            data = self._pending + data
            text, used = _io._utf8_decode(data, self._errors, final)
            self._pending = data[used:]
            if used < len(data):
                data = data[:used]
        else:
            text = data.decode(self._codec, self._errors)
        if self._lossless and not self._always_lossless:
            # An error handler may have replaced or dropped bytes: then tell() decodes again.
            try:
                self._lossless = text.encode(self._codec) == data
            except UnicodeEncodeError:
                self._lossless = False
        return text

    def _boundary(self, pos):
        """(characters, bytes, skip): where a fresh decoder fed the first `bytes` bytes of
        the snapshot gives the first `characters` characters of `_decoded`, the last such
        place at or before character `pos`, which is `skip` characters further."""
        decoded = self._decoded
        consumed = len(self._snapshot) - len(self._pending)
        if pos >= len(decoded):
            return len(decoded), consumed, 0
        if pos == 0:
            return 0, 0, 0
        chars, used = self._cursor
        if chars > pos:
            chars, used = 0, 0
        if self._lossless:
            if self._codec == "latin-1":
                return pos, pos, 0
            # Encoding the text between `pos` and the nearer of the last place found and
            # the end.
            errors = "surrogateescape" if self._errors == "surrogateescape" else "strict"
            if pos - chars <= len(decoded) - pos:
                used += len(decoded[chars:pos].encode(self._codec, errors))
            else:
                used = consumed - len(decoded[pos:].encode(self._codec, errors))
            self._cursor = (pos, used)
            return pos, used, 0
        # Decoding again, from the last place found (tell() after each line walks each
        # line once): a window of bytes no longer than the characters still wanted (a
        # byte gives at most one character, but for an error handler's replacement; four
        # bytes always give some), then the fewest of its bytes that reach `pos` when a
        # replacement overshoots it.
        while chars < pos:
            want = pos - chars
            size = min(max(want, 4), len(self._snapshot) - used)
            text, taken = self._decode_part(used, size)
            if len(text) > want:
                low, high = 1, size
                while low < high:
                    middle = (low + high) // 2
                    if len(self._decode_part(used, middle)[0]) >= want:
                        high = middle
                    else:
                        low = middle + 1
                text, taken = self._decode_part(used, low)
                if len(text) > want:
                    text, taken = self._decode_part(used, low - 1)
                    self._cursor = (chars + len(text), used + taken)
                    return chars + len(text), used + taken, want - len(text)
            elif not taken:
                break  # cannot happen: the snapshot decodes to `_decoded`
            chars += len(text)
            used += taken
        self._cursor = (chars, used)
        return chars, used, pos - chars

    def _decode_part(self, start, size):
        # (text, bytes used) of `size` bytes of the snapshot from `start`, decoded afresh.
        end = start + size
        data = self._snapshot[start:end]
        if self._codec == "utf-8":
            # At the end of the file the last bytes were decoded as final (a cut sequence
            # became the error handler's text).
            return _io._utf8_decode(data, self._errors,
                                    self._at_eof and end == len(self._snapshot))
        return data.decode(self._codec, self._errors), size

    def _note_newlines(self, text, final):
        # Counted as text is decoded, as CPython's newline decoder counts: a '\r' at the end
        # waits for the next text, which says whether it begins a '\r\n'.
        if self._newline is not None and self._newline != "":
            return
        if self._cr_waits and (text or final):
            text = "\r" + text
            self._cr_waits = False
        if not final and text.endswith("\r"):
            text = text[:-1]
            self._cr_waits = True
        self._seen |= _newline_bits(text)

    def _read_chunk(self):
        """Decodes one more chunk into `_decoded`; False at the end of the file."""
        data = self._buffer.read1(_TEXT_CHUNK_SIZE)
        final = not data
        # CPython takes its snapshot only while tell() is on: a chunk read by next() leaves
        # it without one, and its tell() then gives the buffer's position.
        self._positioned = self._telling
        if self._decoded_pos:
            # The text handed out is dropped, and with it the bytes it came from.
            chars, used, skip = self._boundary(self._decoded_pos)
            self._decoded = self._decoded[chars:]
            self._decoded_pos = skip
            self._snapshot = self._snapshot[used:]
            self._cursor = (0, 0)
        self._snapshot += data
        text = self._decode(data, final)
        self._note_newlines(text, final)
        self._at_eof = final
        if text:
            self._decoded += text
        return not final or bool(text)

    def _check_readable(self):
        if self._buffer.closed:
            raise _closed_error()
        if not self._can_read:
            raise UnsupportedOperation("not readable")
        if self._can_write:
            self._buffer.flush()

    def _universal(self):
        return self._newline is None or self._newline == ""

    def _take(self, end, translate):
        text = self._decoded[self._decoded_pos:end]
        self._decoded_pos = end
        return self._translated(text) if translate else text

    def _translated(self, text):
        # `text` handed out, translated when newline is None.
        if self._newline is None and "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def read(self, size=-1):
        self._check_closed()
        size = _index(size)
        self._check_readable()
        if size < 0:
            text = self._decode(self._buffer.read(), True)
            self._note_newlines(text, True)
            self._at_eof = True
            text = self._translated(self._decoded[self._decoded_pos:] + text)
            # All handed out: the position is the buffer's.
            self._decoded = ""
            self._decoded_pos = 0
            self._snapshot = b""
            self._cursor = (0, 0)
            self._lossless = True
            return text
        if self._newline is not None:
            # Piece by piece, so that each chunk is copied once however large `size` is.
            parts = []
            while size > 0:
                start = self._decoded_pos
                end = min(len(self._decoded), start + size)
                if end > start:
                    parts.append(self._take(end, False))
                    size -= end - start
                if size and not self._read_chunk():
                    break
            return "".join(parts)
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
                out.append(self._decoded[pos:stop])
                count += stop - pos
                self._decoded_pos = stop
                continue
            out.append(self._decoded[pos:cr])
            out.append("\n")
            count += cr - pos + 1
            self._decoded_pos = cr + 1
            self._fill(1)
            if self._decoded[self._decoded_pos:self._decoded_pos + 1] == "\n":
                self._decoded_pos += 1
        return "".join(out)

    def _fill(self, count):
        while len(self._decoded) - self._decoded_pos < count and self._read_chunk():
            pass

    def _line_end(self, start):
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
            size = _as_ssize(size)
        self._check_readable()
        # The common case first: a whole line ending in '\n' is in the decoded text.
        text = self._decoded
        start = self._decoded_pos
        if self._newline is None or self._newline == "" or self._newline == "\n":
            lf = text.find("\n", start)
            if lf >= 0 and (size < 0 or lf - start < size) and (
                    self._newline == "\n" or text.find("\r", start, lf) < 0):
                self._decoded_pos = lf + 1
                return text[start:lf + 1]
        # A line longer than the decoded text is handed out piece by piece as chunks come,
        # so that each chunk is searched and copied once however long the line is. A '\r'
        # at the end of a piece waits for the next chunk, which says whether a '\n' follows
        # it.
        hold_cr = self._universal() or self._newline == "\r\n"
        parts = []
        while True:
            start = self._decoded_pos
            end = self._line_end(start)
            if end >= 0:
                if size >= 0:
                    # The size counts characters handed out: a '\r\n' that becomes '\n'
                    # is one.
                    length = end - start
                    if self._newline is None and length > 1 and \
                            self._decoded[end - 2:end] == "\r\n":
                        length -= 1
                    if length > size:
                        end = start + size
                parts.append(self._take(end, True))
                break
            end = len(self._decoded)
            if hold_cr and end > start and self._decoded[end - 1] == "\r":
                end -= 1
            if size >= 0 and end - start >= size:
                parts.append(self._take(start + size, True))
                break
            if end > start:
                parts.append(self._take(end, True))
                if size >= 0:
                    size -= end - start
            if not self._read_chunk():
                parts.append(self._take(len(self._decoded), True))
                break
        return "".join(parts)

    def __next__(self):
        # Iterating turns tell() off until the end is reached or flush(), seek() or
        # truncate() is called, as CPython's (its position snapshot is not kept up by
        # next()); an error raised here leaves it off, as there.
        self._telling = False
        line = self.readline()
        if not line:
            self._telling = True
            raise StopIteration
        return line

    # Writing.
    def write(self, text):
        if not isinstance(text, str):  # checked first, with the arguments
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if self._buffer.closed:  # _check_closed's test, one call fewer on this hot path
            raise _closed_error()
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
        if self._can_read:
            self._forget_newlines()  # as CPython resets its decoder on every write
        data = text.encode(self._codec, self._errors)
        # Kept until a chunk's worth is waiting, as CPython's pending bytes: reading does not
        # write them (flush(), seek(), tell(), truncate(), detach() and close() do), so
        # they land where the buffer is then.
        if self._unwritten_size + len(data) > _TEXT_CHUNK_SIZE and self._unwritten:
            self._write_unwritten()
        self._unwritten.append(data)
        self._unwritten_size += len(data)
        flush = self._line_buffering and has_newline
        if self._unwritten_size >= _TEXT_CHUNK_SIZE or flush or self._write_through:
            self._write_unwritten()
            if flush:
                self._buffer.flush()
        return length

    def _write_unwritten(self):
        data = b"".join(self._unwritten) if len(self._unwritten) > 1 else self._unwritten[0]
        self._unwritten = []
        self._unwritten_size = 0
        self._buffer.write(data)

    def _forget_newlines(self):
        self._seen = 0
        self._cr_waits = False

    def _reset_decoder(self):
        self._cr_waits = False
        self._decoded = ""
        self._decoded_pos = 0
        self._pending = b""
        self._snapshot = b""
        self._cursor = (0, 0)
        self._lossless = True
        self._positioned = True
        self._at_eof = False

    # Positions.
    def tell(self):
        self._check_closed()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if not self._telling:
            raise OSError("telling position disabled by next() call")
        self.flush()
        if not self._positioned:
            return self._buffer.tell()
        position = self._buffer.tell() - len(self._snapshot)
        chars, used, skip = self._boundary(self._decoded_pos)
        if position == 0 and self._decoded_pos:
            # CPython's tell() decodes again from a reset decoder when its snapshot starts
            # the file: `newlines` is left with the kinds before the position only.
            waits = self._cr_waits
            self._forget_newlines()
            self._note_newlines(self._decoded[:self._decoded_pos], False)
            self._cr_waits = waits
        return position + used + (skip << _COOKIE_SKIP_SHIFT)

    def seek(self, cookie, whence=0):
        # As CPython's: whence is an int, the cookie anything that compares with 0 and
        # converts with int() (a float too); the cookie given is returned.
        whence = _as_ssize(whence)
        self._check_closed()
        if not self._buffer.seekable():
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
            self._forget_newlines()
            return self._buffer.seek(0, 2)
        elif whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        self.flush()
        position = int(cookie)
        self._reset_decoder()
        if position == 0:
            self._forget_newlines()  # CPython resets its decoder only to go back to 0
        skip = position >> _COOKIE_SKIP_SHIFT
        start = position - (skip << _COOKIE_SKIP_SHIFT)
        if start > 0x7FFFFFFFFFFFFFFF:
            start -= 1 << 64  # a 64-bit offset, as CPython unpacks its cookie
        self._buffer.seek(start)
        if skip:
            self._fill(skip)
            if len(self._decoded) < skip:
                raise OSError("can't restore logical file position")
            self._decoded_pos = skip
        return cookie

    def truncate(self, pos=None):
        self.flush()
        # As CPython's C class: no position given is the buffer's (not tell()'s, as in
        # _pyio), and the text decoded ahead stays: reading goes on from it.
        return self._buffer.truncate(pos)
