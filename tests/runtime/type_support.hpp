// What the type-system suites share: classes made through the C API the way the interpreter will
// make them (type(name, bases, namespace)), with methods that are real Python-style functions,
// and the outcome of an operation as text to compare with what python3 printed for the same
// operation (data/types_gen.py writes data/types_cases.txt).
//
// `function` here stands in for the interpreter's function type: a callable running a C++
// lambda, a descriptor that binds to an instance (a bound method, PyMethod_New), with
// Py_TPFLAGS_METHOD_DESCRIPTOR so that special-method calls skip the bound method. Its type is
// registered with minipy_register_function_type, as the interpreter's will be.
#ifndef MINIPY_TESTS_RUNTIME_TYPE_SUPPORT_HPP
#define MINIPY_TESTS_RUNTIME_TYPE_SUPPORT_HPP

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/object_ref.hpp"
#include "runtime/runtime_scope.hpp"

namespace minipy::test::types {

using objects::Ref;

// A function body: (positional arguments, keyword arguments or NULL) -> new reference or NULL.
using Body = std::function<PyObject *(PyObject *args, PyObject *kwargs)>;

struct FunctionObject {
    PyObject_HEAD Body *body;
    PyObject *qualname;
    PyObject *name;
};

inline PyTypeObject FunctionType;

inline void function_dealloc(PyObject *self) {
    auto *f = reinterpret_cast<FunctionObject *>(self);
    delete f->body;
    Py_XDECREF(f->qualname);
    Py_XDECREF(f->name);
    PyObject_Free(self);
}

inline PyObject *function_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    return (*reinterpret_cast<FunctionObject *>(self)->body)(args, kwargs);
}

inline PyObject *function_get(PyObject *self, PyObject *obj, PyObject *) {
    if (obj == nullptr || obj == Py_None) return Py_NewRef(self);
    return PyMethod_New(self, obj);
}

inline PyObject *function_repr(PyObject *self) {
    return PyUnicode_FromFormat("<function %U at %p>",
                                reinterpret_cast<FunctionObject *>(self)->qualname,
                                static_cast<void *>(self));
}

inline PyObject *function_qualname(PyObject *self, void *) {
    return Py_NewRef(reinterpret_cast<FunctionObject *>(self)->qualname);
}

inline PyObject *function_name(PyObject *self, void *) {
    return Py_NewRef(reinterpret_cast<FunctionObject *>(self)->name);
}

