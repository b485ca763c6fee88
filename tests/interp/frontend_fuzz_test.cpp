// Robustness of the front end: a fixed, reproducible budget of inputs (every corpus source
// mutated by byte flips, truncations, deletions, duplications, splices and token insertions;
// token soup; random bytes; nesting at and past every limit) goes through the tokenizer, the
// parser, ast.dump, the future imports and the symbol table, as text and as script files, in
// the three modes. Nothing may crash, every failure must be an exception python3's compile()
// can raise for source (SyntaxError and its subclasses, MemoryError and RecursionError for
// depth; UnicodeDecodeError, as CPython, for some text that is not UTF-8) with well-formed
// fields, and the runtime's leak check must find nothing left once
// every arena is freed. The random generator is seeded with a constant: a failure reproduces.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "interp/case_file.hpp"
#include "interp/corpus.hpp"
#include "minipy/Python.h"
#include "parse/ast_dump.hpp"
#include "parse/frontend.hpp"
#include "parse/future.hpp"
#include "parse/symtable.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::parse::ParseMode;
using minipy::parse::SourceKind;
using minipy::test::RuntimeScope;

namespace {

// splitmix64: small, fast, and the same sequence on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

  private:
    std::uint64_t state_;
};

// Pieces of Python for the soup and for insertions: keywords, operators, brackets, quotes and
// string prefixes, numbers, layout, non-ASCII characters.
const char *const kTokens[] = {
    "if ",
    "else",
    "elif ",
    "while ",
    "for ",
    " in ",
    "def ",
    "class ",
    "return ",
    "yield ",
    "lambda",
    "import ",
    "from ",
    " as ",
    "with ",
    "try:",
    "except ",
    "finally:",
    "raise ",
    "global ",
    "nonlocal ",
    "del ",
    "pass",
    "break",
    "continue",
    "assert ",
    "async ",
    "await ",
    "match ",
    "case ",
    "_",
    "not ",
    " and ",
    " or ",
    " is ",
    "None",
    "True",
    "False",
    "x",
    "y",
    "self",
    "super()",
    "__class__",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    ".",
    "...",
    "=",
    "==",
    ":=",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "|",
    "&",
    "^",
    "~",
    "<<",
    ">>",
    "<",
    ">",
    "!=",
    "->",
    "+=",
    "**=",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "f'",
    "f\"",
    "rb'",
    "b'",
    "u'",
    "fr'{",
    "{x!r:>{w}}",
    "{x=}",
    "\\",
    "\\N{",
    "\\x",
    "\\u12",
    "0",
    "1_000",
    "0x",
    "0o7",
    "0b2",
    "1e",
    "1.5e-3",
    "3j",
    "09",
    "1__0",
    "\n",
    "\n    ",
    "\n\t",
    "\r\n",
    " ",
    "\t",
    "#",
    "# coding: latin-1\n",
    "\xc3\xa9",
    "\xe2\x80\xa6",
    "\xef\xbb\xbf",
    "\xff",
    "\x00",
    "\x0c",
    "$",
    "?",
    "!",
};

const std::size_t kTokenCount = sizeof kTokens / sizeof kTokens[0];

std::string mutate(const std::string &seed, const std::vector<std::string> &seeds, Random &rng) {
    std::string s = seed;
    const std::size_t rounds = 1 + rng.below(3);
    for (std::size_t r = 0; r < rounds; ++r) {
        const std::size_t at = rng.below(s.size() + 1);
        switch (rng.below(7)) {
        case 0:  // flip one bit
            if (!s.empty()) s[at % s.size()] ^= static_cast<char>(1u << rng.below(8));
            break;
        case 1:  // replace a byte with any byte
            if (!s.empty()) s[at % s.size()] = static_cast<char>(rng.below(256));
            break;
        case 2:  // truncate
            s.resize(at);
            break;
        case 3:  // delete a run
            s.erase(at, 1 + rng.below(8));
            break;
        case 4:  // duplicate a run
            s.insert(at, s.substr(at, 1 + rng.below(16)));
            break;
        case 5:  // insert a token
            s.insert(at, kTokens[rng.below(kTokenCount)]);
            break;
        default: {  // splice in the start of another source
            const std::string &other = seeds[rng.below(seeds.size())];
            s.insert(at, other.substr(0, rng.below(other.size() + 1)));
        }
        }
    }
    return s;
}

std::string token_soup(Random &rng) {
    std::string s;
    const std::size_t n = 1 + rng.below(40);
    for (std::size_t i = 0; i < n; ++i) s += kTokens[rng.below(kTokenCount)];
    return s;
}

std::string random_bytes(Random &rng) {
    std::string s(rng.below(64), '\0');
    for (char &c : s) c = static_cast<char>(rng.below(256));
    return s;
}

std::string repeat(const std::string &piece, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += piece;
    return s;
}

