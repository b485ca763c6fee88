// The exception table (co_exceptiontable) in CPython 3.11's format
// (Objects/exception_handling_notes.txt): zero-cost try. Each entry says that an exception
// raised by an instruction in [start, start + length) (code units) is handled at `target`,
// after the value stack is cut down to `depth` items and, when `lasti` is set, the offset of
// the raising instruction is pushed; then the exception is pushed and execution jumps.
//
// An entry is four varints: start, length, target, depth << 1 | lasti. These varints are
// 6-bit groups most significant first, bit 6 meaning "more follows"; the first byte of an
// entry has bit 7 set, so a binary search can find entry starts. Entries are sorted by start
// and do not overlap.
#ifndef MINIPY_INTERP_CODE_EXCEPTION_TABLE_HPP
#define MINIPY_INTERP_CODE_EXCEPTION_TABLE_HPP

#include <cstdint>

#include "minipy/Python.h"

namespace minipy::code {

struct ExceptionHandler {
    int start;
    int end;
    int target;
    int depth;
    bool lasti;
};

class ExceptionTableWriter {
  public:
    ExceptionTableWriter() = default;
    ~ExceptionTableWriter();
    ExceptionTableWriter(const ExceptionTableWriter &) = delete;
    ExceptionTableWriter &operator=(const ExceptionTableWriter &) = delete;

    // Entries in increasing order of start; 0 or -1 with MemoryError.
    int add(const ExceptionHandler &entry) noexcept;
    PyObject *finish() noexcept;  // bytes, new reference

  private:
    int item(int value, int msb) noexcept;
    std::uint8_t *data_ = nullptr;
    Py_ssize_t size_ = 0;
    Py_ssize_t capacity_ = 0;
};

// The handler covering code unit `index`; false when none does.
bool find_exception_handler(PyObject *table, int index, ExceptionHandler *out) noexcept;

// Decodes every entry in order: calls `visit(entry)` for each; for the disassembler and tests.
template <class Visit>
void each_exception_handler(PyObject *table, Visit visit) noexcept;

// The varint reader both functions use.
const std::uint8_t *exception_table_varint(const std::uint8_t *p, int *value) noexcept;

template <class Visit>
void each_exception_handler(PyObject *table, Visit visit) noexcept {
    const auto *p = reinterpret_cast<const std::uint8_t *>(PyBytes_AS_STRING(table));
    const auto *end = p + PyBytes_GET_SIZE(table);
    while (p < end) {
        int start, length, target, depth_lasti;
        p = exception_table_varint(p, &start);
        p = exception_table_varint(p, &length);
        p = exception_table_varint(p, &target);
        p = exception_table_varint(p, &depth_lasti);
        visit(ExceptionHandler{start, start + length, target, depth_lasti >> 1,
                               (depth_lasti & 1) != 0});
    }
}

}  // namespace minipy::code

#endif  // MINIPY_INTERP_CODE_EXCEPTION_TABLE_HPP
