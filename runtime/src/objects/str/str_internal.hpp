// What the str files share and nothing outside them uses. Internal to runtime/.
//
// The str implementation is cut by idea:
//   str_object.cpp       allocation (PyUnicode_New), the cached singletons, the small
//                        accessors, concatenation, comparison, hashing, interning, init/fini
//   str_writer.cpp       UnicodeWriter: a string built piece by piece, widening as needed
//   str_codecs.cpp       UTF-8 / Latin-1 / ASCII decoding, handler and encoding names,
//                        the codec errors' messages
//   str_encode.cpp       encoding to bytes, the cached UTF-8 form (AsUTF8)
//   str_from_format.cpp  PyUnicode_FromFormat(V)
//   str_search.cpp       find / count / contains / tailmatch / replace / split / join
//   str_type.cpp         PyUnicode_Type's slots, str(), the iterator type
//   str_repr.cpp         repr()
//   str_methods.cpp      the methods in tp_methods
//   str_ctype.cpp        character properties from tables generated from python3
//
// Invariant kept by every constructor here: a string's kind is the narrowest that holds its
// largest code point, and `ascii` is set exactly when that code point is < 128. Equal
// strings therefore have equal kinds and equal bytes, which the comparisons rely on.
#ifndef MINIPY_UNICODE_INTERNAL_HPP
#define MINIPY_UNICODE_INTERNAL_HPP

#include <cstring>

#include "minipy/methodobject.h"
#include "minipy/unicodeobject.h"

namespace minipy::runtime {

// --- str_object.cpp --------------------------------------------------------------------

// The shared empty string / the cached one-character string for ch < 256 (new references;
// NULL + MemoryError only if the cache must be filled and memory ran out).
PyObject *unicode_get_empty() noexcept;
PyObject *unicode_latin1_char(Py_UCS1 ch) noexcept;
// One-character string for any code point (cached below 256).
PyObject *unicode_char(Py_UCS4 ch) noexcept;

// The largest code point among n units of `kind` at data.
Py_UCS4 unicode_find_maxchar(int kind, const void *data, Py_ssize_t n) noexcept;
// The largest code point actually present in a string (0 for the empty one).
Py_UCS4 unicode_max_char(PyObject *str) noexcept;
// The kind a string holding maxchar has.
inline int unicode_kind_for(Py_UCS4 maxchar) noexcept {
    return maxchar < 256     ? PyUnicode_1BYTE_KIND
           : maxchar < 65536 ? PyUnicode_2BYTE_KIND
                             : PyUnicode_4BYTE_KIND;
}
// Copies n units of from_kind to to_kind (to_kind must be at least as wide, or the values
// must fit).
void unicode_convert_units(int to_kind, void *to, int from_kind, const void *from,
                           Py_ssize_t n) noexcept;
// Copies from[from_start : from_start + n] into to[to_start:] (to has room and is wide
// enough).
void unicode_copy_characters(PyObject *to, Py_ssize_t to_start, PyObject *from,
                             Py_ssize_t from_start, Py_ssize_t n) noexcept;
// A new string from n units of `kind` whose largest code point is known to be maxchar.
PyObject *unicode_from_units(int kind, const void *data, Py_ssize_t n, Py_UCS4 maxchar) noexcept;
// s[start:end] for 0 <= start <= end <= len(s), sharing s itself for the whole range.
PyObject *unicode_substring(PyObject *s, Py_ssize_t start, Py_ssize_t end) noexcept;

// Equal contents (both must be str).
bool unicode_equal(PyObject *a, PyObject *b) noexcept;
// Whether the str `s` holds exactly the characters of the NUL-terminated ASCII text
// (CPython's _PyUnicode_EqualToASCIIString); no allocation, no error.
bool unicode_equal_to_ascii(PyObject *s, const char *ascii) noexcept;
// Three-way code-point order (both must be str).
int unicode_compare(PyObject *a, PyObject *b) noexcept;
// hash(s), cached in the object.
Py_hash_t unicode_hash(PyObject *s) noexcept;
// Takes a string out of the interned table; called by the deallocator.
void unicode_intern_forget(PyObject *s) noexcept;

// CPython's ensure_unicode: true for a str; TypeError "must be str, not <type>" for any other
// object (SystemError for NULL).
bool ensure_str(PyObject *obj) noexcept;

// --- str_writer.cpp -------------------------------------------------------------------

// A string assembled piece by piece in a PyMem buffer of the narrowest kind so far (widened
// in place when a wider character arrives), turned into a str by finish(). Every write
// returns 0, or -1 with MemoryError set. The destructor frees whatever was not finished.
class UnicodeWriter {
  public:
    UnicodeWriter() noexcept = default;
    ~UnicodeWriter() noexcept;
    UnicodeWriter(const UnicodeWriter &) = delete;
    UnicodeWriter &operator=(const UnicodeWriter &) = delete;