// Nesting around each limit: 200 brackets (the tokenizer's), 100 indentation levels, the
// parser's 6000 levels, the symbol table's and ast.dump's recursion limits, f-strings.
std::string deep(Random &rng) {
    const std::size_t n = 1 + rng.below(8000);
    const std::size_t brackets = 190 + rng.below(20);
    switch (rng.below(12)) {
    case 0: {
        static const char opening[] = "([{";
        static const char closing[] = ")]}";
        std::string s, closers;
        for (std::size_t i = 0; i < brackets; ++i) {
            const std::size_t k = rng.below(3);
            s += opening[k];
            closers.insert(closers.begin(), closing[rng.below(20) == 0 ? rng.below(3) : k]);
        }
        return s + "1" + closers.substr(0, closers.size() - rng.below(3));
    }
    case 1: {
        std::string s;
        const std::size_t levels = 90 + rng.below(20);
        for (std::size_t i = 0; i < levels; ++i) s += std::string(i, ' ') + "if x:\n";
        return s + std::string(levels, ' ') + "pass\n";
    }
    case 2: return "x = " + repeat("-", n) + "1\n";
    case 3: return "x = " + repeat("not ", n) + "y\n";
    case 4: return "f = " + repeat("lambda: ", n) + "0\n";
    case 5: return "x = " + repeat("2 ** ", n) + "2\n";
    case 6: return "x = " + repeat("a if b else ", n) + "c\n";
    case 7: return "x" + repeat(".a", n) + "\n";  // left-recursive: a deep tree, a flat parse
    case 8: return "x" + repeat("()", n) + repeat("[0]", rng.below(50)) + "\n";
    case 9: return repeat("f'{", rng.below(6)) + "x" + repeat("}'", rng.below(6)) + "\n";
    case 10: {
        std::string s;
        const std::size_t levels = 1 + rng.below(110);
        for (std::size_t i = 0; i < levels; ++i) s += std::string(i, ' ') + "def f():\n";
        return s + std::string(levels, ' ') + "return x\n";
    }
    default:
        return repeat("(", brackets / 2) + repeat("[x for x in ", 20) + "y" + repeat("]", 20) +
               repeat(")", brackets / 2);
    }
}

struct Tally {
    std::size_t runs = 0, parsed = 0, tables = 0;
    std::size_t syntax_errors = 0, indentation_errors = 0, tab_errors = 0;
    std::size_t memory_errors = 0, recursion_errors = 0, decode_errors = 0;
};

bool is_int_or_none(PyObject *v) {
    return v == Py_None || PyLong_Check(v);
}

// The exception in flight must be one compile() can raise for source; a SyntaxError's fields
// must be of the types CPython gives them. Clears it.
bool is_utf8(const std::string &s) {
    PyObject *decoded = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), nullptr);
    if (decoded == nullptr) PyErr_Clear();
    Py_XDECREF(decoded);
    return decoded != nullptr;
}

void check_failure(Tally &tally, SourceKind kind, const std::string &source) {
    PyObject *exc = PyErr_GetRaisedException();
    BOOST_REQUIRE_MESSAGE(exc != nullptr, "failed without an exception: " << source.substr(0, 80));
    PyObject *type = reinterpret_cast<PyObject *>(Py_TYPE(exc));
    if (PyErr_GivenExceptionMatches(type, PyExc_SyntaxError)) {
        if (type == PyExc_TabError)
            ++tally.tab_errors;
        else if (type == PyExc_IndentationError)
            ++tally.indentation_errors;
        else
            ++tally.syntax_errors;
        PyObject *msg = PyObject_GetAttrString(exc, "msg");
        PyObject *lineno = PyObject_GetAttrString(exc, "lineno");
        PyObject *offset = PyObject_GetAttrString(exc, "offset");
        PyObject *end_lineno = PyObject_GetAttrString(exc, "end_lineno");
        PyObject *end_offset = PyObject_GetAttrString(exc, "end_offset");
        PyObject *text = PyObject_GetAttrString(exc, "text");
        const bool well_formed =
            msg != nullptr && PyUnicode_Check(msg) && PyUnicode_GetLength(msg) > 0 &&
            lineno != nullptr && is_int_or_none(lineno) && offset != nullptr &&
            is_int_or_none(offset) && end_lineno != nullptr && is_int_or_none(end_lineno) &&
            end_offset != nullptr && is_int_or_none(end_offset) && text != nullptr &&
            (text == Py_None || PyUnicode_Check(text));
        BOOST_TEST(well_formed, "malformed SyntaxError for: " << source.substr(0, 80));
        Py_XDECREF(msg);
        Py_XDECREF(lineno);
        Py_XDECREF(offset);
        Py_XDECREF(end_lineno);
        Py_XDECREF(end_offset);
        Py_XDECREF(text);
    } else if (type == PyExc_MemoryError) {
        ++tally.memory_errors;
    } else if (type == PyExc_RecursionError) {
        ++tally.recursion_errors;
    } else if (type == PyExc_UnicodeDecodeError && kind == SourceKind::Text) {
        // CPython's "invalid character" error decodes the character strictly.
        ++tally.decode_errors;
        BOOST_TEST(!is_utf8(source), "UnicodeDecodeError for UTF-8 text: " << source.substr(0, 80));
    } else {
        BOOST_TEST(false,
                   "unexpected " << Py_TYPE(exc)->tp_name << " for: " << source.substr(0, 80));
    }
    PyObject *str = PyObject_Str(exc);  // what a traceback would print
    BOOST_TEST(str != nullptr);
    if (str == nullptr) PyErr_Clear();
    Py_XDECREF(str);
    Py_DECREF(exc);
    BOOST_TEST(!PyErr_Occurred());
}

