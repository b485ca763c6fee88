// Case files: many sources in one file, for the tests and for minipy_parse_tool -b. The
// generators (data/*_gen.py) write them with python3's answer for each case.
//
// Format, binary-safe (a source may hold any byte):
//     #case <mode> <kind> <source bytes>\n<source>\n#expect <bytes>\n<expected>\n
// where mode is exec, eval or single (parse_source's ParseMode), or symtable (exec, then the
// symbol table), and kind is text or file (parse_source's SourceKind).
#ifndef MINIPY_TESTS_INTERP_CASE_FILE_HPP
#define MINIPY_TESTS_INTERP_CASE_FILE_HPP

#include <string>
#include <vector>

#include "minipy/Python.h"

namespace minipy::test {

struct SourceCase {
    std::string mode;  // exec, eval, single
    std::string kind;  // text, file
    std::string source;
    std::string expected;  // what python3 answered (empty when the file has no #expect)
};

// The cases of a case file; throws std::runtime_error when the file is malformed.
std::vector<SourceCase> read_case_file(const std::string &path);

// What minipy's front end makes of a case, in the generators' words: CPython's
// ast.dump(tree, include_attributes=True), or repr((type name, msg, lineno, offset,
// end_lineno, end_offset, text)) of the error. Needs a running runtime; leaves no exception.
std::string parse_and_describe(const SourceCase &c, const char *filename = "<s>");

// repr((type name, msg, lineno, offset, end_lineno, end_offset, text)) of the current
// exception, which it clears.
std::string describe_error();

}  // namespace minipy::test

#endif  // MINIPY_TESTS_INTERP_CASE_FILE_HPP
