// Allocator hooks for tests, each chained on top of whatever a domain holds (saved with
// PyMem_GetAllocator, called for the real work) and taken off again by its destructor,
// the way CPython's "Memory Management" page says a hook should wrap a domain:
//   CountingHook   counts calls per function and records the last arguments and ctx;
//   FailingHook    CPython's _testcapi.set_nomemory(start, stop): counts allocation
//                  requests (malloc, calloc, realloc; not free) and fails request k when
//                  k > start and (stop <= 0 or k <= stop);
//   ByteLimitHook  a memory limit: refuses requests that would take the live payload bytes
//                  of the domain above a limit (a 16-byte header remembers each size);
//   FailNthRequest the fault-injection sweeps' hook: fails request N of MEM and OBJ
//                  together (or every request from N on), counted from arm().
// Hooks must be removed in the reverse order of installation (scoped objects do that).
#pragma once

#include <cstddef>

#include "minipy/pymem.h"

namespace minipy::test {

class DomainHook {
  public:
    DomainHook(const DomainHook &) = delete;
    DomainHook &operator=(const DomainHook &) = delete;
    virtual ~DomainHook();

    PyMemAllocatorDomain domain() const { return domain_; }
    const PyMemAllocatorEx &inner() const { return inner_; }

  protected:
    explicit DomainHook(PyMemAllocatorDomain domain);
    // Installs the four functions below with ctx = this. Call from the derived constructor.
    void install();

    virtual void *on_malloc(std::size_t size) = 0;
    virtual void *on_calloc(std::size_t nelem, std::size_t elsize) = 0;
    virtual void *on_realloc(void *ptr, std::size_t size) = 0;
    virtual void on_free(void *ptr) = 0;

    PyMemAllocatorDomain domain_;
    PyMemAllocatorEx inner_{};

  private:
    static void *malloc_trampoline(void *ctx, std::size_t size) noexcept;
    static void *calloc_trampoline(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
    static void *realloc_trampoline(void *ctx, void *ptr, std::size_t size) noexcept;
    static void free_trampoline(void *ctx, void *ptr) noexcept;
    bool installed_ = false;
};

class CountingHook final : public DomainHook {
  public:
    explicit CountingHook(PyMemAllocatorDomain domain) : DomainHook(domain) { install(); }

    std::size_t mallocs = 0, callocs = 0, reallocs = 0, frees = 0;
    std::size_t last_size = 0, last_nelem = 0, last_elsize = 0;
    void *last_ptr = nullptr;
    const void *last_ctx = nullptr;

    std::size_t allocations() const { return mallocs + callocs + reallocs; }

  private:
    void *on_malloc(std::size_t size) override;
    void *on_calloc(std::size_t nelem, std::size_t elsize) override;
    void *on_realloc(void *ptr, std::size_t size) override;
    void on_free(void *ptr) override;
};

class FailingHook final : public DomainHook {
  public:
    FailingHook(PyMemAllocatorDomain domain, std::size_t start, long stop = 0)
        : DomainHook(domain), start_(start), stop_(stop) {
        install();
    }
    std::size_t requests() const { return count_; }
    std::size_t failures() const { return failed_; }

  private:
    bool should_fail();
    void *on_malloc(std::size_t size) override;
    void *on_calloc(std::size_t nelem, std::size_t elsize) override;
    void *on_realloc(void *ptr, std::size_t size) override;
    void on_free(void *ptr) override;

    std::size_t start_;
    long stop_;
    std::size_t count_ = 0;
    std::size_t failed_ = 0;
};

class ByteLimitHook final : public DomainHook {
  public:
    ByteLimitHook(PyMemAllocatorDomain domain, std::size_t limit)
        : DomainHook(domain), limit_(limit) {
        install();
    }
    std::size_t live_bytes() const { return live_; }
    std::size_t peak_bytes() const { return peak_; }
    std::size_t refusals() const { return refused_; }

    static constexpr std::size_t kHeader = 16;  // keeps the payload 16-byte aligned

  private:
    bool admits(std::size_t more, std::size_t less);
    void account(std::size_t more, std::size_t less);
    void *on_malloc(std::size_t size) override;
    void *on_calloc(std::size_t nelem, std::size_t elsize) override;
    void *on_realloc(void *ptr, std::size_t size) override;
    void on_free(void *ptr) override;

    std::size_t limit_;
    std::size_t live_ = 0;
    std::size_t peak_ = 0;
    std::size_t refused_ = 0;
};

// Installed on MEM and OBJ at once (the two domains an object operation draws from), it counts
// their allocation requests (malloc, calloc, realloc; not free) from arm() on, and refuses
// request `nth`, or with `and_after` every request from `nth` on. Disarmed it passes all.
class FailNthRequest {
  public:
    FailNthRequest();
    ~FailNthRequest();
    FailNthRequest(const FailNthRequest &) = delete;
    FailNthRequest &operator=(const FailNthRequest &) = delete;

    void arm(long nth, bool and_after = false);
    void count_only();  // counts requests, refuses none
    void disarm() { armed_ = false; }

    long requests() const { return requests_; }  // since the last arm()
    long refused() const { return refused_; }
    bool fired() const { return refused_ > 0; }
    const char *first_refused_domain() const { return first_refused_domain_; }  // "MEM"/"OBJ"
    std::size_t first_refused_size() const { return first_refused_size_; }

  private:
    struct Slot {
        FailNthRequest *owner;
        int index;  // 0: MEM, 1: OBJ
    };
    bool refuse(int index, std::size_t size);
    static void *hook_malloc(void *ctx, std::size_t size) noexcept;
    static void *hook_calloc(void *ctx, std::size_t nelem, std::size_t elsize) noexcept;
    static void *hook_realloc(void *ctx, void *ptr, std::size_t size) noexcept;
    static void hook_free(void *ctx, void *ptr) noexcept;

    PyMemAllocatorEx wrapped_[2] = {};
    Slot slots_[2] = {};
    bool armed_ = false;
    bool and_after_ = false;
    long nth_ = 0;
    long requests_ = 0;
    long refused_ = 0;
    const char *first_refused_domain_ = "";
    std::size_t first_refused_size_ = 0;
};

// Checks at scope exit that the scope gave back every block it took from MEM and OBJ
// (by _Py_GetAllocatedBlocks) when pymalloc serves them.
class NoLeakScope {
  public:
    NoLeakScope();
    ~NoLeakScope();
    Py_ssize_t leaked() const;

  private:
    Py_ssize_t blocks_at_start_;
};

}  // namespace minipy::test
