// FormatArgs: calls a printf-like C function (PyUnicode_FromFormat, PyBytes_FromFormat) with
// arguments described at run time by the expectation files of unicode_expected.py. A
// signature has one letter per argument (i int, l long, L long long, z Py_ssize_t,
// u unsigned, U unsigned long, Q unsigned long long, Z size_t, s const char *, p void *,
// o str object, n NULL); each signature the files use is listed below, so the varargs are
// passed with their real C types.
#ifndef MINIPY_TESTS_FORMAT_CALL_HPP
#define MINIPY_TESTS_FORMAT_CALL_HPP

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "unicode_test_support.hpp"

namespace minipy::test::strs {

class FormatArgs {
  public:
    FormatArgs(const std::string &signature, const std::string &values)
        : signature_(signature == "-" ? "" : signature) {
        std::istringstream in(values);
        for (char kind : signature_) {
            std::string text;
            std::getline(in, text, ',');
            Arg arg;
            switch (kind) {
            case 'i':
            case 'l':
            case 'L':
            case 'z': arg.i = std::stoll(text); break;
            case 'u':
            case 'U':
            case 'Q':
            case 'Z':
            case 'p': arg.u = std::stoull(text); break;
            case 's': arg.s = parse_hex(text); break;
            case 'o': arg.o = str_from_code_points(parse_code_points(text)); break;
            default: break;  // n
            }
            args_.push_back(std::move(arg));
        }
    }
    ~FormatArgs() {
        for (Arg &a : args_) Py_XDECREF(a.o);
    }
    FormatArgs(const FormatArgs &) = delete;
    FormatArgs &operator=(const FormatArgs &) = delete;

    // fn(format, args...) with the C types the signature names.
    PyObject *call(PyObject *(*fn)(const char *, ...), const char *format) const {
#define MINIPY_SIGNATURE(...) \
    if (signature_ == std::string{__VA_ARGS__}) return invoke<__VA_ARGS__>(fn, format);
        if (signature_.empty()) return fn(format);
        MINIPY_SIGNATURE('i')
        MINIPY_SIGNATURE('i', 'i', 'i')
        MINIPY_SIGNATURE('i', 'i', 'i', 'i')
        MINIPY_SIGNATURE('i', 'i', 'i', 'i', 'i')
        MINIPY_SIGNATURE('u', 'u')
        MINIPY_SIGNATURE('l', 'l', 'U')
        MINIPY_SIGNATURE('L', 'L', 'Q')
        MINIPY_SIGNATURE('z', 'z', 'Z')
        MINIPY_SIGNATURE('z', 'Z', 'L')
        MINIPY_SIGNATURE('p')
        MINIPY_SIGNATURE('n')
        MINIPY_SIGNATURE('s')
        MINIPY_SIGNATURE('s', 's')
        MINIPY_SIGNATURE('s', 's', 's')
        MINIPY_SIGNATURE('s', 's', 's', 's')
        MINIPY_SIGNATURE('o')
        MINIPY_SIGNATURE('o', 'o', 'o')
        MINIPY_SIGNATURE('o', 'n')
        MINIPY_SIGNATURE('n', 's')
        MINIPY_SIGNATURE('s', 'i', 'o', 'z')
        MINIPY_SIGNATURE('i', 'i', 'u', 'i', 'i')
        MINIPY_SIGNATURE('l', 'U', 'z', 'Z')
#undef MINIPY_SIGNATURE
        BOOST_FAIL("signature " << signature_ << " is not listed in format_call.hpp");
        return nullptr;
    }

  private:
    struct Arg {
        long long i = 0;
        unsigned long long u = 0;
        std::string s;
        PyObject *o = nullptr;
    };

    template <char K>
    auto get(std::size_t index) const {
        const Arg &a = args_[index];
        if constexpr (K == 'i')
            return static_cast<int>(a.i);
        else if constexpr (K == 'l')
            return static_cast<long>(a.i);
        else if constexpr (K == 'L')
            return static_cast<long long>(a.i);
        else if constexpr (K == 'z')
            return static_cast<Py_ssize_t>(a.i);
        else if constexpr (K == 'u')
            return static_cast<unsigned>(a.u);
        else if constexpr (K == 'U')
            return static_cast<unsigned long>(a.u);
        else if constexpr (K == 'Q')
            return static_cast<unsigned long long>(a.u);
        else if constexpr (K == 'Z')
            return static_cast<std::size_t>(a.u);
        else if constexpr (K == 's')
            return a.s.c_str();
        else if constexpr (K == 'p')
            return reinterpret_cast<void *>(static_cast<std::uintptr_t>(a.u));
        else if constexpr (K == 'o')
            return a.o;
        else
            return static_cast<void *>(nullptr);
    }

    template <char... K>
    PyObject *invoke(PyObject *(*fn)(const char *, ...), const char *format) const {
        return invoke_at<K...>(fn, format, std::make_index_sequence<sizeof...(K)>{});
    }
    template <char... K, std::size_t... I>
    PyObject *invoke_at(PyObject *(*fn)(const char *, ...), const char *format,
                        std::index_sequence<I...>) const {
        return fn(format, get<K>(I)...);
    }

    std::string signature_;
    std::vector<Arg> args_;
};

}  // namespace minipy::test::strs

#endif  // MINIPY_TESTS_FORMAT_CALL_HPP