inline PyGetSetDef function_getset[] = {
    {"__qualname__", function_qualname, nullptr, nullptr, nullptr},
    {"__name__", function_name, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

inline PyTypeObject *function_type() {
    if (FunctionType.tp_name == nullptr) {
        Py_SET_REFCNT(_PyObject_CAST(&FunctionType), 1);
        Py_SET_TYPE(_PyObject_CAST(&FunctionType), &PyType_Type);
        FunctionType.tp_name = "function";
        FunctionType.tp_basicsize = sizeof(FunctionObject);
        FunctionType.tp_dealloc = function_dealloc;
        FunctionType.tp_repr = function_repr;
        FunctionType.tp_call = function_call;
        FunctionType.tp_getattro = PyObject_GenericGetAttr;
        FunctionType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_METHOD_DESCRIPTOR;
        FunctionType.tp_getset = function_getset;
        FunctionType.tp_descr_get = function_get;
    }
    return &FunctionType;
}

// A new function; `qualname` is what Python would give it ("A.f", "f").
inline PyObject *function(const char *qualname, Body body) {
    PyTypeObject *type = function_type();
    if (PyType_Ready(type) < 0) return nullptr;
    auto *f = PyObject_New(FunctionObject, type);
    if (f == nullptr) return nullptr;
    f->body = new Body(std::move(body));
    f->qualname = PyUnicode_FromString(qualname);
    const char *dot = std::strrchr(qualname, '.');
    f->name = PyUnicode_FromString(dot != nullptr ? dot + 1 : qualname);
    if (f->qualname == nullptr || f->name == nullptr) {
        Py_DECREF(f);
        return nullptr;
    }
    return reinterpret_cast<PyObject *>(f);
}

// Argument i of a call (borrowed).
inline PyObject *arg(PyObject *args, Py_ssize_t i) {
    return PyTuple_GET_ITEM(args, i);
}

inline PyObject *str(const char *text) {
    return PyUnicode_FromString(text);
}

// A function returning a constant string (ignoring its arguments).
inline PyObject *returns(const char *qualname, const char *text) {
    std::string copy = text;
    return function(qualname,
                    [copy](PyObject *, PyObject *) { return PyUnicode_FromString(copy.c_str()); });
}

using Attrs = std::vector<std::pair<std::string, PyObject *>>;

// metaclass(name, bases, {"__module__": "__main__", "__qualname__": name, **attrs}, **kwds),
// as a class statement at a script's top level; takes over the references in `attrs`.
inline PyObject *make_class(const char *name, const std::vector<PyObject *> &bases,
                            const Attrs &attrs,
                            PyObject *metaclass = reinterpret_cast<PyObject *>(&PyType_Type),
                            PyObject *kwds = nullptr) {
    // Careful with every step: the fault-injection sweep runs this with allocations refused.
    PyObject *ns = PyDict_New();
    bool ok = ns != nullptr;
    const auto set = [&](const char *key, PyObject *value) {
        if (ok && (value == nullptr || PyDict_SetItemString(ns, key, value) < 0)) ok = false;
        Py_XDECREF(value);
    };
    set("__module__", PyUnicode_FromString("__main__"));
    set("__qualname__", PyUnicode_FromString(name));
    for (auto &[key, value] : attrs) set(key.c_str(), value);
    PyObject *result = nullptr;
    PyObject *bases_tuple = ok ? PyTuple_New(static_cast<Py_ssize_t>(bases.size())) : nullptr;
    if (bases_tuple != nullptr) {
        for (std::size_t i = 0; i < bases.size(); ++i)
            PyTuple_SET_ITEM(bases_tuple, static_cast<Py_ssize_t>(i), Py_NewRef(bases[i]));
        PyObject *args = Py_BuildValue("(sOO)", name, bases_tuple, ns);
        if (args != nullptr) result = PyObject_Call(metaclass, args, kwds);
        Py_XDECREF(args);
        Py_DECREF(bases_tuple);
    }
    Py_XDECREF(ns);
    return result;
}

// "0x7f..." addresses vary from run to run: both sides print them as 0x?.
inline std::string normalize(const std::string &text) {
    static const std::regex kAddress("0x[0-9a-f]+");
    return std::regex_replace(text, kAddress, "0x?");
}

// repr(result) (result released), or "ExceptionType: message" for the pending exception.
inline std::string outcome(PyObject *result) {
    if (result == nullptr) {
        std::string error = objects::take_error();
        return normalize(error.empty() ? "NULL without an exception" : error);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(result);
        return "result with an exception set: " + objects::take_error();
    }
    PyObject *text = PyObject_Repr(result);
    Py_DECREF(result);
    if (text == nullptr) return "repr failed: " + objects::take_error();
    std::string out = PyUnicode_AsUTF8(text);
    Py_DECREF(text);
    return normalize(out);
}

// An int result (-1 with an exception means error).
inline std::string outcome_int(long long value) {
    if (value == -1 && PyErr_Occurred()) return outcome(nullptr);
    return std::to_string(value);
}

// --- O: an owned reference that chains like Python expressions ---------------------------------
//
// O(1), O("text"), O::list({...}), O::tuple({...}); o.attr("x"), o("arg", 2), o[key],
// o.set("x", v), o.del("x"). Once a step fails (NULL with an exception) every later step gives
// NULL without running, so the first exception is the one the case reports.
class O {
  public:
    O() = default;
    explicit O(PyObject *owned) : p_(owned) {}
    O(long value) : p_(PyLong_FromLong(value)) {}            // NOLINT: literals read as Python's
    O(int value) : p_(PyLong_FromLong(value)) {}             // NOLINT
    O(double value) : p_(PyFloat_FromDouble(value)) {}       // NOLINT
    O(const char *text) : p_(PyUnicode_FromString(text)) {}  // NOLINT
    O(const O &other) : p_(Py_XNewRef(other.p_)) {}
    O(O &&other) noexcept : p_(other.p_) { other.p_ = nullptr; }
    O &operator=(O other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }
    ~O() { Py_XDECREF(p_); }

    static O borrow(PyObject *obj) { return O(Py_XNewRef(obj)); }
    static O type(PyTypeObject *type) { return borrow(reinterpret_cast<PyObject *>(type)); }
    static O none() { return borrow(Py_None); }
    static O boolean(bool value) { return borrow(value ? Py_True : Py_False); }
    static O tuple(std::initializer_list<O> items) {
        for (const O &item : items)
            if (!item) return O();
        PyObject *t = PyTuple_New(static_cast<Py_ssize_t>(items.size()));
        if (t == nullptr) return O();
        Py_ssize_t i = 0;
        for (const O &item : items) PyTuple_SET_ITEM(t, i++, Py_NewRef(item.get()));
        return O(t);
    }
    static O list(std::initializer_list<O> items) {
        O t = tuple(items);
        return t ? O(PySequence_List(t.get())) : O();
    }
    static O dict(std::initializer_list<std::pair<const char *, O>> items) {
        PyObject *d = PyDict_New();
        if (d == nullptr) return O();
        for (const auto &[key, value] : items) {
            if (!value || PyDict_SetItemString(d, key, value.get()) < 0) {
                Py_DECREF(d);
                return O();
            }
        }
        return O(d);
    }

    PyObject *get() const { return p_; }
    explicit operator bool() const { return p_ != nullptr; }
    PyObject *release() {
        PyObject *p = p_;
        p_ = nullptr;
        return p;
    }

    O attr(const char *name) const { return p_ ? O(PyObject_GetAttrString(p_, name)) : O(); }
    O operator[](const O &key) const {
        return p_ && key ? O(PyObject_GetItem(p_, key.get())) : O();
    }
    template <typename... Args>
    O operator()(const Args &...args) const {
        if (!p_) return O();
        O packed = tuple({O(args)...});
        return packed ? O(PyObject_Call(p_, packed.get(), nullptr)) : O();
    }
    // A call with keyword arguments.
    O call(std::initializer_list<O> args,
           std::initializer_list<std::pair<const char *, O>> kwargs) const {
        if (!p_) return O();
        O packed = tuple(args);
        O kw = dict(kwargs);
        return packed && kw ? O(PyObject_Call(p_, packed.get(), kw.get())) : O();
    }
    // setattr / delattr: None on success.
    O set(const char *name, const O &value) const {
        if (!p_ || !value) return O();
        return PyObject_SetAttrString(p_, name, value.get()) < 0 ? O() : none();
    }
    O del(const char *name) const {
        if (!p_) return O();
        return PyObject_SetAttrString(p_, name, nullptr) < 0 ? O() : none();
    }

  private:
    PyObject *p_ = nullptr;
};

inline std::string outcome(const O &o) {
    return outcome(Py_XNewRef(o.get()));
}

// --- Methods and classes written with O ---------------------------------------------------------

using Args = std::vector<O>;
using Fn = std::function<O(const Args &, PyObject *kwargs)>;

// A function whose body sees its arguments (self first, for a method) as O values.
inline PyObject *def(const char *qualname, const Fn &fn) {
    return function(qualname, [fn](PyObject *args, PyObject *kwargs) -> PyObject * {
        Args a;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i)
            a.push_back(O::borrow(PyTuple_GET_ITEM(args, i)));
        return fn(a, kwargs).release();
    });
}

// type(o).__name__
inline O tname(const O &o) {
    return O::type(Py_TYPE(o.get())).attr("__name__");
}

// A class statement at a script's top level (make_class), as an O.
inline O cls(const char *name, const std::vector<PyObject *> &bases = {}, const Attrs &attrs = {},
             PyObject *metaclass = nullptr, PyObject *kwds = nullptr) {
    return O(make_class(
        name, bases, attrs,
        metaclass != nullptr ? metaclass : reinterpret_cast<PyObject *>(&PyType_Type), kwds));
}

// What python3 printed for each case (data/types_cases.txt: "name<TAB>text" lines, with \n
// and \\ escaped).
inline const std::map<std::string, std::string> &expected_cases() {
    static const std::map<std::string, std::string> kCases = [] {
        std::map<std::string, std::string> out;
        std::ifstream in(MINIPY_TEST_DATA_DIR "/types_cases.txt");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto tab = line.find('\t');
            std::string text;
            for (std::size_t i = tab + 1; i < line.size(); ++i) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    ++i;
                    text += line[i] == 'n' ? '\n' : line[i];
                } else {
                    text += line[i];
                }
            }
            out[line.substr(0, tab)] = text;
        }
        return out;
    }();
    return kCases;
}

