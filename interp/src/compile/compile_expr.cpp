// Expressions to instructions (CPython 3.11's compiler_visit_expr1 and its helpers): operators,
// boolean logic and conditional jumps, comparisons (chained), displays with starred items,
// attributes (calls are compile_call.cpp's),
// subscripts, slices, f-strings, assignment targets and unpacking, yield.
//
// Locations: each expression's instructions carry the expression's location, which is
// restored for the parent's instructions afterwards; attribute loads and stores and method
// calls start at the attribute's last line (CPython's update_start_location_to_match_attr),
// so that tracebacks point at the attribute in a multi-line chain.
#include "compile/compiler.hpp"

namespace minipy::compile {

using namespace minipy::ast;

namespace {

int compile_expr1(Compiler *c, Expr *e) noexcept;

bool all_constant(Seq<Expr *> *seq, Py_ssize_t begin, Py_ssize_t end) noexcept {
    for (Py_ssize_t i = begin; i < end; ++i) {
        Expr *item = (*seq)[i];
        if (item == nullptr || item->kind != ExprKind::Constant) return false;
    }
    return true;
}

}  // namespace

void match_attr_start(Compiler *c, Expr *attr) noexcept {
    Location &loc = c->u->loc;
    if (loc.lineno != attr->end_lineno) {
        loc.lineno = attr->end_lineno;
        const Py_ssize_t length = PyUnicode_GET_LENGTH(attr->v.Attribute.attr);
        if (length <= attr->end_col_offset) {
            loc.col_offset = attr->end_col_offset - static_cast<int>(length);
        } else {
            loc.col_offset = -1;
            loc.end_col_offset = -1;
        }
        if (loc.end_lineno < loc.lineno) loc.end_lineno = loc.lineno;
        if (loc.lineno == loc.end_lineno && loc.end_col_offset < loc.col_offset)
            loc.end_col_offset = loc.col_offset;
    }
}

namespace {

int compare_op(Compiler *c, CmpOp op) noexcept {
    switch (op) {
    case CmpOp::Eq: return addop(c, code::COMPARE_OP, Py_EQ);
    case CmpOp::NotEq: return addop(c, code::COMPARE_OP, Py_NE);
    case CmpOp::Lt: return addop(c, code::COMPARE_OP, Py_LT);
    case CmpOp::LtE: return addop(c, code::COMPARE_OP, Py_LE);
    case CmpOp::Gt: return addop(c, code::COMPARE_OP, Py_GT);
    case CmpOp::GtE: return addop(c, code::COMPARE_OP, Py_GE);
    case CmpOp::Is: return addop(c, code::IS_OP, 0);
    case CmpOp::IsNot: return addop(c, code::IS_OP, 1);
    case CmpOp::In: return addop(c, code::CONTAINS_OP, 0);
    case CmpOp::NotIn: return addop(c, code::CONTAINS_OP, 1);
    }
    return -1;
}

int compile_boolop(Compiler *c, Expr *e) noexcept {
    const int jump =
        e->v.BoolOp.op == BoolOp::And ? code::JUMP_IF_FALSE_OR_POP : code::JUMP_IF_TRUE_OR_POP;
    BasicBlock *end = new_block(c);
    if (end == nullptr) return -1;
    Seq<Expr *> *values = e->v.BoolOp.values;
    const Py_ssize_t n = len(values) - 1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (compile_expr(c, (*values)[i]) < 0) return -1;
        if (addop_jump(c, jump, end) < 0) return -1;
        BasicBlock *next = new_block(c);
        if (next == nullptr) return -1;
        use_next_block(c, next);
    }
    if (compile_expr(c, (*values)[n]) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int compile_compare(Compiler *c, Expr *e) noexcept {
    if (compile_expr(c, e->v.Compare.left) < 0) return -1;
    const Py_ssize_t n = len(e->v.Compare.ops) - 1;
    if (n == 0) {
        if (compile_expr(c, (*e->v.Compare.comparators)[0]) < 0) return -1;
        return compare_op(c, (*e->v.Compare.ops)[0]);
    }
    BasicBlock *cleanup = new_block(c);
    if (cleanup == nullptr) return -1;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (compile_expr(c, (*e->v.Compare.comparators)[i]) < 0) return -1;
        if (addop(c, code::SWAP, 2) < 0 || addop(c, code::COPY, 2) < 0) return -1;
        if (compare_op(c, (*e->v.Compare.ops)[i]) < 0) return -1;
        if (addop_jump(c, code::JUMP_IF_FALSE_OR_POP, cleanup) < 0) return -1;
    }
    if (compile_expr(c, (*e->v.Compare.comparators)[n]) < 0) return -1;
    if (compare_op(c, (*e->v.Compare.ops)[n]) < 0) return -1;
    BasicBlock *end = new_block(c);
    if (end == nullptr) return -1;
    if (addop_jump_noline(c, JUMP, end) < 0) return -1;
    use_next_block(c, cleanup);
    if (addop(c, code::SWAP, 2) < 0 || addop(c, code::POP_TOP) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

int compile_ifexp(Compiler *c, Expr *e) noexcept {
    BasicBlock *end = new_block(c);
    BasicBlock *next = new_block(c);
    if (end == nullptr || next == nullptr) return -1;
    if (compile_jump_if(c, e->v.IfExp.test, next, false) < 0) return -1;
    if (compile_expr(c, e->v.IfExp.body) < 0) return -1;
    if (addop_jump_noline(c, JUMP, end) < 0) return -1;
    use_next_block(c, next);
    if (compile_expr(c, e->v.IfExp.orelse) < 0) return -1;
    use_next_block(c, end);
    return 0;
}

}  // namespace

int starunpack(Compiler *c, Seq<Expr *> *elts, int pushed, int build, int add, int extend,
               bool tuple) noexcept {
    const Py_ssize_t n = len(elts);
    if (n > 2 && all_constant(elts, 0, n)) {
        PyObject *folded = PyTuple_New(n);
        if (folded == nullptr) return -1;
        for (Py_ssize_t i = 0; i < n; ++i)
            PyTuple_SET_ITEM(folded, i, Py_NewRef((*elts)[i]->v.Constant.value));
        int r;
        if (tuple && pushed == 0) {
            r = addop_load_const(c, folded);
        } else {
            if (add == code::SET_ADD) {
                PyObject *frozen = PyFrozenSet_New(folded);
                Py_DECREF(folded);
                if (frozen == nullptr) return -1;
                folded = frozen;
            }
            r = addop(c, build, pushed);
            if (r == 0) r = addop_load_const(c, folded);
            if (r == 0) r = addop(c, extend, 1);
            if (r == 0 && tuple) r = addop(c, code::LIST_TO_TUPLE);
        }
        Py_DECREF(folded);
        return r;
    }
    const bool big = n + pushed > kStackUseGuideline;
    bool seen_star = false;
    for (Expr *elt : each(elts))
        if (elt->kind == ExprKind::Starred) seen_star = true;
    if (!seen_star && !big) {
        for (Expr *elt : each(elts))
            if (compile_expr(c, elt) < 0) return -1;
        return addop(c, tuple ? code::BUILD_TUPLE : build, static_cast<int>(n) + pushed);
    }
    bool built = false;
    if (big) {
        if (addop(c, build, pushed) < 0) return -1;
        built = true;
    }
    for (Py_ssize_t i = 0; i < n; ++i) {
        Expr *elt = (*elts)[i];
        if (elt->kind == ExprKind::Starred) {
            if (!built) {
                if (addop(c, build, static_cast<int>(i) + pushed) < 0) return -1;
                built = true;
            }
            if (compile_expr(c, elt->v.Starred.value) < 0) return -1;
            if (addop(c, extend, 1) < 0) return -1;
        } else {
            if (compile_expr(c, elt) < 0) return -1;
            if (built && addop(c, add, 1) < 0) return -1;
        }
    }
    return tuple ? addop(c, code::LIST_TO_TUPLE) : 0;
}

namespace {

int unpack_helper(Compiler *c, Seq<Expr *> *elts) noexcept {
    const Py_ssize_t n = len(elts);
    bool seen_star = false;
    for (Py_ssize_t i = 0; i < n; ++i) {
        Expr *elt = (*elts)[i];
        if (elt->kind == ExprKind::Starred && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (INT_MAX >> 8))
                return compiler_error(c, c->u->loc,
                                      "too many expressions in star-unpacking assignment");
            if (addop(c, code::UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8))) < 0) return -1;
            seen_star = true;
        } else if (elt->kind == ExprKind::Starred) {
            return compiler_error(c, loc_of(*elt), "multiple starred expressions in assignment");
        }
    }
    if (!seen_star) return addop(c, code::UNPACK_SEQUENCE, static_cast<int>(n));
    return 0;
}

int assignment_helper(Compiler *c, Seq<Expr *> *elts) noexcept {
    if (unpack_helper(c, elts) < 0) return -1;
    for (Expr *elt : each(elts))
        if (compile_expr(c, elt->kind != ExprKind::Starred ? elt : elt->v.Starred.value) < 0)
            return -1;
    return 0;
}

int compile_sequence(Compiler *c, Expr *e, int build, int add, int extend, bool tuple) noexcept {
    switch (e->v.List.ctx) {
    case ExprContext::Store: return assignment_helper(c, e->v.List.elts);
    case ExprContext::Load: return starunpack(c, e->v.List.elts, 0, build, add, extend, tuple);
    case ExprContext::Del:
        for (Expr *elt : each(e->v.List.elts))
            if (compile_expr(c, elt) < 0) return -1;
        return 0;
    }
    return 0;
}

// Dict entries [begin, end) without **: BUILD_CONST_KEY_MAP when every key is a constant.
int subdict(Compiler *c, Expr *e, Py_ssize_t begin, Py_ssize_t end) noexcept {
    const Py_ssize_t n = end - begin;
    const bool big = n * 2 > kStackUseGuideline;
    Seq<Expr *> *keys = e->v.Dict.keys;
    Seq<Expr *> *values = e->v.Dict.values;
    if (n > 1 && !big && all_constant(keys, begin, end)) {
        for (Py_ssize_t i = begin; i < end; ++i)
            if (compile_expr(c, (*values)[i]) < 0) return -1;
        PyObject *tuple = PyTuple_New(n);
        if (tuple == nullptr) return -1;
        for (Py_ssize_t i = begin; i < end; ++i)
            PyTuple_SET_ITEM(tuple, i - begin, Py_NewRef((*keys)[i]->v.Constant.value));
        const int r = addop_load_const(c, tuple);
        Py_DECREF(tuple);
        if (r < 0) return -1;
        return addop(c, code::BUILD_CONST_KEY_MAP, static_cast<int>(n));
    }
    if (big && addop(c, code::BUILD_MAP, 0) < 0) return -1;
    for (Py_ssize_t i = begin; i < end; ++i) {
        if (compile_expr(c, (*keys)[i]) < 0 || compile_expr(c, (*values)[i]) < 0) return -1;
        if (big && addop(c, code::MAP_ADD, 1) < 0) return -1;
    }
    if (!big) return addop(c, code::BUILD_MAP, static_cast<int>(n));
    return 0;
}

int compile_dict(Compiler *c, Expr *e) noexcept {
    const Py_ssize_t n = len(e->v.Dict.values);
    bool have_dict = false;
    Py_ssize_t elements = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        if ((*e->v.Dict.keys)[i] == nullptr) {
            if (elements > 0) {
                if (subdict(c, e, i - elements, i) < 0) return -1;
                if (have_dict && addop(c, code::DICT_UPDATE, 1) < 0) return -1;
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                if (addop(c, code::BUILD_MAP, 0) < 0) return -1;
                have_dict = true;
            }
            if (compile_expr(c, (*e->v.Dict.values)[i]) < 0) return -1;
            if (addop(c, code::DICT_UPDATE, 1) < 0) return -1;
        } else if (elements * 2 > kStackUseGuideline) {
            if (subdict(c, e, i - elements, i + 1) < 0) return -1;
            if (have_dict && addop(c, code::DICT_UPDATE, 1) < 0) return -1;
            have_dict = true;
            elements = 0;
        } else {
            ++elements;
        }
    }
    if (elements > 0) {
        if (subdict(c, e, n - elements, n) < 0) return -1;
        if (have_dict && addop(c, code::DICT_UPDATE, 1) < 0) return -1;
        have_dict = true;
    }
    if (!have_dict) return addop(c, code::BUILD_MAP, 0);
    return 0;
}

