// PyConfig's argv: the copy PyConfig_SetBytesArgv makes, and the one start-up keeps for the
// interpreter's sys.argv (the host may clear its config right after Py_InitializeFromConfig).
//
// The strings come from the C library's malloc, not a minipy domain: a host fills its config
// before start-up and clears it after, and start-up may switch the domains' allocators in
// between (PYTHONMALLOC), so a block taken from one allocator would be given to another.
#include <cstdlib>
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "minipy/initconfig.h"

namespace minipy::runtime {

namespace {

// sys.argv's strings as start-up kept them; owned until config_argv_release.
minipy_byte_string_list g_kept_argv{};

void free_list(minipy_byte_string_list &list) noexcept {
    for (Py_ssize_t i = 0; i < list.length; ++i) std::free(list.items[i]);
    std::free(list.items);
    list = minipy_byte_string_list{};
}

// A copy of strings[0..count) in `out` (emptied first); false when memory ran out.
bool copy_list(minipy_byte_string_list &out, Py_ssize_t count, char *const *strings) noexcept {
    free_list(out);
    if (count == 0) return true;
    auto **items =
        static_cast<char **>(std::calloc(static_cast<std::size_t>(count), sizeof(char *)));
    if (items == nullptr) return false;
    out.items = items;
    for (Py_ssize_t i = 0; i < count; ++i) {
        const std::size_t size = std::strlen(strings[i]) + 1;
        items[i] = static_cast<char *>(std::malloc(size));
        if (items[i] == nullptr) {
            out.length = i;
            free_list(out);
            return false;
        }
        std::memcpy(items[i], strings[i], size);
        out.length = i + 1;
    }
    return true;
}

}  // namespace

void config_argv_clear(PyConfig *config) noexcept {
    free_list(config->argv);
}

PyStatus config_argv_keep(const PyConfig &config) noexcept {
    const minipy_byte_string_list &argv = config.argv;
    Py_ssize_t first = 0;
    if (config.parse_argv == 1 && argv.length > 0) {
        // python's command line: argv[0] is the program; an option would come next.
        first = 1;
        if (argv.length > 1 && argv.items[1][0] == '-' && argv.items[1][1] != '\0') {
            PyStatus status = PyStatus_Error(
                "config.argv: minipy parses none of python's options (set parse_argv to 0 to "
                "give sys.argv as it is)");
            status.func = "Py_InitializeFromConfig";
            return status;
        }
    }
    if (!copy_list(g_kept_argv, argv.length - first, argv.items + first))
        return PyStatus_NoMemory();
    return PyStatus_Ok();
}

void config_argv_release() noexcept {
    free_list(g_kept_argv);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

extern "C" PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc,
                                          char *const *argv) noexcept {
    if (config == nullptr || argc < 0 || (argc > 0 && argv == nullptr))
        return PyStatus_Error("PyConfig_SetBytesArgv: invalid arguments");
    for (Py_ssize_t i = 0; i < argc; ++i)
        if (argv[i] == nullptr) return PyStatus_Error("PyConfig_SetBytesArgv: argv holds NULL");
    minipy_byte_string_list copy{};
    if (!copy_list(copy, argc, argv)) return PyStatus_NoMemory();
    free_list(config->argv);
    config->argv = copy;
    return PyStatus_Ok();
}

extern "C" char *const *minipy_config_argv(Py_ssize_t *argc) noexcept {
    if (argc != nullptr) *argc = g_kept_argv.length;
    return g_kept_argv.items;
}
