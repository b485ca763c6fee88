// The control-flow graph passes before layout: each instruction's stack effect, the handler
// of every instruction (from the SETUP_* / POP_BLOCK nesting, CPython 3.11's
// label_exception_targets), and the stack depth at the start of each block.
#include "compile/flowgraph.hpp"

namespace minipy::compile {

using namespace minipy::code;

int stack_effect(int opcode, int oparg, int jump) noexcept {
    switch (opcode) {
    case NOP:
    case RESUME:
    case EXTENDED_ARG:
    case CACHE:
    case COPY_FREE_VARS:
    case MAKE_CELL:
    case JUMP_FORWARD:
    case JUMP_BACKWARD:
    case JUMP_BACKWARD_NO_INTERRUPT:
    case JUMP:
    case JUMP_NO_INTERRUPT:
    case POP_BLOCK:
    case KW_NAMES:
    case UNARY_POSITIVE:
    case UNARY_NEGATIVE:
    case UNARY_NOT:
    case UNARY_INVERT:
    case GET_ITER:
    case GET_YIELD_FROM_ITER:
    case LIST_TO_TUPLE:
    case SWAP:
    case YIELD_VALUE: return 0;
    case RETURN_GENERATOR: return 1;  // resumed: the first sent value (popped next)
    case POP_TOP:
    case RETURN_VALUE:
    case STORE_FAST:
    case STORE_NAME:
    case STORE_GLOBAL:
    case STORE_DEREF:
    case DELETE_ATTR:
    case LIST_APPEND:
    case SET_ADD:
    case LIST_EXTEND:
    case SET_UPDATE:
    case DICT_UPDATE:
    case DICT_MERGE:
    case IMPORT_STAR:
    case PRINT_EXPR:
    case POP_EXCEPT:
    case BINARY_OP:
    case COMPARE_OP:
    case IS_OP:
    case CONTAINS_OP:
    case BINARY_SUBSCR:
    case IMPORT_NAME: return -1;
    case RETURN_CONST: return 0;
    case PUSH_NULL:
    case COPY:
    case LOAD_CONST:
    case LOAD_FAST:
    case LOAD_NAME:
    case LOAD_CLOSURE:
    case LOAD_DEREF:
    case LOAD_CLASSDEREF:
    case LOAD_ASSERTION_ERROR:
    case LOAD_BUILD_CLASS:
    case LOAD_LOCALS:
    case GET_LEN:
    case IMPORT_FROM:
    case PUSH_EXC_INFO:
    case BEFORE_WITH:
    case WITH_EXCEPT_START: return 1;
    case DELETE_FAST:
    case DELETE_NAME:
    case DELETE_GLOBAL:
    case DELETE_DEREF:
    case SETUP_ANNOTATIONS:
    case CHECK_EXC_MATCH: return 0;
    case STORE_SUBSCR: return -3;
    case DELETE_SUBSCR:
    case STORE_ATTR:
    case MAP_ADD: return -2;
    case LOAD_GLOBAL: return 1 + (oparg & 1);
    case LOAD_ATTR: return oparg & 1;  // o -- attr, or (method form) o -- attr NULL|self
    case LOAD_SUPER_ATTR: return -1;
    case BUILD_TUPLE:
    case BUILD_LIST:
    case BUILD_SET:
    case BUILD_STRING: return 1 - oparg;
    case BUILD_MAP: return 1 - 2 * oparg;
    case BUILD_CONST_KEY_MAP: return -oparg;
    case BUILD_SLICE: return oparg == 3 ? -2 : -1;
    case FORMAT_VALUE: return (oparg & FVS_HAVE_SPEC) ? -1 : 0;
    case UNPACK_SEQUENCE: return oparg - 1;
    case UNPACK_EX: return (oparg & 0xFF) + (oparg >> 8);
    case POP_JUMP_FORWARD_IF_FALSE:
    case POP_JUMP_FORWARD_IF_TRUE:
    case POP_JUMP_FORWARD_IF_NONE:
    case POP_JUMP_FORWARD_IF_NOT_NONE:
    case POP_JUMP_BACKWARD_IF_FALSE:
    case POP_JUMP_BACKWARD_IF_TRUE:
    case POP_JUMP_BACKWARD_IF_NONE:
    case POP_JUMP_BACKWARD_IF_NOT_NONE:
    case POP_JUMP_IF_FALSE:
    case POP_JUMP_IF_TRUE:
    case POP_JUMP_IF_NONE:
    case POP_JUMP_IF_NOT_NONE: return -1;
    case JUMP_IF_FALSE_OR_POP:
    case JUMP_IF_TRUE_OR_POP: return jump != 0 ? 0 : -1;
    case FOR_ITER: return jump > 0 ? -1 : 1;
    case SEND: return jump > 0 ? -1 : 0;
    case CALL: return -1 - oparg;
    case CALL_FUNCTION_EX: return -2 - (oparg & 1);
    case MAKE_FUNCTION:
        return -((oparg & MAKE_FUNCTION_DEFAULTS) != 0) -
               ((oparg & MAKE_FUNCTION_KWDEFAULTS) != 0) -
               ((oparg & MAKE_FUNCTION_ANNOTATIONS) != 0) - ((oparg & MAKE_FUNCTION_CLOSURE) != 0);
    case RAISE_VARARGS: return -oparg;
    case RERAISE:
    case CLEANUP_THROW: return -1;
    case SETUP_FINALLY: return jump > 0 ? 1 : 0;
    case SETUP_CLEANUP: return jump > 0 ? 2 : 0;
    case SETUP_WITH: return jump > 0 ? 1 : 0;
    default: return kUnknownStackEffect;
    }
}

// A block's stack of handlers on entry (innermost last).
struct ExceptStack {
    int depth;
    BasicBlock *handlers[kMaxFBlocks + 2];
};

namespace {

struct Worklist {
    BasicBlock **items = nullptr;
    int size = 0;
    int capacity = 0;
    ~Worklist() { PyMem_Free(items); }
    int push(BasicBlock *b) noexcept {
        if (size == capacity) {
            const int cap = capacity == 0 ? 32 : capacity * 2;
            const std::size_t bytes = sizeof(void *) * static_cast<std::size_t>(cap);  // pointers
            auto *grown = static_cast<BasicBlock **>(PyMem_Realloc(items, bytes));
            if (grown == nullptr) {
                PyErr_NoMemory();
                return -1;
            }
            items = grown;
            capacity = cap;
        }
        items[size++] = b;
        return 0;
    }
    BasicBlock *pop() noexcept { return size > 0 ? items[--size] : nullptr; }
};

ExceptStack *copy_stack(const ExceptStack *s) noexcept {
    auto *copy = static_cast<ExceptStack *>(PyMem_Malloc(sizeof(ExceptStack)));
    if (copy == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    *copy = *s;
    return copy;
}

int set_depth(Worklist &todo, BasicBlock *b, int depth) noexcept {
    if (b->startdepth < 0) {
        b->startdepth = depth;
        return todo.push(b);
    }
    if (b->startdepth != depth) {
        PyErr_Format(PyExc_SystemError, "compiler: inconsistent stack depth (%d, %d)",
                     b->startdepth, depth);
        return -1;
    }
    return 0;
}

}  // namespace

int label_exception_targets(BasicBlock *entry) noexcept {
    Worklist todo;
    auto *first = static_cast<ExceptStack *>(PyMem_Calloc(1, sizeof(ExceptStack)));
    if (first == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    entry->exceptstack = first;
    entry->visited = true;
    if (todo.push(entry) < 0) return -1;
    int result = 0;
    while (BasicBlock *b = todo.pop()) {
        ExceptStack *stack = b->exceptstack;
        b->exceptstack = nullptr;
        BasicBlock *handler = stack->depth > 0 ? stack->handlers[stack->depth - 1] : nullptr;
        for (int i = 0; i < b->used && result == 0; ++i) {
            Instr &in = b->instrs[i];
            if (is_block_push(in.opcode)) {
                if (!in.target->visited) {
                    in.target->visited = true;
                    in.target->exceptstack = copy_stack(stack);
                    if (in.target->exceptstack == nullptr || todo.push(in.target) < 0) result = -1;
                }
                in.target->except_handler = true;
                if (in.opcode != SETUP_FINALLY) in.target->preserve_lasti = true;
                stack->handlers[stack->depth++] = in.target;
                handler = in.target;
            } else if (in.opcode == POP_BLOCK) {
                if (stack->depth > 0) stack->depth--;
                handler = stack->depth > 0 ? stack->handlers[stack->depth - 1] : nullptr;
            } else if (has_target(in.opcode)) {
                in.except_handler = handler;
                if (!in.target->visited) {
                    in.target->visited = true;
                    in.target->exceptstack = copy_stack(stack);
                    if (in.target->exceptstack == nullptr || todo.push(in.target) < 0) result = -1;
                }
            } else {
                in.except_handler = handler;
            }
        }
        if (result == 0 && b->next != nullptr && !b->no_fallthrough() && !b->next->visited) {
            b->next->visited = true;
            b->next->exceptstack = stack;
            if (todo.push(b->next) < 0) result = -1;
        } else {
            PyMem_Free(stack);
        }
        if (result < 0) break;
    }
    // Free what unvisited work is left after a failure.
    for (BasicBlock *b = entry; b != nullptr; b = b->next) {
        PyMem_Free(b->exceptstack);
        b->exceptstack = nullptr;
    }
    return result;
}

int compute_stack_depth(BasicBlock *entry, int *maxdepth) noexcept {
    Worklist todo;
    int max = 0;
    if (set_depth(todo, entry, 0) < 0) return -1;
    while (BasicBlock *b = todo.pop()) {
        int depth = b->startdepth;
        bool falls_through = true;
        for (int i = 0; i < b->used; ++i) {
            Instr &in = b->instrs[i];
            const int effect = stack_effect(in.opcode, in.oparg, 0);
            if (effect == kUnknownStackEffect) {
                PyErr_Format(PyExc_SystemError, "compiler: no stack effect for opcode %d",
                             in.opcode);
                return -1;
            }
            if (has_target(in.opcode)) {
                const int target_depth = depth + stack_effect(in.opcode, in.oparg, 1);
                if (target_depth > max) max = target_depth;
                if (set_depth(todo, in.target, target_depth) < 0) return -1;
            }
            depth += effect;
            if (depth > max) max = depth;
            if (depth < 0) {
                PyErr_SetString(PyExc_SystemError, "compiler: negative stack depth");
                return -1;
            }
            if (is_unconditional_jump(in.opcode) || is_scope_exit(in.opcode)) {
                falls_through = false;
                break;
            }
        }
        if (falls_through && b->next != nullptr && set_depth(todo, b->next, depth) < 0) return -1;
    }
    *maxdepth = max;
    return 0;
}

}  // namespace minipy::compile
