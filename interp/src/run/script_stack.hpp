// The Python frames of a thread as the layers below see them: the fatal report's frame list
// (faulthandler's format, for the runtime's minipy_set_frame_dump_hook) and the tracer's
// "current script stack" (alloc's minipy_alloc_set_script_stack).
#ifndef MINIPY_INTERP_RUN_SCRIPT_STACK_HPP
#define MINIPY_INTERP_RUN_SCRIPT_STACK_HPP

namespace minipy::interp {

// Registers both hooks (idempotent); called when the interpreter starts.
void register_script_stack_hooks() noexcept;

}  // namespace minipy::interp

#endif  // MINIPY_INTERP_RUN_SCRIPT_STACK_HPP
