// The Python frames of a thread for the layers below the interpreter (script_stack.hpp).
//
// The fatal report: each frame as faulthandler writes it ('  File "x.py", line 3 in f'), most
// recent first, at most 100 frames, names written as ASCII with \x, \u, \U escapes and cut at
// 500 characters. It runs while the process dies, so it only reads and writes with write(2).
//
// The tracer's stack: (file name, line) per frame, most recent first. The tracer keeps file
// names by pointer for the life of the process, so each distinct name is copied once into a
// table of its own (the C library's memory, never freed) and that copy is handed out. It runs
// inside allocations, on any thread, maybe without the GIL: it reads only the calling
// thread's frames (which cannot change under it) and takes only its own lock.
#include "run/script_stack.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "code/code_object.hpp"
#include "code/line_table.hpp"
#include "eval/frame.hpp"
#include "minipy/Python.h"

namespace minipy::interp {

namespace {

// --- the fatal report -----------------------------------------------------------------------

constexpr int kMaxDumpedFrames = 100;         // faulthandler's MAX_FRAME_DEPTH
constexpr Py_ssize_t kMaxDumpedLength = 500;  // faulthandler's MAX_STRING_LENGTH

void put(int fd, const char *text, std::size_t size) noexcept {
    while (size > 0) {
        const ssize_t n = ::write(fd, text, size);
        if (n <= 0) return;
        text += n;
        size -= static_cast<std::size_t>(n);
    }
}

void put(int fd, const char *text) noexcept {
    put(fd, text, std::strlen(text));
}

void put_decimal(int fd, long value) noexcept {
    char digits[24];
    int at = sizeof digits;
    unsigned long v = value < 0 ? 0UL - static_cast<unsigned long>(value) : value;
    do {
        digits[--at] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    if (value < 0) digits[--at] = '-';
    put(fd, digits + at, sizeof digits - static_cast<std::size_t>(at));
}

// faulthandler's _Py_DumpASCII: printable ASCII as is, anything else escaped.
void put_ascii(int fd, PyObject *text) noexcept {
    if (text == nullptr || !PyUnicode_Check(text)) {
        put(fd, "???");
        return;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    const bool truncated = size > kMaxDumpedLength;
    if (truncated) size = kMaxDumpedLength;
    for (Py_ssize_t i = 0; i < size; ++i) {
        const Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= ' ' && ch <= 126) {
            const char c = static_cast<char>(ch);
            put(fd, &c, 1);
            continue;
        }
        char escape[11];
        escape[0] = '\\';
        int digits = 0;
        if (ch <= 0xff) {
            escape[1] = 'x';
            digits = 2;
        } else if (ch <= 0xffff) {
            escape[1] = 'u';
            digits = 4;
        } else {
            escape[1] = 'U';
            digits = 8;
        }
        for (int d = 0; d < digits; ++d)
            escape[2 + d] = "0123456789abcdef"[(ch >> (4 * (digits - 1 - d))) & 0xF];
        put(fd, escape, 2 + static_cast<std::size_t>(digits));
    }
    if (truncated) put(fd, "...");
}

eval::InterpFrame *innermost_frame(PyThreadState *tstate) noexcept {
    if (tstate == nullptr) return nullptr;
    const minipy_thread_fields *fields = minipy_thread_fields_of(tstate);
    const auto *tf = static_cast<const eval::ThreadFrames *>(fields->interp_data);
    return tf != nullptr ? tf->current : nullptr;
}

void dump_frames(int fd, PyThreadState *tstate) noexcept {
    const eval::InterpFrame *frame = innermost_frame(tstate);
    if (frame == nullptr) {
        put(fd, "  <no Python frame>\n");
        return;
    }
    for (int depth = 0; frame != nullptr; frame = frame->previous, ++depth) {
        if (depth == kMaxDumpedFrames) {
            put(fd, "  ...\n");
            break;
        }
        PyCodeObject *code = frame->f_code;
        put(fd, "  File \"");
        put_ascii(fd, code->co_filename);
        put(fd, "\", line ");
        const int lineno = eval::frame_lineno(frame);
        if (lineno >= 0)
            put_decimal(fd, lineno);
        else
            put(fd, "???");
        put(fd, " in ");
        put_ascii(fd, code->co_name);
        put(fd, "\n");
    }
}

// --- the tracer's stack ---------------------------------------------------------------------

// Longer names are cut (the tracer only shows them).
constexpr std::size_t kMaxNameBytes = 4096;
const char kUnknownName[] = "<unknown>";

// A file name's UTF-8 bytes (lone surrogates as '?'), without allocating.
std::size_t encode_name(PyObject *name, char *out) noexcept {
    const int kind = PyUnicode_KIND(name);
    const void *data = PyUnicode_DATA(name);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    std::size_t size = 0;
    for (Py_ssize_t i = 0; i < length; ++i) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 0xD800 && ch <= 0xDFFF) ch = '?';
        char bytes[4];
        std::size_t n = 0;
        if (ch < 0x80) {
            bytes[n++] = static_cast<char>(ch);
        } else if (ch < 0x800) {
            bytes[n++] = static_cast<char>(0xC0 | (ch >> 6));
            bytes[n++] = static_cast<char>(0x80 | (ch & 0x3F));
        } else if (ch < 0x10000) {
            bytes[n++] = static_cast<char>(0xE0 | (ch >> 12));
            bytes[n++] = static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
            bytes[n++] = static_cast<char>(0x80 | (ch & 0x3F));
        } else {
            bytes[n++] = static_cast<char>(0xF0 | (ch >> 18));
            bytes[n++] = static_cast<char>(0x80 | ((ch >> 12) & 0x3F));
            bytes[n++] = static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
            bytes[n++] = static_cast<char>(0x80 | (ch & 0x3F));
        }
        if (size + n > kMaxNameBytes) break;
        std::memcpy(out + size, bytes, n);
        size += n;
    }
    return size;
}

// The interned names: an open-addressing set of NUL-terminated copies, by content.
struct NameTable {
    std::atomic_flag lock = ATOMIC_FLAG_INIT;
    const char **slots = nullptr;  // capacity entries, NULL when free
    std::size_t capacity = 0;
    std::size_t used = 0;
};
NameTable g_names;

std::size_t hash_bytes(const char *bytes, std::size_t size) noexcept {
    std::size_t h = 14695981039346656037ULL;  // FNV-1a
    for (std::size_t i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

bool grow_names() noexcept {
    const std::size_t capacity = g_names.capacity == 0 ? 64 : g_names.capacity * 2;
    auto **slots = static_cast<const char **>(std::calloc(capacity, sizeof(const char *)));
    if (slots == nullptr) return false;
    for (std::size_t i = 0; i < g_names.capacity; ++i) {
        const char *name = g_names.slots[i];
        if (name == nullptr) continue;
        std::size_t at = hash_bytes(name, std::strlen(name)) & (capacity - 1);
        while (slots[at] != nullptr) at = (at + 1) & (capacity - 1);
        slots[at] = name;
    }
    std::free(static_cast<void *>(g_names.slots));
    g_names.slots = slots;
    g_names.capacity = capacity;
    return true;
}

const char *intern_name_locked(const char *bytes, std::size_t size) noexcept {
    if ((g_names.used + 1) * 2 > g_names.capacity && !grow_names()) return kUnknownName;
    std::size_t at = hash_bytes(bytes, size) & (g_names.capacity - 1);
    for (;; at = (at + 1) & (g_names.capacity - 1)) {
        const char *name = g_names.slots[at];
        if (name == nullptr) break;
        if (std::strncmp(name, bytes, size) == 0 && name[size] == '\0') return name;
    }
    char *copy = static_cast<char *>(std::malloc(size + 1));
    if (copy == nullptr) return kUnknownName;
    std::memcpy(copy, bytes, size);
    copy[size] = '\0';
    g_names.slots[at] = copy;
    ++g_names.used;
    return copy;
}

const char *interned_filename(PyObject *filename) noexcept {
    if (filename == nullptr || !PyUnicode_Check(filename)) return kUnknownName;
    char bytes[kMaxNameBytes];
    const std::size_t size = encode_name(filename, bytes);
    while (g_names.lock.test_and_set(std::memory_order_acquire)) {
    }
    const char *name = intern_name_locked(bytes, size);
    g_names.lock.clear(std::memory_order_release);
    return name;
}

// A code object's file name as interned for the tracer, cached in the code object: encoding
// and looking the name up on every traced allocation was most of the tracer's cost.
const char *code_filename(PyCodeObject *co) noexcept {
    const char *name = __atomic_load_n(&co->_co_trace_filename, __ATOMIC_ACQUIRE);
    if (name != nullptr) return name;
    name = interned_filename(co->co_filename);
    // Interned names live as long as the process, so the pointer stays valid; two threads
    // that race here store the same pointer.
    if (name != kUnknownName) __atomic_store_n(&co->_co_trace_filename, name, __ATOMIC_RELEASE);
    return name;
}

// The line of every code unit of `co` (0 where it has none), decoded once from the location
// table into memory of the C library (the tracer's own memory never comes from a traced
// domain); NULL when that memory is not there. The code object frees it.
const int *code_lines(PyCodeObject *co) noexcept {
    int *lines = __atomic_load_n(&co->_co_linearray, __ATOMIC_ACQUIRE);
    if (lines != nullptr) return lines;
    const Py_ssize_t units = Py_SIZE(co);
    lines = static_cast<int *>(
        std::calloc(static_cast<std::size_t>(units > 0 ? units : 1), sizeof(int)));
    if (lines == nullptr) return nullptr;
    code::LineTableCursor cursor(co->co_linetable, co->co_firstlineno);
    while (cursor.next())
        for (int unit = cursor.unit; unit < cursor.end_unit && unit < units; ++unit)
            lines[unit] = cursor.loc.lineno > 0 ? cursor.loc.lineno : 0;
    int *expected = nullptr;
    if (!__atomic_compare_exchange_n(&co->_co_linearray, &expected, lines, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        std::free(lines);  // another thread built it first
        return expected;
    }
    return lines;
}

unsigned int frame_line(const eval::InterpFrame *frame) noexcept {
    const int index = frame->lasti();
    PyCodeObject *co = frame->f_code;
    if (index < 0)
        return co->co_firstlineno > 0 ? static_cast<unsigned int>(co->co_firstlineno) : 0U;
    const int *lines = code_lines(co);
    if (lines == nullptr || index >= Py_SIZE(co)) {
        const int lineno = eval::frame_lineno(frame);
        return lineno > 0 ? static_cast<unsigned int>(lineno) : 0U;
    }
    return static_cast<unsigned int>(lines[index]);
}

int script_stack(minipy_tracemalloc_frame *frames, int max_frames) noexcept {
    const eval::InterpFrame *frame = innermost_frame(PyGILState_GetThisThreadState());
    int total = 0;
    for (; frame != nullptr; frame = frame->previous) {
        // A frozen module standing in for a C module (io) shows no frames, as C calls have
        // none (code::kCoHiddenFrames).
        if ((frame->f_code->co_flags & code::kCoHiddenFrames) != 0) [[unlikely]]
            continue;
        if (total++ >= max_frames) continue;  // only counted
        frames[total - 1].filename = code_filename(frame->f_code);
        frames[total - 1].lineno = frame_line(frame);
    }
    return total;
}

}  // namespace

void register_script_stack_hooks() noexcept {
    minipy_set_frame_dump_hook(dump_frames);
    minipy_alloc_set_script_stack(script_stack);
}

}  // namespace minipy::interp