    int write_char(Py_UCS4 ch) noexcept;
    int write_ascii(const char *s, Py_ssize_t n) noexcept;
    int write_latin1(const char *s, Py_ssize_t n) noexcept;
    int write_str(PyObject *str) noexcept;
    int write_substring(PyObject *str, Py_ssize_t start, Py_ssize_t end) noexcept;
    int write_fill(Py_UCS4 ch, Py_ssize_t count) noexcept;
    // Room for `extra` more characters up to maxchar, ahead of a run of writes.
    int reserve(Py_ssize_t extra, Py_UCS4 maxchar) noexcept;
    Py_ssize_t length() const noexcept { return pos_; }
    // The str built so far (new reference); the writer is empty afterwards. NULL with
    // MemoryError if the string cannot be made.
    PyObject *finish() noexcept;

  private:
    int widen(Py_UCS4 maxchar) noexcept;
    void *at(Py_ssize_t index) noexcept { return buffer_ + index * kind_; }

    unsigned char *buffer_ = nullptr;  // PyMem_Malloc; capacity_ units of kind_
    Py_ssize_t capacity_ = 0;
    Py_ssize_t pos_ = 0;  // characters written
    int kind_ = PyUnicode_1BYTE_KIND;
    Py_UCS4 maxchar_ = 0;  // largest code point written
};

// --- str_codecs.cpp -------------------------------------------------------------------

// The error handlers the codecs know; `unknown` is any other name, which CPython reports
// (LookupError) only when an error actually needs the handler.
enum class CodecErrors {
    strict,
    replace,
    ignore,
    backslashreplace,
    surrogateescape,
    surrogatepass,
    xmlcharrefreplace,  // encoding only
    unknown
};
CodecErrors codec_errors_from_name(const char *errors) noexcept;  // NULL means strict
// The three encodings known without a codec registry, from a name as CPython normalizes
// it (case, '-' / ' ' / '_'); NULL means UTF-8.
enum class Encoding { utf8, latin1, ascii, unknown };
Encoding encoding_from_name(const char *encoding) noexcept;
// Whether CPython's PyUnicode_Decode / PyUnicode_AsEncodedString take their fast path for the
// name (utf-8, ascii, latin-1 and a few spellings) rather than the codec registry; NULL is.
bool encoding_is_fast_path(const char *encoding) noexcept;
// After a codec call by a name that is not on the fast path failed: what CPython's registry
// does to the error (codecs.c: wrap_codec_error), which rewraps a plain LookupError (an
// unknown error handler) as LookupError("<operation> with '<name>' codec failed (LookupError:
// ...)") caused by the original. Other errors are left as they are.
void wrap_codec_error(const char *operation, const char *encoding) noexcept;
// Writes \xNN, \uNNNN or \UNNNNNNNN for ch and a NUL (out has 11 bytes); returns the length.
int backslash_escape(char *out, Py_UCS4 ch) noexcept;
// LookupError "unknown error handler name '...'".
void raise_unknown_handler(const char *errors) noexcept;
// UnicodeEncodeError for str[start:end] with CPython's message.
void raise_encode_error(const char *encoding, PyObject *str, Py_ssize_t start, Py_ssize_t end,
                        const char *reason) noexcept;

// --- str_encode.cpp -------------------------------------------------------------------

// The UTF-8 form as a new bytes object; errors is a handler name (NULL: strict).
PyObject *unicode_encode_utf8(PyObject *str, const char *errors) noexcept;
// ASCII (limit 128) or Latin-1 (limit 256) as a new bytes object.
PyObject *unicode_encode_charmap_limit(PyObject *str, Py_UCS4 limit, const char *errors) noexcept;

// --- str_repr.cpp ---------------------------------------------------------------------
PyObject *unicode_repr(PyObject *str) noexcept;

// --- str_search.cpp -------------------------------------------------------------------

// Index of needle in hay[start:end] (absolute), -1 when absent. direction > 0 finds the
// first occurrence, < 0 the last. Indices must be already clipped.
Py_ssize_t unicode_find_in(PyObject *hay, PyObject *needle, Py_ssize_t start, Py_ssize_t end,
                           int direction) noexcept;
// Occurrences of needle in hay[start:end], non-overlapping, at most maxcount (< 0: all).
Py_ssize_t unicode_count_in(PyObject *hay, PyObject *needle, Py_ssize_t start, Py_ssize_t end,
                            Py_ssize_t maxcount) noexcept;
// Python's slice-index clipping used by find/count/startswith: negative counts from the end.
void unicode_adjust_indices(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *end) noexcept;
// s.split() / s.rsplit() on whitespace or on sep (a non-empty str); a list.
PyObject *unicode_split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit, bool from_right) noexcept;
// s.strip / lstrip / rstrip: chars NULL means whitespace. which: -1 left, 0 both, 1 right.
PyObject *unicode_strip(PyObject *s, PyObject *chars, int which) noexcept;

