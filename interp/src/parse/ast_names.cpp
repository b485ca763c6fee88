// See ast_names.hpp. The tables follow the ORDER tags of ast.hpp.
#include "parse/ast_names.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

template <class Kind, std::size_t N>
const char *lookup(const char *const (&names)[N], Kind kind) noexcept {
    const auto index = static_cast<std::size_t>(kind) - 1;
    return index < N ? names[index] : "?";
}

}  // namespace

const char *kind_name(ModKind kind) noexcept {
    static constexpr const char *kNames[] = {"Module", "Interactive", "Expression", "FunctionType"};
    return lookup(kNames, kind);
}

const char *kind_name(StmtKind kind) noexcept {
    static constexpr const char *kNames[] = {"FunctionDef", "AsyncFunctionDef",
                                             "ClassDef",    "Return",
                                             "Delete",      "Assign",
                                             "AugAssign",   "AnnAssign",
                                             "For",         "AsyncFor",
                                             "While",       "If",
                                             "With",        "AsyncWith",
                                             "Match",       "Raise",
                                             "Try",         "TryStar",
                                             "Assert",      "Import",
                                             "ImportFrom",  "Global",
                                             "Nonlocal",    "Expr",
                                             "Pass",        "Break",
                                             "Continue"};
    return lookup(kNames, kind);
}

const char *kind_name(ExprKind kind) noexcept {
    static constexpr const char *kNames[] = {
        "BoolOp",    "NamedExpr", "BinOp",     "UnaryOp",   "Lambda",   "IfExp",
        "Dict",      "Set",       "ListComp",  "SetComp",   "DictComp", "GeneratorExp",
        "Await",     "Yield",     "YieldFrom", "Compare",   "Call",     "FormattedValue",
        "JoinedStr", "Constant",  "Attribute", "Subscript", "Starred",  "Name",
        "List",      "Tuple",     "Slice"};
    return lookup(kNames, kind);
}

const char *kind_name(PatternKind kind) noexcept {
    static constexpr const char *kNames[] = {"MatchValue",   "MatchSingleton", "MatchSequence",
                                             "MatchMapping", "MatchClass",     "MatchStar",
                                             "MatchAs",      "MatchOr"};
    return lookup(kNames, kind);
}

const char *kind_name(ExprContext ctx) noexcept {
    static constexpr const char *kNames[] = {"Load", "Store", "Del"};
    return lookup(kNames, ctx);
}

const char *kind_name(BoolOp op) noexcept {
    static constexpr const char *kNames[] = {"And", "Or"};
    return lookup(kNames, op);
}

const char *kind_name(Operator op) noexcept {
    static constexpr const char *kNames[] = {"Add",    "Sub",    "Mult",    "MatMult", "Div",
                                             "Mod",    "Pow",    "LShift",  "RShift",  "BitOr",
                                             "BitXor", "BitAnd", "FloorDiv"};
    return lookup(kNames, op);
}

const char *kind_name(UnaryOp op) noexcept {
    static constexpr const char *kNames[] = {"Invert", "Not", "UAdd", "USub"};
    return lookup(kNames, op);
}

const char *kind_name(CmpOp op) noexcept {
    static constexpr const char *kNames[] = {"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                             "GtE", "Is",    "IsNot", "In",  "NotIn"};
    return lookup(kNames, op);
}

const char *expr_name(const Expr *e) noexcept {
    switch (e->kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Constant: {
        PyObject *value = e->v.Constant.value;
        if (value == Py_None) return "None";
        if (value == Py_False) return "False";
        if (value == Py_True) return "True";
        if (value == Py_Ellipsis) return "ellipsis";
        return "literal";
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    default: return "unknown";
    }
}

}  // namespace minipy::parse
