// The tracer's C functions: start / stop and the counters (what CPython's _tracemalloc
// module exposes), PyTraceMalloc_Track / Untrack, reading one block's traceback, and
// snapshots. The hooks and the per-thread capture are in tracer.cpp; the report for the
// debug hooks in report.cpp.
//
// start / stop / clear are expected from one thread at a time (under the GIL, as CPython's
// module calls them); the hooks and Track / Untrack may run on any thread meanwhile.
#include <cstdlib>
#include <cstring>

#include "debug/report.hpp"
#include "minipy/tracemalloc.h"
#include "tracemalloc/memory.hpp"
#include "tracemalloc/report.hpp"
#include "tracemalloc/tracer.hpp"

namespace {

namespace trace = minipy::tracemalloc;
using trace::g_state;

bool tracing() {
    return trace::g_tracing.load(std::memory_order_acquire);
}

void release_tables() {
    g_state.traces.release();
    g_state.tracebacks.release();
    g_state.traced = g_state.peak = 0;
    ++g_state.generation;
}

}  // namespace

extern "C" int minipy_tracemalloc_start(int nframe) noexcept {
    if (nframe < 1 || nframe > MINIPY_TRACEMALLOC_MAX_NFRAME) return -2;
    if (tracing()) return 0;
    g_state.lock.lock();
    const bool ready = g_state.traces.init() && g_state.tracebacks.init();
    if (ready) {
        g_state.traced = g_state.peak = 0;
        ++g_state.generation;
    } else {
        release_tables();
    }
    g_state.lock.unlock();
    if (!ready) return -1;
    trace::g_nframe.store(nframe, std::memory_order_relaxed);
    minipy::debug::set_traceback_dumper(&trace::dump_traceback);
    if (!trace::install_hooks()) {
        g_state.lock.lock();
        release_tables();
        g_state.lock.unlock();
        return -1;
    }
    trace::g_tracing.store(true, std::memory_order_release);
    return 0;
}

extern "C" void minipy_tracemalloc_stop(void) noexcept {
    if (!tracing()) return;
    // From here the hooks pass calls through; those already past the check see it again
    // under the lock.
    trace::g_tracing.store(false, std::memory_order_release);
    trace::remove_hooks();
    g_state.lock.lock();
    release_tables();
    g_state.lock.unlock();
    trace::release_thread_buffer();
}

extern "C" int minipy_tracemalloc_is_tracing(void) noexcept {
    return tracing() ? 1 : 0;
}

extern "C" int minipy_tracemalloc_get_traceback_limit(void) noexcept {
    return trace::g_nframe.load(std::memory_order_relaxed);
}

extern "C" void minipy_tracemalloc_clear_traces(void) noexcept {
    if (!tracing()) return;
    g_state.lock.lock();
    g_state.traces.clear();
    g_state.tracebacks.clear();
    g_state.traced = g_state.peak = 0;
    ++g_state.generation;
    g_state.lock.unlock();
}

extern "C" void minipy_tracemalloc_get_traced_memory(size_t *current, size_t *peak) noexcept {
    g_state.lock.lock();
    *current = g_state.traced;
    *peak = g_state.peak;
    g_state.lock.unlock();
}

extern "C" void minipy_tracemalloc_reset_peak(void) noexcept {
    g_state.lock.lock();
    g_state.peak = g_state.traced;
    g_state.lock.unlock();
}

extern "C" size_t minipy_tracemalloc_get_memory(void) noexcept {
    return trace::system_bytes();
}

// --- CPython's C API ------------------------------------------------------------------------

extern "C" int PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size) noexcept {
    if (!tracing()) return -2;
    // The stack callback may allocate: those allocations are the tracer's, not traced.
    const bool was = trace::enter_untraced();
    const bool ok = trace::add_trace(domain, ptr, size);
    trace::leave_untraced(was);
    return ok ? 0 : -1;
}

extern "C" int PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr) noexcept {
    if (!tracing()) return -2;
    trace::remove_trace(domain, ptr);
    return 0;
}

