// The generic object protocol of object.h: repr/str and the repr recursion guard every
// container shares (Py_ReprEnter / Py_ReprLeave), hash, rich comparison, truth, iteration.
// Attribute access is generic_attr.cpp's.
#include <cstdio>
#include <cstring>

#include "minipy/Python.h"

namespace {

// --- Py_ReprEnter / Py_ReprLeave ------------------------------------------------------------
// The objects whose repr is under way on this thread, innermost last. CPython keeps them in a
// list in the thread state's dict; a thread-local stack does the same job without a dict. The
// first kInlineDepth entries need no allocation; deeper nesting borrows a MEM block, which is
// freed again when the stack empties, so nothing outlives the outermost repr.
constexpr Py_ssize_t kInlineDepth = 16;

struct ReprStack {
    PyObject *inline_entries[kInlineDepth];
    PyObject **entries;  // inline_entries or a MEM block
    Py_ssize_t count;
    Py_ssize_t capacity;
};
thread_local constinit ReprStack t_repr_stack{{}, nullptr, 0, 0};

bool repr_stack_grow(ReprStack &stack) noexcept {
    const Py_ssize_t capacity = stack.capacity * 2;
    auto *entries =
        static_cast<PyObject **>(PyMem_Malloc(static_cast<size_t>(capacity) * sizeof(PyObject *)));
    if (entries == nullptr) return false;
    std::memcpy(entries, stack.entries, static_cast<size_t>(stack.count) * sizeof(PyObject *));
    if (stack.entries != stack.inline_entries) PyMem_Free(stack.entries);
    stack.entries = entries;
    stack.capacity = capacity;
    return true;
}

PyObject *checked_text(PyObject *result, const char *slot) noexcept {
    if (result == nullptr || PyUnicode_Check(result)) return result;
    PyErr_Format(PyExc_TypeError, "%s returned non-string (type %.200s)", slot,
                 Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return nullptr;
}

// The operator with its operands swapped: a < b is b > a.
constexpr int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
constexpr const char *kOperatorText[] = {"<", "<=", "==", "!=", ">", ">="};

}  // namespace

// --- Text -----------------------------------------------------------------------------------

extern "C" PyObject *PyObject_Repr(PyObject *v) noexcept {
    if (v == nullptr) return PyUnicode_FromString("<NULL>");
    reprfunc repr = Py_TYPE(v)->tp_repr;
    if (repr == nullptr)
        return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(v)->tp_name,
                                    static_cast<void *>(v));
    // A container's repr calls this for each item: a deep one must not exhaust the C stack.
    if (Py_EnterRecursiveCall(" while getting the repr of an object")) return nullptr;
    PyObject *text = repr(v);
    Py_LeaveRecursiveCall();
    return checked_text(text, "__repr__");
}

extern "C" PyObject *PyObject_Str(PyObject *v) noexcept {
    if (v == nullptr) return PyUnicode_FromString("<NULL>");
    if (PyUnicode_CheckExact(v)) return Py_NewRef(v);
    reprfunc str = Py_TYPE(v)->tp_str;
    if (str == nullptr) return PyObject_Repr(v);
    if (Py_EnterRecursiveCall(" while getting the str of an object")) return nullptr;
    PyObject *text = str(v);
    Py_LeaveRecursiveCall();
    return checked_text(text, "__str__");
}

// As CPython 3.11: NULL prints "<nil>"; the text is written as UTF-8 with backslashreplace, so
// a lone surrogate prints as \ud800 instead of failing.
extern "C" int PyObject_Print(PyObject *v, void *fp, int flags) noexcept {
    FILE *stream = static_cast<FILE *>(fp);
    std::clearerr(stream);
    if (v == nullptr) {
        std::fputs("<nil>", stream);
    } else {
        PyObject *text = (flags & Py_PRINT_RAW) ? PyObject_Str(v) : PyObject_Repr(v);
        if (text == nullptr) return -1;
        PyObject *encoded = PyUnicode_AsEncodedString(text, "utf-8", "backslashreplace");
        Py_DECREF(text);
        if (encoded == nullptr) return -1;
        std::fwrite(PyBytes_AS_STRING(encoded), 1, static_cast<size_t>(PyBytes_GET_SIZE(encoded)),
                    stream);
        Py_DECREF(encoded);
    }
    if (std::ferror(stream)) {
        std::clearerr(stream);
        PyErr_SetString(PyExc_OSError, "write to the stream failed");
        return -1;
    }
    return 0;
}