int compile_formatted_value(Compiler *c, Expr *e) noexcept {
    if (compile_expr(c, e->v.FormattedValue.value) < 0) return -1;
    int oparg;
    switch (e->v.FormattedValue.conversion) {
    case 's': oparg = code::FVC_STR; break;
    case 'r': oparg = code::FVC_REPR; break;
    case 'a': oparg = code::FVC_ASCII; break;
    case -1: oparg = code::FVC_NONE; break;
    default:
        PyErr_Format(PyExc_SystemError, "Unrecognized conversion character %d",
                     e->v.FormattedValue.conversion);
        return -1;
    }
    if (e->v.FormattedValue.format_spec != nullptr) {
        if (compile_expr(c, e->v.FormattedValue.format_spec) < 0) return -1;
        oparg |= code::FVS_HAVE_SPEC;
    }
    return addop(c, code::FORMAT_VALUE, oparg);
}

int compile_joined_str(Compiler *c, Expr *e) noexcept {
    Seq<Expr *> *values = e->v.JoinedStr.values;
    const Py_ssize_t n = len(values);
    if (n > kStackUseGuideline) {
        PyObject *empty = PyUnicode_FromString("");
        PyObject *join = PyUnicode_InternFromString("join");
        int r = empty != nullptr && join != nullptr ? addop_load_const(c, empty) : -1;
        if (r == 0) {
            const int index = add_name(c->u->names, join);
            r = index < 0 ? -1 : addop(c, code::LOAD_ATTR, (index << 1) | 1);
        }
        Py_XDECREF(empty);
        Py_XDECREF(join);
        if (r < 0 || addop(c, code::BUILD_LIST, 0) < 0) return -1;
        for (Expr *value : each(values))
            if (compile_expr(c, value) < 0 || addop(c, code::LIST_APPEND, 1) < 0) return -1;
        return addop(c, code::CALL, 1);
    }
    for (Expr *value : each(values))
        if (compile_expr(c, value) < 0) return -1;
    if (n != 1) return addop(c, code::BUILD_STRING, static_cast<int>(n));
    return 0;
}

