// See fd_writer.hpp.
#include "support/fd_writer.hpp"

#include <unistd.h>

#include <cerrno>

namespace minipy::support {

FdWriter &FdWriter::ch(char c) noexcept {
    if (used_ == sizeof buffer_) flush();
    buffer_[used_++] = c;
    return *this;
}

FdWriter &FdWriter::text(const char *s) noexcept {
    while (*s != '\0') ch(*s++);
    return *this;
}

FdWriter &FdWriter::decimal(std::size_t value) noexcept {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0) ch(digits[--n]);
    return *this;
}

FdWriter &FdWriter::hex_padded(std::uintptr_t value, int digits) noexcept {
    static constexpr char kHex[] = "0123456789abcdef";
    char out[2 * sizeof(std::uintptr_t)];
    int n = 0;
    do {
        out[n++] = kHex[value & 0xf];
        value >>= 4;
    } while (value != 0);
    while (n < digits && n < static_cast<int>(sizeof out)) out[n++] = '0';
    while (n > 0) ch(out[--n]);
    return *this;
}

FdWriter &FdWriter::hex_byte(std::uint8_t value) noexcept {
    return hex_padded(value, 2);
}

FdWriter &FdWriter::pointer(const void *p) noexcept {
    if (p == nullptr) return text("(nil)");
    return text("0x").hex_padded(reinterpret_cast<std::uintptr_t>(p), 1);
}

void FdWriter::flush() noexcept {
    const char *p = buffer_;
    while (used_ > 0) {
        const ssize_t n = ::write(fd_, p, used_);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // nothing more can be done for a dying process
        p += n;
        used_ -= static_cast<std::size_t>(n);
    }
    used_ = 0;
}

}  // namespace minipy::support
