// See memory.hpp.
#include "tracemalloc/memory.hpp"

#include <atomic>
#include <cstdlib>

namespace minipy::tracemalloc {

namespace {

std::atomic<std::size_t> g_bytes{0};
std::atomic<FaultInjector> g_injector{nullptr};

}  // namespace

void *system_allocate(std::size_t n) noexcept {
    if (FaultInjector fail = g_injector.load(std::memory_order_relaxed))
        if (fail()) return nullptr;
    void *p = std::malloc(n);
    if (p != nullptr) g_bytes.fetch_add(n, std::memory_order_relaxed);
    return p;
}

void *caller_allocate(std::size_t n) noexcept {
    if (FaultInjector fail = g_injector.load(std::memory_order_relaxed))
        if (fail()) return nullptr;
    return std::malloc(n);
}

void system_release(void *p, std::size_t n) noexcept {
    if (p == nullptr) return;
    g_bytes.fetch_sub(n, std::memory_order_relaxed);
    std::free(p);
}

std::size_t system_bytes() noexcept {
    return g_bytes.load(std::memory_order_relaxed);
}

void set_fault_injector(FaultInjector injector) noexcept {
    g_injector.store(injector, std::memory_order_relaxed);
}

}  // namespace minipy::tracemalloc
