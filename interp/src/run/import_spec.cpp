// Module specs and loaders: the small ModuleSpec object every imported module gets as
// __spec__ (name, loader, origin, submodule_search_locations, cached, has_location, parent,
// _initializing), which the module's repr and the "partially initialized module" errors read,
// and importlib's loader classes by name (BuiltinImporter for built-in modules, a
// SourceFileLoader for source modules; neither has methods).
#include "minipy/structmember.h"
#include "objects/interp_object.hpp"
#include "run/import_internal.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp::imports {

namespace {

struct ModuleSpecObject {
    PyObject_HEAD PyObject *name;
    PyObject *loader;
    PyObject *origin;
    PyObject *submodule_search_locations;
    PyObject *cached;
    PyObject *has_location;
    PyObject *initializing;
};

void spec_dealloc(PyObject *self) noexcept {
    auto *spec = reinterpret_cast<ModuleSpecObject *>(self);
    Py_XDECREF(spec->name);
    Py_XDECREF(spec->loader);
    Py_XDECREF(spec->origin);
    Py_XDECREF(spec->submodule_search_locations);
    Py_XDECREF(spec->cached);
    Py_XDECREF(spec->has_location);
    Py_XDECREF(spec->initializing);
    PyObject_Free(self);
}

PyObject *spec_repr(PyObject *self) noexcept {
    auto *spec = reinterpret_cast<ModuleSpecObject *>(self);
    if (spec->submodule_search_locations != nullptr && spec->submodule_search_locations != Py_None)
        return PyUnicode_FromFormat(
            "ModuleSpec(name=%R, loader=%R, origin=%R, submodule_search_locations=%R)", spec->name,
            spec->loader, spec->origin, spec->submodule_search_locations);
    return PyUnicode_FromFormat("ModuleSpec(name=%R, loader=%R, origin=%R)", spec->name,
                                spec->loader, spec->origin);
}

// spec.parent: the package a module belongs to (itself for a package).
PyObject *spec_parent(PyObject *self, void *) noexcept {
    auto *spec = reinterpret_cast<ModuleSpecObject *>(self);
    if (spec->submodule_search_locations != nullptr && spec->submodule_search_locations != Py_None)
        return Py_NewRef(spec->name);
    const Py_ssize_t dot = PyUnicode_FindChar(spec->name, '.', 0, PY_SSIZE_T_MAX, -1);
    if (dot == -2) return nullptr;
    if (dot == -1) return PyUnicode_FromString("");
    return PyUnicode_Substring(spec->name, 0, dot);
}

PyMemberDef spec_members[] = {
    {"name", T_OBJECT, offsetof(ModuleSpecObject, name), 0, nullptr},
    {"loader", T_OBJECT, offsetof(ModuleSpecObject, loader), 0, nullptr},
    {"origin", T_OBJECT, offsetof(ModuleSpecObject, origin), 0, nullptr},
    {"submodule_search_locations", T_OBJECT, offsetof(ModuleSpecObject, submodule_search_locations),
     0, nullptr},
    {"cached", T_OBJECT, offsetof(ModuleSpecObject, cached), 0, nullptr},
    {"has_location", T_OBJECT, offsetof(ModuleSpecObject, has_location), 0, nullptr},
    {"_initializing", T_OBJECT, offsetof(ModuleSpecObject, initializing), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef spec_getsets[] = {
    {"parent", spec_parent, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

}  // namespace minipy::interp::imports

using namespace minipy::interp::imports;

PyTypeObject MinipyModuleSpec_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "ModuleSpec",
    .tp_basicsize = sizeof(ModuleSpecObject),
    .tp_dealloc = spec_dealloc,
    .tp_repr = spec_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_members = spec_members,
    .tp_getset = spec_getsets,
};

// importlib's loaders, by name only: built-in modules name the BuiltinImporter class, source
// modules a SourceFileLoader.
PyTypeObject MinipyBuiltinImporter_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "_frozen_importlib.BuiltinImporter",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

PyTypeObject MinipySourceFileLoader_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "_frozen_importlib_external.SourceFileLoader",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

namespace minipy::interp::imports {

PyObject *spec_new(PyObject *name, PyObject *loader, PyObject *origin, PyObject *locations,
                   bool has_location) noexcept {
    ModuleSpecObject *spec = PyObject_New(ModuleSpecObject, &MinipyModuleSpec_Type);
    if (spec == nullptr) return nullptr;
    spec->name = Py_NewRef(name);
    spec->loader = Py_NewRef(loader);
    spec->origin = Py_NewRef(origin);
    spec->submodule_search_locations = Py_NewRef(locations);
    spec->cached = Py_NewRef(Py_None);
    spec->has_location = Py_NewRef(has_location ? Py_True : Py_False);
    spec->initializing = Py_NewRef(Py_False);
    return reinterpret_cast<PyObject *>(spec);
}

void spec_set_initializing(PyObject *spec, bool on) noexcept {
    if (!Py_IS_TYPE(spec, &MinipyModuleSpec_Type)) return;
    auto *s = reinterpret_cast<ModuleSpecObject *>(spec);
    Py_SETREF(s->initializing, Py_NewRef(on ? Py_True : Py_False));
}

int module_set_spec(PyObject *module, PyObject *spec) noexcept {
    PyObject *dict = PyModule_GetDict(module);
    return PyDict_SetItem(dict, g_interp.names.id___spec__, spec) < 0 ||
                   PyDict_SetItem(dict, g_interp.names.id___loader__,
                                  reinterpret_cast<ModuleSpecObject *>(spec)->loader) < 0
               ? -1
               : 0;
}

bool spec_is_initializing(PyObject *spec) noexcept {
    return Py_IS_TYPE(spec, &MinipyModuleSpec_Type) &&
           reinterpret_cast<ModuleSpecObject *>(spec)->initializing == Py_True;
}

PyObject *builtin_loader() noexcept {
    return reinterpret_cast<PyObject *>(&MinipyBuiltinImporter_Type);
}

PyObject *source_loader_new() noexcept {
    return MinipySourceFileLoader_Type.tp_alloc(&MinipySourceFileLoader_Type, 0);
}

int spec_types_ready() noexcept {
    PyTypeObject *types[] = {&MinipyModuleSpec_Type, &MinipyBuiltinImporter_Type,
                             &MinipySourceFileLoader_Type};
    for (PyTypeObject *type : types)
        if (PyType_Ready(type) < 0) return -1;
    return 0;
}

}  // namespace minipy::interp::imports
