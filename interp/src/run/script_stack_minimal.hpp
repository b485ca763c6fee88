// A minimal "current script stack" for the tracer (alloc's minipy_alloc_set_script_stack),
// registered by _tracemalloc.start() until the interpreter registers its own at start-up
// (branch h-cli's run/script_stack.cpp does: once that is merged this file goes).
#ifndef MINIPY_INTERP_RUN_SCRIPT_STACK_MINIMAL_HPP
#define MINIPY_INTERP_RUN_SCRIPT_STACK_MINIMAL_HPP

namespace minipy::interp {

// Registers the callback once (later calls do nothing).
void ensure_script_stack() noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_SCRIPT_STACK_MINIMAL_HPP