// Every stage the compiler will run before its own, on one input.
void run_front_end(const std::string &source, ParseMode mode, SourceKind kind, PyObject *name,
                   Tally &tally) {
    ++tally.runs;
    minipy::parse::ArenaScope arena;
    BOOST_REQUIRE(arena.get() != nullptr);
    minipy::ast::Mod *mod = minipy::parse::parse_source(
        source.data(), static_cast<Py_ssize_t>(source.size()), name, mode, kind, arena.get());
    if (mod == nullptr) return check_failure(tally, kind, source);
    ++tally.parsed;
    PyObject *dump = minipy::parse::dump_ast(mod);
    if (dump == nullptr) return check_failure(tally, kind, source);
    Py_DECREF(dump);
    minipy::parse::FutureFeatures future;
    if (minipy::parse::future_features(mod, name, &future) < 0)
        return check_failure(tally, kind, source);
    minipy::symtable::BuildOptions options;
    options.future_annotations = future.annotations;
    minipy::symtable::SymbolTable *table = minipy::symtable::build_symtable(mod, name, options);
    if (table == nullptr) return check_failure(tally, kind, source);
    ++tally.tables;
    minipy::symtable::free_symtable(table);
}

// The corpus sources, as the mutations' seeds.
std::vector<std::string> corpus_sources() {
    std::vector<std::string> seeds;
    for (const char *file : {"ast.cases", "errors.cases", "symtable.cases", "file.cases"})
        for (const minipy::test::SourceCase &c :
             minipy::test::read_case_file(minipy::test::data_path(file)))
            seeds.push_back(c.source);
    return seeds;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(frontend_fuzz)

BOOST_AUTO_TEST_CASE(mutated_and_random_sources_fail_only_with_syntax_errors) {
    const std::vector<std::string> seeds = corpus_sources();
    BOOST_REQUIRE(seeds.size() >= 1000u);
    constexpr std::size_t kMutations = 6000, kSoups = 1500, kRandom = 500, kDeep = 300;
    RuntimeScope runtime;  // its end checks that nothing leaked
    PyObject *name = PyUnicode_FromString("fuzz.py");
    Random rng(20230611);
    Tally tally;
    std::size_t inputs = 0;
    auto run = [&](const std::string &source) {
        // Exec as text always; every third input also as a script file; eval and single
        // for some, in turn.
        run_front_end(source, ParseMode::Exec, SourceKind::Text, name, tally);
        if (inputs % 3 == 0) run_front_end(source, ParseMode::Exec, SourceKind::File, name, tally);
        if (inputs % 4 == 1) run_front_end(source, ParseMode::Eval, SourceKind::Text, name, tally);
        if (inputs % 4 == 2)
            run_front_end(source, ParseMode::Single, SourceKind::Text, name, tally);
        ++inputs;
    };
    for (std::size_t i = 0; i < kMutations; ++i)
        run(mutate(seeds[rng.below(seeds.size())], seeds, rng));
    for (std::size_t i = 0; i < kSoups; ++i) run(token_soup(rng));
    for (std::size_t i = 0; i < kRandom; ++i) run(random_bytes(rng));
    for (std::size_t i = 0; i < kDeep; ++i) run(deep(rng));
    Py_DECREF(name);

    BOOST_TEST(inputs == kMutations + kSoups + kRandom + kDeep);
    BOOST_TEST_MESSAGE("front end fuzz: "
                       << inputs << " inputs, " << tally.runs << " runs, all crash-free; "
                       << tally.parsed << " parsed, " << tally.tables << " symbol tables, "
                       << tally.syntax_errors << " SyntaxError, " << tally.indentation_errors
                       << " IndentationError, " << tally.tab_errors << " TabError, "
                       << tally.memory_errors << " MemoryError, " << tally.recursion_errors
                       << " RecursionError, " << tally.decode_errors << " UnicodeDecodeError");
    // Each kind of outcome happened: the inputs reach past the tokenizer and the limits.
    BOOST_TEST(tally.parsed > 0u);
    BOOST_TEST(tally.tables > 0u);
    BOOST_TEST(tally.syntax_errors > 0u);
    BOOST_TEST(tally.indentation_errors > 0u);
    BOOST_TEST(tally.memory_errors > 0u);
    BOOST_TEST(tally.recursion_errors > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
