// try / except / else / finally and with, and the unwinding that break, continue and return
// do through them (CPython 3.11's compiler_try_except, compiler_try_finally, compiler_with,
// compiler_unwind_fblock).
//
// The shapes, with the handler of each region in brackets (pseudo instructions vanish in
// assembly; the exception table keeps the regions):
//
//   try/except:    SETUP_FINALLY except; body; POP_BLOCK; orelse; JUMP end
//                  except: [cleanup] PUSH_EXC_INFO; for each handler:
//                     COPY 1?; type; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE next   (typed)
//                     STORE name; [cleanup_end] body; POP_BLOCK; POP_EXCEPT; name = None;
//                     del name; JUMP end          cleanup_end: name = None; del name; RERAISE 1
//                  RERAISE 0 (nothing matched)
//                  cleanup: COPY 3; POP_EXCEPT; RERAISE 1
//   try/finally:   SETUP_FINALLY end; body; POP_BLOCK; finalbody; JUMP exit
//                  end: [cleanup] PUSH_EXC_INFO; finalbody; RERAISE 0
//                  cleanup: COPY 3; POP_EXCEPT; RERAISE 1
//   with:          mgr; BEFORE_WITH; SETUP_WITH final; target or POP_TOP; body; POP_BLOCK;
//                  exit(None, None, None); POP_TOP; JUMP exit
//                  final: [cleanup] PUSH_EXC_INFO; WITH_EXCEPT_START; POP_JUMP_IF_TRUE suppress;
//                  RERAISE 2; cleanup: COPY 3; POP_EXCEPT; RERAISE 1
//                  suppress: POP_TOP; POP_BLOCK; POP_EXCEPT; POP_TOP; POP_TOP
#include "compile/compiler.hpp"

