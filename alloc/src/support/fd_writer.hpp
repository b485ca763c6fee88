// A writer for reports that must not allocate: formats into a fixed buffer on the stack and
// writes it to a file descriptor with write(2) when full and when flushed (destruction
// flushes too). It knows exactly the formats the fatal reports need: text, characters,
// decimal, two-digit hex bytes and pointers as glibc's %p prints them ("0x7f..", "(nil)").
#pragma once

#include <cstddef>
#include <cstdint>

namespace minipy::support {

class FdWriter {
  public:
    explicit FdWriter(int fd) noexcept : fd_(fd) {}
    ~FdWriter() { flush(); }
    FdWriter(const FdWriter &) = delete;
    FdWriter &operator=(const FdWriter &) = delete;

    FdWriter &text(const char *s) noexcept;
    FdWriter &ch(char c) noexcept;
    FdWriter &decimal(std::size_t value) noexcept;
    FdWriter &hex_byte(std::uint8_t value) noexcept;                  // "%02x"
    FdWriter &pointer(const void *p) noexcept;                        // "%p"
    FdWriter &hex_padded(std::uintptr_t value, int digits) noexcept;  // "%0*lx", no "0x"
    void flush() noexcept;

  private:
    int fd_;
    std::size_t used_ = 0;
    char buffer_[512];
};

}  // namespace minipy::support
