// The whole-interpreter fuzz test's programs (run_fuzz_programs.hpp). Program N of a seed is
// drawn from a generator seeded with (seed, N) alone: a corpus program as it is, one mutated
// token by token or line by line, a splice of two programs, or a hostile program (nesting at
// and past every limit, huge literals, huge requests, infinite loops and recursion, deep data)
// alone or put inside a corpus program.
#include "interp/run_fuzz_programs.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "interp/case_file.hpp"

namespace minipy::test {

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
    bool one_in(std::size_t n) { return below(n) == 0; }

  private:
    std::uint64_t state_;
};

std::string read_file(const std::filesystem::path &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string repeat(const std::string &piece, std::size_t n) {
    std::string s;
    s.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) s += piece;
    return s;
}

// Tokens as a mutation sees them: a run of name or number characters, a string literal to
// its closing quote on the same line, a run of blanks, a newline, or one other character.
// Crude on purpose: a mutation may well cut a literal in two.
std::vector<std::string> split_tokens(const std::string &s) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t j = i + 1;
        if (std::isalnum(c) || c == '_' || c >= 0x80) {
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                                    static_cast<unsigned char>(s[j]) >= 0x80))
                ++j;
        } else if (c == '\'' || c == '"') {
            while (j < s.size() && s[j] != static_cast<char>(c) && s[j] != '\n')
                j += s[j] == '\\' ? 2 : 1;
            j = std::min(j + 1, s.size());
        } else if (c == ' ' || c == '\t') {
            while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
        }
        tokens.push_back(s.substr(i, j - i));
        i = j;
    }
    return tokens;
}

std::vector<std::string> split_lines(const std::string &s) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        lines.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string join_lines(const std::vector<std::string> &lines) {
    std::string s;
    for (const std::string &line : lines) s += line + "\n";
    return s;
}

// Values a token mutation puts in place of a token: edges of every type and huge sizes.
const char *const kHostileTokens[] = {
    "0",
    "-1",
    "1 << 60",
    "(1 << 62)",
    "10 ** 100",
    "2 ** 64",
    "1e308",
    "-0.0",
    "float('nan')",
    "None",
    "True",
    "''",
    "'a' * 1000",
    "[]",
    "{}",
    "()",
    "set()",
    "[0] * 100",
    "x",
    "self",
    "lambda: 0",
    "f()",
    "yield",
    "await x",
    "not",
    "*",
    "**",
    "[",
    ")",
    ":",
    ",",
    "=",
    ":=",
    ".",
    "\n",
    "\n    ",
    "if ",
    "else ",
    "while True",
    "return",
    "raise",
    "del ",
    "global x",
    "nonlocal x",
    "break",
    "continue",
    "class ",
    "def ",
    "try",
    "except",
    "finally",
    "with ",
    "import sys",
    "from ",
    "__class__",
    "__dict__",
    "__init__",
    "super()",
    "type",
    "object",
    "iter(int, 1)",
    "range(10 ** 18)",
    "sys.maxsize",
    "-sys.maxsize - 1",
};

std::string pick_hostile_token(Random &rng) {
    return kHostileTokens[rng.below(sizeof kHostileTokens / sizeof kHostileTokens[0])];
}

std::string mutate_tokens(const std::string &seed, const std::vector<std::string> &corpus,
                          Random &rng) {
    std::vector<std::string> tokens = split_tokens(seed);
    const std::vector<std::string> donor = split_tokens(corpus[rng.below(corpus.size())]);
    const std::size_t rounds = 1 + rng.below(4);
    for (std::size_t r = 0; r < rounds && !tokens.empty(); ++r) {
        const std::size_t at = rng.below(tokens.size());
        switch (rng.below(6)) {
        case 0: tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(at)); break;
        case 1: tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(at), tokens[at]); break;
        case 2: std::swap(tokens[at], tokens[rng.below(tokens.size())]); break;
        case 3:  // a token of this program in another place
            tokens[at] = tokens[rng.below(tokens.size())];
            break;
        case 4:  // a token of another program
            if (!donor.empty()) tokens[at] = donor[rng.below(donor.size())];
            break;
        default: tokens[at] = pick_hostile_token(rng);
        }
    }
    std::string s;
    for (const std::string &t : tokens) s += t;
    return s;
}

std::string hostile_program(Random &rng);

