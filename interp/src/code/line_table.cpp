// The location table of line_table.hpp: writing it (the assembler) and reading it
// (tracebacks, frame.f_lineno, co_positions). CPython 3.11's format, Objects/locations.md.
#include "code/line_table.hpp"

#include <cstring>

namespace minipy::code {

namespace {

enum Kind : int {
    kShort0 = 0,
    kOneLine0 = 10,
    kNoColumns = 13,
    kLong = 14,
    kNone = 15,
};

unsigned read_varint(const std::uint8_t *&p, const std::uint8_t *end) noexcept {
    if (p >= end) return 0;
    unsigned read = *p++;
    unsigned value = read & 63;
    unsigned shift = 0;
    while ((read & 64) != 0 && p < end) {
        read = *p++;
        shift += 6;
        value |= (read & 63) << shift;
    }
    return value;
}

int read_signed_varint(const std::uint8_t *&p, const std::uint8_t *end) noexcept {
    const unsigned u = read_varint(p, end);
    return (u & 1) != 0 ? -static_cast<int>(u >> 1) : static_cast<int>(u >> 1);
}

}  // namespace

LineTableWriter::~LineTableWriter() {
    PyMem_Free(data_);
}

int LineTableWriter::byte(int b) noexcept {
    if (size_ == capacity_) {
        const Py_ssize_t capacity = capacity_ == 0 ? 64 : capacity_ * 2;
        auto *data = static_cast<std::uint8_t *>(PyMem_Realloc(data_, capacity));
        if (data == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        data_ = data;
        capacity_ = capacity;
    }
    data_[size_++] = static_cast<std::uint8_t>(b);
    return 0;
}

int LineTableWriter::varint(unsigned value) noexcept {
    while (value >= 64) {
        if (byte(static_cast<int>(64U | (value & 63U))) < 0) return -1;
        value >>= 6;
    }
    return byte(static_cast<int>(value));
}

int LineTableWriter::signed_varint(int value) noexcept {
    const unsigned u = value < 0 ? ((0u - static_cast<unsigned>(value)) << 1) | 1u
                                 : static_cast<unsigned>(value) << 1;
    return varint(u);
}

// One entry of 1..8 units; the choice of form is CPython's write_location_info_entry.
int LineTableWriter::entry(const Location &loc, int units) noexcept {
    auto first = [&](int kind) { return byte(0x80 | (kind << 3) | (units - 1)); };
    if (loc.lineno < 0) return first(kNone);
    const int delta = loc.lineno - line_;
    const int col = loc.col_offset;
    const int end_col = loc.end_col_offset;
    if (col < 0 || end_col < 0) {
        if (loc.end_lineno == loc.lineno || loc.end_lineno == -1) {
            line_ = loc.lineno;
            if (first(kNoColumns) < 0) return -1;
            return signed_varint(delta);
        }
    } else if (loc.end_lineno == loc.lineno) {
        if (delta == 0 && col < 80 && end_col - col < 16 && end_col >= col) {
            if (first(kShort0 + (col >> 3)) < 0) return -1;
            return byte(((col & 7) << 4) | (end_col - col));
        }
        if (delta >= 0 && delta < 3 && col < 128 && end_col < 128) {
            line_ = loc.lineno;
            if (first(kOneLine0 + delta) < 0 || byte(col) < 0) return -1;
            return byte(end_col);
        }
    }
    line_ = loc.lineno;
    if (first(kLong) < 0 || signed_varint(delta) < 0) return -1;
    const int end_line = loc.end_lineno < loc.lineno ? loc.lineno : loc.end_lineno;
    if (varint(static_cast<unsigned>(end_line - loc.lineno)) < 0) return -1;
    if (varint(static_cast<unsigned>(col + 1)) < 0) return -1;
    return varint(static_cast<unsigned>(end_col + 1));
}

int LineTableWriter::add(const Location &loc, int units) noexcept {
    while (units > 8) {
        if (entry(loc, 8) < 0) return -1;
        units -= 8;
    }
    return units > 0 ? entry(loc, units) : 0;
}

PyObject *LineTableWriter::finish() noexcept {
    return PyBytes_FromStringAndSize(reinterpret_cast<const char *>(data_), size_);
}

LineTableCursor::LineTableCursor(PyObject *table, int firstlineno) noexcept
    : p(reinterpret_cast<const std::uint8_t *>(PyBytes_AS_STRING(table))),
      end(p + PyBytes_GET_SIZE(table)),
      line(firstlineno),
      unit(0),
      end_unit(0) {}

bool LineTableCursor::next() noexcept {
    if (p >= end) return false;
    const int first = *p++;
    const int kind = (first >> 3) & 15;
    unit = end_unit;
    end_unit = unit + (first & 7) + 1;
    switch (kind) {
    case kNone: loc = Location{}; break;
    case kLong: {
        line += read_signed_varint(p, end);
        const int end_line = line + static_cast<int>(read_varint(p, end));
        const int col = static_cast<int>(read_varint(p, end)) - 1;
        const int end_col = static_cast<int>(read_varint(p, end)) - 1;
        loc = {line, end_line, col, end_col};
        break;
    }
    case kNoColumns:
        line += read_signed_varint(p, end);
        loc = {line, line, -1, -1};
        break;
    case kOneLine0:
    case kOneLine0 + 1:
    case kOneLine0 + 2: {
        line += kind - kOneLine0;
        const int col = p < end ? *p++ : 0;
        const int end_col = p < end ? *p++ : 0;
        loc = {line, line, col, end_col};
        break;
    }
    default: {
        const int second = p < end ? *p++ : 0;
        const int col = kind * 8 + ((second >> 4) & 7);
        loc = {line, line, col, col + (second & 15)};
        break;
    }
    }
    return true;
}

bool location_at(PyObject *table, int firstlineno, int index, Location *out) noexcept {
    LineTableCursor cursor(table, firstlineno);
    while (cursor.next()) {
        if (index < cursor.end_unit) {
            *out = cursor.loc;
            return true;
        }
    }
    return false;
}

}  // namespace minipy::code
