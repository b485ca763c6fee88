// What the abstract-layer suites (abstract, abstract_sequence, call, buildvalue, getargs)
// share: building objects from the Python literals in the tab-separated tables that
// tests/runtime/data/abstract_gen.py writes (read with data_file.hpp), and writing results and
// exceptions as text in the generator's form ("=<repr>" or "!<Type>: <message>").
#ifndef MINIPY_TESTS_RUNTIME_ABSTRACT_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_ABSTRACT_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "minipy/Python.h"
#include "runtime/data_file.hpp"
#include "runtime/object_ref.hpp"

namespace minipy::test::abstract_support {

using Owned = objects::Ref;

inline std::string utf8_of(PyObject *unicode) {
    const char *text = unicode != nullptr ? PyUnicode_AsUTF8(unicode) : nullptr;
    if (text == nullptr) {
        PyErr_Clear();
        return "<no utf-8>";
    }
    return text;
}

using objects::take_error;

// "=<repr>" or "!<error>"; releases `result` (NULL: the pending exception is the outcome).
inline std::string outcome(PyObject *result) {
    if (result == nullptr) return "!" + take_error();
    PyObject *repr = PyObject_Repr(result);
    Py_DECREF(result);
    if (repr == nullptr) return "!repr failed: " + take_error();
    std::string text = "=" + utf8_of(repr);
    Py_DECREF(repr);
    return text;
}

// The outcome of a call returning 0 / -1 (or 1 / 0 / -1): the number, or "!<error>".
inline std::string status_outcome(long long status) {
    if (status == -1 && PyErr_Occurred()) return "!" + take_error();
    return std::to_string(status);
}

// --- Python literals ---------------------------------------------------------------------------
// ints of any size, floats (inf, nan), True / False / None, str and bytes with the escapes repr
// writes, and tuples, lists, dicts and sets of those. New reference.
class LiteralParser {
  public:
    explicit LiteralParser(const std::string &text) : p_(text.c_str()) {}

    PyObject *parse() {
        skip_spaces();
        PyObject *value = parse_value();
        skip_spaces();
        BOOST_REQUIRE_MESSAGE(*p_ == '\0', "trailing text in literal: " << p_);
        return value;
    }

  private:
    void skip_spaces() {
        while (*p_ == ' ') ++p_;
    }

    static void append_utf8(std::string &out, unsigned long code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    // The body of a quoted literal, escapes resolved: UTF-8 for str, raw bytes for bytes.
    std::string quoted(bool as_bytes) {
        const char quote = *p_++;
        std::string out;
        while (*p_ != quote) {
            BOOST_REQUIRE_MESSAGE(*p_ != '\0', "unterminated string literal");
            if (*p_ != '\\') {
                out += *p_++;
                continue;
            }
            ++p_;
            const char escape = *p_++;
            int digits = 0;
            switch (escape) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '\\':
            case '\'':
            case '"': out += escape; break;
            case 'x': digits = 2; break;
            case 'u': digits = 4; break;
            case 'U': digits = 8; break;
            default: BOOST_FAIL("unknown escape in literal");
            }
            if (digits > 0) {
                const std::string hex(p_, static_cast<size_t>(digits));
                p_ += digits;
                const unsigned long code = std::strtoul(hex.c_str(), nullptr, 16);
                if (as_bytes)
                    out += static_cast<char>(code);
                else
                    append_utf8(out, code);
            }
        }
        ++p_;
        return out;
    }

    // Items up to `close`, separated by ", "; a dict's come as key, value, key, value...
    std::vector<PyObject *> items(char close, bool *is_dict) {
        std::vector<PyObject *> values;
        while (true) {
            skip_spaces();
            if (*p_ == close) break;
            values.push_back(parse_value());
            skip_spaces();
            if (*p_ == ':') {
                ++p_;
                skip_spaces();
                values.push_back(parse_value());
                if (is_dict != nullptr) *is_dict = true;
                skip_spaces();
            }
            if (*p_ == ',') ++p_;
        }
        ++p_;
        return values;
    }

    static PyObject *steal_into_list(const std::vector<PyObject *> &values) {
        PyObject *list = PyList_New(static_cast<Py_ssize_t>(values.size()));
        BOOST_REQUIRE(list != nullptr);
        for (size_t i = 0; i < values.size(); ++i)
            PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), values[i]);
        return list;
    }

    PyObject *parse_value() {
        const char c = *p_;
        if (c == '(' || c == '[') {
            ++p_;
            PyObject *list = steal_into_list(items(c == '(' ? ')' : ']', nullptr));
            if (c == '[') return list;
            PyObject *tuple = PyList_AsTuple(list);
            Py_DECREF(list);
            return tuple;
        }
        if (c == '{') {
            ++p_;
            bool is_dict = false;
            const std::vector<PyObject *> values = items('}', &is_dict);
            PyObject *result = is_dict || values.empty() ? PyDict_New() : PySet_New(nullptr);
            BOOST_REQUIRE(result != nullptr);
            for (size_t i = 0; i < values.size(); i += is_dict ? 2 : 1) {
                const int status = is_dict ? PyDict_SetItem(result, values[i], values[i + 1])
                                           : PySet_Add(result, values[i]);
                BOOST_REQUIRE(status == 0);
            }
            for (PyObject *value : values) Py_DECREF(value);
            return result;
        }
        if (c == '\'' || c == '"') {
            const std::string text = quoted(false);
            return PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
        }
        if (c == 'b' && (p_[1] == '\'' || p_[1] == '"')) {
            ++p_;
            const std::string bytes = quoted(true);
            return PyBytes_FromStringAndSize(bytes.data(), static_cast<Py_ssize_t>(bytes.size()));
        }
        const char *start = p_;
        while (*p_ != '\0' && std::strchr(",)]}: ", *p_) == nullptr) ++p_;
        const std::string token(start, p_);
        if (token == "None") return Py_NewRef(Py_None);
        if (token == "True") return Py_NewRef(Py_True);
        if (token == "False") return Py_NewRef(Py_False);
        if (token.find_first_of(".eEin") != std::string::npos)
            return PyFloat_FromDouble(std::strtod(token.c_str(), nullptr));
        PyObject *number = PyLong_FromString(token.c_str(), nullptr, 10);
        BOOST_REQUIRE_MESSAGE(number != nullptr, "bad literal " << token);
        return number;
    }

    const char *p_;
};

inline PyObject *literal(const std::string &text) {
    PyObject *value = LiteralParser(text).parse();
    BOOST_REQUIRE_MESSAGE(value != nullptr, "literal failed: " << text);
    return value;
}

}  // namespace minipy::test::abstract_support

#endif  // MINIPY_TESTS_RUNTIME_ABSTRACT_HELPERS_HPP
