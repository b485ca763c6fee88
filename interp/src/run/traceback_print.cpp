// Printing an uncaught exception as CPython 3.11 does (sys.excepthook's default): the chain
// of causes and contexts with their separator lines, each traceback entry with its source
// line and 3.11's position markers (^^^^, or ~~~^~~~ around a binary operator or a
// subscript, found by parsing the marked segment), SyntaxError's file / line / caret block,
// and the "Type: message" line.
#include "run/traceback_print.hpp"

#include <cstdio>
#include <cstring>

#include "code/code_object.hpp"
#include "minipy/traceback.h"
#include "objects/frame_object.hpp"
#include "parse/frontend.hpp"

namespace minipy::interp {

namespace {

// Line `lineno` of file `filename` (without its newline), or NULL (no such file or line; no
// exception). Names in <angle brackets> have no file.
PyObject *read_source_line(PyObject *filename, int lineno) noexcept {
    const char *name = PyUnicode_AsUTF8(filename);
    if (name == nullptr) {
        PyErr_Clear();
        return nullptr;
    }
    if (name[0] == '<' || lineno < 1) return nullptr;
    FILE *f = std::fopen(name, "rb");
    if (f == nullptr) return nullptr;
    char buffer[4096];
    int current = 1;
    PyObject *line = nullptr;
    std::size_t used = 0;
    char *text = nullptr;
    int ch;
    while ((ch = std::fgetc(f)) != EOF) {
        if (current == lineno) {
            if (ch == '\n') break;
            if (used + 1 < sizeof buffer) buffer[used++] = static_cast<char>(ch);
        } else if (ch == '\n') {
            ++current;
            if (current > lineno) break;
        }
    }
    std::fclose(f);
    if (current != lineno) return nullptr;
    if (used > 0 && buffer[used - 1] == '\r') --used;
    text = buffer;
    line = PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(used), "replace");
    if (line == nullptr) PyErr_Clear();
    return line;
}

bool is_ws(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\f';
}

// CPython 3.11's extract_anchors_from_line: for a segment that parses as a binary operation
// or a subscript, the operator / brackets' range (segment offsets) and the marker characters.
bool extract_anchors(const char *segment, Py_ssize_t seglen, Py_ssize_t *left,
                     Py_ssize_t *right) noexcept {
    // "(\n" + segment + "\n)" parses as an expression statement when the segment is one.
    const Py_ssize_t size = seglen + 4;
    char *wrapped = static_cast<char *>(PyMem_Malloc(static_cast<std::size_t>(size + 1)));
    if (wrapped == nullptr) {
        PyErr_Clear();
        return false;
    }
    wrapped[0] = '(';
    wrapped[1] = '\n';
    std::memcpy(wrapped + 2, segment, static_cast<std::size_t>(seglen));
    wrapped[2 + seglen] = '\n';
    wrapped[3 + seglen] = ')';
    wrapped[4 + seglen] = '\0';
    PyObject *filename = PyUnicode_FromString("<string>");
    bool found = false;
    if (filename != nullptr) {
        parse::ArenaScope arena;
        ast::Mod *mod = parse::parse_source(wrapped, size, filename, parse::ParseMode::exec,
                                            parse::SourceKind::text, arena.get());
        if (mod == nullptr) {
            PyErr_Clear();
        } else if (ast::len(mod->v.Module.body) == 1 &&
                   (*mod->v.Module.body)[0]->kind == ast::StmtKind::Expr) {
            ast::Expr *e = (*mod->v.Module.body)[0]->v.Expr.value;
            if (e->kind == ast::ExprKind::BinOp) {
                ast::Expr *l = e->v.BinOp.left;
                ast::Expr *r = e->v.BinOp.right;
                for (Py_ssize_t i = l->end_col_offset; i < r->col_offset && i < seglen; ++i) {
                    if (is_ws(segment[i])) continue;
                    *left = i;
                    *right = i + 1;
                    if (i + 1 < r->col_offset && !is_ws(segment[i + 1])) ++*right;
                    if (i + 1 < r->col_offset && segment[i] == ')') continue;
                    found = true;
                    break;
                }
            } else if (e->kind == ast::ExprKind::Subscript) {
                Py_ssize_t l = e->v.Subscript.value->end_col_offset;
                Py_ssize_t r = e->v.Subscript.slice->end_col_offset + 1;
                while (l < seglen && segment[l] != '[') ++l;
                while (r < seglen && segment[r] != ']') ++r;
                if (r < seglen) ++r;
                *left = l;
                *right = r;
                found = true;
            }
        }
        Py_DECREF(filename);
    }
    PyMem_Free(wrapped);
    return found;
}

void write_str(FILE *out, PyObject *s) noexcept {
    Py_ssize_t size = 0;
    const char *text = PyUnicode_AsUTF8AndSize(s, &size);
    if (text == nullptr) {
        PyErr_Clear();
        return;
    }
    std::fwrite(text, 1, static_cast<std::size_t>(size), out);
}

void print_entry(FILE *out, PyTracebackObject *tb) noexcept {
    eval::InterpFrame *frame = tb->tb_frame->f_frame;
    PyCodeObject *code = frame->f_code;
    const code::Location loc = code::code_location(code, tb->tb_lasti / 2);
    const int lineno = loc.lineno;
    std::fputs("  File \"", out);
    write_str(out, code->co_filename);
    std::fprintf(out, "\", line %d, in ", lineno);
    write_str(out, code->co_name);
    std::fputc('\n', out);
    PyObject *line = read_source_line(code->co_filename, lineno);
    if (line == nullptr) return;
    Py_ssize_t size = 0;
    const char *text = PyUnicode_AsUTF8AndSize(line, &size);
    if (text == nullptr) {
        PyErr_Clear();
        Py_DECREF(line);
        return;
    }
    Py_ssize_t start = 0;
    while (start < size && (is_ws(text[start]) || text[start] == '\n')) ++start;
    Py_ssize_t end = size;
    while (end > start && (is_ws(text[end - 1]) || text[end - 1] == '\n' || text[end - 1] == '\r'))
        --end;
    std::fputs("    ", out);
    std::fwrite(text + start, 1, static_cast<std::size_t>(end - start), out);
    std::fputc('\n', out);
    if (loc.col_offset >= 0 && loc.end_col_offset >= 0 && loc.end_lineno >= 0) {
        Py_ssize_t first = loc.col_offset;
        Py_ssize_t last = loc.end_col_offset;
        Py_ssize_t left = -1, right = -1;
        if (loc.end_lineno == loc.lineno) {
            if (last > size) last = size;
            if (first < last && extract_anchors(text + first, last - first, &left, &right)) {
                left += first;
                right += first;
            } else {
                left = right = -1;
            }
        } else {
            last = end;
        }
        const bool secondary = left != -1 || right != -1;
        if (!(last - first == end - start && !secondary) && first < last) {
            std::fputs("    ", out);
            for (Py_ssize_t k = start; k < last; ++k) {
                if (k < first)
                    std::fputc(' ', out);
                else if (secondary && left <= k && k < right)
                    std::fputc('^', out);
                else
                    std::fputc(secondary ? '~' : '^', out);
            }
            std::fputc('\n', out);
        }
    }
    Py_DECREF(line);
}

// The entries, as CPython 3.11's tb_print_internal: at most the last kTracebackLimit (its
// sys.tracebacklimit default), and a run of the same file, line and function shown three
// times then summed up.
void print_entries(FILE *out, PyTracebackObject *tb) noexcept {
    constexpr long kTracebackLimit = 1000;
    constexpr long kRecursiveCutoff = 3;
    long depth = 0;
    for (PyTracebackObject *t = tb; t != nullptr; t = t->tb_next) ++depth;
    for (; depth > kTracebackLimit; --depth) tb = tb->tb_next;
    auto repeated = [out](long count) {
        count -= kRecursiveCutoff;
        std::fprintf(out, "  [Previous line repeated %ld more time%s]\n", count,
                     count > 1 ? "s" : "");
    };
    PyObject *last_file = nullptr;
    PyObject *last_name = nullptr;
    int last_line = -1;
    long count = 0;
    for (PyTracebackObject *t = tb; t != nullptr; t = t->tb_next) {
        PyCodeObject *code = t->tb_frame->f_frame->f_code;
        const int line = code::code_location(code, t->tb_lasti / 2).lineno;
        if (last_file == nullptr || code->co_filename != last_file || last_line == -1 ||
            line != last_line || code->co_name != last_name) {
            if (count > kRecursiveCutoff) repeated(count);
            last_file = code->co_filename;
            last_line = line;
            last_name = code->co_name;
            count = 0;
        }
        ++count;
        if (count <= kRecursiveCutoff) print_entry(out, t);
    }
    if (count > kRecursiveCutoff) repeated(count);
}

void print_syntax_error_block(FILE *out, PyObject *exc) noexcept {
    auto *se = reinterpret_cast<PySyntaxErrorObject *>(exc);
    if (se->filename == nullptr || se->filename == Py_None || se->lineno == nullptr ||
        se->lineno == Py_None)
        return;
    std::fputs("  File \"", out);
    write_str(out, se->filename);
    std::fprintf(out, "\", line %ld\n", PyLong_AsLong(se->lineno));
    if (se->text == nullptr || !PyUnicode_Check(se->text)) return;
    const char *text = PyUnicode_AsUTF8(se->text);
    if (text == nullptr) {
        PyErr_Clear();
        return;
    }
    long offset =
        se->offset != nullptr && PyLong_Check(se->offset) ? PyLong_AsLong(se->offset) : -1;
    long end_offset = se->end_offset != nullptr && PyLong_Check(se->end_offset)
                          ? PyLong_AsLong(se->end_offset)
                          : -1;
    const long lineno = PyLong_AsLong(se->lineno);
    const long end_lineno = se->end_lineno != nullptr && PyLong_Check(se->end_lineno)
                                ? PyLong_AsLong(se->end_lineno)
                                : lineno;
    if (end_lineno > lineno) end_offset = -1;
    // IndentationError and TabError mark one character, whatever their range says.
    if (PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_IndentationError)))
        end_offset = -1;
    long carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;
    while (is_ws(*text)) {
        ++text;
        --offset;
    }
    long len = static_cast<long>(std::strlen(text));
    if (len > 0 && text[len - 1] == '\n') --len;
    if (offset > len) offset = len;
    std::fputs("    ", out);
    std::fwrite(text, 1, static_cast<std::size_t>(len), out);
    std::fputc('\n', out);
    if (offset < 0) return;
    std::fputs("    ", out);
    for (long i = 0; i < offset; ++i) std::fputc(' ', out);
    for (long i = 0; i < carets; ++i) std::fputc('^', out);
    std::fputc('\n', out);
}

