// The iteration and unpacking specializations seen in the code: after a run, a function's
// FOR_ITER / UNPACK_SEQUENCE is the specialized form for what it saw (FOR_ITER_RANGE, _LIST,
// _TUPLE; UNPACK_SEQUENCE_TWO_TUPLE, _TUPLE, _LIST); another kind of object sends it back to
// the base form (a deoptimization), and once the backed-off counter runs out it specializes
// for the new kind. What the forms compute (results, errors, the order of releases) is checked
// against python3 by tests/scripts' spec_for_iter and spec_unpack.
#include <boost/test/unit_test.hpp>

#include "code/code_object.hpp"
#include "code/opcode.hpp"
#include "minipy/Python.h"
#include "minipy/functionobject.h"
#include "minipy/pythonrun.h"
#include "runtime/runtime_scope.hpp"

using minipy::test::RuntimeScope;
namespace code = minipy::code;

namespace {

// Runs `source` in `globals`; fails the test on an exception.
void run(PyObject *globals, const char *source) {
    PyObject *r = PyRun_String(source, Py_file_input, globals, globals);
    if (r == nullptr) PyErr_Print();
    BOOST_REQUIRE(r != nullptr);
    Py_DECREF(r);
}

// The form the first instruction of `base`'s family in function `name` has now.
int form_in(PyObject *globals, const char *name, code::Opcode base) {
    PyObject *func = PyDict_GetItemString(globals, name);
    BOOST_REQUIRE(func != nullptr);
    auto *co = reinterpret_cast<PyCodeObject *>(PyFunction_GetCode(func));
    const code::CodeUnit *units = code::code_units(co);
    for (Py_ssize_t i = 0; i < Py_SIZE(co);
         i += 1 + code::cache_units(code::unit_opcode(units[i]))) {
        const int opcode = code::unit_opcode(units[i]);
        if (code::base_opcode(opcode) == base) return opcode;
    }
    BOOST_FAIL("no such instruction");
    return -1;
}

const char *const kFunctions =
    "def total(it):\n"
    "    t = 0\n"
    "    for x in it:\n"
    "        t += x\n"
    "    return t\n"
    "def two(s):\n"
    "    a, b = s\n"
    "    return a\n"
    "def three(s):\n"
    "    a, b, c = s\n"
    "    return c\n"
    "def gen(n):\n"
    "    yield from range(n)\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(specialize_iter)

BOOST_AUTO_TEST_CASE(for_iter_follows_the_iterator_type) {
    RuntimeScope runtime;
    PyObject *g = PyDict_New();
    run(g, kFunctions);
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER);  // not run yet
    run(g, "r = total(range(10))");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER_RANGE);
    // A list: the range form misses once (deoptimizes), the counter runs out, the list form.
    run(g, "r = total([1, 2, 3, 4])");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER_LIST);
    run(g, "r = total((1, 2, 3, 4, 5, 6))");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER_TUPLE);
    // A generator: the tuple form deoptimizes and no form fits, so the base form stays.
    run(g, "r = total(gen(20))");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER);
    // reversed(range) is a range iterator too; reversed(list) is not a list iterator.
    run(g, "r = total(reversed(range(100)))");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER_RANGE);
    run(g, "r = total(reversed([1] * 100))");
    BOOST_TEST(form_in(g, "total", code::FOR_ITER) == code::FOR_ITER);
    Py_DECREF(g);
}

BOOST_AUTO_TEST_CASE(unpack_sequence_follows_type_and_length) {
    RuntimeScope runtime;
    PyObject *g = PyDict_New();
    run(g, kFunctions);
    run(g, "r = two((1, 2))");
    BOOST_TEST(form_in(g, "two", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE_TWO_TUPLE);
    run(g, "r = three((1, 2, 3))");
    BOOST_TEST(form_in(g, "three", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE_TUPLE);
    // A list deoptimizes the tuple form; the next runs count down and make the list form.
    run(g, "r = two([1, 2])");
    BOOST_TEST(form_in(g, "two", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE);
    run(g, "r = two([1, 2]); r = two([1, 2])");
    BOOST_TEST(form_in(g, "two", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE_LIST);
    // A str, or a list of the wrong length: no form, the base form raises.
    run(g, "r = three('abc')");
    BOOST_TEST(form_in(g, "three", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE);
    run(g,
        "for i in range(40):\n"
        "    try:\n"
        "        three([1, 2])\n"
        "    except ValueError:\n"
        "        pass\n");
    BOOST_TEST(form_in(g, "three", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE);
    run(g, "for i in range(40): r = three([1, 2, 3])");
    BOOST_TEST(form_in(g, "three", code::UNPACK_SEQUENCE) == code::UNPACK_SEQUENCE_LIST);
    Py_DECREF(g);
}

BOOST_AUTO_TEST_SUITE_END()
