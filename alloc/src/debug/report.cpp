// See report.hpp. The text follows CPython's _PyObject_DebugDumpAddress and
// _PyMem_DebugCheckAddress (Objects/obmalloc.c, CPython 3.11) line for line. One
// departure: when the header is damaged, the size in it may point anywhere (a block freed
// twice has pymalloc's free-list link where its size was), and CPython reads the
// "trailing pad" there anyway and dies of a segfault before its fatal message. minipy first
// asks the kernel whether those bytes are mapped (mincore: no access, no allocation) and,
// if not, says so instead of reading them; the report then ends with the fatal error, so a
// double free is reported like any other misuse.
#include "debug/report.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "debug/block.hpp"
#include "support/fatal.hpp"
#include "support/fd_writer.hpp"

namespace minipy::debug {

namespace {

std::atomic<TracebackDumper> g_traceback_dumper{nullptr};

// True when the n bytes at p lie in mapped memory, found without touching them.
bool is_mapped(const std::uint8_t *p, std::size_t n) {
    const auto start = reinterpret_cast<std::uintptr_t>(p);
    if (start + n < start) return false;  // wraps around the address space
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    unsigned char residency;
    for (std::uintptr_t at = start & ~(page - 1); at < start + n; at += page)
        if (::mincore(reinterpret_cast<void *>(at), 1, &residency) != 0) return false;
    return true;
}

void dump_traceback(const void *p) {
    if (TracebackDumper dumper = g_traceback_dumper.load(std::memory_order_acquire))
        if (dumper(STDERR_FILENO, p)) return;
    support::FdWriter(STDERR_FILENO)
        .text("Enable tracemalloc to get the memory block allocation traceback\n\n");
}

}  // namespace

void set_traceback_dumper(TracebackDumper dumper) noexcept {
    g_traceback_dumper.store(dumper, std::memory_order_release);
}

void dump_block(const void *p) noexcept {
    support::FdWriter out(STDERR_FILENO);
    out.text("Debug memory block at address p=").pointer(p).text(":");
    if (p == nullptr) {
        out.text("\n");
        return;
    }
    const std::uint8_t *q = static_cast<const std::uint8_t *>(p);
    const std::uint8_t *base = base_of(p);
    out.text(" API '").ch(static_cast<char>(base[kWord])).text("'\n");
    const std::size_t nbytes = read_size(base);
    out.text("    ").decimal(nbytes).text(" bytes originally requested\n");

    // The leading pad, from p-7 up to p-1.
    out.text("    The ").decimal(kWord - 1).text(" pad bytes at p-").decimal(kWord - 1);
    bool ok = true;
    for (std::size_t i = 1; i < kWord; ++i)
        ok = ok && q[-static_cast<std::ptrdiff_t>(i)] == kForbiddenByte;
    if (ok) {
        out.text(" are FORBIDDENBYTE, as expected.\n");
    } else {
        out.text(" are not all FORBIDDENBYTE (0x").hex_byte(kForbiddenByte).text("):\n");
        for (std::size_t i = kWord - 1; i >= 1; --i) {
            const std::uint8_t byte = q[-static_cast<std::ptrdiff_t>(i)];
            out.text("        at p-").decimal(i).text(": 0x").hex_byte(byte);
            if (byte != kForbiddenByte) out.text(" *** OUCH");
            out.text("\n");
        }
        out.text(
            "    Because memory is corrupted at the start, the count of bytes requested\n"
            "       may be bogus, and checking the trailing pad bytes may segfault.\n");
    }

    if (nbytes > kMaxRequest || !is_mapped(q, nbytes + kWord)) {
        // The size cannot be right: do not go looking for a trailer (or data) there.
        out.text("    The ")
            .decimal(kWord)
            .text(" pad bytes at tail=")
            .pointer(q + nbytes)
            .text(" are not mapped memory: not checked.\n\n");
        out.flush();
        dump_traceback(p);
        return;
    }
    const std::uint8_t *tail = q + nbytes;
    out.text("    The ").decimal(kWord).text(" pad bytes at tail=").pointer(tail);
    ok = true;
    for (std::size_t i = 0; i < kWord; ++i) ok = ok && tail[i] == kForbiddenByte;
    if (ok) {
        out.text(" are FORBIDDENBYTE, as expected.\n");
    } else {
        out.text(" are not all FORBIDDENBYTE (0x").hex_byte(kForbiddenByte).text("):\n");
        for (std::size_t i = 0; i < kWord; ++i) {
            out.text("        at tail+").decimal(i).text(": 0x").hex_byte(tail[i]);
            if (tail[i] != kForbiddenByte) out.text(" *** OUCH");
            out.text("\n");
        }
    }

    // Up to 8 bytes from the start, then " ..." and the last 8 if more remain.
    if (nbytes > 0) {
        out.text("    Data at p:");
        const std::uint8_t *d = q;
        for (int i = 0; d < tail && i < 8; ++i, ++d) out.ch(' ').hex_byte(*d);
        if (d < tail) {
            if (tail - d > 8) {
                out.text(" ...");
                d = tail - 8;
            }
            for (; d < tail; ++d) out.ch(' ').hex_byte(*d);
        }
        out.text("\n");
    }
    out.text("\n");
    out.flush();
    dump_traceback(p);
}

void check_block(char api, const void *p, const char *function) noexcept {
    const std::uint8_t *q = static_cast<const std::uint8_t *>(p);
    const std::uint8_t *base = base_of(p);
    const char id = static_cast<char>(base[kWord]);
    if (id != api) {
        dump_block(p);
        char message[] = "bad ID: Allocated using API '?', verified using API '?'";
        message[29] = id;
        message[53] = api;
        // With its length: the id read from a freed or overwritten block may be any byte,
        // NUL included, and the rest of the line must still be printed.
        support::fatal_error(function, std::string_view(message, sizeof message - 1));
    }
    for (std::size_t i = 1; i < kWord; ++i) {
        if (q[-static_cast<std::ptrdiff_t>(i)] != kForbiddenByte) {
            dump_block(p);
            support::fatal_error(function, "bad leading pad byte");
        }
    }
    const std::uint8_t *tail = q + read_size(base);
    for (std::size_t i = 0; i < kWord; ++i) {
        if (tail[i] != kForbiddenByte) {
            dump_block(p);
            support::fatal_error(function, "bad trailing pad byte");
        }
    }
}

}  // namespace minipy::debug