// The exception's class as CPython names it: `module.QualName`, without the module for
// builtins and __main__, "<unknown>" for a part that is not a str.
void print_exception_type(FILE *out, PyObject *exc) noexcept {
    auto *type = reinterpret_cast<PyObject *>(Py_TYPE(exc));
    PyObject *module = PyObject_GetAttrString(type, "__module__");
    if (module == nullptr || !PyUnicode_Check(module)) {
        PyErr_Clear();
        std::fputs("<unknown>", out);
    } else if (PyUnicode_CompareWithASCIIString(module, "builtins") != 0 &&
               PyUnicode_CompareWithASCIIString(module, "__main__") != 0) {
        write_str(out, module);
        std::fputc('.', out);
    }
    Py_XDECREF(module);
    PyObject *qualname = PyType_GetQualName(Py_TYPE(exc));
    if (qualname == nullptr || !PyUnicode_Check(qualname)) {
        PyErr_Clear();
        std::fputs("<unknown>", out);
    } else {
        write_str(out, qualname);
    }
    Py_XDECREF(qualname);
}

void print_exception_line(FILE *out, PyObject *exc) noexcept {
    PyObject *text = nullptr;
    if (PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SyntaxError))) {
        PyObject *msg = reinterpret_cast<PySyntaxErrorObject *>(exc)->msg;
        text = msg != nullptr && msg != Py_None ? PyObject_Str(msg) : PyObject_Str(exc);
    } else {
        text = PyObject_Str(exc);
    }
    print_exception_type(out, exc);
    if (text == nullptr) {
        PyErr_Clear();
        std::fputs(": <exception str() failed>", out);
    } else if (PyUnicode_GET_LENGTH(text) > 0) {
        std::fputs(": ", out);
        write_str(out, text);
    }
    std::fputc('\n', out);
    Py_XDECREF(text);
}

