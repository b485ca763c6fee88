// The exception table of exception_table.hpp: the assembler writes it, the eval loop's
// unwinding searches it (binary search over entry starts, then a short linear scan, as
// CPython's get_exception_handler).
#include "code/exception_table.hpp"

namespace minipy::code {

namespace {

constexpr int kContinuation = 64;
constexpr int kEntryStart = 128;
// Below this many bytes a linear scan is as fast as bisecting.
constexpr Py_ssize_t kMaxLinearSearch = 40;

}  // namespace

ExceptionTableWriter::~ExceptionTableWriter() {
    PyMem_Free(data_);
}

int ExceptionTableWriter::item(int value, int msb) noexcept {
    std::uint8_t bytes[6];
    int n = 0;
    for (int shift = 24; shift > 0; shift -= 6) {
        if (value >= (1 << shift)) {
            bytes[n++] = static_cast<std::uint8_t>(((value >> shift) & 0x3F) | kContinuation | msb);
            msb = 0;
        }
    }
    bytes[n++] = static_cast<std::uint8_t>((value & 0x3F) | msb);
    if (size_ + n > capacity_) {
        const Py_ssize_t capacity = capacity_ == 0 ? 32 : capacity_ * 2 + n;
        auto *data = static_cast<std::uint8_t *>(PyMem_Realloc(data_, capacity));
        if (data == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        data_ = data;
        capacity_ = capacity;
    }
    for (int i = 0; i < n; ++i) data_[size_++] = bytes[i];
    return 0;
}

int ExceptionTableWriter::add(const ExceptionHandler &e) noexcept {
    if (item(e.start, kEntryStart) < 0 || item(e.end - e.start, 0) < 0 || item(e.target, 0) < 0)
        return -1;
    return item((e.depth << 1) | (e.lasti ? 1 : 0), 0);
}

PyObject *ExceptionTableWriter::finish() noexcept {
    return PyBytes_FromStringAndSize(reinterpret_cast<const char *>(data_), size_);
}

const std::uint8_t *exception_table_varint(const std::uint8_t *p, int *value) noexcept {
    int v = *p & 0x3F;
    while ((*p & kContinuation) != 0) {
        ++p;
        v = (v << 6) | (*p & 0x3F);
    }
    *value = v;
    return p + 1;
}

bool find_exception_handler(PyObject *table, int index, ExceptionHandler *out) noexcept {
    const auto *start = reinterpret_cast<const std::uint8_t *>(PyBytes_AS_STRING(table));
    const auto *end = start + PyBytes_GET_SIZE(table);
    if (end - start > kMaxLinearSearch) {
        int offset;
        exception_table_varint(start, &offset);
        if (offset > index) return false;
        do {
            const std::uint8_t *mid = start + ((end - start) >> 1);
            while ((*mid & kEntryStart) == 0) --mid;
            exception_table_varint(mid, &offset);
            if (offset > index)
                end = mid;
            else
                start = mid;
        } while (end - start > kMaxLinearSearch);
    }
    const std::uint8_t *p = start;
    while (p < end) {
        int entry_start, length;
        p = exception_table_varint(p, &entry_start);
        if (entry_start > index) break;
        p = exception_table_varint(p, &length);
        if (entry_start + length > index) {
            int target, depth_lasti;
            p = exception_table_varint(p, &target);
            exception_table_varint(p, &depth_lasti);
            *out = {entry_start, entry_start + length, target, depth_lasti >> 1,
                    (depth_lasti & 1) != 0};
            return true;
        }
        // Skip target and depth.
        int skipped;
        p = exception_table_varint(p, &skipped);
        p = exception_table_varint(p, &skipped);
    }
    return false;
}

}  // namespace minipy::code