int compile_subscript(Compiler *c, Expr *e) noexcept {
    int op = code::BINARY_SUBSCR;
    if (e->v.Subscript.ctx == ExprContext::Store) op = code::STORE_SUBSCR;
    if (e->v.Subscript.ctx == ExprContext::Del) op = code::DELETE_SUBSCR;
    if (compile_expr(c, e->v.Subscript.value) < 0) return -1;
    if (compile_expr(c, e->v.Subscript.slice) < 0) return -1;
    return addop(c, op);
}

int compile_slice(Compiler *c, Expr *e) noexcept {
    int n = 2;
    if (e->v.Slice.lower != nullptr) {
        if (compile_expr(c, e->v.Slice.lower) < 0) return -1;
    } else if (addop_load_const(c, Py_None) < 0) {
        return -1;
    }
    if (e->v.Slice.upper != nullptr) {
        if (compile_expr(c, e->v.Slice.upper) < 0) return -1;
    } else if (addop_load_const(c, Py_None) < 0) {
        return -1;
    }
    if (e->v.Slice.step != nullptr) {
        ++n;
        if (compile_expr(c, e->v.Slice.step) < 0) return -1;
    }
    return addop(c, code::BUILD_SLICE, n);
}

int compile_attribute(Compiler *c, Expr *e) noexcept {
    if (compile_expr(c, e->v.Attribute.value) < 0) return -1;
    match_attr_start(c, e);
    switch (e->v.Attribute.ctx) {
    case ExprContext::Load:
        return addop_name(c, code::LOAD_ATTR, e->v.Attribute.attr, c->u->names, true);
    case ExprContext::Store:
        if (PyUnicode_CompareWithASCIIString(e->v.Attribute.attr, "__debug__") == 0)
            return compiler_error(c, c->u->loc, "cannot assign to __debug__");
        return addop_name(c, code::STORE_ATTR, e->v.Attribute.attr, c->u->names, true);
    case ExprContext::Del:
        return addop_name(c, code::DELETE_ATTR, e->v.Attribute.attr, c->u->names, true);
    }
    return 0;
}