namespace minipy::compile {

using namespace minipy::ast;

namespace {

int pop_except_and_reraise(Compiler *c) noexcept {
    if (addop(c, code::COPY, 3) < 0 || addop(c, code::POP_EXCEPT) < 0) return -1;
    return addop(c, code::RERAISE, 1);
}

// __exit__(None, None, None): the bound __exit__ is below; the first None takes the self slot.
int call_exit_with_nones(Compiler *c) noexcept {
    if (addop_load_const(c, Py_None) < 0 || addop_load_const(c, Py_None) < 0 ||
        addop_load_const(c, Py_None) < 0)
        return -1;
    return addop(c, code::CALL, 2);
}

// name = None; del name: the handler's variable does not outlive the handler.
int clear_handler_name(Compiler *c, PyObject *name) noexcept {
    if (addop_load_const(c, Py_None) < 0) return -1;
    if (nameop(c, name, ExprContext::Store) < 0) return -1;
    return nameop(c, name, ExprContext::Del);
}

int try_except(Compiler *c, Stmt *s) noexcept {
    BasicBlock *body = new_block(c);
    BasicBlock *except = new_block(c);
    BasicBlock *end = new_block(c);
    BasicBlock *cleanup = new_block(c);
    if (body == nullptr || except == nullptr || end == nullptr || cleanup == nullptr) return -1;
    if (addop_jump(c, SETUP_FINALLY, except) < 0) return -1;
    use_next_block(c, body);
    if (push_fblock(c, FBlockType::try_except, body, nullptr, nullptr) < 0) return -1;
    if (compile_body(c, s->v.Try.body) < 0) return -1;
    pop_fblock(c);
    if (addop_noline(c, POP_BLOCK) < 0) return -1;
    if (compile_body(c, s->v.Try.orelse) < 0) return -1;
    if (addop_jump_noline(c, JUMP, end) < 0) return -1;
    const Py_ssize_t n = len(s->v.Try.handlers);
    use_next_block(c, except);
    unset_loc(c);
    if (addop_jump(c, SETUP_CLEANUP, cleanup) < 0) return -1;
    if (addop(c, code::PUSH_EXC_INFO) < 0) return -1;
    if (push_fblock(c, FBlockType::exception_handler, nullptr, nullptr, nullptr) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        ExceptHandler *handler = (*s->v.Try.handlers)[i];
        set_loc(c, *handler);
        if (handler->type == nullptr && i < n - 1)
            return compiler_error(c, loc_of(*handler), "default 'except:' must be last");
        BasicBlock *next = new_block(c);
        if (next == nullptr) return -1;
        if (handler->type != nullptr) {
            if (compile_expr(c, handler->type) < 0) return -1;
            if (addop(c, code::CHECK_EXC_MATCH) < 0) return -1;
            if (addop_jump(c, POP_JUMP_IF_FALSE, next) < 0) return -1;
        }
        if (handler->name != nullptr) {
            BasicBlock *cleanup_end = new_block(c);
            BasicBlock *cleanup_body = new_block(c);
            if (cleanup_end == nullptr || cleanup_body == nullptr) return -1;
            if (nameop(c, handler->name, ExprContext::Store) < 0) return -1;
            if (addop_jump(c, SETUP_CLEANUP, cleanup_end) < 0) return -1;
            use_next_block(c, cleanup_body);
            if (push_fblock(c, FBlockType::handler_cleanup, cleanup_body, nullptr, handler->name) <
                0)
                return -1;
            if (compile_body(c, handler->body) < 0) return -1;
            pop_fblock(c);
            unset_loc(c);
            if (addop(c, POP_BLOCK) < 0 || addop(c, POP_BLOCK) < 0 ||
                addop(c, code::POP_EXCEPT) < 0)
                return -1;
            if (clear_handler_name(c, handler->name) < 0) return -1;
            if (addop_jump(c, JUMP, end) < 0) return -1;
            use_next_block(c, cleanup_end);
            unset_loc(c);
            if (clear_handler_name(c, handler->name) < 0) return -1;
            if (addop(c, code::RERAISE, 1) < 0) return -1;
        } else {
            BasicBlock *cleanup_body = new_block(c);
            if (cleanup_body == nullptr) return -1;
            if (addop(c, code::POP_TOP) < 0) return -1;
            use_next_block(c, cleanup_body);
            if (push_fblock(c, FBlockType::handler_cleanup, cleanup_body, nullptr, nullptr) < 0)
                return -1;
            if (compile_body(c, handler->body) < 0) return -1;
            pop_fblock(c);
            unset_loc(c);
            if (addop(c, POP_BLOCK) < 0 || addop(c, code::POP_EXCEPT) < 0) return -1;
            if (addop_jump(c, JUMP, end) < 0) return -1;
        }
        use_next_block(c, next);
    }
    unset_loc(c);
    pop_fblock(c);
    if (addop(c, code::RERAISE, 0) < 0) return -1;
    use_next_block(c, cleanup);
    if (pop_except_and_reraise(c) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int try_finally(Compiler *c, Stmt *s) noexcept {
    BasicBlock *body = new_block(c);
    BasicBlock *end = new_block(c);
    BasicBlock *exit = new_block(c);
    BasicBlock *cleanup = new_block(c);
    if (body == nullptr || end == nullptr || exit == nullptr || cleanup == nullptr) return -1;
    if (addop_jump(c, SETUP_FINALLY, end) < 0) return -1;
    use_next_block(c, body);
    if (push_fblock(c, FBlockType::finally_try, body, end, s->v.Try.finalbody) < 0) return -1;
    if (len(s->v.Try.handlers) > 0) {
        if (try_except(c, s) < 0) return -1;
    } else {
        if (compile_body(c, s->v.Try.body) < 0) return -1;
    }
    if (addop_noline(c, POP_BLOCK) < 0) return -1;
    pop_fblock(c);
    if (compile_body(c, s->v.Try.finalbody) < 0) return -1;
    if (addop_jump_noline(c, JUMP, exit) < 0) return -1;
    use_next_block(c, end);
    unset_loc(c);
    if (addop_jump(c, SETUP_CLEANUP, cleanup) < 0) return -1;
    if (addop(c, code::PUSH_EXC_INFO) < 0) return -1;
    if (push_fblock(c, FBlockType::finally_end, end, nullptr, nullptr) < 0) return -1;
    if (compile_body(c, s->v.Try.finalbody) < 0) return -1;
    pop_fblock(c);
    if (addop(c, code::RERAISE, 0) < 0) return -1;
    use_next_block(c, cleanup);
    if (pop_except_and_reraise(c) < 0) return -1;
    use_next_block(c, exit);
    return 0;
}

int with_except_finish(Compiler *c, BasicBlock *cleanup) noexcept {
    unset_loc(c);
    BasicBlock *suppress = new_block(c);
    if (suppress == nullptr) return -1;
    if (addop_jump(c, POP_JUMP_IF_TRUE, suppress) < 0) return -1;
    if (addop(c, code::RERAISE, 2) < 0) return -1;
    use_next_block(c, cleanup);
    if (pop_except_and_reraise(c) < 0) return -1;
    use_next_block(c, suppress);
    if (addop(c, code::POP_TOP) < 0 || addop(c, POP_BLOCK) < 0 || addop(c, code::POP_EXCEPT) < 0 ||
        addop(c, code::POP_TOP) < 0 || addop(c, code::POP_TOP) < 0)
        return -1;
    return 0;
}

// Pops one frame block on the way out of it (break, continue, return). preserve_tos: the
// value on top (a return value) stays on top.
int unwind_fblock(Compiler *c, FBlock *info, bool preserve_tos) noexcept {
    switch (info->type) {
    case FBlockType::while_loop:
    case FBlockType::exception_handler: return 0;
    case FBlockType::for_loop:
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        return addop(c, code::POP_TOP);
    case FBlockType::try_except: return addop(c, POP_BLOCK);
    case FBlockType::finally_try: {
        if (addop(c, POP_BLOCK) < 0) return -1;
        if (preserve_tos && push_fblock(c, FBlockType::pop_value, nullptr, nullptr, nullptr) < 0)
            return -1;
        // The finally body runs here, then the unwinding instruction (artificial) follows.
        if (compile_body(c, static_cast<Seq<Stmt *> *>(const_cast<void *>(info->datum))) < 0)
            return -1;
        if (preserve_tos) pop_fblock(c);
        unset_loc(c);
        return 0;
    }
    case FBlockType::finally_end:
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        if (addop(c, code::POP_TOP) < 0) return -1;  // the exception
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        if (addop(c, POP_BLOCK) < 0) return -1;
        return addop(c, code::POP_EXCEPT);
    case FBlockType::with: {
        set_loc(c, *static_cast<const Stmt *>(info->datum));
        if (addop(c, POP_BLOCK) < 0) return -1;
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        if (call_exit_with_nones(c) < 0) return -1;
        if (addop(c, code::POP_TOP) < 0) return -1;
        unset_loc(c);
        return 0;
    }
    case FBlockType::handler_cleanup: {
        auto *name = static_cast<PyObject *>(const_cast<void *>(info->datum));
        if (name != nullptr && addop(c, POP_BLOCK) < 0) return -1;
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        if (addop(c, POP_BLOCK) < 0 || addop(c, code::POP_EXCEPT) < 0) return -1;
        if (name != nullptr && clear_handler_name(c, name) < 0) return -1;
        return 0;
    }
    case FBlockType::pop_value:
        if (preserve_tos && addop(c, code::SWAP, 2) < 0) return -1;
        return addop(c, code::POP_TOP);
    }
    return 0;
}

}  // namespace

int unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop) noexcept {
    Unit *u = c->u;
    if (u->nfblocks == 0) return 0;
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop != nullptr &&
        (top->type == FBlockType::while_loop || top->type == FBlockType::for_loop)) {
        *loop = top;
        return 0;
    }
    FBlock copy = *top;
    u->nfblocks--;
    if (unwind_fblock(c, &copy, preserve_tos) < 0) return -1;
    if (unwind_fblock_stack(c, preserve_tos, loop) < 0) return -1;
    u->fblocks[u->nfblocks] = copy;
    u->nfblocks++;
    return 0;
}

int compile_try(Compiler *c, Stmt *s) noexcept {
    if (len(s->v.Try.finalbody) > 0) return try_finally(c, s);
    return try_except(c, s);
}

int compile_with(Compiler *c, Stmt *s, int pos) noexcept {
    WithItem *item = (*s->v.With.items)[pos];
    BasicBlock *body = new_block(c);
    BasicBlock *final = new_block(c);
    BasicBlock *exit = new_block(c);
    BasicBlock *cleanup = new_block(c);
    if (body == nullptr || final == nullptr || exit == nullptr || cleanup == nullptr) return -1;
    if (compile_expr(c, item->context_expr) < 0) return -1;
    if (addop(c, code::BEFORE_WITH) < 0) return -1;
    if (addop_jump(c, SETUP_WITH, final) < 0) return -1;
    use_next_block(c, body);
    if (push_fblock(c, FBlockType::with, body, final, s) < 0) return -1;
    if (item->optional_vars != nullptr) {
        if (compile_expr(c, item->optional_vars) < 0) return -1;
    } else {
        if (addop(c, code::POP_TOP) < 0) return -1;
    }
    ++pos;
    if (pos == len(s->v.With.items)) {
        if (compile_body(c, s->v.With.body) < 0) return -1;
    } else {
        if (compile_with(c, s, pos) < 0) return -1;
    }
    unset_loc(c);
    if (addop(c, POP_BLOCK) < 0) return -1;
    pop_fblock(c);
    set_loc(c, *s);
    if (call_exit_with_nones(c) < 0) return -1;
    if (addop(c, code::POP_TOP) < 0) return -1;
    if (addop_jump(c, JUMP, exit) < 0) return -1;
    use_next_block(c, final);
    if (addop_jump(c, SETUP_CLEANUP, cleanup) < 0) return -1;
    if (addop(c, code::PUSH_EXC_INFO) < 0) return -1;
    if (addop(c, code::WITH_EXCEPT_START) < 0) return -1;
    if (with_except_finish(c, cleanup) < 0) return -1;
    use_next_block(c, exit);
    return 0;
}

}  // namespace minipy::compile
