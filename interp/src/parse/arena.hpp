// The front end's arena: every AST node, sequence and token of one parse lives in blocks
// taken from the MEM domain (PyMem_Malloc) and is given back at once by arena_free, as
// CPython's PyArena. The arena also owns one reference to each object it was handed
// (constants, identifiers): arena_free drops them.
//
// Not thread-safe (the GIL covers it). Allocation is a pointer bump in the current block;
// a request larger than a block gets a block of its own. Memory is zeroed on request only.
#ifndef MINIPY_INTERP_PARSE_ARENA_HPP
#define MINIPY_INTERP_PARSE_ARENA_HPP

#include <cstddef>
#include <cstring>

#include "minipy/Python.h"

namespace minipy::parse {

class Arena {
  public:
    // A new, empty arena, or NULL with MemoryError set.
    static Arena *create() noexcept;
    // Frees every block and drops every object reference the arena holds.
    static void destroy(Arena *arena) noexcept;

    // `size` bytes aligned to 16, uninitialised; NULL with MemoryError set when memory ran out.
    void *allocate(std::size_t size) noexcept {
        size = (size + kAlign - 1) & ~(kAlign - 1);
        if (static_cast<std::size_t>(limit_ - next_) >= size) [[likely]] {
            void *p = next_;
            next_ += size;
            return p;
        }
        return allocate_slow(size);
    }
    void *allocate_zeroed(std::size_t size) noexcept {
        void *p = allocate(size);
        if (p != nullptr) std::memset(p, 0, size);
        return p;
    }
    template <class T>
    T *make() noexcept {
        return static_cast<T *>(allocate_zeroed(sizeof(T)));
    }

    // Takes over one reference to `object` (a constant, an identifier). On failure (-1,
    // MemoryError set) the caller keeps its reference, as with CPython's _PyArena_AddPyObject.
    int add_object(PyObject *object) noexcept;

  private:
    static constexpr std::size_t kAlign = 16;
    static constexpr std::size_t kBlockSize = 8192;
    struct Block;
    struct ObjectChunk;

    void *allocate_slow(std::size_t size) noexcept;

    char *next_ = nullptr;
    char *limit_ = nullptr;
    Block *blocks_ = nullptr;         // newest first
    ObjectChunk *objects_ = nullptr;  // newest first
};

// An arena that destroys itself at the end of a scope.
class ArenaScope {
  public:
    ArenaScope() noexcept : arena_(Arena::create()) {}
    ~ArenaScope() {
        if (arena_ != nullptr) Arena::destroy(arena_);
    }
    ArenaScope(const ArenaScope &) = delete;
    ArenaScope &operator=(const ArenaScope &) = delete;
    Arena *get() const noexcept { return arena_; }

  private:
    Arena *arena_;
};

}  // namespace minipy::parse

#endif  // MINIPY_INTERP_PARSE_ARENA_HPP