int compile_name(Compiler *c, Expr *e) noexcept {
    if (e->v.Name.ctx == ExprContext::Load &&
        PyUnicode_CompareWithASCIIString(e->v.Name.id, "__debug__") == 0)
        return addop_load_const(c, c->optimize > 0 ? Py_False : Py_True);
    return nameop(c, e->v.Name.id, e->v.Name.ctx);
}

int compile_yield(Compiler *c, Expr *e) noexcept {
    if (c->u->ste->type != symtable::BlockType::function)
        return compiler_error(c, loc_of(*e), "'yield' outside function");
    if (e->kind == ExprKind::Yield) {
        if (e->v.Await.value != nullptr) {
            if (compile_expr(c, e->v.Await.value) < 0) return -1;
        } else if (addop_load_const(c, Py_None) < 0) {
            return -1;
        }
        if (addop(c, code::YIELD_VALUE) < 0) return -1;
        return addop(c, code::RESUME, code::RESUME_AFTER_YIELD);
    }
    if (compile_expr(c, e->v.Await.value) < 0) return -1;
    if (addop(c, code::GET_YIELD_FROM_ITER) < 0) return -1;
    if (addop_load_const(c, Py_None) < 0) return -1;
    BasicBlock *start = new_block(c);
    BasicBlock *resume = new_block(c);
    BasicBlock *exit = new_block(c);
    if (start == nullptr || resume == nullptr || exit == nullptr) return -1;
    use_next_block(c, start);
    if (addop_jump(c, code::SEND, exit) < 0) return -1;
    use_next_block(c, resume);
    if (addop(c, code::YIELD_VALUE) < 0) return -1;
    if (addop(c, code::RESUME, code::RESUME_AFTER_YIELD_FROM) < 0) return -1;
    if (addop_jump(c, JUMP_NO_INTERRUPT, start) < 0) return -1;
    use_next_block(c, exit);
    return 0;
}

