// See case_file.hpp.
#include "interp/case_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "parse/ast_dump.hpp"
#include "parse/frontend.hpp"
#include "parse/future.hpp"
#include "parse/symtable.hpp"

namespace minipy::test {

namespace {

std::string read_all(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Reads "<word> <word> ... <size>\n" from pos; returns the words.
std::vector<std::string> header(const std::string &text, std::size_t *pos) {
    const std::size_t end = text.find('\n', *pos);
    if (end == std::string::npos) throw std::runtime_error("case file: header without newline");
    std::istringstream line(text.substr(*pos, end - *pos));
    *pos = end + 1;
    std::vector<std::string> words;
    for (std::string w; line >> w;) words.push_back(w);
    return words;
}

std::string body(const std::string &text, std::size_t *pos, const std::string &size) {
    const std::size_t n = std::stoul(size);
    if (*pos + n + 1 > text.size() || text[*pos + n] != '\n')
        throw std::runtime_error("case file: body size mismatch");
    std::string out = text.substr(*pos, n);
    *pos += n + 1;
    return out;
}

}  // namespace

std::vector<SourceCase> read_case_file(const std::string &path) {
    const std::string text = read_all(path);
    std::vector<SourceCase> cases;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::vector<std::string> words = header(text, &pos);
        if (words.size() != 4 || words[0] != "#case")
            throw std::runtime_error("case file: expected #case, case " +
                                     std::to_string(cases.size()));
        SourceCase c;
        c.mode = words[1];
        c.kind = words[2];
        c.source = body(text, &pos, words[3]);
        if (pos < text.size() && text.compare(pos, 8, "#expect ") == 0) {
            words = header(text, &pos);
            c.expected = body(text, &pos, words[1]);
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

std::string describe_error() {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return "<no exception>";
    static const char *const kNames[6] = {"msg",        "lineno",     "offset",
                                          "end_lineno", "end_offset", "text"};
    PyObject *fields[6];
    const bool syntax =
        PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SyntaxError)) != 0;
    for (int i = 0; i < 6; ++i) {
        fields[i] = syntax ? PyObject_GetAttrString(exc, kNames[i]) : nullptr;
        if (fields[i] == nullptr) {
            PyErr_Clear();
            fields[i] = i == 0 ? PyObject_Str(exc) : Py_NewRef(Py_None);
        }
    }
    PyObject *tuple = Py_BuildValue("(sNNNNNN)", Py_TYPE(exc)->tp_name, fields[0], fields[1],
                                    fields[2], fields[3], fields[4], fields[5]);
    PyObject *repr = tuple != nullptr ? PyObject_Repr(tuple) : nullptr;
    std::string out = repr != nullptr ? PyUnicode_AsUTF8(repr) : "<unprintable error>";
    Py_XDECREF(repr);
    Py_XDECREF(tuple);
    Py_DECREF(exc);
    PyErr_Clear();
    return out;
}

// (type, name, lineno, nested, sorted(symbols.items()), varnames, [children]) of an entry,
// the shape the symtable generator prints for python3's _symtable.
PyObject *describe_entry(const minipy::symtable::Entry *e) {
    PyObject *items = PyDict_Items(e->symbols);
    if (items == nullptr || PyList_Sort(items) < 0) {
        Py_XDECREF(items);
        return nullptr;
    }
    PyObject *children = PyList_New(0);
    for (Py_ssize_t i = 0; children != nullptr && i < e->nchildren; ++i) {
        PyObject *child = describe_entry(e->children[i]);
        if (child == nullptr || PyList_Append(children, child) < 0) Py_CLEAR(children);
        Py_XDECREF(child);
    }
    if (children == nullptr) {
        Py_DECREF(items);
        return nullptr;
    }
    return Py_BuildValue("(iOiiNON)", static_cast<int>(e->type), e->name, e->lineno,
                         e->nested ? 1 : 0, items, e->varnames, children);
}

std::string describe_symtable(minipy::ast::Mod *mod, PyObject *filename) {
    // As python3's _symtable.symtable(): the future imports first, then the table.
    minipy::parse::FutureFeatures future;
    if (minipy::parse::future_features(mod, filename, &future) < 0) return describe_error();
    minipy::symtable::BuildOptions options;
    options.future_annotations = future.annotations;
    minipy::symtable::SymbolTable *table = minipy::symtable::build_symtable(mod, filename, options);
    if (table == nullptr) return describe_error();
    PyObject *d = describe_entry(minipy::symtable::top(table));
    PyObject *repr = d != nullptr ? PyObject_Repr(d) : nullptr;
    std::string out = repr != nullptr ? PyUnicode_AsUTF8(repr) : describe_error();
    Py_XDECREF(repr);
    Py_XDECREF(d);
    minipy::symtable::free_symtable(table);
    return out;
}

std::string parse_and_describe(const SourceCase &c, const char *filename) {
    using namespace minipy::parse;
    const ParseMode mode = c.mode == "eval"     ? ParseMode::Eval
                           : c.mode == "single" ? ParseMode::Single
                                                : ParseMode::Exec;
    const SourceKind kind = c.kind == "file" ? SourceKind::File : SourceKind::Text;
    ArenaScope arena;
    PyObject *name = PyUnicode_FromString(filename);
    minipy::ast::Mod *mod = parse_source(c.source.data(), static_cast<Py_ssize_t>(c.source.size()),
                                         name, mode, kind, arena.get());
    std::string out;
    if (mod == nullptr) {
        out = describe_error();
    } else if (c.mode == "symtable") {
        out = describe_symtable(mod, name);
    } else {
        PyObject *dump = dump_ast(mod);
        out = dump != nullptr ? PyUnicode_AsUTF8(dump) : describe_error();
        Py_XDECREF(dump);
    }
    Py_DECREF(name);
    return out;
}

}  // namespace minipy::test
