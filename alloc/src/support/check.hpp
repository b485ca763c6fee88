// Two kinds of check, kept apart (a caller's misuse is not our broken invariant):
//   MINIPY_ASSERT(x)            our own invariant; on in debug builds, compiled away in release.
//   MINIPY_ASSERT_EXPENSIVE(x)  a whole-structure checker (is_valid()); only with
//                               -DMINIPY_EXPENSIVE_ASSERTS=ON, it may walk every arena.
// A failed assertion prints file, line, function and expression to stderr without
// allocating, then aborts. Caller mistakes at the C API boundary are not assertions: they
// get an error return or the debug hooks' report.
#pragma once

namespace minipy::support {

[[noreturn]] void assertion_failed(const char *expr, const char *file, int line,
                                   const char *func) noexcept;

}  // namespace minipy::support

#if !defined(NDEBUG) || defined(MINIPY_EXPENSIVE_ASSERTS)
#define MINIPY_ASSERT(cond)                                                           \
    do {                                                                              \
        if (!(cond)) [[unlikely]]                                                     \
            ::minipy::support::assertion_failed(#cond, __FILE__, __LINE__, __func__); \
    } while (0)
#else
#define MINIPY_ASSERT(cond) ((void)0)
#endif

#if defined(MINIPY_EXPENSIVE_ASSERTS)
#define MINIPY_ASSERT_EXPENSIVE(cond) MINIPY_ASSERT(cond)
#else
#define MINIPY_ASSERT_EXPENSIVE(cond) ((void)0)
#endif