std::string mutate_lines(const std::string &seed, const std::vector<std::string> &corpus,
                         Random &rng) {
    std::vector<std::string> lines = split_lines(seed);
    if (lines.empty()) lines.emplace_back("pass");
    const std::vector<std::string> donor = split_lines(corpus[rng.below(corpus.size())]);
    const std::size_t rounds = 1 + rng.below(3);
    for (std::size_t r = 0; r < rounds; ++r) {
        const std::size_t at = rng.below(lines.size());
        const auto where = lines.begin() + static_cast<std::ptrdiff_t>(at);
        switch (rng.below(7)) {
        case 0:
            if (lines.size() > 1) lines.erase(where);
            break;
        case 1: lines.insert(where, lines[at]); break;
        case 2: std::swap(lines[at], lines[rng.below(lines.size())]); break;
        case 3:  // indent or dedent by one level
            if (rng.one_in(2))
                lines[at] = "    " + lines[at];
            else if (lines[at].rfind("    ", 0) == 0)
                lines[at].erase(0, 4);
            break;
        case 4:
            if (!donor.empty()) lines.insert(where, donor[rng.below(donor.size())]);
            break;
        case 5: {  // a hostile program at this line, at this line's indentation
            const std::size_t indent = lines[at].find_first_not_of(' ');
            const std::string pad(indent == std::string::npos ? 0 : indent, ' ');
            std::vector<std::string> inserted = split_lines(hostile_program(rng));
            for (std::string &line : inserted) line.insert(0, pad);
            lines.insert(where, inserted.begin(), inserted.end());
            break;
        }
        default: {  // move a run of lines elsewhere
            const std::size_t n = std::min<std::size_t>(1 + rng.below(5), lines.size() - at);
            std::vector<std::string> run(where, where + static_cast<std::ptrdiff_t>(n));
            lines.erase(where, where + static_cast<std::ptrdiff_t>(n));
            const std::size_t to = rng.below(lines.size() + 1);
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(to), run.begin(), run.end());
        }
        }
    }
    return join_lines(lines);
}

// The start of one program and the end of another, or a run of one inside the other.
std::string splice(const std::string &a, const std::string &b, Random &rng) {
    const std::vector<std::string> first = split_lines(a);
    const std::vector<std::string> second = split_lines(b);
    std::vector<std::string> lines(
        first.begin(), first.begin() + static_cast<std::ptrdiff_t>(rng.below(first.size() + 1)));
    const std::size_t from = rng.below(second.size() + 1);
    if (rng.one_in(2)) {
        lines.insert(lines.end(), second.begin() + static_cast<std::ptrdiff_t>(from), second.end());
    } else {
        const std::size_t n = std::min(second.size() - from, 1 + rng.below(30));
        lines.insert(lines.end(), second.begin() + static_cast<std::ptrdiff_t>(from),
                     second.begin() + static_cast<std::ptrdiff_t>(from + n));
        lines.insert(
            lines.end(),
            first.begin() + static_cast<std::ptrdiff_t>(std::min(lines.size(), first.size())),
            first.end());
    }
    return join_lines(lines);
}

// Blocks nested `levels` deep, each opened by `header` (a statement ending in ':').
std::string nested_blocks(const std::string &header, std::size_t levels, const std::string &body) {
    std::string s;
    for (std::size_t i = 0; i < levels; ++i) s += std::string(i, ' ') + header + "\n";
    return s + std::string(levels, ' ') + body + "\n";
}

