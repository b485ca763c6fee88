// The interpreter's answers to the runtime's hooks (minipy/runtime_hooks.h): zero-argument
// super(), the class cell, the running globals, imports the runtime needs, the function type.
#ifndef MINIPY_INTERP_RUN_RUNTIME_HOOKS_BRIDGE_HPP
#define MINIPY_INTERP_RUN_RUNTIME_HOOKS_BRIDGE_HPP

namespace minipy::interp {

// Registers every hook with the runtime (they are process-wide: once is enough, again is
// harmless).
void register_runtime_hooks() noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_RUNTIME_HOOKS_BRIDGE_HPP