int compile_expr1(Compiler *c, Expr *e) noexcept {
    switch (e->kind) {
    case ExprKind::NamedExpr:
        if (compile_expr(c, e->v.NamedExpr.value) < 0) return -1;
        if (addop(c, code::COPY, 1) < 0) return -1;
        return compile_expr(c, e->v.NamedExpr.target);
    case ExprKind::BoolOp: return compile_boolop(c, e);
    case ExprKind::BinOp:
        if (compile_expr(c, e->v.BinOp.left) < 0 || compile_expr(c, e->v.BinOp.right) < 0)
            return -1;
        return addop(c, code::BINARY_OP, binary_oparg(e->v.BinOp.op, false));
    case ExprKind::UnaryOp: {
        if (compile_expr(c, e->v.UnaryOp.operand) < 0) return -1;
        switch (e->v.UnaryOp.op) {
        case UnaryOp::Invert: return addop(c, code::UNARY_INVERT);
        case UnaryOp::Not: return addop(c, code::UNARY_NOT);
        case UnaryOp::UAdd: return addop(c, code::UNARY_POSITIVE);
        case UnaryOp::USub: return addop(c, code::UNARY_NEGATIVE);
        }
        return -1;
    }
    case ExprKind::Lambda: return compile_lambda(c, e);
    case ExprKind::IfExp: return compile_ifexp(c, e);
    case ExprKind::Dict: return compile_dict(c, e);
    case ExprKind::Set:
        return starunpack(c, e->v.Set.elts, 0, code::BUILD_SET, code::SET_ADD, code::SET_UPDATE,
                          false);
    case ExprKind::GeneratorExp:
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp: return compile_comprehension(c, e);
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return compile_yield(c, e);
    case ExprKind::Await:
        return compiler_error(c, loc_of(*e), "'await' is not supported by minipy");
    case ExprKind::Compare: return compile_compare(c, e);
    case ExprKind::Call: return compile_call(c, e);
    case ExprKind::Constant: return addop_load_const(c, e->v.Constant.value);
    case ExprKind::JoinedStr: return compile_joined_str(c, e);
    case ExprKind::FormattedValue: return compile_formatted_value(c, e);
    case ExprKind::Attribute: return compile_attribute(c, e);
    case ExprKind::Subscript: return compile_subscript(c, e);
    case ExprKind::Starred:
        if (e->v.Starred.ctx == ExprContext::Store)
            return compiler_error(c, loc_of(*e),
                                  "starred assignment target must be in a list or tuple");
        return compiler_error(c, loc_of(*e), "can't use starred expression here");
    case ExprKind::Slice: return compile_slice(c, e);
    case ExprKind::Name: return compile_name(c, e);
    case ExprKind::List:
        return compile_sequence(c, e, code::BUILD_LIST, code::LIST_APPEND, code::LIST_EXTEND,
                                false);
    case ExprKind::Tuple:
        return compile_sequence(c, e, code::BUILD_LIST, code::LIST_APPEND, code::LIST_EXTEND, true);
    }
    PyErr_SetString(PyExc_SystemError, "compile_expr: unknown expression kind");
    return -1;
}

}  // namespace