// --- Hash -----------------------------------------------------------------------------------

extern "C" Py_hash_t PyObject_HashNotImplemented(PyObject *v) noexcept {
    PyErr_Format(PyExc_TypeError, "unhashable type: '%.200s'", Py_TYPE(v)->tp_name);
    return -1;
}

extern "C" Py_hash_t PyObject_Hash(PyObject *v) noexcept {
    hashfunc hash = Py_TYPE(v)->tp_hash;
    if (hash == nullptr) return PyObject_HashNotImplemented(v);
    return hash(v);
}

// --- Rich comparison ------------------------------------------------------------------------

namespace {

PyObject *do_rich_compare(PyObject *v, PyObject *w, int op) noexcept {
    PyTypeObject *vt = Py_TYPE(v);
    PyTypeObject *wt = Py_TYPE(w);
    bool tried_reflected = false;
    // A subclass on the right that has its own comparison gets the first word.
    if (vt != wt && PyType_IsSubtype(wt, vt) && wt->tp_richcompare != nullptr) {
        tried_reflected = true;
        PyObject *result = wt->tp_richcompare(w, v, kSwapped[op]);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    if (vt->tp_richcompare != nullptr) {
        PyObject *result = vt->tp_richcompare(v, w, op);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    if (!tried_reflected && wt->tp_richcompare != nullptr) {
        PyObject *result = wt->tp_richcompare(w, v, kSwapped[op]);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    // Nobody knew: == and != fall back to identity, ordering is an error.
    switch (op) {
    case Py_EQ: return Py_NewRef(v == w ? Py_True : Py_False);
    case Py_NE: return Py_NewRef(v != w ? Py_True : Py_False);
    default:
        PyErr_Format(PyExc_TypeError,
                     "'%s' not supported between instances of '%.100s' and '%.100s'",
                     kOperatorText[op], vt->tp_name, wt->tp_name);
        return nullptr;
    }
}

}  // namespace

extern "C" PyObject *PyObject_RichCompare(PyObject *v, PyObject *w, int op) noexcept {
    if (v == nullptr || w == nullptr || op < Py_LT || op > Py_GE) {
        if (!PyErr_Occurred()) PyErr_BadInternalCall();
        return nullptr;
    }
    // Containers compare their items through here: two deep ones must not exhaust the C stack.
    if (Py_EnterRecursiveCall(" in comparison")) return nullptr;
    PyObject *result = do_rich_compare(v, w, op);
    Py_LeaveRecursiveCall();
    return result;
}

extern "C" int PyObject_RichCompareBool(PyObject *v, PyObject *w, int op) noexcept {
    // Identity implies equality, which containers rely on (a NaN is found in a list).
    if (v == w) {
        if (op == Py_EQ) return 1;
        if (op == Py_NE) return 0;
    }
    PyObject *result = PyObject_RichCompare(v, w, op);
    if (result == nullptr) return -1;
    const int truth = PyBool_Check(result) ? result == Py_True : PyObject_IsTrue(result);
    Py_DECREF(result);
    return truth;
}

// --- Truth ----------------------------------------------------------------------------------

extern "C" int PyObject_IsTrue(PyObject *v) noexcept {
    if (v == Py_True) return 1;
    if (v == Py_False || v == Py_None) return 0;
    PyTypeObject *type = Py_TYPE(v);
    Py_ssize_t result;
    if (type->tp_as_number != nullptr && type->tp_as_number->nb_bool != nullptr)
        result = type->tp_as_number->nb_bool(v);
    else if (type->tp_as_mapping != nullptr && type->tp_as_mapping->mp_length != nullptr)
        result = type->tp_as_mapping->mp_length(v);
    else if (type->tp_as_sequence != nullptr && type->tp_as_sequence->sq_length != nullptr)
        result = type->tp_as_sequence->sq_length(v);
    else
        return 1;
    return result > 0 ? 1 : static_cast<int>(result);
}

extern "C" int PyObject_Not(PyObject *v) noexcept {
    const int truth = PyObject_IsTrue(v);
    return truth < 0 ? truth : !truth;
}

// --- Iteration and calls --------------------------------------------------------------------

extern "C" int PyIter_Check(PyObject *v) noexcept {
    iternextfunc next = Py_TYPE(v)->tp_iternext;
    return next != nullptr && next != _PyObject_NextNotImplemented;
}

extern "C" PyObject *_PyObject_NextNotImplemented(PyObject *self) noexcept {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
    return nullptr;
}

extern "C" PyObject *PyObject_SelfIter(PyObject *self) noexcept {
    return Py_NewRef(self);
}

extern "C" PyObject *PyObject_GetIter(PyObject *v) noexcept {
    PyTypeObject *type = Py_TYPE(v);
    if (type->tp_iter == nullptr) {
        if (type->tp_as_sequence != nullptr && type->tp_as_sequence->sq_item != nullptr &&
            !PyDict_Check(v))
            return PySeqIter_New(v);
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", type->tp_name);
        return nullptr;
    }
    PyObject *iter = type->tp_iter(v);
    if (iter != nullptr && !PyIter_Check(iter)) {
        PyErr_Format(PyExc_TypeError, "iter() returned non-iterator of type '%.100s'",
                     Py_TYPE(iter)->tp_name);
        Py_DECREF(iter);
        return nullptr;
    }
    return iter;
}

// CPython 3.11 calls tp_iternext unchecked and crashes on NULL or on an object that is not an
// iterator (the caller is to check PyIter_Check); minipy refuses them with a clear error, the
// one next() gives for a non-iterator.
extern "C" PyObject *PyIter_Next(PyObject *iter) noexcept {
    if (iter == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const iternextfunc next = Py_TYPE(iter)->tp_iternext;
    if (next == nullptr)
        return PyErr_Format(PyExc_TypeError, "'%.200s' object is not an iterator",
                            Py_TYPE(iter)->tp_name);
    PyObject *item = next(iter);
    // The end of the iteration is not an error for the caller of PyIter_Next.
    if (item == nullptr && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_StopIteration))
        PyErr_Clear();
    return item;
}

extern "C" int PyCallable_Check(PyObject *v) noexcept {
    return v != nullptr && Py_TYPE(v)->tp_call != nullptr;
}

extern "C" int Py_ReprEnter(PyObject *obj) noexcept {
    ReprStack &stack = t_repr_stack;
    if (stack.entries == nullptr) {
        stack.entries = stack.inline_entries;
        stack.capacity = kInlineDepth;
    }
    for (Py_ssize_t i = stack.count; --i >= 0;) {
        if (stack.entries[i] == obj) return 1;
    }
    if (stack.count == stack.capacity && !repr_stack_grow(stack)) {
        PyErr_NoMemory();
        return -1;
    }
    stack.entries[stack.count++] = obj;
    return 0;
}

extern "C" void Py_ReprLeave(PyObject *obj) noexcept {
    ReprStack &stack = t_repr_stack;
    // The innermost entry for obj goes; entries above it (left by a repr that failed half-way
    // without leaving) move down, as CPython's list deletion does.
    for (Py_ssize_t i = stack.count; --i >= 0;) {
        if (stack.entries[i] != obj) continue;
        std::memmove(&stack.entries[i], &stack.entries[i + 1],
                     static_cast<size_t>(stack.count - i - 1) * sizeof(PyObject *));
        stack.count--;
        break;
    }
    if (stack.count == 0 && stack.entries != stack.inline_entries && stack.entries != nullptr) {
        PyMem_Free(stack.entries);
        stack.entries = stack.inline_entries;
        stack.capacity = kInlineDepth;
    }
}
