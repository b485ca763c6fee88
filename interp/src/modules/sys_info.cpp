// sys's descriptions of the implementation: version, version_info, hexversion, implementation
// (a types.SimpleNamespace, the small type defined here), flags, float_info, int_info,
// hash_info, maxsize, maxunicode, byteorder, platform. minipy follows CPython 3.11.7: it says so
// in sys.version and reports 3.11.7 as version_info, so that programs checking the version take
// the 3.11 paths; sys.implementation.name is 'minipy'.
#include <cfloat>
#include <cstdlib>
#include <cstring>

#include "modules/modules.hpp"
#include "objects/interp_object.hpp"
#include "run/interp_state.hpp"

namespace minipy::modules {

namespace {

// --- types.SimpleNamespace (sys.implementation) -------------------------------------------------

struct NamespaceObject {
    PyObject_HEAD PyObject *dict;
};

void namespace_dealloc(PyObject *self) noexcept {
    PyObject_GC_UnTrack(self);
    Py_CLEAR(reinterpret_cast<NamespaceObject *>(self)->dict);
    PyObject_GC_Del(self);
}

int namespace_traverse(PyObject *self, visitproc visit, void *arg) noexcept {
    Py_VISIT(reinterpret_cast<NamespaceObject *>(self)->dict);
    return 0;
}

int namespace_clear(PyObject *self) noexcept {
    Py_CLEAR(reinterpret_cast<NamespaceObject *>(self)->dict);
    return 0;
}

PyObject *namespace_repr(PyObject *self) noexcept {
    PyObject *dict = reinterpret_cast<NamespaceObject *>(self)->dict;
    PyObject *names = PyList_New(0);
    PyObject *values = PyList_New(0);
    Py_ssize_t pos = 0;
    PyObject *key = nullptr, *value = nullptr;
    bool ok = names != nullptr && values != nullptr;
    while (ok && dict != nullptr && PyDict_Next(dict, &pos, &key, &value))
        ok = !PyUnicode_Check(key) ||
             (PyList_Append(names, key) == 0 && PyList_Append(values, value) == 0);
    PyObject *repr = ok ? fields_repr("namespace", names, values) : nullptr;
    Py_XDECREF(names);
    Py_XDECREF(values);
    return repr;
}

}  // namespace

}  // namespace minipy::modules

PyTypeObject MinipyNamespace_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "types.SimpleNamespace",
    .tp_basicsize = sizeof(minipy::modules::NamespaceObject),
    .tp_dealloc = minipy::modules::namespace_dealloc,
    .tp_repr = minipy::modules::namespace_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = minipy::modules::namespace_traverse,
    .tp_clear = minipy::modules::namespace_clear,
    .tp_dictoffset = offsetof(minipy::modules::NamespaceObject, dict),
};