// --- str_methods.cpp ------------------------------------------------------------------
extern PyMethodDef unicode_methods[];
// str.lower() of the capital sigma at data[i] (of n): final or not, by its neighbours.
Py_UCS4 unicode_lower_sigma(int kind, const void *data, Py_ssize_t n, Py_ssize_t i) noexcept;

// --- str_format_method.cpp ------------------------------------------------------------
// str.format(*args, **kwargs) (METH_VARARGS | METH_KEYWORDS), str.format_map(mapping).
PyObject *unicode_format_call(PyObject *self, PyObject *args, PyObject *kwargs) noexcept;
PyObject *unicode_format_map(PyObject *self, PyObject *mapping) noexcept;

// --- str_percent_format.cpp -----------------------------------------------------------
// The digits of an int for %d %o %x %X: sign, "0o"/"0x"/"0X" when alt, at least prec digits.
PyObject *unicode_format_long(PyObject *value, bool alt, int prec, Py_UCS4 type) noexcept;

// --- str_case.cpp, str_layout.cpp, str_translate.cpp -----------------------------------
// The method tables' entries these files add to unicode_methods (in str_methods.cpp).
PyObject *unicode_capitalize(PyObject *self, PyObject *) noexcept;
PyObject *unicode_casefold(PyObject *self, PyObject *) noexcept;
PyObject *unicode_title(PyObject *self, PyObject *) noexcept;
PyObject *unicode_istitle(PyObject *self, PyObject *) noexcept;
PyObject *unicode_swapcase(PyObject *self, PyObject *) noexcept;
PyObject *unicode_isidentifier_method(PyObject *self, PyObject *) noexcept;
PyObject *unicode_center(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *unicode_ljust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *unicode_rjust(PyObject *self, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *unicode_zfill(PyObject *self, PyObject *width) noexcept;
PyObject *unicode_expandtabs(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) noexcept;
PyObject *unicode_partition(PyObject *self, PyObject *sep) noexcept;
PyObject *unicode_rpartition(PyObject *self, PyObject *sep) noexcept;
PyObject *unicode_splitlines(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) noexcept;
PyObject *unicode_removeprefix(PyObject *self, PyObject *prefix) noexcept;
PyObject *unicode_removesuffix(PyObject *self, PyObject *suffix) noexcept;
PyObject *unicode_getnewargs(PyObject *self, PyObject *) noexcept;
PyObject *unicode_sizeof(PyObject *self, PyObject *) noexcept;
PyObject *unicode_maketrans(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept;
PyObject *unicode_translate(PyObject *self, PyObject *table) noexcept;

// --- str_type.cpp ---------------------------------------------------------------------
PyObject *unicode_iter(PyObject *str) noexcept;
// The iterator type of ASCII strings ("str_ascii_iterator"); PyUnicodeIter_Type is the other.
extern PyTypeObject unicode_ascii_iter_type;

}  // namespace minipy::runtime

#endif  // MINIPY_UNICODE_INTERNAL_HPP