extern "C" int minipy_tracemalloc_retrace(unsigned int domain, uintptr_t ptr) noexcept {
    if (!tracing()) return -2;
    const bool was = trace::enter_untraced();
    const bool ok = trace::retrace(domain, ptr);
    trace::leave_untraced(was);
    return ok ? 0 : -1;
}

// --- Reading ----------------------------------------------------------------------------------

extern "C" int minipy_tracemalloc_get_traceback(unsigned int domain, uintptr_t ptr,
                                                minipy_tracemalloc_frame *frames, int max_frames,
                                                size_t *size, int *total_nframe) noexcept {
    int n = 0;
    g_state.lock.lock();
    const trace::TraceEntry *e = tracing() ? g_state.traces.find(domain, ptr) : nullptr;
    if (e != nullptr) {
        const minipy_tracemalloc_traceback &tb = e->traceback->view;
        n = tb.nframe;
        for (int i = 0; i < n && i < max_frames; ++i) frames[i] = tb.frames[i];
        if (size != nullptr) *size = e->size;
        if (total_nframe != nullptr) *total_nframe = tb.total_nframe;
    }
    g_state.lock.unlock();
    return n;
}

namespace {

// One block: the header, the traces, then each distinct traceback followed by its frames.
struct SnapshotBlock {
    minipy_tracemalloc_snapshot snapshot;
};

}  // namespace

extern "C" minipy_tracemalloc_snapshot *minipy_tracemalloc_take_snapshot(
    int *out_of_memory) noexcept {
    if (out_of_memory != nullptr) *out_of_memory = 0;
    g_state.lock.lock();
    if (!tracing()) {
        g_state.lock.unlock();
        return nullptr;
    }
    // Size it: each distinct traceback once (snapshot_copy marks the ones counted).
    auto *const counted_mark = reinterpret_cast<minipy_tracemalloc_traceback *>(&g_state);
    std::size_t distinct = 0, frames = 0;
    g_state.tracebacks.for_each([](const trace::Traceback *tb) { tb->snapshot_copy = nullptr; });
    g_state.traces.for_each([&](const trace::TraceEntry &e) {
        if (e.traceback->snapshot_copy != nullptr) return;
        e.traceback->snapshot_copy = counted_mark;
        ++distinct;
        frames += e.traceback->view.nframe;
    });
    const std::size_t ntraces = g_state.traces.count();
    const std::size_t bytes = sizeof(SnapshotBlock) + ntraces * sizeof(minipy_tracemalloc_trace) +
                              distinct * sizeof(minipy_tracemalloc_traceback) +
                              frames * sizeof(minipy_tracemalloc_frame);
    auto *block = static_cast<SnapshotBlock *>(trace::caller_allocate(bytes));
    if (block == nullptr) {
        g_state.lock.unlock();
        if (out_of_memory != nullptr) *out_of_memory = 1;
        return nullptr;
    }
    auto *traces = reinterpret_cast<minipy_tracemalloc_trace *>(block + 1);
    auto *tracebacks = reinterpret_cast<minipy_tracemalloc_traceback *>(traces + ntraces);
    auto *frame_out = reinterpret_cast<minipy_tracemalloc_frame *>(tracebacks + distinct);
    g_state.tracebacks.for_each([](const trace::Traceback *tb) { tb->snapshot_copy = nullptr; });
    std::size_t t = 0;
    g_state.traces.for_each([&](const trace::TraceEntry &e) {
        const trace::Traceback *tb = e.traceback;
        if (tb->snapshot_copy == nullptr) {
            minipy_tracemalloc_traceback *copy = tracebacks++;
            std::memcpy(frame_out, tb->view.frames, tb->view.nframe * sizeof *frame_out);
            *copy = {tb->view.nframe, tb->view.total_nframe, frame_out};
            frame_out += tb->view.nframe;
            tb->snapshot_copy = copy;
        }
        traces[t++] = {e.domain, e.size, tb->snapshot_copy};
    });
    block->snapshot = {ntraces, traces, trace::g_nframe.load(std::memory_order_relaxed)};
    g_state.lock.unlock();
    return &block->snapshot;
}

extern "C" void minipy_tracemalloc_snapshot_free(minipy_tracemalloc_snapshot *snapshot) noexcept {
    std::free(snapshot);  // the snapshot is the first member of its block
}