// Whether `got` is what python3 printed for case `name` (types_gen.py); on a mismatch, or
// when the data has no such case, the result carries the message BOOST_TEST prints:
// BOOST_TEST(python3_says("case", outcome(...))).
inline boost::test_tools::predicate_result python3_says(const std::string &name,
                                                        const std::string &got) {
    const auto &cases = expected_cases();
    const auto found = cases.find(name);
    boost::test_tools::predicate_result result(found != cases.end() && got == found->second);
    if (found == cases.end())
        result.message() << "no expected value for case " << name;
    else if (!result)
        result.message() << "case " << name << ": got [" << got << "], python3 [" << found->second
                         << "]";
    return result;
}

// The globals of the "running frame": a script's, where __name__ is '__main__'.
inline PyObject *g_main_globals = nullptr;
inline PyObject *main_globals() {
    return g_main_globals;
}

// Each case starts the runtime with the test function type registered and a globals hook
// that answers like a script's top level.
struct TypesFixture {
    RuntimeScope runtime;
    explicit TypesFixture(const PyConfig &config = RuntimeScope::test_config()) : runtime(config) {
        minipy_register_function_type(function_type());
        g_main_globals = PyDict_New();
        PyObject *name = PyUnicode_FromString("__main__");
        PyDict_SetItemString(g_main_globals, "__name__", name);
        Py_DECREF(name);
        minipy_set_globals_hook(main_globals);
    }
    ~TypesFixture() {
        PyErr_Clear();
        minipy_set_globals_hook(nullptr);
        Py_CLEAR(g_main_globals);
        minipy_register_function_type(nullptr);
    }
};

}  // namespace minipy::test::types

#endif  // MINIPY_TESTS_RUNTIME_TYPE_SUPPORT_HPP
