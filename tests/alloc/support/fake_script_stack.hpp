// Helpers of the tracemalloc suites: a fake script stack (what the interpreter's callback
// will report), set per thread by the test, and a scope that traces and stops again.
#pragma once

#include <vector>

#include "alloc/support/domain_api.hpp"
#include "minipy/tracemalloc.h"

namespace minipy::test {

// The calling thread's fake stack, most recent frame first. Empty: no script frame.
inline thread_local std::vector<minipy_tracemalloc_frame> t_fake_stack;

inline int fake_stack(minipy_tracemalloc_frame *frames, int max_frames) {
    const int total = static_cast<int>(t_fake_stack.size());
    for (int i = 0; i < total && i < max_frames; ++i) frames[i] = t_fake_stack[i];
    return total;
}

// Saves the domains, registers the fake stack and starts tracing with `nframe` frames; at
// scope exit stops, unregisters and puts the domains back as they were.
class TracingScope {
  public:
    explicit TracingScope(int nframe = 1) {
        minipy_alloc_set_script_stack(&fake_stack);
        started_ = minipy_tracemalloc_start(nframe) == 0;
    }
    ~TracingScope() {
        minipy_tracemalloc_stop();
        minipy_alloc_set_script_stack(nullptr);
        t_fake_stack.clear();
    }
    TracingScope(const TracingScope &) = delete;
    TracingScope &operator=(const TracingScope &) = delete;
    bool started() const { return started_; }

  private:
    SavedDomains saved_;
    bool started_ = false;
};

// The trace of a block of the three domains: frame count 0 when it has none.
struct BlockTrace {
    int nframe = 0;
    int total = 0;
    std::size_t size = 0;
    std::vector<minipy_tracemalloc_frame> frames;
};

inline BlockTrace trace_of(const void *p, unsigned domain = MINIPY_TRACEMALLOC_DEFAULT_DOMAIN) {
    BlockTrace t;
    t.frames.resize(64);
    t.nframe = minipy_tracemalloc_get_traceback(domain, reinterpret_cast<uintptr_t>(p),
                                                t.frames.data(), 64, &t.size, &t.total);
    t.frames.resize(static_cast<std::size_t>(t.nframe < 64 ? t.nframe : 64));
    return t;
}

inline std::size_t traced_now() {
    std::size_t current = 0, peak = 0;
    minipy_tracemalloc_get_traced_memory(&current, &peak);
    return current;
}

inline std::size_t traced_peak() {
    std::size_t current = 0, peak = 0;
    minipy_tracemalloc_get_traced_memory(&current, &peak);
    return peak;
}

}  // namespace minipy::test
