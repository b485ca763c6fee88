// See report.hpp. Filenames are printed as CPython's _Py_DumpASCII prints a str: printable
// ASCII as is, every other code point escaped (\xHH, \uHHHH, \UHHHHHHHH), at most 500
// code points, then "..."; the UTF-8 is decoded here, a malformed byte printed as \xHH.
#include "tracemalloc/report.hpp"

#include <cstdint>

#include "support/fd_writer.hpp"
#include "tracemalloc/tracer.hpp"

namespace minipy::tracemalloc {

namespace {

constexpr int kMaxLength = 500;  // CPython's MAX_STRING_LENGTH in traceback.c

// Decodes one UTF-8 sequence at s; returns its length (1 for a malformed byte, whose value
// is returned as is).
int decode(const unsigned char *s, std::uint32_t *code) {
    const unsigned char c = s[0];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len <= 1) {
        *code = c;
        return 1;
    }
    std::uint32_t value = c & (0x7f >> len);
    for (int i = 1; i < len; ++i) {
        if ((s[i] & 0xc0) != 0x80) {
            *code = c;
            return 1;
        }
        value = (value << 6) | (s[i] & 0x3f);
    }
    *code = value;
    return len;
}

void dump_ascii(support::FdWriter &out, const char *text) {
    const auto *s = reinterpret_cast<const unsigned char *>(text);
    for (int count = 0; *s != 0; ++count) {
        if (count == kMaxLength) {
            out.text("...");
            return;
        }
        std::uint32_t code;
        s += decode(s, &code);
        if (code >= ' ' && code <= 126) {
            out.ch(static_cast<char>(code));
        } else if (code <= 0xff) {
            out.text("\\x").hex_padded(code, 2);
        } else if (code <= 0xffff) {
            out.text("\\u").hex_padded(code, 4);
        } else {
            out.text("\\U").hex_padded(code, 8);
        }
    }
}

}  // namespace

bool dump_traceback(int fd, const void *p) noexcept {
    if (!g_tracing.load(std::memory_order_acquire)) return false;
    const Traceback *tb = traceback_for_report(reinterpret_cast<std::uintptr_t>(p));
    if (tb == nullptr) return true;
    support::FdWriter out(fd);
    out.text("Memory block allocated at (most recent call first):\n");
    for (int i = 0; i < tb->view.nframe; ++i) {
        out.text("  File \"");
        dump_ascii(out, tb->view.frames[i].filename);
        out.text("\", line ").decimal(tb->view.frames[i].lineno).text("\n");
    }
    out.text("\n");
    return true;
}

}  // namespace minipy::tracemalloc
