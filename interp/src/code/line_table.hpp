// The location table (co_linetable) in CPython 3.11's format (Objects/locations.md): a
// sequence of entries, each covering 1 to 8 code units and giving their line and column
// range. The first byte of an entry is 1 CCCC LLL: bit 7 set, a 4-bit kind, length - 1.
//
//   kind 0-9    short form: same line as before; one byte more: column = kind*8 + its high
//               nibble, end column = column + its low nibble
//   kind 10-12  one-line form: line += kind - 10; column and end column in a byte each
//   kind 13     no columns: line += signed varint
//   kind 14     long form: line += signed varint, end line = line + varint, column + 1 and
//               end column + 1 as varints (0 means unknown)
//   kind 15     no location
//
// Varints are 6-bit groups, least significant first, bit 6 meaning "more follows"; a signed
// varint is (|v| << 1) | sign. The running line starts at co_firstlineno. Columns are UTF-8
// byte offsets in their line, as the AST gives them.
#ifndef MINIPY_INTERP_CODE_LINE_TABLE_HPP
#define MINIPY_INTERP_CODE_LINE_TABLE_HPP

#include <cstdint>

#include "minipy/Python.h"

namespace minipy::code {

// A source range; lineno == -1 means "no location" (an artificial instruction), a column of
// -1 "unknown".
struct Location {
    int lineno = -1;
    int end_lineno = -1;
    int col_offset = -1;
    int end_col_offset = -1;
};

inline bool same_location(const Location &a, const Location &b) noexcept {
    return a.lineno == b.lineno && a.end_lineno == b.end_lineno && a.col_offset == b.col_offset &&
           a.end_col_offset == b.end_col_offset;
}

// Builds a table: add() the location of each instruction (with its size in units, caches and
// EXTENDED_ARGs included) in code order, then finish().
class LineTableWriter {
  public:
    explicit LineTableWriter(int firstlineno) noexcept : line_(firstlineno) {}
    ~LineTableWriter();
    LineTableWriter(const LineTableWriter &) = delete;
    LineTableWriter &operator=(const LineTableWriter &) = delete;

    // 0, or -1 with MemoryError set.
    int add(const Location &loc, int units) noexcept;
    // The table as bytes (new reference), or NULL with MemoryError set.
    PyObject *finish() noexcept;

  private:
    int entry(const Location &loc, int units) noexcept;
    int byte(int b) noexcept;
    int varint(unsigned value) noexcept;
    int signed_varint(int value) noexcept;

    int line_;
    std::uint8_t *data_ = nullptr;
    Py_ssize_t size_ = 0;
    Py_ssize_t capacity_ = 0;
};

// Reads a table entry by entry.
struct LineTableCursor {
    const std::uint8_t *p;
    const std::uint8_t *end;
    int line;      // the running line
    int unit;      // first code unit of the current entry
    int end_unit;  // one past its last
    Location loc;  // its location

    LineTableCursor(PyObject *table, int firstlineno) noexcept;
    // Moves to the next entry; false at the end of the table.
    bool next() noexcept;
};

// The location of code unit `index` (an instruction or one of its caches); false when the
// table does not cover it.
bool location_at(PyObject *table, int firstlineno, int index, Location *out) noexcept;

}  // namespace minipy::code

#endif  // MINIPY_INTERP_CODE_LINE_TABLE_HPP
