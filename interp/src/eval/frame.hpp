// Frames: the activation record of one running code object, and the per-thread data stack
// they live on (CPython 3.11's _PyInterpreterFrame and its datastack chunks).
//
// A frame is a header followed by `localsplus`: the code's locals (parameters first), its
// cells, its free variables, then the value stack, co_framesize words in all. Frames are
// pushed on the thread's data stack, a list of chunks taken from the arena allocator
// (PyObject_GetArenaAllocator, mmap by default): a push is a bump of `top` and a compare
// with `limit`; a pop moves `top` back. No frame is a Python object: a frame *object*
// (PyFrameObject, frame_object.hpp) is made only when something asks for one (a traceback,
// sys._getframe, a generator's gi_frame) and points back at the frame.
//
// Ownership: a frame holds strong references to its function and code (f_func, f_code), to
// f_locals when it has one, to every non-NULL slot of localsplus below stacktop, and to its
// frame object. f_globals and f_builtins are borrowed from the function.
//
// Where a frame lives (`owner`):
//   kOwnedByThread     on the data stack; popped by RETURN or unwinding
//   kOwnedByGenerator  inside a generator object, copied there by RETURN_GENERATOR
//   kOwnedByFrameObject inside its frame object, copied there when the frame was popped while
//                      the frame object was still referenced (take_ownership)
//
// The chain: `previous` links a thread's frames, most recent first; a frame that a C
// function entered the eval loop for is an entry frame (is_entry): returning from it leaves
// the loop. The chain's head is ThreadFrames::current.
#ifndef MINIPY_INTERP_EVAL_FRAME_HPP
#define MINIPY_INTERP_EVAL_FRAME_HPP

#include <cstddef>
#include <cstdint>

#include "code/opcode.hpp"
#include "minipy/Python.h"
#include "minipy/code.h"

struct PyFunctionObject;
struct _frame;  // PyFrameObject

namespace minipy::eval {

enum FrameOwner : std::uint8_t {
    kOwnedByThread = 0,
    kOwnedByGenerator = 1,
    kOwnedByFrameObject = 2,
};

struct InterpFrame {
    PyFunctionObject *f_func;    // strong
    PyObject *f_globals;         // borrowed from f_func
    PyObject *f_builtins;        // borrowed from f_func
    PyObject *f_locals;          // strong or NULL (module and class bodies: the namespace)
    PyCodeObject *f_code;        // strong
    _frame *frame_obj;           // strong or NULL (PyFrameObject)
    InterpFrame *previous;       // the caller (thread frames only; NULL otherwise)
    code::CodeUnit *prev_instr;  // the instruction running or last run
    int stacktop;                // localsplus[stacktop] is the first free stack slot
    bool is_entry;               // a C call started the loop for this frame
    std::uint8_t owner;          // FrameOwner
    std::uint8_t unused[2];
    PyObject *localsplus[1];

    code::CodeUnit *first_instr() const noexcept {
        return reinterpret_cast<code::CodeUnit *>(f_code->co_code_adaptive);
    }
    // The index of the instruction running or last run (prev_instr), or -1 before the first.
    int lasti() const noexcept { return static_cast<int>(prev_instr - first_instr()); }
    PyObject **stack_base() noexcept { return localsplus + f_code->co_nlocalsplus; }
    PyObject **stack_pointer() noexcept { return localsplus + stacktop; }
    void set_stack_pointer(PyObject **sp) noexcept { stacktop = static_cast<int>(sp - localsplus); }
};

// Words (pointers) of the header, before localsplus.
inline constexpr int kFrameHeaderWords =
    static_cast<int>(offsetof(InterpFrame, localsplus) / sizeof(PyObject *));
static_assert(offsetof(InterpFrame, localsplus) % sizeof(PyObject *) == 0);

// The per-thread part of the interpreter: the frame chain and the data stack. One per thread
// state, made on first use (ThreadFrames::get), freed by the runtime's thread clear hook.
struct DataChunk;
inline constexpr int kChunkHeaderWords = 3;
struct ThreadFrames {
    InterpFrame *current = nullptr;          // the innermost running frame
    DataChunk *chunk = nullptr;              // the chunk `top` points into
    PyObject **top = nullptr;                // the first free word
    PyObject **limit = nullptr;              // the end of the chunk
    DataChunk *spare = nullptr;              // one emptied chunk kept against push/pop thrashing
    minipy_thread_fields *fields = nullptr;  // the thread state's interpreter fields
    PyThreadState *tstate = nullptr;
};

// The calling thread's (made on first use; NULL with MemoryError when that fails).
ThreadFrames *thread_frames(PyThreadState *tstate) noexcept;
ThreadFrames *current_thread_frames() noexcept;

// Pushes an uninitialised frame of `size` words; NULL with MemoryError when no chunk can be
// had. The slow path (a new chunk) is out of line.
InterpFrame *push_frame_slow(ThreadFrames *tf, int size) noexcept;
inline InterpFrame *push_frame_words(ThreadFrames *tf, int size) noexcept {
    PyObject **base = tf->top;
    if (tf->limit - base >= size) [[likely]] {
        tf->top = base + size;
        return reinterpret_cast<InterpFrame *>(base);
    }
    return push_frame_slow(tf, size);
}
// Pops the most recently pushed frame's words (it must be `frame`).
void pop_frame_slow(ThreadFrames *tf, InterpFrame *frame) noexcept;
inline void pop_frame_words(ThreadFrames *tf, InterpFrame *frame) noexcept {
    PyObject **base = reinterpret_cast<PyObject **>(frame);
    if (base != reinterpret_cast<PyObject **>(tf->chunk) + kChunkHeaderWords) [[likely]] {
        tf->top = base;
        return;
    }
    pop_frame_slow(tf, frame);
}

// Fills the header of a freshly pushed frame for `func` (its code, globals, builtins; new
// references to func and code), with every localsplus slot NULL and an empty stack.
void init_frame(InterpFrame *frame, PyFunctionObject *func, PyObject *locals) noexcept;

// Releases what a frame holds (locals, stack, function, code, f_locals) — or, when its frame
// object is still referenced elsewhere, hands the contents to the frame object instead.
void clear_frame(InterpFrame *frame) noexcept;

// The frame object of `frame`, made on first request (new reference), or NULL with
// MemoryError.
_frame *frame_object_of(InterpFrame *frame) noexcept;

// The source line the frame is at (its last instruction's), -1 when unknown.
int frame_lineno(const InterpFrame *frame) noexcept;

}  // namespace minipy::eval

#endif  // MINIPY_INTERP_EVAL_FRAME_HPP
