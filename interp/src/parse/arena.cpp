// The arena's slow paths: a new block when the current one is full, the object list, and
// destruction. See arena.hpp for the contract.
#include "parse/arena.hpp"

namespace minipy::parse {

// A block's header sits at its start; the usable bytes follow it.
struct Arena::Block {
    Block *next;
    std::size_t pad;  // keeps the data 16-byte aligned
};

// Object references are kept in chunks carved from the arena itself.
struct Arena::ObjectChunk {
    static constexpr int kCapacity = 62;
    ObjectChunk *next;
    std::size_t count;
    PyObject *items[kCapacity];
};

Arena *Arena::create() noexcept {
    void *memory = PyMem_Malloc(sizeof(Arena));
    if (memory == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    return new (memory) Arena();
}

void Arena::destroy(Arena *arena) noexcept {
    for (ObjectChunk *chunk = arena->objects_; chunk != nullptr; chunk = chunk->next)
        for (std::size_t i = 0; i < chunk->count; ++i) Py_DECREF(chunk->items[i]);
    Block *block = arena->blocks_;
    while (block != nullptr) {
        Block *next = block->next;
        PyMem_Free(block);
        block = next;
    }
    arena->~Arena();
    PyMem_Free(arena);
}

void *Arena::allocate_slow(std::size_t size) noexcept {
    // A request that would waste most of a fresh block gets a block of its own, placed
    // behind the current one so that the current one keeps serving small requests.
    const bool own_block = size > kBlockSize / 4;
    const std::size_t data_size = own_block ? size : kBlockSize;
    auto *block = static_cast<Block *>(PyMem_Malloc(sizeof(Block) + data_size));
    if (block == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    char *data = reinterpret_cast<char *>(block + 1);
    if (own_block && blocks_ != nullptr) {
        block->next = blocks_->next;
        blocks_->next = block;
        return data;
    }
    block->next = blocks_;
    blocks_ = block;
    next_ = data + size;
    limit_ = data + data_size;
    return data;
}

int Arena::add_object(PyObject *object) noexcept {
    if (objects_ == nullptr || objects_->count == ObjectChunk::kCapacity) {
        auto *chunk = static_cast<ObjectChunk *>(allocate(sizeof(ObjectChunk)));
        if (chunk == nullptr) return -1;
        chunk->next = objects_;
        chunk->count = 0;
        objects_ = chunk;
    }
    objects_->items[objects_->count++] = object;
    return 0;
}

}  // namespace minipy::parse