int compile_expr(Compiler *c, Expr *e) noexcept {
    const Location saved = c->u->loc;
    set_loc(c, *e);
    const int r = compile_expr1(c, e);
    c->u->loc = saved;
    return r;
}

int compile_unpack_target(Compiler *c, Expr *target) noexcept {
    return compile_expr(c, target);
}

bool is_const_expr(Expr *e) noexcept {
    return e->kind == ExprKind::Constant;
}

int compile_jump_if(Compiler *c, Expr *e, BasicBlock *next, bool cond) noexcept {
    switch (e->kind) {
    case ExprKind::UnaryOp:
        if (e->v.UnaryOp.op == UnaryOp::Not)
            return compile_jump_if(c, e->v.UnaryOp.operand, next, !cond);
        break;
    case ExprKind::BoolOp: {
        Seq<Expr *> *values = e->v.BoolOp.values;
        const Py_ssize_t n = len(values) - 1;
        const bool cond2 = e->v.BoolOp.op == BoolOp::Or;
        BasicBlock *next2 = next;
        if (cond2 != cond) {
            next2 = new_block(c);
            if (next2 == nullptr) return -1;
        }
        for (Py_ssize_t i = 0; i < n; ++i)
            if (compile_jump_if(c, (*values)[i], next2, cond2) < 0) return -1;
        if (compile_jump_if(c, (*values)[n], next, cond) < 0) return -1;
        if (next2 != next) use_next_block(c, next2);
        return 0;
    }
    case ExprKind::IfExp: {
        BasicBlock *end = new_block(c);
        BasicBlock *next2 = new_block(c);
        if (end == nullptr || next2 == nullptr) return -1;
        if (compile_jump_if(c, e->v.IfExp.test, next2, false) < 0) return -1;
        if (compile_jump_if(c, e->v.IfExp.body, next, cond) < 0) return -1;
        if (addop_jump_noline(c, JUMP, end) < 0) return -1;
        use_next_block(c, next2);
        if (compile_jump_if(c, e->v.IfExp.orelse, next, cond) < 0) return -1;
        use_next_block(c, end);
        return 0;
    }
    case ExprKind::Compare: {
        const Py_ssize_t n = len(e->v.Compare.ops) - 1;
        if (n == 0) break;
        // The comparisons carry the enclosing statement's location, as in CPython.
        BasicBlock *cleanup = new_block(c);
        if (cleanup == nullptr) return -1;
        if (compile_expr(c, e->v.Compare.left) < 0) return -1;
        for (Py_ssize_t i = 0; i < n; ++i) {
            if (compile_expr(c, (*e->v.Compare.comparators)[i]) < 0) return -1;
            if (addop(c, code::SWAP, 2) < 0 || addop(c, code::COPY, 2) < 0) return -1;
            if (compare_op(c, (*e->v.Compare.ops)[i]) < 0) return -1;
            if (addop_jump(c, POP_JUMP_IF_FALSE, cleanup) < 0) return -1;
        }
        if (compile_expr(c, (*e->v.Compare.comparators)[n]) < 0) return -1;
        if (compare_op(c, (*e->v.Compare.ops)[n]) < 0) return -1;
        if (addop_jump(c, cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next) < 0) return -1;
        BasicBlock *end = new_block(c);
        if (end == nullptr) return -1;
        if (addop_jump_noline(c, JUMP, end) < 0) return -1;
        use_next_block(c, cleanup);
        if (addop(c, code::POP_TOP) < 0) return -1;
        if (!cond && addop_jump_noline(c, JUMP, next) < 0) return -1;
        use_next_block(c, end);
        return 0;
    }
    default: break;
    }
    if (compile_expr(c, e) < 0) return -1;
    // The jump takes the test's location, and so do the instructions after it until another
    // node sets one (CPython 3.11's compiler_jump_if; an assert's raise points at its test).
    set_loc(c, *e);
    return addop_jump(c, cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
}

}  // namespace minipy::compile