// Around each limit: the tokenizer's 200 brackets, 100 indentation levels, the parser's and the
// compiler's recursion, int's 4300 digits, the memory limit the runner sets, the recursion
// limit of Python calls and of C recursion through special methods and deep data.
std::string hostile_program(Random &rng) {
    const std::size_t depth_choices[] = {10, 99, 100, 101, 199, 200, 201, 1000, 5000};
    const std::size_t depth = depth_choices[rng.below(sizeof depth_choices / sizeof(std::size_t))];
    const std::size_t big = std::size_t{1} << (10 + rng.below(8));  // 1 Ki .. 128 Ki
    switch (rng.below(40)) {
    // Deep nesting in the source.
    case 0: return "x = " + repeat("(", depth) + "1" + repeat(")", depth) + "\nprint(x)\n";
    case 1: return "x = " + repeat("[", depth) + repeat("]", depth) + "\nprint(len(x))\n";
    case 2: return "x = " + repeat("{1: ", depth) + "2" + repeat("}", depth) + "\n";
    case 3: return nested_blocks("if True:", depth % 120, "print('deep')");
    case 4: {
        std::string s;
        for (std::size_t i = 0; i < depth % 120; ++i)
            s += std::string(i, ' ') + "def f" + std::to_string(i) + "(x=" + std::to_string(i) +
                 "):\n";
        return s + std::string(depth % 120, ' ') + "return x\n";
    }
    case 5: return nested_blocks("for i in range(2):", depth % 110, "pass");
    case 6: return nested_blocks("try:", depth % 110, "pass") + "except: pass\n";
    case 7: return "x = " + repeat("-", big) + "1\nprint(x)\n";
    case 8: return "x = 1" + repeat(" + 1", big) + "\nprint(x)\n";
    case 9: return "x = " + repeat("not ", big) + "0\n";
    case 10: return "f = " + repeat("lambda: ", depth) + "0\nprint(f)\n";
    case 11:
        return "x = " + repeat("[x for x in ", depth % 300) + "[1]" + repeat("]", depth % 300) +
               "\n";
    case 12: return "x = " + repeat("f'{", depth % 8) + "1" + repeat("}'", depth % 8) + "\n";
    case 13: return "x = " + repeat("a.", big) + "b\n";
    case 14: return "x = 1" + repeat(" if 1 else 2", big % 5000) + "\n";
    // Huge literals.
    case 15: return "x = 1" + std::string(big, '0') + "\nprint(x)\n";
    case 16: return "x = 0x" + std::string(big, 'f') + "\nprint(x % 1000, len(str(x)))\n";
    case 17: return "s = '" + std::string(big * 8, 'a') + "'\nprint(len(s), s[-3:])\n";
    case 18: return "x = [" + repeat("1, ", big) + "]\nprint(sum(x))\n";
    case 19: return "d = {" + repeat("'k': 1, ", big) + "}\nprint(d)\n";
    case 20:
        return "x = 1." + std::string(big, '9') + "e" + std::string(1 + rng.below(6), '9') +
               "\nprint(x)\n";
    // Huge requests: MemoryError or OverflowError.
    case 21: return "x = [0] * (1 << 60)\n";
    case 22: return "x = 'a' * (1 << 62)\n";
    case 23: return "x = [0] * 10 ** 8\n";
    case 24: return "x = b'ab' * (1 << 40)\n";
    case 25: return "x = list(range(10 ** 9))\n";
    case 26: return "x = 1 << (1 << 62)\n";
    case 27: return "x = (1,) * (1 << 61)\nprint(len(x))\n";
    // Infinite loops: the runner's budget ends them.
    case 28: return "while True:\n    pass\n";
    case 29:
        return "i = 0\nwhile 1:\n    try:\n        while 1:\n            i += 1\n    except "
               "BaseException:\n        pass\n";
    case 30: return "for x in iter(int, 1):\n    pass\n";
    case 31: return "def g():\n    while True:\n        yield [1]\nfor x in g():\n    print(x)\n";
    case 32: return "x = []\nwhile True:\n    x.append(str(len(x)) * 10)\n";
    // Infinite recursion: RecursionError.
    case 33: return "def f(n):\n    return f(n + 1) + 1\nf(0)\n";
    case 34: return "class C:\n    def __repr__(self):\n        return repr(self)\nprint(C())\n";
    case 35:
        return "class C:\n    def __getattr__(self, name):\n        return self.missing\n"
               "print(C().x)\n";
    case 36: return "def g():\n    yield from g()\nnext(g())\n";
    case 37:
        return "class C:\n    def __eq__(self, other):\n        return self == other\n"
               "    def __hash__(self):\n        return hash(self)\n"
               "print(C() == C())\nprint({C()})\n";
    // Deep data: recursion in repr, comparison and deallocation.
    case 38:
        return "x = []\nfor i in range(" + std::to_string(big) +
               "):\n    x = [x]\nprint(len(repr(x)))\n";
    default:
        return "x = ()\ny = ()\nfor i in range(" + std::to_string(big) +
               "):\n    x = (x, i)\n    y = (y, i)\nprint(x == y)\nd = {}\nfor i in range(" +
               std::to_string(big) + "):\n    d = {1: d}\nprint(len(str(d)))\n";
    }
}

}  // namespace

const char *program_kind_name(ProgramKind kind) {
    switch (kind) {
    case ProgramKind::corpus: return "as is";
    case ProgramKind::token_mutation: return "token mutations";
    case ProgramKind::line_mutation: return "line mutations";
    case ProgramKind::splice: return "splices";
    case ProgramKind::hostile: return "hostile";
    default: return "?";
    }
}

std::vector<std::string> load_run_fuzz_corpus() {
    std::vector<std::string> corpus;
    std::vector<std::filesystem::path> files;
    for (const char *dir : {MINIPY_SCRIPT_CASES_DIR, MINIPY_INTERP_TEST_DATA_DIR "/ast_corpus"})
        for (const auto &entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".py") files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the directory's order is the file system's
    for (const auto &file : files) corpus.push_back(read_file(file));
    for (const char *name : {"ast.cases", "symtable.cases", "file.cases"}) {
        for (const SourceCase &c :
             read_case_file(std::string(MINIPY_INTERP_TEST_DATA_DIR) + "/" + name)) {
            const bool compiles = c.expected.rfind("('", 0) != 0;
            if ((c.mode == "exec" || c.mode == "symtable") && c.kind == "text" && compiles &&
                c.source.find('\0') == std::string::npos)
                corpus.push_back(c.source);
        }
    }
    return corpus;
}

FuzzProgram make_fuzz_program(std::uint64_t seed, std::uint64_t index,
                              const std::vector<std::string> &corpus) {
    Random rng(seed * 0x100000001B3ull ^ (index + 1) * 0x9E3779B97F4A7C15ull);
    const std::string &base = corpus[rng.below(corpus.size())];
    const std::size_t roll = rng.below(100);
    if (roll < 5) return {ProgramKind::corpus, base};
    if (roll < 40) return {ProgramKind::token_mutation, mutate_tokens(base, corpus, rng)};
    if (roll < 70) return {ProgramKind::line_mutation, mutate_lines(base, corpus, rng)};
    if (roll < 85)
        return {ProgramKind::splice, splice(base, corpus[rng.below(corpus.size())], rng)};
    std::string hostile = hostile_program(rng);
    if (rng.one_in(3)) hostile += hostile_program(rng);
    return {ProgramKind::hostile, hostile};
}

}  // namespace minipy::test