void print_one(FILE *out, PyObject *exc) noexcept {
    PyObject *tb = reinterpret_cast<PyBaseExceptionObject *>(exc)->traceback;
    if (tb != nullptr && PyTraceBack_Check(tb)) {
        std::fputs("Traceback (most recent call last):\n", out);
        print_entries(out, reinterpret_cast<PyTracebackObject *>(tb));
    }
    if (PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SyntaxError)))
        print_syntax_error_block(out, exc);
    print_exception_line(out, exc);
}

void print_chain(FILE *out, PyObject *exc, PyObject *seen, int depth) noexcept {
    PyObject *id = PyLong_FromVoidPtr(exc);
    if (id == nullptr || PySet_Add(seen, id) < 0) {
        Py_XDECREF(id);
        PyErr_Clear();
        print_one(out, exc);
        return;
    }
    Py_DECREF(id);
    auto *base = reinterpret_cast<PyBaseExceptionObject *>(exc);
    auto unseen = [&](PyObject *other) {
        if (other == nullptr || other == Py_None || !PyExceptionInstance_Check(other) ||
            depth > 100)
            return false;
        PyObject *other_id = PyLong_FromVoidPtr(other);
        const int contained = other_id != nullptr ? PySet_Contains(seen, other_id) : -1;
        Py_XDECREF(other_id);
        if (contained < 0) PyErr_Clear();
        return contained == 0;
    };
    if (unseen(base->cause)) {
        print_chain(out, base->cause, seen, depth + 1);
        std::fputs("\nThe above exception was the direct cause of the following exception:\n\n",
                   out);
    } else if (!base->suppress_context && unseen(base->context)) {
        print_chain(out, base->context, seen, depth + 1);
        std::fputs("\nDuring handling of the above exception, another exception occurred:\n\n",
                   out);
    }
    print_one(out, exc);
}

}  // namespace

void print_exception(PyObject *exc) noexcept {
    std::fflush(stdout);
    PyObject *saved = PyErr_GetRaisedException();
    PyObject *seen = PySet_New(nullptr);
    if (seen == nullptr) {
        PyErr_Clear();
        print_one(stderr, exc);
    } else {
        print_chain(stderr, exc, seen, 0);
        Py_DECREF(seen);
    }
    std::fflush(stderr);
    PyErr_SetRaisedException(saved);
}

}  // namespace minipy::interp
