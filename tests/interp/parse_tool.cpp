// minipy_parse_tool: runs minipy's front end on sources and prints what CPython's
// `ast.dump(tree, include_attributes=True)` would print, or, when a source does not parse,
// repr((type name, msg, lineno, offset, end_lineno, end_offset, text)) of the error. The
// data generators print the same for python3, so the outputs compare as text.
//
//   minipy_parse_tool [-m exec|eval|single] [-k text|file] [-n filename] PATH
//   minipy_parse_tool -b CASES      one line per case of a case file (case_file.hpp)
//
// -k text parses the bytes as compile() parses a str (the default); -k file as the
// `minipy` command reads a script. -n sets the filename errors name (default "<s>").
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>

#include "interp/case_file.hpp"
#include "minipy/Python.h"

int main(int argc, char **argv) {
    minipy::test::SourceCase one{"exec", "text", "", ""};
    const char *filename = "<s>";
    const char *path = nullptr;
    bool batch = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-m") == 0 && i + 1 < argc)
            one.mode = argv[++i];
        else if (std::strcmp(argv[i], "-k") == 0 && i + 1 < argc)
            one.kind = argv[++i];
        else if (std::strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            filename = argv[++i];
        else if (std::strcmp(argv[i], "-b") == 0)
            batch = true;
        else
            path = argv[i];
    }
    if (path == nullptr) {
        std::fprintf(stderr,
                     "usage: minipy_parse_tool [-m MODE] [-k text|file] [-n NAME] PATH\n"
                     "       minipy_parse_tool -b CASES\n");
        return 2;
    }
    std::vector<minipy::test::SourceCase> cases;
    try {
        if (batch) {
            cases = minipy::test::read_case_file(path);
        } else {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw std::runtime_error(std::string("cannot open ") + path);
            std::ostringstream text;
            text << in.rdbuf();
            one.source = text.str();
            cases.push_back(one);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "minipy_parse_tool: %s\n", e.what());
        return 2;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return 1;
    for (const auto &c : cases)
        std::printf("%s\n", minipy::test::parse_and_describe(c, filename).c_str());
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
