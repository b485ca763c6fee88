// The control-flow graph passes the assembler runs (flowgraph.cpp).
#ifndef MINIPY_INTERP_COMPILE_FLOWGRAPH_HPP
#define MINIPY_INTERP_COMPILE_FLOWGRAPH_HPP

#include "compile/compiler.hpp"

namespace minipy::compile {

// Sets every instruction's except_handler from the SETUP_* / POP_BLOCK nesting, and marks
// handler blocks (except_handler, preserve_lasti). 0 or -1 with an exception.
int label_exception_targets(BasicBlock *entry) noexcept;

// The stack depth at each block's start (startdepth) and the maximum; 0 or -1 (SystemError
// when the graph is inconsistent).
int compute_stack_depth(BasicBlock *entry, int *maxdepth) noexcept;

}  // namespace minipy::compile

#endif  // MINIPY_INTERP_COMPILE_FLOWGRAPH_HPP
