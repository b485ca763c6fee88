// The frozen modules (run/frozen_modules.hpp): Python source built into the binary, imported
// after the built-in modules and before sys.path, set up as CPython 3.11 sets up a frozen
// module (a spec naming FrozenImporter with origin 'frozen', no __file__, code named
// "<frozen NAME>"); and the tracemalloc module it carries, driven from a host. Each test runs
// in a RuntimeScope, whose leak check proves the import released what it made.
#include <boost/test/unit_test.hpp>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "minipy/Python.h"
#include "minipy/pythonrun.h"
#include "minipy/tracemalloc.h"
#include "run/frozen_modules.hpp"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
namespace imports = minipy::interp::imports;

namespace {

// Runs `code` in a fresh namespace; the value of its `result` as str, or the exception's
// "Type: message".
std::string run(const char *code) {
    PyObject *globals = PyDict_New();
    BOOST_REQUIRE(globals != nullptr);
    PyObject *r = PyRun_String(code, Py_file_input, globals, globals);
    std::string out;
    if (r == nullptr) {
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *text = PyObject_Str(exc);
        out = std::string(Py_TYPE(exc)->tp_name) + ": " + PyUnicode_AsUTF8(text);
        Py_DECREF(text);
        Py_DECREF(exc);
    } else {
        Py_DECREF(r);
        PyObject *result = PyDict_GetItemString(globals, "result");
        BOOST_REQUIRE(result != nullptr);
        PyObject *text = PyObject_Str(result);
        out = PyUnicode_AsUTF8(text);
        Py_DECREF(text);
    }
    Py_DECREF(globals);
    return out;
}

const imports::FrozenModule *frozen(const char *name) {
    for (int i = 0; i < imports::kFrozenModuleCount; ++i)
        if (std::strcmp(imports::kFrozenModules[i].name, name) == 0)
            return &imports::kFrozenModules[i];
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(frozen_modules)

BOOST_AUTO_TEST_CASE(the_table_holds_each_source_whole) {
    const imports::FrozenModule *m = frozen("tracemalloc");
    BOOST_REQUIRE(m != nullptr);
    BOOST_TEST(std::strlen(m->source) == m->size);  // no NUL inside, one after
    BOOST_TEST(std::string(m->source, 3) == "\"\"\"");
    BOOST_TEST(std::string(m->source).find("def take_snapshot():") != std::string::npos);
    BOOST_TEST(m->source[m->size - 1] == '\n');
}

BOOST_AUTO_TEST_CASE(a_frozen_module_is_set_up_as_cpython_sets_one_up) {
    RuntimeScope runtime;
    BOOST_TEST(
        run("import tracemalloc, sys\n"
            "s = tracemalloc.__spec__\n"
            "result = (s.name, s.origin, s.loader.__name__, s.submodule_search_locations,\n"
            "          s.has_location, tracemalloc.__package__,\n"
            "          tracemalloc.__loader__ is s.loader, hasattr(tracemalloc, '__file__'),\n"
            "          sys.modules['tracemalloc'] is tracemalloc,\n"
            "          __import__('tracemalloc') is tracemalloc, repr(tracemalloc))\n") ==
        "('tracemalloc', 'frozen', 'FrozenImporter', None, False, '', True, False, True, "
        "True, \"<module 'tracemalloc' (frozen)>\")");
    // tracemalloc runs over the built-in _tracemalloc, which its import brought in.
    BOOST_TEST(
        run("import sys\n"
            "result = ('_tracemalloc' in sys.builtin_module_names,\n"
            "          sys.modules['_tracemalloc'].start is sys.modules['tracemalloc'].start)\n") ==
        "(True, True)");
}

BOOST_AUTO_TEST_CASE(frozen_code_is_named_frozen_in_tracebacks) {
    RuntimeScope runtime;
    BOOST_TEST(run("import tracemalloc\n"
                   "try:\n"
                   "    tracemalloc.take_snapshot()\n"
                   "except RuntimeError as e:\n"
                   "    tb = e.__traceback__\n"
                   "    while tb.tb_next is not None:\n"
                   "        tb = tb.tb_next\n"
                   "    result = tb.tb_frame.f_code.co_filename\n") == "<frozen tracemalloc>");
}

BOOST_AUTO_TEST_CASE(frozen_modules_come_before_sys_path) {
    RuntimeScope runtime;
    char dir[] = "/tmp/minipy_frozen_XXXXXX";
    BOOST_REQUIRE(mkdtemp(dir) != nullptr);
    const std::string file = std::string(dir) + "/tracemalloc.py";
    FILE *f = std::fopen(file.c_str(), "w");
    BOOST_REQUIRE(f != nullptr);
    std::fputs("raise ImportError('the file on sys.path was imported')\n", f);
    std::fclose(f);
    const std::string code = std::string("import sys\nsys.path.insert(0, '") + dir +
                             "')\nimport tracemalloc\nresult = tracemalloc.__spec__.origin\n";
    BOOST_TEST(run(code.c_str()) == "frozen");
    std::remove(file.c_str());
    rmdir(dir);
}

BOOST_AUTO_TEST_CASE(a_host_traces_a_script) {
    RuntimeScope runtime;
    BOOST_TEST(
        run("import tracemalloc\n"
            "tracemalloc.start(2)\n"
            "def make():\n"
            "    return [bytes(100) for i in range(300)]\n"
            "blocks = make()\n"
            "snapshot = tracemalloc.take_snapshot()\n"
            "tracemalloc.stop()\n"
            "top = snapshot.statistics('lineno')[0]\n"
            "result = (str(top.traceback), top.count >= 300, top.size >= 30000,\n"
            "          [f.lineno for f in snapshot.statistics('traceback')[0].traceback])\n") ==
        "('<string>:4', True, True, [4, 4])");
    BOOST_TEST(minipy_tracemalloc_is_tracing() == 0);
    BOOST_TEST(run("import _tracemalloc\n"
                   "result = (_tracemalloc._get_traces(), _tracemalloc.get_traced_memory())\n") ==
               "([], (0, 0))");
}

BOOST_AUTO_TEST_CASE(a_hosts_own_domain_reaches_python) {
    RuntimeScope runtime;
    BOOST_REQUIRE(run("import tracemalloc\ntracemalloc.start()\nresult = 1\n") == "1");
    static char buffer[64];
    const auto address = reinterpret_cast<uintptr_t>(buffer);
    BOOST_TEST(PyTraceMalloc_Track(42, address, sizeof buffer) == 0);
    BOOST_TEST(run("import tracemalloc\n"
                   "s = tracemalloc.take_snapshot()\n"
                   "host = s.filter_traces([tracemalloc.DomainFilter(True, 42)])\n"
                   "t = host.traces[0]\n"
                   "others = s.filter_traces([tracemalloc.DomainFilter(False, 42)])\n"
                   "result = (len(host.traces), t.domain, t.size, str(t.traceback),\n"
                   "          all(x.domain == 0 for x in others.traces))\n") ==
               "(1, 42, 64, '<unknown>:0', True)");
    BOOST_TEST(PyTraceMalloc_Untrack(42, address) == 0);
    BOOST_TEST(run("import _tracemalloc\n"
                   "result = [t for t in _tracemalloc._get_traces() if t[0] == 42]\n"
                   "_tracemalloc.stop()\n") == "[]");
}

BOOST_AUTO_TEST_CASE(io_code_is_marked_to_leave_no_frames) {
    RuntimeScope runtime;
    // io and its parts carry minipy's co_flags bit (code::kCoHiddenFrames), nested code too;
    // other frozen code does not.
    BOOST_TEST(run("import io, _io_text, tracemalloc\n"
                   "hidden = 0x40000000\n"
                   "result = (bool(io._open.__code__.co_flags & hidden),\n"
                   "          bool(io.FileIO.read.__code__.co_flags & hidden),\n"
                   "          bool(_io_text.TextIOWrapper.readline.__code__.co_flags & hidden),\n"
                   "          bool(tracemalloc.take_snapshot.__code__.co_flags & hidden))\n") ==
               "(True, True, True, False)");
    // An error inside a file method: the traceback ends in the caller's frame.
    BOOST_TEST(run("f = open('/dev/null')\n"
                   "f.close()\n"
                   "try:\n"
                   "    f.read()\n"
                   "except ValueError as e:\n"
                   "    tb = e.__traceback__\n"
                   "    names = []\n"
                   "    while tb is not None:\n"
                   "        names.append(tb.tb_frame.f_code.co_filename)\n"
                   "        tb = tb.tb_next\n"
                   "    result = (names, str(e))\n") ==
               "(['<string>'], 'I/O operation on closed file.')");
}

BOOST_AUTO_TEST_SUITE_END()
