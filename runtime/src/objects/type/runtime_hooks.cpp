// The interpreter's hooks (runtime_hooks.h): stored here, called by type_new.cpp (classcell,
// globals, function type), super.cpp (zero-argument super) and object_reduce.cpp (import).
// They are process-wide and outlive Py_FinalizeEx: the interpreter registers them once.
#include "objects/type/type_internal.hpp"

namespace minipy::runtime {

minipy_classcell_setter g_classcell_hook = nullptr;
minipy_super_frame_lookup g_super_hook = nullptr;
minipy_globals_getter g_globals_hook = nullptr;
minipy_module_importer g_import_hook = nullptr;
PyTypeObject *g_function_type = nullptr;

PyObject *import_module(const char *name) noexcept {
    if (g_import_hook != nullptr) return g_import_hook(name);
    PyErr_Format(PyExc_ModuleNotFoundError, "No module named '%s'", name);
    return nullptr;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" void minipy_set_classcell_hook(minipy_classcell_setter hook) noexcept {
    g_classcell_hook = hook;
}
extern "C" void minipy_set_super_hook(minipy_super_frame_lookup hook) noexcept {
    g_super_hook = hook;
}
extern "C" void minipy_set_globals_hook(minipy_globals_getter hook) noexcept {
    g_globals_hook = hook;
}
extern "C" void minipy_set_import_hook(minipy_module_importer hook) noexcept {
    g_import_hook = hook;
}
extern "C" void minipy_register_function_type(PyTypeObject *type) noexcept {
    g_function_type = type;
}
