// See freelist_check.hpp.
#include "check/freelist_check.hpp"

#include <algorithm>
#include <functional>

#include "gc/gc_internal.hpp"

namespace minipy::runtime::check {

void freelist_entry_is_dead(const Subject &s, Py_ssize_t position, PyObject *op, PyTypeObject *type,
                            bool gc) noexcept {
    if (op == nullptr) s.broken({"no entry is NULL (entry ", position, ")"});
    if (type != nullptr)
        s.require(Py_TYPE(op) == type, {"every entry is an exact ", type->tp_name, " (entry ",
                                        position, " at ", static_cast<const void *>(op),
                                        " has type ", static_cast<const void *>(Py_TYPE(op)), ")"});
    s.require(Py_REFCNT(op) == 0,
              {"an entry is dead: nobody holds it (entry ", position, " at ",
               static_cast<const void *>(op), " has refcount ", Py_REFCNT(op), ")"});
    if (gc)
        s.require(!gc::is_tracked(op), {"an entry is not tracked by the collector (entry ",
                                        position, " at ", static_cast<const void *>(op), ")"});
}

void freelist_array_is_valid(const Subject &s, void *const *items, int count, int depth) noexcept {
    constexpr int kMaxDepth = 128;
    s.require(count >= 0 && count <= depth && depth <= kMaxDepth,
              {"0 <= count <= depth (count ", count, ", depth ", depth, ")"});
    // Sorted copy on the stack: duplicates end up side by side.
    void *sorted[kMaxDepth];
    std::copy(items, items + count, sorted);
    std::sort(sorted, sorted + count, std::less<void *>());
    for (int i = 1; i < count; ++i)
        if (sorted[i] == sorted[i - 1])
            s.broken({"no block is on the list twice (", static_cast<const void *>(sorted[i]),
                      " is there twice)"});
}

}  // namespace minipy::runtime::check
