// NUMBER tokens to int and float objects (CPython 3.11's parsenumber and
// _PyPegen_number_token). Underscores are dropped first; the tokenizer already checked the
// form. Imaginary literals are refused, since minipy has no complex type, but only once the
// parse has otherwise succeeded (Parser::run), so that every other error in the source is
// reported as CPython reports it; until then such a literal is a Constant holding
// NotImplemented, which nothing else produces.
#include <cstring>

#include "parse/parser.hpp"

namespace minipy::parse {

namespace {

// The value of a NUMBER token's text without underscores, or NULL with an exception set.
PyObject *number_value(const char *s, bool *imaginary) noexcept {
    const std::size_t n = std::strlen(s);
    *imaginary = n > 0 && (s[n - 1] == 'j' || s[n - 1] == 'J');
    if (*imaginary) return Py_NewRef(Py_NotImplemented);
    if (s[0] == '0' &&
        (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B'))
        return PyLong_FromString(s, nullptr, 0);
    if (std::strpbrk(s, ".eE") == nullptr) return PyLong_FromString(s, nullptr, 0);
    const double value = PyOS_string_to_double(s, nullptr, nullptr);
    if (value == -1.0 && PyErr_Occurred()) return nullptr;
    return PyFloat_FromDouble(value);
}

}  // namespace

// NUMBER in the grammar: a Constant with the number's value.
ast::Expr *Parser::number_token() noexcept {
    Token *t = expect(Tok::NUMBER);
    if (t == nullptr) return nullptr;
    const std::size_t length = static_cast<std::size_t>(t->end - t->start);
    char small[64];
    char *text = length < sizeof small ? small : static_cast<char *>(PyMem_Malloc(length + 1));
    if (text == nullptr) {
        error_ = true;
        PyErr_NoMemory();
        return nullptr;
    }
    std::size_t k = 0;
    for (const char *c = t->start; c < t->end; ++c)
        if (*c != '_') text[k++] = *c;
    text[k] = '\0';
    bool imaginary = false;
    PyObject *value = number_value(text, &imaginary);
    if (text != small) PyMem_Free(text);
    if (imaginary && first_imaginary_ == nullptr) first_imaginary_ = t;
    if (value == nullptr) {
        error_ = true;
        if (PyErr_ExceptionMatches(PyExc_ValueError)) {
            // Only the limit on decimal digits makes int() of a literal fail: CPython says
            // so on the literal's line, without columns.
            PyObject *exc = PyErr_GetRaisedException();
            raise_error_known_location(PyExc_SyntaxError, {t->lineno, -1, t->end_lineno, -1},
                                       "%S - Consider hexadecimal for huge integer literals to "
                                       "avoid decimal conversion limits.",
                                       exc);
            Py_DECREF(exc);
        }
        return nullptr;
    }
    if (arena_->add_object(value) < 0) {
        Py_DECREF(value);
        error_ = true;
        return nullptr;
    }
    ast::Expr *e = new_expr(ast::ExprKind::Constant,
                            {t->lineno, t->col_offset, t->end_lineno, t->end_col_offset});
    if (e != nullptr) e->v.Constant.value = value;
    return e;
}

}  // namespace minipy::parse
