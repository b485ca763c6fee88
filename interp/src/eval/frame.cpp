// The per-thread data stack (chunks from the arena allocator) and the frame life cycle of
// frame.hpp: pushing, initialising, clearing, handing a frame to its frame object.
//
// A chunk is 16 KiB (CPython's DATA_STACK_CHUNK_SIZE): a header of two words (the previous
// chunk and the chunk's size) then frames. A frame bigger than a chunk gets a chunk of its
// own size. Popping the first frame of a chunk returns to the previous chunk and keeps the
// emptied one as `spare`, so a call that straddles a boundary in a loop does not map and
// unmap memory each time.
#include "eval/frame.hpp"

#include "code/line_table.hpp"

#include <cstring>
#include <new>

#include "minipy/frameobject.h"
#include "minipy/functionobject.h"
#include "objects/frame_object.hpp"

namespace minipy::eval {

struct DataChunk {
    DataChunk *previous;
    std::size_t size;         // bytes, header included
    PyObject **previous_top;  // `top` in the previous chunk when this one was started
    PyObject *data[1];
};
static_assert(offsetof(DataChunk, data) == kChunkHeaderWords * sizeof(PyObject *));

namespace {

constexpr std::size_t kChunkSize = std::size_t{16} * 1024;

DataChunk *chunk_alloc(std::size_t size) noexcept {
    PyObjectArenaAllocator arena;
    PyObject_GetArenaAllocator(&arena);
    void *memory = arena.alloc(arena.ctx, size);
    if (memory == nullptr) return nullptr;
    auto *chunk = static_cast<DataChunk *>(memory);
    chunk->previous = nullptr;
    chunk->size = size;
    return chunk;
}

void chunk_free(DataChunk *chunk) noexcept {
    PyObjectArenaAllocator arena;
    PyObject_GetArenaAllocator(&arena);
    arena.free(arena.ctx, chunk, chunk->size);
}

PyObject **chunk_end(DataChunk *chunk) noexcept {
    return reinterpret_cast<PyObject **>(reinterpret_cast<char *>(chunk) + chunk->size);
}

void free_thread_frames(PyThreadState *, void *data) noexcept {
    auto *tf = static_cast<ThreadFrames *>(data);
    DataChunk *chunk = tf->chunk;
    while (chunk != nullptr) {
        DataChunk *previous = chunk->previous;
        chunk_free(chunk);
        chunk = previous;
    }
    if (tf->spare != nullptr) chunk_free(tf->spare);
    PyMem_RawFree(tf);
}

}  // namespace

ThreadFrames *thread_frames(PyThreadState *tstate) noexcept {
    minipy_thread_fields *fields = minipy_thread_fields_of(tstate);
    if (fields->interp_data != nullptr) [[likely]]
        return static_cast<ThreadFrames *>(fields->interp_data);
    minipy_set_thread_clear_hook(free_thread_frames);
    void *memory = PyMem_RawCalloc(1, sizeof(ThreadFrames));
    if (memory == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    auto *tf = new (memory) ThreadFrames{};
    tf->fields = fields;
    tf->tstate = tstate;
    fields->interp_data = tf;
    return tf;
}

ThreadFrames *current_thread_frames() noexcept {
    return thread_frames(PyThreadState_Get());
}

InterpFrame *push_frame_slow(ThreadFrames *tf, int size) noexcept {
    const std::size_t needed = (static_cast<std::size_t>(size) + 2) * sizeof(PyObject *);
    DataChunk *chunk = nullptr;
    if (tf->spare != nullptr && tf->spare->size >= needed) {
        chunk = tf->spare;
        tf->spare = nullptr;
    } else {
        const std::size_t bytes =
            needed > kChunkSize ? (needed + 4095) & ~std::size_t{4095} : kChunkSize;
        chunk = chunk_alloc(bytes);
        if (chunk == nullptr) {
            PyErr_NoMemory();
            return nullptr;
        }
    }
    // The words left unused at the end of the current chunk stay unused until this chunk is
    // popped and the old top comes back.
    chunk->previous = tf->chunk;
    chunk->previous_top = tf->top;
    tf->chunk = chunk;
    PyObject **base = chunk->data;
    tf->top = base + size;
    tf->limit = chunk_end(chunk);
    return reinterpret_cast<InterpFrame *>(base);
}

void pop_frame_slow(ThreadFrames *tf, InterpFrame *frame) noexcept {
    DataChunk *chunk = tf->chunk;
    (void)frame;
    DataChunk *previous = chunk->previous;
    if (previous == nullptr) {
        // The first chunk of the thread: keep it.
        tf->top = chunk->data;
        return;
    }
    PyObject **old_top = chunk->previous_top;
    if (tf->spare != nullptr) chunk_free(tf->spare);
    tf->spare = chunk;
    tf->chunk = previous;
    tf->top = old_top;
    tf->limit = chunk_end(previous);
}

void init_frame(InterpFrame *frame, PyFunctionObject *func, PyObject *locals) noexcept {
    auto *code = reinterpret_cast<PyCodeObject *>(func->func_code);
    frame->f_func = reinterpret_cast<PyFunctionObject *>(Py_NewRef(func));
    frame->f_globals = func->func_globals;
    frame->f_builtins = func->func_builtins;
    frame->f_locals = Py_XNewRef(locals);
    frame->f_code = reinterpret_cast<PyCodeObject *>(Py_NewRef(code));
    frame->frame_obj = nullptr;
    frame->previous = nullptr;
    frame->prev_instr = reinterpret_cast<code::CodeUnit *>(code->co_code_adaptive) - 1;
    frame->stacktop = code->co_nlocalsplus;
    frame->is_entry = false;
    frame->owner = kOwnedByThread;
    std::memset(frame->localsplus, 0,
                sizeof(PyObject *) * static_cast<std::size_t>(code->co_nlocalsplus));
}

void clear_frame(InterpFrame *frame) noexcept {
    if (frame->frame_obj != nullptr) {
        PyFrameObject *f = reinterpret_cast<PyFrameObject *>(frame->frame_obj);
        frame->frame_obj = nullptr;
        if (Py_REFCNT(f) > 1) {
            interp::frame_take_ownership(f, frame);
            Py_DECREF(f);
            return;
        }
        Py_DECREF(f);
    }
    for (int i = 0; i < frame->stacktop; ++i) Py_XDECREF(frame->localsplus[i]);
    Py_XDECREF(frame->f_locals);
    Py_DECREF(frame->f_func);
    Py_DECREF(frame->f_code);
}

PyFrameObject *frame_object_of(InterpFrame *frame) noexcept {
    if (frame->frame_obj != nullptr)
        return reinterpret_cast<PyFrameObject *>(Py_NewRef(frame->frame_obj));
    PyFrameObject *f = interp::frame_object_new(frame);
    if (f == nullptr) return nullptr;
    frame->frame_obj = reinterpret_cast<_frame *>(f);
    return reinterpret_cast<PyFrameObject *>(Py_NewRef(f));
}

int frame_lineno(const InterpFrame *frame) noexcept {
    const int index = frame->lasti();
    if (index < 0) return frame->f_code->co_firstlineno;
    code::Location loc;
    if (!code::location_at(frame->f_code->co_linetable, frame->f_code->co_firstlineno, index, &loc))
        return -1;
    return loc.lineno;
}

}  // namespace minipy::eval
