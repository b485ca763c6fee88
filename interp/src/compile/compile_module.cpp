// The compiler's entry: an AST (module, interactive statement or expression) to the code
// object of its top-level unit, through the symbol table and the future features.
#include "compile/compile_module.hpp"

#include "compile/compiler.hpp"
#include "minipy/code.h"
#include "parse/future.hpp"

namespace minipy::compile {

PyObject *compile_mod(ast::Mod *mod, PyObject *filename, const char *source,
                      int optimize) noexcept {
    parse::FutureFeatures future;
    if (parse::future_features(mod, filename, &future) < 0) return nullptr;
    symtable::BuildOptions options;
    options.future_annotations = future.annotations;
    options.source = source;
    symtable::SymbolTable *st = symtable::build_symtable(mod, filename, options);
    if (st == nullptr) return nullptr;
    Compiler c{};
    c.filename = filename;
    c.st = st;
    c.source = source;
    c.optimize = optimize;
    c.future_flags = future.annotations ? CO_FUTURE_ANNOTATIONS : 0;
    c.future_lineno = future.lineno;
    c.interactive = mod->kind == ast::ModKind::Interactive;
    PyObject *code = nullptr;
    PyObject *name = PyUnicode_InternFromString("<module>");
    if (name != nullptr && enter_scope(&c, name, ScopeType::module, mod, 1) == 0) {
        int r = 0;
        bool add_return = true;
        switch (mod->kind) {
        case ast::ModKind::Module: r = compile_module_body(&c, mod->v.Module.body); break;
        case ast::ModKind::Interactive:
            if (find_annotations(mod->v.Interactive.body) && addop(&c, code::SETUP_ANNOTATIONS) < 0)
                r = -1;
            if (r == 0) r = compile_body(&c, mod->v.Interactive.body);
            break;
        case ast::ModKind::Expression:
            set_loc(&c, *mod->v.Expression.body);
            r = compile_expr(&c, mod->v.Expression.body);
            if (r == 0) r = addop(&c, code::RETURN_VALUE);
            add_return = false;
            break;
        default:
            PyErr_SetString(PyExc_SystemError, "compile: unsupported module kind");
            r = -1;
            break;
        }
        if (r == 0) code = assemble_unit(&c, add_return);
        exit_scope(&c);
    }
    Py_XDECREF(name);
    symtable::free_symtable(st);
    return code;
}

}  // namespace minipy::compile
