// lua_host_test.cpp: minipy_lua from the outside, each run a child process.
//
// - standalone: the same command lines run under Debian's lua5.4 and under minipy_lua must
//   print the same stdout and stderr (the program's path read as "lua") and exit with the same
//   status: lua5.4 is the reference, nothing is typed by hand;
// - death: a C function registered in Lua (tests/misuse_module.c) misuses memory, and the
//   debug hooks (or, in a debug build, the host's osize check) stop the process with the exact
//   report.
#define BOOST_TEST_MODULE minipy_lua_host
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <regex>
#include <string>
#include <vector>

#include "support/child.hpp"

namespace bdata = boost::unit_test::data;

namespace {

const std::string kHost = MINIPY_LUA_HOST;
const std::string kReference = MINIPY_LUA_REFERENCE;
const std::string kModuleDir = MINIPY_LUA_MODULE_DIR;

// Replaces every occurrence of `from` in text.
std::string replace_all(std::string text, const std::string &from, const std::string &to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Runs a shell command line in which {lua} stands for the interpreter, in a scratch folder
// holding script.lua and module.lua, with the Lua variables of the environment unset and
// PYTHONMALLOC pinned (minipy_lua reads it; lua5.4 ignores it).
minipy::test::ChildResult run_lua(const std::string &interpreter, const std::string &command) {
    const std::string setup =
        "set -e; cd \"$(mktemp -d)\"; trap 'rm -rf \"$PWD\"' EXIT; "
        "printf 'print(\"script\", ...)\\nfor i = -2, #arg do print(i, arg[i]) end\\n' "
        ">script.lua; printf 'return {name = \"module\"}\\n' >module.lua; "
        "printf 'error(\"in a file\")\\n' >failing.lua; set +e; ";
    const std::string line = replace_all(command, "{lua}", "\"" + interpreter + "\"");
    // os.exit(code) without its close argument exits without lua_close, as lua.c does: the
    // state's blocks are still allocated then, by design, and LeakSanitizer must not count
    // them (asan preset).
    std::string asan_options = "detect_leaks=1:abort_on_error=0";
    if (command.find("os.exit(") != std::string::npos &&
        command.find(", true)") == std::string::npos) {
        asan_options = "detect_leaks=0:abort_on_error=0";
    }
    minipy::test::ChildResult child = minipy::test::run_child(
        {"/bin/sh", "-c", setup + line}, {{"ASAN_OPTIONS", asan_options},
                                          {"LUA_INIT", std::nullopt},
                                          {"LUA_INIT_5_4", std::nullopt},
                                          {"LUA_PATH", std::nullopt},
                                          {"LUA_PATH_5_4", std::nullopt},
                                          {"LUA_CPATH", std::nullopt},
                                          {"LUA_CPATH_5_4", std::nullopt},
                                          {"PYTHONMALLOC", "pymalloc_debug"},
                                          {"PYTHONMALLOCSTATS", std::nullopt}});
    child.out = replace_all(child.out, interpreter, "lua");
    child.err = replace_all(child.err, interpreter, "lua");
    return child;
}

// Command lines of the standalone interpreter's documented behaviour (Lua 5.4 manual §7).
const char *const kCommandLines[] = {
    // options, version, usage
    "{lua} -v",
    "{lua} -v -v -e 'print(1)'",
    "{lua} -e 'print(1 + 1)' -e 'print(2 + 2)'",
    "{lua} '-eprint(40 + 2)'",
    "{lua} -e",
    "{lua} -l",
    "{lua} -e -v",
    "{lua} -vx",
    "{lua} -Ex",
    "{lua} -Wx",
    "{lua} ---",
    "{lua} -z script.lua",
    // scripts and the arg table
    "{lua} script.lua a b 'c d'",
    "{lua} -e 'x = 1' script.lua -e",
    "{lua} -- script.lua -v",
    "{lua} -e 'print(#arg, arg[0], arg[-1], arg[-2], arg[-3])' -- ",
    "echo 'print(\"from stdin\", ...)' | {lua} - x y",
    "echo 'print(\"stdin, no script\")' | {lua}",
    "echo 'print(\"stdin after -e\")' | {lua} -e 'print(1)'",
    "{lua} no-such-file.lua",
    "{lua} -e 'arg = 1' script.lua",
    // errors and tracebacks
    "{lua} failing.lua",
    "{lua} -e 'error(\"boom\")'",
    "{lua} -e 'error()'",
    "{lua} -e 'error({})'",
    "{lua} -e 'error(setmetatable({}, {__tostring = function() return \"custom\" end}))'",
    "{lua} -e 'local function f() error(\"deep\") end local function g() f() end g()'",
    "{lua} -e 'x ='",
    "{lua} -e 'os.exit(3)'",
    "{lua} -e 'os.exit(false)'",
    "{lua} -e 'os.exit(true, true)'",
    // libraries, LUA_INIT, LUA_PATH, -E, -W
    "{lua} -l string -e 'print(string.rep(\"ab\", 2))'",
    "{lua} -l m=module -e 'print(m.name)'",
    "{lua} -l no_such_module",
    "LUA_INIT='print(\"init\")' {lua} -e 'print(\"after\")'",
    "LUA_INIT_5_4='print(\"init 5.4\")' LUA_INIT='print(\"init\")' {lua} -e ''",
    "LUA_INIT='@script.lua' {lua} -e ''",
    "LUA_INIT='error(\"bad init\")' {lua} -e 'print(\"not reached\")'",
    "LUA_INIT='print(\"init\")' {lua} -E -e 'print(\"no init\")'",
    "LUA_PATH='./?.lua' {lua} -e 'print(package.path, require(\"module\").name)'",
    "LUA_PATH='/nowhere/?.lua' {lua} -E -e 'print(package.path:find(\"nowhere\"))'",
    "LUA_CPATH='/nowhere/?.so' {lua} -e 'print(package.cpath)'",
    "{lua} -W -e 'warn(\"a \", \"warning\")' -e 'warn(\"@off\") warn(\"hidden\")'",
    "{lua} -e 'warn(\"hidden\")'",
    // the interactive mode, stdin a pipe
    "printf '1 + 1\\n= 2 * 3\\nx = 5\\nx\\nfunction f()\\nreturn 7\\nend\\nf()\\n' | {lua} -i",
    "printf 'error(\"oops\")\\nprint(\"still here\")\\nerror({})\\n' | {lua} -i",
    "printf 'local t = {\\n1,\\n2}\\nprint(#t)\\n' | {lua} -i",
    "printf 'a\\n' | {lua} -e '_PROMPT = \"P> \" _PROMPT2 = \"P>> \"' -i",
    "printf '1\\n' | {lua} -e '_PROMPT = setmetatable({}, {__tostring = load\"return 1\"})' -i",
    "printf 'print(...)\\n' | {lua} -i script.lua a",
    "printf 'return 1, nil, \"x\"\\n' | {lua} -i",
};

}  // namespace

BOOST_AUTO_TEST_SUITE(standalone)

BOOST_DATA_TEST_CASE(same_as_lua5_4, bdata::make(kCommandLines), command) {
    const minipy::test::ChildResult expected = run_lua(kReference, command);
    const minipy::test::ChildResult actual = run_lua(kHost, command);
    BOOST_TEST_INFO("command: " << command);
    BOOST_TEST(actual.out == expected.out);
    // A bad option's usage message gets minipy_lua's own options after Lua's lines.
    if (actual.err.find("usage: lua [options]") != std::string::npos) {
        BOOST_TEST(actual.err.substr(0, expected.err.size()) == expected.err);
        BOOST_TEST(actual.err.find("--domain raw|mem|obj") != std::string::npos);
    } else {
        BOOST_TEST(actual.err == expected.err);
    }
    BOOST_TEST(actual.exit_status == expected.exit_status);
    BOOST_TEST(actual.signal == expected.signal);
}

// The input ends inside an unfinished chunk. lua.c 5.4.4 then reports a value that is not
// its error message (glibc prints "(null)" for it); minipy_lua reports the parser's error.
BOOST_AUTO_TEST_CASE(input_ends_inside_a_chunk) {
    const std::string command = "printf 'x = 1\\ny = \\n' | {lua} -i";
    const minipy::test::ChildResult expected = run_lua(kReference, command);
    const minipy::test::ChildResult actual = run_lua(kHost, command);
    BOOST_TEST(actual.out == expected.out);
    BOOST_TEST(actual.err == "stdin:1: unexpected symbol near <eof>\n");
    BOOST_TEST(actual.exited(0));
    BOOST_TEST(expected.exited(0));
}

// minipy_lua's own options, which lua5.4 does not have.
BOOST_AUTO_TEST_CASE(host_options) {
    minipy::test::ChildResult child =
        run_lua(kHost, "{lua} --domain raw -e 'print(minipy.allocator())'");
    BOOST_TEST(child.exited(0));
    BOOST_TEST(child.out == "pymalloc_debug\traw\n");
    child = run_lua(kHost, "{lua} --domain=mem -e 'print(select(2, minipy.allocator()))'");
    BOOST_TEST(child.out == "mem\n");
    child = run_lua(kHost, "{lua} --domain heap -e ''");
    BOOST_TEST(child.exited(1));
    BOOST_TEST(child.err == "lua: unknown domain 'heap' (expected raw, mem or obj)\n");
    child = run_lua(kHost, "{lua} --stats=stats.txt -e 'x = {}' && cat stats.txt");
    BOOST_TEST(child.exited(0));
    BOOST_TEST(child.err.empty());
    BOOST_TEST(child.out.find("minipy_lua: allocator pymalloc_debug, domain obj\n") == 0);
    BOOST_TEST(child.out.find("0 blocks / 0 bytes left after lua_close") != std::string::npos);
    // The shared budget's line: both languages' figures, under a limit set from Lua.
    child = run_lua(kHost,
                    "{lua} --stats=stats.txt -e 'minipy.limit(1 << 30); minipy.run(\"x = 1\")' "
                    "&& cat stats.txt");
    BOOST_TEST(child.exited(0));
    const std::regex budget_line(
        "\nminipy_lua: one budget for Lua and Python: limit 1073741824; peaks: Lua [1-9][0-9]* "
        "bytes, Python [1-9][0-9]* bytes in [1-9][0-9]* blocks; requests refused: Lua 0, Python "
        "0; after lua_close: Lua 0 bytes, Python [1-9][0-9]* bytes\n");
    BOOST_TEST(std::regex_search(child.out, budget_line), child.out);
    BOOST_TEST(child.out.find("Small block threshold = 512, in 32 size classes.") !=
               std::string::npos);
    child = run_lua(kHost, "PYTHONMALLOC=bogus {lua} -e 'print(1)'");
    BOOST_TEST(child.exited(1));
    BOOST_TEST(child.out.empty());
    BOOST_TEST(child.err.find("PYTHONMALLOC: unknown allocator") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(death)

namespace {

minipy::test::ChildResult run_misuse(const std::string &function, const std::string &allocator) {
    return minipy::test::run_child({kHost, "-e",
                                    "package.cpath = '" + kModuleDir +
                                        "/?.so'; require('lua_host_misuse')." + function + "()"},
                                   {{"PYTHONMALLOC", allocator}, {"LUA_INIT", std::nullopt}});
}

const char *const kDebugAllocators[] = {"pymalloc_debug", "malloc_debug"};

// The report's lines with addresses masked, and the thread id of the runtime's context (the
// host runs a minipy runtime, so a fatal error ends with the runtime state and the thread's
// Python frames, as CPython's does) as well.
std::vector<std::string> report_lines(const std::string &text) {
    std::vector<std::string> lines = minipy::test::masked_report_lines(text);
    const std::regex thread("^Current thread 0x[0-9a-f]+ ");
    for (std::string &line : lines) line = std::regex_replace(line, thread, "Current thread <id> ");
    return lines;
}

// What every fatal report of the host ends with: there is no Python frame while Lua runs.
const std::vector<std::string> kRuntimeContext = {
    "Python runtime state: initialized",
    "",
    "Current thread <id> (most recent call first):",
    "  <no Python frame>",
};

}  // namespace

// A C function writes one byte past a PyObject_Malloc block: the debug hooks catch it when it
// is freed and print CPython's report. The block is Python's (the object domain's), so the
// runtime's accounting hook, which keeps the budget Lua shares, frames it with its 16-byte
// header (whose first word is the 15 bytes asked for) before the debug hooks see it: they
// report 31 bytes, and the data they show starts with that header.
BOOST_DATA_TEST_CASE(overflow_from_a_c_function, bdata::make(kDebugAllocators), allocator) {
    const minipy::test::ChildResult child = run_misuse("overflow", allocator);
    BOOST_TEST(child.signal == SIGABRT);
    BOOST_TEST(child.out.empty());
    // CPython's report for one byte 'x' past a 31-byte object block.
    std::vector<std::string> expected = {
        "Debug memory block at address p=<ptr>: API 'o'",
        "    31 bytes originally requested",
        "    The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.",
        "    The 8 pad bytes at tail=<ptr> are not all FORBIDDENBYTE (0xfd):",
        "        at tail+0: 0x78 *** OUCH",
    };
    for (int k = 1; k < 8; k++)
        expected.push_back("        at tail+" + std::to_string(k) + ": 0xfd");
    expected.insert(expected.end(),
                    {"    Data at p: 0f 00 00 00 00 00 00 00 ... cd cd cd cd cd cd cd cd", "",
                     "Enable tracemalloc to get the memory block allocation traceback", "",
                     "Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte"});
    expected.insert(expected.end(), kRuntimeContext.begin(), kRuntimeContext.end());
    const std::vector<std::string> actual = report_lines(child.err);
    BOOST_TEST(actual == expected, boost::test_tools::per_element());
}

// Without the debug hooks the same bug goes unseen: the report above is theirs.
BOOST_AUTO_TEST_CASE(overflow_unseen_without_hooks) {
    const minipy::test::ChildResult child = run_misuse("overflow", "pymalloc");
    BOOST_TEST(child.exited(0));
    BOOST_TEST(child.err.empty());
}

#ifndef NDEBUG
// A C function frees a 24-byte block through the state's lua_Alloc saying it has 32 bytes:
// the host's debug build compares osize with the size the debug hooks recorded.
BOOST_AUTO_TEST_CASE(wrong_osize_from_a_c_function) {
    const minipy::test::ChildResult child = run_misuse("bad_osize", "pymalloc_debug");
    BOOST_TEST(child.signal == SIGABRT);
    std::vector<std::string> expected = {
        "Fatal Python error: lua_host_alloc: osize 32 does not match the block at p=<ptr> (the "
        "debug hooks recorded 24 bytes)",
    };
    expected.insert(expected.end(), kRuntimeContext.begin(), kRuntimeContext.end());
    const std::vector<std::string> actual = report_lines(child.err);
    BOOST_TEST(actual == expected, boost::test_tools::per_element());
}
#endif

BOOST_AUTO_TEST_SUITE_END()
