// The tracer's script stack (script_stack_minimal.hpp): (file name, line) per frame of the
// calling thread, most recent first. The tracer keeps file names by pointer for the life of
// the process, so each distinct name is copied once (the C library's memory, never freed)
// into a list searched by hash. It runs inside allocations, on any thread, perhaps without
// the GIL: it reads only the calling thread's frames, allocates only with malloc, and takes
// only its own spin lock.
#include "run/script_stack_minimal.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "eval/frame.hpp"
#include "minipy/Python.h"
#include "minipy/tracemalloc.h"

namespace minipy::interp {

namespace {

struct NameCopy {
    NameCopy *next;
    std::size_t hash;
    char text[1];  // NUL-terminated, allocated to size
};

std::atomic_flag g_lock = ATOMIC_FLAG_INIT;
NameCopy *g_names = nullptr;
const char kUnknownName[] = "<unknown>";
constexpr std::size_t kMaxNameBytes = 1024;  // longer names are cut

// A str's UTF-8 bytes (lone surrogates as '?') into out[0 .. kMaxNameBytes), without
// allocating.
std::size_t encode_name(PyObject *name, char *out) noexcept {
    const int kind = PyUnicode_KIND(name);
    const void *data = PyUnicode_DATA(name);
    std::size_t size = 0;
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(name); ++i) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 0xD800 && ch <= 0xDFFF) ch = '?';
        const std::size_t n = ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
        if (size + n > kMaxNameBytes) break;
        if (n == 1) {
            out[size] = static_cast<char>(ch);
        } else {
            static const unsigned char kLead[] = {0, 0, 0xC0, 0xE0, 0xF0};
            for (std::size_t k = n - 1; k > 0; --k, ch >>= 6)
                out[size + k] = static_cast<char>(0x80 | (ch & 0x3F));
            out[size] = static_cast<char>(kLead[n] | ch);
        }
        size += n;
    }
    return size;
}

const char *interned_name(PyObject *name) noexcept {
    if (name == nullptr || !PyUnicode_Check(name)) return kUnknownName;
    char bytes[kMaxNameBytes];
    const std::size_t size = encode_name(name, bytes);
    std::size_t hash = 14695981039346656037ULL;  // FNV-1a
    for (std::size_t i = 0; i < size; ++i)
        hash = (hash ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ULL;
    while (g_lock.test_and_set(std::memory_order_acquire)) {
    }
    const char *found = nullptr;
    for (NameCopy *copy = g_names; copy != nullptr && found == nullptr; copy = copy->next)
        if (copy->hash == hash && std::strncmp(copy->text, bytes, size) == 0 &&
            copy->text[size] == '\0')
            found = copy->text;
    if (found == nullptr) {
        auto *copy = static_cast<NameCopy *>(std::malloc(offsetof(NameCopy, text) + size + 1));
        if (copy != nullptr) {
            copy->next = g_names;
            copy->hash = hash;
            std::memcpy(copy->text, bytes, size);
            copy->text[size] = '\0';
            g_names = copy;
            found = copy->text;
        }
    }
    g_lock.clear(std::memory_order_release);
    return found != nullptr ? found : kUnknownName;
}

int script_stack(minipy_tracemalloc_frame *frames, int max_frames) noexcept {
    PyThreadState *tstate = PyGILState_GetThisThreadState();
    if (tstate == nullptr) return 0;
    const auto *tf =
        static_cast<const eval::ThreadFrames *>(minipy_thread_fields_of(tstate)->interp_data);
    int total = 0;
    for (const eval::InterpFrame *frame = tf != nullptr ? tf->current : nullptr; frame != nullptr;
         frame = frame->previous, ++total) {
        if (total >= max_frames) continue;  // only counted
        const int lineno = eval::frame_lineno(frame);
        frames[total].filename = interned_name(frame->f_code->co_filename);
        frames[total].lineno = lineno > 0 ? static_cast<unsigned int>(lineno) : 0U;
    }
    return total;
}

std::atomic<bool> g_registered{false};

}  // namespace

void ensure_script_stack() noexcept {
    if (!g_registered.exchange(true)) minipy_alloc_set_script_stack(script_stack);
}

}  // namespace minipy::interp
