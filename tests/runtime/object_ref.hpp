// What every object suite reaches for first: an owned reference released at the end of its
// scope, and the pending exception as text. The suites' helper namespaces (seq, floats,
// abstract_support, strs) bring these in under their own names.
#ifndef MINIPY_TESTS_RUNTIME_OBJECT_REF_HPP
#define MINIPY_TESTS_RUNTIME_OBJECT_REF_HPP

#include <string>

#include "minipy/Python.h"

namespace minipy::test::objects {

// A new reference that is released at the end of the scope.
class Ref {
  public:
    explicit Ref(PyObject *object = nullptr) : object_(object) {}
    ~Ref() { Py_XDECREF(object_); }
    Ref(const Ref &) = delete;
    Ref &operator=(const Ref &) = delete;
    Ref(Ref &&other) noexcept : object_(other.object_) { other.object_ = nullptr; }
    PyObject *get() const { return object_; }
    operator PyObject *() const { return object_; }
    explicit operator bool() const { return object_ != nullptr; }
    PyObject *release() {
        PyObject *o = object_;
        object_ = nullptr;
        return o;
    }
    void reset(PyObject *object) {
        Py_XDECREF(object_);
        object_ = object;
    }

  private:
    PyObject *object_;
};

// The current exception's type name and str(), and the exception cleared; both empty when
// there is none. For a suite that writes errors in a notation of its own.
struct ErrorParts {
    std::string type;
    std::string message;
};
inline ErrorParts take_error_parts() {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return {};
    ErrorParts parts{Py_TYPE(exc)->tp_name, ""};
    PyObject *message = PyObject_Str(exc);
    if (message != nullptr) {
        const char *utf8 = PyUnicode_AsUTF8(message);
        if (utf8 != nullptr) parts.message = utf8;
        Py_DECREF(message);
    }
    PyErr_Clear();
    Py_DECREF(exc);
    return parts;
}

// "TypeName: message" of the current exception (just "TypeName" when the message is empty),
// which is cleared; "" when there is none.
inline std::string take_error() {
    const ErrorParts parts = take_error_parts();
    return parts.message.empty() ? parts.type : parts.type + ": " + parts.message;
}

// Whether `text` (take_error()'s, or with the "!" of the suites' result notation in front) is
// the SystemError of PyErr_BadInternalCall: "<source file>:<line>: bad argument to internal
// function". The file and line are the implementation's own, so only the shape can match
// CPython's.
inline bool is_bad_internal_call(std::string text) {
    if (!text.empty() && text[0] == '!') text.erase(0, 1);
    const std::string head = "SystemError: ", tail = ": bad argument to internal function";
    return text.size() > head.size() + tail.size() && text.compare(0, head.size(), head) == 0 &&
           text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace minipy::test::objects

#endif  // MINIPY_TESTS_RUNTIME_OBJECT_REF_HPP
