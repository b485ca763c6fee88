// minipy_parse_tool: parses one source file with minipy's front end and prints what CPython's
// `ast.dump(tree, include_attributes=True)` would print, or, when the source does not parse,
// the error as repr((type name, msg, lineno, offset, end_lineno, end_offset, text)). The test
// data generators print the same for python3, so the two outputs compare as text.
//
//   minipy_parse_tool [-m exec|eval|single] [-k text|file] [-n filename] PATH
//
// -k text parses the file's bytes as compile() parses a str (the default); -k file as the
// `minipy` command reads a script. -n sets the filename errors name (default "<s>").
#include <cstdio>
#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "parse/ast_dump.hpp"
#include "parse/frontend.hpp"

using namespace minipy::parse;

namespace {

bool read_file(const char *path, std::string *out) {
    FILE *f = std::fopen(path, "rb");
    if (f == nullptr) return false;
    char chunk[65536];
    std::size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out->append(chunk, n);
    std::fclose(f);
    return true;
}

// repr((type, msg, lineno, offset, end_lineno, end_offset, text)) of the current exception.
void print_error() {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *fields[6] = {nullptr};
    const char *names[6] = {"msg", "lineno", "offset", "end_lineno", "end_offset", "text"};
    const bool syntax =
        PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SyntaxError));
    for (int i = 0; i < 6; ++i) {
        fields[i] = syntax ? PyObject_GetAttrString(exc, names[i]) : nullptr;
        if (fields[i] == nullptr) {
            PyErr_Clear();
            fields[i] = i == 0 ? PyObject_Str(exc) : Py_NewRef(Py_None);
        }
    }
    PyObject *tuple = Py_BuildValue("(sNNNNNN)", Py_TYPE(exc)->tp_name, fields[0], fields[1],
                                    fields[2], fields[3], fields[4], fields[5]);
    PyObject *text = tuple != nullptr ? PyObject_Repr(tuple) : nullptr;
    std::printf("%s\n", text != nullptr ? PyUnicode_AsUTF8(text) : "<unprintable error>");
    Py_XDECREF(text);
    Py_XDECREF(tuple);
    Py_DECREF(exc);
}

}  // namespace

int main(int argc, char **argv) {
    ParseMode mode = ParseMode::Exec;
    SourceKind kind = SourceKind::Text;
    const char *filename = "<s>";
    const char *path = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
            const char *m = argv[++i];
            mode = std::strcmp(m, "eval") == 0     ? ParseMode::Eval
                   : std::strcmp(m, "single") == 0 ? ParseMode::Single
                                                   : ParseMode::Exec;
        } else if (std::strcmp(argv[i], "-k") == 0 && i + 1 < argc) {
            kind = std::strcmp(argv[++i], "file") == 0 ? SourceKind::File : SourceKind::Text;
        } else if (std::strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            filename = argv[++i];
        } else {
            path = argv[i];
        }
    }
    std::string source;
    if (path == nullptr || !read_file(path, &source)) {
        std::fprintf(stderr, "usage: minipy_parse_tool [-m MODE] [-k text|file] [-n NAME] PATH\n");
        return 2;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return 1;
    {
        ArenaScope arena;
        PyObject *name = PyUnicode_FromString(filename);
        minipy::ast::Mod *mod = parse_source(source.data(), static_cast<Py_ssize_t>(source.size()),
                                             name, mode, kind, arena.get());
        PyObject *dump = mod != nullptr ? dump_ast(mod) : nullptr;
        if (dump != nullptr)
            std::printf("%s\n", PyUnicode_AsUTF8(dump));
        else
            print_error();
        Py_XDECREF(dump);
        Py_DECREF(name);
    }
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
