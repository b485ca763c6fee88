// The __future__ module: `from __future__ import annotations` runs an ordinary import of it
// after the compiler has read the statement, so the module must exist. Each feature is a
// _Feature (optional release, mandatory release, compiler flag) with CPython 3.11's values,
// its repr and its getOptionalRelease / getMandatoryRelease; all_feature_names and the CO_*
// flags as in CPython's Lib/__future__.py.
#include "minipy/structmember.h"
#include "modules/modules.hpp"
#include "objects/interp_object.hpp"

namespace {

struct FeatureObject {
    PyObject_HEAD PyObject *optional;
    PyObject *mandatory;
    PyObject *compiler_flag;
};

void feature_dealloc(PyObject *self) noexcept {
    auto *f = reinterpret_cast<FeatureObject *>(self);
    Py_XDECREF(f->optional);
    Py_XDECREF(f->mandatory);
    Py_XDECREF(f->compiler_flag);
    PyObject_Free(self);
}

PyObject *feature_repr(PyObject *self) noexcept {
    auto *f = reinterpret_cast<FeatureObject *>(self);
    return PyUnicode_FromFormat("_Feature(%R, %R, %R)", f->optional, f->mandatory,
                                f->compiler_flag);
}

PyObject *feature_optional(PyObject *self, PyObject *) noexcept {
    return Py_NewRef(reinterpret_cast<FeatureObject *>(self)->optional);
}

PyObject *feature_mandatory(PyObject *self, PyObject *) noexcept {
    return Py_NewRef(reinterpret_cast<FeatureObject *>(self)->mandatory);
}

PyMethodDef feature_methods[] = {
    {"getOptionalRelease", feature_optional, METH_NOARGS, nullptr},
    {"getMandatoryRelease", feature_mandatory, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef feature_members[] = {
    {"optional", T_OBJECT, offsetof(FeatureObject, optional), READONLY, nullptr},
    {"mandatory", T_OBJECT, offsetof(FeatureObject, mandatory), READONLY, nullptr},
    {"compiler_flag", T_OBJECT, offsetof(FeatureObject, compiler_flag), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

PyTypeObject MinipyFutureFeature_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "__future__._Feature",
    .tp_basicsize = sizeof(FeatureObject),
    .tp_dealloc = feature_dealloc,
    .tp_repr = feature_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = feature_methods,
    .tp_members = feature_members,
};

namespace {

struct Release {
    int major, minor, micro;
    const char *level;
    int serial;
};

struct Feature {
    const char *name;
    Release optional;
    Release mandatory;  // major 0: None (not yet mandatory)
    const char *flag_name;
    long flag;
};

constexpr Feature kFeatures[] = {
    {"nested_scopes", {2, 1, 0, "beta", 1}, {2, 2, 0, "alpha", 0}, "CO_NESTED", 0x10},
    {"generators", {2, 2, 0, "alpha", 1}, {2, 3, 0, "final", 0}, "CO_GENERATOR_ALLOWED", 0},
    {"division", {2, 2, 0, "alpha", 2}, {3, 0, 0, "alpha", 0}, "CO_FUTURE_DIVISION", 0x20000},
    {"absolute_import",
     {2, 5, 0, "alpha", 1},
     {3, 0, 0, "alpha", 0},
     "CO_FUTURE_ABSOLUTE_IMPORT",
     0x40000},
    {"with_statement",
     {2, 5, 0, "alpha", 1},
     {2, 6, 0, "alpha", 0},
     "CO_FUTURE_WITH_STATEMENT",
     0x80000},
    {"print_function",
     {2, 6, 0, "alpha", 2},
     {3, 0, 0, "alpha", 0},
     "CO_FUTURE_PRINT_FUNCTION",
     0x100000},
    {"unicode_literals",
     {2, 6, 0, "alpha", 2},
     {3, 0, 0, "alpha", 0},
     "CO_FUTURE_UNICODE_LITERALS",
     0x200000},
    {"barry_as_FLUFL",
     {3, 1, 0, "alpha", 2},
     {4, 0, 0, "alpha", 0},
     "CO_FUTURE_BARRY_AS_BDFL",
     0x400000},
    {"generator_stop",
     {3, 5, 0, "beta", 1},
     {3, 7, 0, "alpha", 0},
     "CO_FUTURE_GENERATOR_STOP",
     0x800000},
    {"annotations",
     {3, 7, 0, "beta", 1},
     {0, 0, 0, nullptr, 0},
     "CO_FUTURE_ANNOTATIONS",
     0x1000000},
};

PyObject *release_tuple(const Release &r) noexcept {
    if (r.level == nullptr) return Py_NewRef(Py_None);
    return Py_BuildValue("(iiisi)", r.major, r.minor, r.micro, r.level, r.serial);
}

PyObject *feature_new(const Feature &f) noexcept {
    FeatureObject *obj = PyObject_New(FeatureObject, &MinipyFutureFeature_Type);
    if (obj == nullptr) return nullptr;
    obj->optional = release_tuple(f.optional);
    obj->mandatory = release_tuple(f.mandatory);
    obj->compiler_flag = PyLong_FromLong(f.flag);
    auto *result = reinterpret_cast<PyObject *>(obj);
    if (obj->optional == nullptr || obj->mandatory == nullptr || obj->compiler_flag == nullptr)
        Py_CLEAR(result);
    return result;
}

PyModuleDef future_def = {
    PyModuleDef_HEAD_INIT,
    "__future__",
    "Record of phased-in incompatible language changes.",
    -1,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject *PyInit___future__(void) noexcept {
    if (PyType_Ready(&MinipyFutureFeature_Type) < 0) return nullptr;
    PyObject *m = PyModule_Create(&future_def);
    PyObject *names = m != nullptr ? PyList_New(0) : nullptr;
    bool ok = names != nullptr;
    for (const Feature &f : kFeatures) {
        if (!ok) break;
        PyObject *feature = feature_new(f);
        PyObject *name = PyUnicode_FromString(f.name);
        ok = feature != nullptr && name != nullptr && PyList_Append(names, name) == 0 &&
             PyModule_AddObjectRef(m, f.name, feature) == 0 &&
             PyModule_AddIntConstant(m, f.flag_name, f.flag) == 0;
        Py_XDECREF(feature);
        Py_XDECREF(name);
    }
    ok = ok && PyModule_AddObjectRef(m, "all_feature_names", names) == 0;
    Py_XDECREF(names);
    if (!ok) Py_CLEAR(m);
    return m;
}
