// See future.hpp.
#include "parse/future.hpp"

namespace minipy::parse {

using namespace ast;

namespace {

// SyntaxError(msg) at (lineno, offset), with no end column, as CPython's
// PyErr_SyntaxLocationObject leaves it. CPython passes col_offset + 1 for a bad feature but
// col_offset itself for a late future import; the callers keep that difference.
int raise_future_error(PyObject *filename, const Stmt *s, int offset, const char *format,
                       PyObject *name) noexcept {
    PyObject *msg =
        name != nullptr ? PyUnicode_FromFormat(format, name) : PyUnicode_FromString(format);
    if (msg == nullptr) return -1;
    PyObject *args = Py_BuildValue("(O(OiiOiO))", msg, filename != nullptr ? filename : Py_None,
                                   s->lineno, offset, Py_None, s->lineno, Py_None);
    Py_DECREF(msg);
    if (args == nullptr) return -1;
    PyObject *exc = PyObject_CallObject(PyExc_SyntaxError, args);
    Py_DECREF(args);
    if (exc != nullptr) {
        PyErr_SetObject(PyExc_SyntaxError, exc);
        Py_DECREF(exc);
    }
    return -1;
}

int check_features(const Stmt *s, PyObject *filename, FutureFeatures *out) noexcept {
    // Features that are always on in Python 3 are accepted and change nothing.
    static constexpr const char *kMandatory[] = {
        "nested_scopes",  "generators",     "division",         "absolute_import",
        "with_statement", "print_function", "unicode_literals", "generator_stop"};
    for (const Alias *alias : each(s->v.ImportFrom.names)) {
        PyObject *feature = alias->name;
        bool known = false;
        for (const char *name : kMandatory)
            if (PyUnicode_CompareWithASCIIString(feature, name) == 0) known = true;
        if (known) continue;
        if (PyUnicode_CompareWithASCIIString(feature, "annotations") == 0) {
            out->annotations = true;
        } else if (PyUnicode_CompareWithASCIIString(feature, "barry_as_FLUFL") == 0) {
            out->barry_as_flufl = true;
        } else if (PyUnicode_CompareWithASCIIString(feature, "braces") == 0) {
            return raise_future_error(filename, s, s->col_offset + 1, "not a chance", nullptr);
        } else {
            return raise_future_error(filename, s, s->col_offset + 1,
                                      "future feature %U is not defined", feature);
        }
    }
    return 0;
}

bool is_docstring(const Stmt *s) noexcept {
    return s->kind == StmtKind::Expr && s->v.Expr.value->kind == ExprKind::Constant &&
           PyUnicode_Check(s->v.Expr.value->v.Constant.value);
}

}  // namespace

int future_features(const Mod *mod, PyObject *filename, FutureFeatures *out) noexcept {
    *out = FutureFeatures{};
    if (mod->kind != ModKind::Module && mod->kind != ModKind::Interactive) return 0;
    const Seq<Stmt *> *body =
        mod->kind == ModKind::Module ? mod->v.Module.body : mod->v.Interactive.body;
    Py_ssize_t i = len(body) > 0 && is_docstring(body->items[0]) ? 1 : 0;
    bool done = false;
    int prev_line = 0;
    for (; i < len(body); ++i) {
        const Stmt *s = body->items[i];
        // Only statements on the line of the last future import may still be checked: a
        // future import after another import on one line is refused here.
        if (done && s->lineno > prev_line) return 0;
        prev_line = s->lineno;
        if (s->kind == StmtKind::ImportFrom && s->v.ImportFrom.module != nullptr &&
            PyUnicode_CompareWithASCIIString(s->v.ImportFrom.module, "__future__") == 0) {
            if (done)
                return raise_future_error(filename, s, s->col_offset,
                                          "from __future__ imports must occur at the beginning "
                                          "of the file",
                                          nullptr);
            if (check_features(s, filename, out) < 0) return -1;
            out->lineno = s->lineno;
        } else {
            done = true;
        }
    }
    return 0;
}

}  // namespace minipy::parse