namespace minipy::modules {

namespace {

// The release minipy follows, and minipy's own.
constexpr int kMajor = 3, kMinor = 11, kMicro = 7;
constexpr long kHexVersion = (kMajor << 24) | (kMinor << 16) | (kMicro << 8) | (0xF << 4);
constexpr int kMinipyMajor = 0, kMinipyMinor = 1, kMinipyMicro = 0;

PyMemberDef version_info_members[] = {
    STRUCT_SEQUENCE_FIELD(0, "major"),  STRUCT_SEQUENCE_FIELD(1, "minor"),
    STRUCT_SEQUENCE_FIELD(2, "micro"),  STRUCT_SEQUENCE_FIELD(3, "releaselevel"),
    STRUCT_SEQUENCE_FIELD(4, "serial"), {nullptr, 0, 0, 0, nullptr},
};

PyMemberDef flags_members[] = {
    STRUCT_SEQUENCE_FIELD(0, "debug"),
    STRUCT_SEQUENCE_FIELD(1, "inspect"),
    STRUCT_SEQUENCE_FIELD(2, "interactive"),
    STRUCT_SEQUENCE_FIELD(3, "optimize"),
    STRUCT_SEQUENCE_FIELD(4, "dont_write_bytecode"),
    STRUCT_SEQUENCE_FIELD(5, "no_user_site"),
    STRUCT_SEQUENCE_FIELD(6, "no_site"),
    STRUCT_SEQUENCE_FIELD(7, "ignore_environment"),
    STRUCT_SEQUENCE_FIELD(8, "verbose"),
    STRUCT_SEQUENCE_FIELD(9, "bytes_warning"),
    STRUCT_SEQUENCE_FIELD(10, "quiet"),
    STRUCT_SEQUENCE_FIELD(11, "hash_randomization"),
    STRUCT_SEQUENCE_FIELD(12, "isolated"),
    STRUCT_SEQUENCE_FIELD(13, "dev_mode"),
    STRUCT_SEQUENCE_FIELD(14, "utf8_mode"),
    STRUCT_SEQUENCE_FIELD(15, "warn_default_encoding"),
    STRUCT_SEQUENCE_FIELD(16, "safe_path"),
    STRUCT_SEQUENCE_FIELD(17, "int_max_str_digits"),
    {nullptr, 0, 0, 0, nullptr},
};

PyMemberDef float_info_members[] = {
    STRUCT_SEQUENCE_FIELD(0, "max"),        STRUCT_SEQUENCE_FIELD(1, "max_exp"),
    STRUCT_SEQUENCE_FIELD(2, "max_10_exp"), STRUCT_SEQUENCE_FIELD(3, "min"),
    STRUCT_SEQUENCE_FIELD(4, "min_exp"),    STRUCT_SEQUENCE_FIELD(5, "min_10_exp"),
    STRUCT_SEQUENCE_FIELD(6, "dig"),        STRUCT_SEQUENCE_FIELD(7, "mant_dig"),
    STRUCT_SEQUENCE_FIELD(8, "epsilon"),    STRUCT_SEQUENCE_FIELD(9, "radix"),
    STRUCT_SEQUENCE_FIELD(10, "rounds"),    {nullptr, 0, 0, 0, nullptr},
};

PyMemberDef int_info_members[] = {
    STRUCT_SEQUENCE_FIELD(0, "bits_per_digit"),
    STRUCT_SEQUENCE_FIELD(1, "sizeof_digit"),
    STRUCT_SEQUENCE_FIELD(2, "default_max_str_digits"),
    STRUCT_SEQUENCE_FIELD(3, "str_digits_check_threshold"),
    {nullptr, 0, 0, 0, nullptr},
};

PyMemberDef hash_info_members[] = {
    STRUCT_SEQUENCE_FIELD(0, "width"),     STRUCT_SEQUENCE_FIELD(1, "modulus"),
    STRUCT_SEQUENCE_FIELD(2, "inf"),       STRUCT_SEQUENCE_FIELD(3, "nan"),
    STRUCT_SEQUENCE_FIELD(4, "imag"),      STRUCT_SEQUENCE_FIELD(5, "algorithm"),
    STRUCT_SEQUENCE_FIELD(6, "hash_bits"), STRUCT_SEQUENCE_FIELD(7, "seed_bits"),
    STRUCT_SEQUENCE_FIELD(8, "cutoff"),    {nullptr, 0, 0, 0, nullptr},
};

// An instance of a new struct sequence type `name` holding `values` (stolen); adds it to
// `dict` under `key`.
int add_struct_sequence(PyObject *dict, const char *key, const char *name, PyMemberDef *members,
                        PyObject *const *values, Py_ssize_t n) noexcept {
    PyTypeObject *type = struct_sequence_type(name, members);
    if (type == nullptr) {
        for (Py_ssize_t i = 0; i < n; ++i) Py_XDECREF(values[i]);
        return -1;
    }
    PyObject *value = struct_sequence_new(type, values, n);
    Py_DECREF(type);
    if (value == nullptr) return -1;
    const int r = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return r;
}

PyObject *make_version_info(int major, int minor, int micro, const char *level) noexcept {
    return Py_BuildValue("(iiisi)", major, minor, micro, level, 0);
}

bool env_set(const char *name) noexcept {
    const char *v = std::getenv(name);
    return v != nullptr && v[0] != '\0';
}

int add_flags(PyObject *dict) noexcept {
    minipy_flags f{};
    if (interp::g_interp.flags_given) {
        f = interp::g_interp.flags;
    } else {
        // An embedded interpreter: what CPython's default configuration reads of the
        // environment.
        const char *seed = std::getenv("PYTHONHASHSEED");
        f.dont_write_bytecode = env_set("PYTHONDONTWRITEBYTECODE");
        f.hash_randomization = seed != nullptr && std::strcmp(seed, "0") == 0 ? 0 : 1;
    }
    const long values[] = {f.debug,
                           f.inspect,
                           f.interactive,
                           interp::g_interp.optimize,
                           f.dont_write_bytecode,
                           f.no_user_site,
                           f.no_site,
                           f.ignore_environment,
                           0,  // verbose: -v is refused
                           0,  // bytes_warning: -b is refused
                           f.quiet,
                           f.hash_randomization,
                           f.isolated};
    PyObject *items[18];
    constexpr Py_ssize_t kInts = sizeof values / sizeof values[0];
    for (Py_ssize_t i = 0; i < kInts; ++i) items[i] = PyLong_FromLong(values[i]);
    items[13] = PyBool_FromLong(f.dev_mode);
    items[14] = PyLong_FromLong(1);  // utf8_mode: minipy reads and writes UTF-8 only
    items[15] = PyLong_FromLong(0);
    items[16] = PyBool_FromLong(f.safe_path);
    items[17] = PyLong_FromLong(-1);  // int_max_str_digits: the default
    // sys.dont_write_bytecode starts as the flag (minipy writes no bytecode either way).
    if (PyDict_SetItemString(dict, "dont_write_bytecode",
                             f.dont_write_bytecode != 0 ? Py_True : Py_False) < 0) {
        for (PyObject *item : items) Py_XDECREF(item);
        return -1;
    }
    return add_struct_sequence(dict, "flags", "sys.flags", flags_members, items, 18);
}

int add_numeric_info(PyObject *dict) noexcept {
    PyObject *floats[] = {
        PyFloat_FromDouble(DBL_MAX),
        PyLong_FromLong(DBL_MAX_EXP),
        PyLong_FromLong(DBL_MAX_10_EXP),
        PyFloat_FromDouble(DBL_MIN),
        PyLong_FromLong(DBL_MIN_EXP),
        PyLong_FromLong(DBL_MIN_10_EXP),
        PyLong_FromLong(DBL_DIG),
        PyLong_FromLong(DBL_MANT_DIG),
        PyFloat_FromDouble(DBL_EPSILON),
        PyLong_FromLong(FLT_RADIX),
        PyLong_FromLong(1),
    };
    if (add_struct_sequence(dict, "float_info", "sys.float_info", float_info_members, floats, 11) <
        0)
        return -1;
    PyObject *ints[] = {PyLong_FromLong(PyLong_SHIFT), PyLong_FromLong(sizeof(digit)),
                        PyLong_FromLong(_PY_LONG_DEFAULT_MAX_STR_DIGITS),
                        PyLong_FromLong(_PY_LONG_MAX_STR_DIGITS_THRESHOLD)};
    if (add_struct_sequence(dict, "int_info", "sys.int_info", int_info_members, ints, 4) < 0)
        return -1;
    PyObject *hashes[] = {
        PyLong_FromLong(8 * sizeof(Py_hash_t)),
        PyLong_FromSize_t(_PyHASH_MODULUS),
        PyLong_FromLong(_PyHASH_INF),
        PyLong_FromLong(0),
        PyLong_FromLong(_PyHASH_IMAG),
        PyUnicode_FromString("siphash13"),
        PyLong_FromLong(64),
        PyLong_FromLong(128),
        PyLong_FromLong(0),
    };
    return add_struct_sequence(dict, "hash_info", "sys.hash_info", hash_info_members, hashes, 9);
}

int add_implementation(PyObject *dict, PyTypeObject *version_type) noexcept {
    if (PyType_Ready(&MinipyNamespace_Type) < 0) return -1;
    PyObject *ns = MinipyNamespace_Type.tp_alloc(&MinipyNamespace_Type, 0);
    if (ns == nullptr) return -1;
    PyObject *version = nullptr;
    {
        PyObject *items[5];
        PyObject *t = make_version_info(kMinipyMajor, kMinipyMinor, kMinipyMicro, "alpha");
        if (t == nullptr) {
            Py_DECREF(ns);
            return -1;
        }
        for (int i = 0; i < 5; ++i) items[i] = Py_NewRef(PyTuple_GET_ITEM(t, i));
        Py_DECREF(t);
        version = struct_sequence_new(version_type, items, 5);
    }
    const long hexversion =
        (kMinipyMajor << 24) | (kMinipyMinor << 16) | (kMinipyMicro << 8) | (0xA << 4);
    int r = version == nullptr ? -1 : 0;
    PyObject *values[] = {PyUnicode_FromString("minipy"), Py_NewRef(Py_None), version,
                          PyLong_FromLong(hexversion), PyUnicode_FromString("x86_64-linux-gnu")};
    const char *names[] = {"name", "cache_tag", "version", "hexversion", "_multiarch"};
    for (int i = 0; i < 5; ++i) {
        if (r == 0 && (values[i] == nullptr || PyObject_SetAttrString(ns, names[i], values[i]) < 0))
            r = -1;
        Py_XDECREF(values[i]);
    }
    if (r == 0) r = PyDict_SetItemString(dict, "implementation", ns);
    Py_DECREF(ns);
    return r;
}

}  // namespace

int sys_add_info(PyObject *dict) noexcept {
    PyObject *version = PyUnicode_FromFormat(
        "%d.%d.%d (minipy %d.%d.%d, following CPython %d.%d.%d) [GCC %d.%d.%d]", kMajor, kMinor,
        kMicro, kMinipyMajor, kMinipyMinor, kMinipyMicro, kMajor, kMinor, kMicro, __GNUC__,
        __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
    if (version == nullptr) return -1;
    int r = PyDict_SetItemString(dict, "version", version);
    Py_DECREF(version);
    if (r < 0) return -1;
    PyObject *t = make_version_info(kMajor, kMinor, kMicro, "final");
    if (t == nullptr) return -1;
    PyObject *items[5];
    for (int i = 0; i < 5; ++i) items[i] = Py_NewRef(PyTuple_GET_ITEM(t, i));
    Py_DECREF(t);
    PyTypeObject *version_type = struct_sequence_type("sys.version_info", version_info_members);
    if (version_type == nullptr) {
        for (PyObject *item : items) Py_DECREF(item);
        return -1;
    }
    PyObject *version_info = struct_sequence_new(version_type, items, 5);
    r = version_info != nullptr ? PyDict_SetItemString(dict, "version_info", version_info) : -1;
    Py_XDECREF(version_info);
    if (r == 0) r = add_implementation(dict, version_type);
    Py_DECREF(version_type);
    if (r < 0) return -1;
    struct Constant {
        const char *name;
        PyObject *value;
    };
    Constant constants[] = {
        {"hexversion", PyLong_FromLong(kHexVersion)},
        {"api_version", PyLong_FromLong(PYTHON_API_VERSION)},
        {"maxsize", PyLong_FromSsize_t(PY_SSIZE_T_MAX)},
        {"maxunicode", PyLong_FromLong(0x10FFFF)},
        {"byteorder",
         PyUnicode_FromString(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? "little" : "big")},
        {"platform", PyUnicode_FromString("linux")},
        {"float_repr_style", PyUnicode_FromString("short")},
    };
    r = 0;
    for (Constant &c : constants) {
        if (r == 0 && (c.value == nullptr || PyDict_SetItemString(dict, c.name, c.value) < 0))
            r = -1;
        Py_XDECREF(c.value);
    }
    if (r < 0 || add_flags(dict) < 0 || add_numeric_info(dict) < 0) return -1;
    return 0;
}

}  // namespace minipy::modules
