/* lua_cli.c: the standalone `lua` command's behaviour (Lua 5.4.4's lua.c, as its manual §7
 * and its behaviour describe it), written for a state the host made with lua_newstate.
 *
 * Order of work, as lua.c's: scan the options (stopping at the first argument that is not one,
 * at "--" or at "-"), print the version for -v or -i, mark the registry for -E (the package
 * library then ignores LUA_PATH / LUA_CPATH), open the standard libraries and `minipy`, build
 * `arg` (the script at 0, the interpreter and options at negative indices, the script's
 * arguments at positive ones), run LUA_INIT_5_4 or LUA_INIT unless -E, run -e / -l / -W in
 * the order given, run the script (or stdin for "-") with the arguments, then the REPL for -i,
 * or, with no script and no -e / -v, the REPL when stdin is a terminal and stdin as a file
 * when it is not. Each error is reported as "progname: message" (the REPL leaves the name
 * out) with a traceback from the message handler, and stops the run with EXIT_FAILURE.
 *
 * The REPL reads whole lines (no line editing: lua.c uses readline for that) and echoes them
 * when stdin is not a terminal, as readline does: `_PROMPT` / `_PROMPT2` through tostring, "=expr"
 * as "return expr", a line first tried as "return line;", a chunk continued while the parser
 * complains about "<eof>", results printed with `print`.
 *
 * Everything here runs on the one thread that owns the state; globals hold that state for
 * the SIGINT handler, as lua.c's do. */
#include "lua_cli.h"

#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minipy_lua.h"

enum {
    kHasError = 1, /* bad option */
    kHasI = 2,     /* -i */
    kHasV = 4,     /* -v (or -i) */
    kHasE = 8,     /* -e */
    kHasNoEnv = 16 /* -E */
};

static const char *progname = "lua";
static const char *host_usage_lines = NULL;
static lua_State *signalled_state = NULL;

/* --- Warnings and panic (what luaL_newstate installs) ---------------------------------- */

static void warn_off(void *ud, const char *message, int tocont);
static void warn_on(void *ud, const char *message, int tocont);
static void warn_continue(void *ud, const char *message, int tocont);

/* "@on" / "@off" switch warnings; other control messages ("@...") are ignored. */
static int warn_control(lua_State *L, const char *message, int tocont) {
    if (tocont || message[0] != '@') return 0;
    if (strcmp(message + 1, "off") == 0) {
        lua_setwarnf(L, warn_off, L);
    } else if (strcmp(message + 1, "on") == 0) {
        lua_setwarnf(L, warn_on, L);
    }
    return 1;
}

static void warn_off(void *ud, const char *message, int tocont) {
    warn_control((lua_State *)ud, message, tocont);
}

static void warn_continue(void *ud, const char *message, int tocont) {
    lua_State *L = (lua_State *)ud;
    fputs(message, stderr);
    if (tocont) {
        lua_setwarnf(L, warn_continue, L);
    } else {
        fputs("\n", stderr);
        fflush(stderr);
        lua_setwarnf(L, warn_on, L);
    }
}

static void warn_on(void *ud, const char *message, int tocont) {
    if (warn_control((lua_State *)ud, message, tocont)) return;
    fputs("Lua warning: ", stderr);
    warn_continue(ud, message, tocont);
}

static int panic_handler(lua_State *L) {
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n",
            message != NULL ? message : "error object is not a string");
    fflush(stderr);
    return 0; /* Lua aborts */
}

void lua_cli_install_handlers(lua_State *L) {
    lua_atpanic(L, panic_handler);
    lua_setwarnf(L, warn_off, L);
}

/* --- Reporting ------------------------------------------------------------------------- */

static void print_message(const char *name, const char *message) {
    if (name != NULL) fprintf(stderr, "%s: ", name);
    fprintf(stderr, "%s\n", message);
    fflush(stderr);
}

/* Prints the error object on top of the stack when status is not LUA_OK, and pops it. */
static int report(lua_State *L, int status) {
    if (status != LUA_OK) {
        const char *message = lua_tostring(L, -1);
        print_message(progname, message != NULL ? message : "(error object is not a string)");
        lua_pop(L, 1);
    }
    return status;
}

/* The message handler: a string (or an object whose __tostring gives one) gets Lua's
 * traceback appended; any other object is named by its type. */
static int message_handler(lua_State *L) {
    const char *message = lua_tostring(L, 1);
    if (message == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, message, 1);
    return 1;
}

/* --- Ctrl-C: stop the running chunk with an error at the next hook --------------------- */

static void stop_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

static void set_sigint(void (*handler)(int)) {
    struct sigaction action;
    action.sa_handler = handler;
    action.sa_flags = 0;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

/* A second Ctrl-C before the hook runs kills the process (the default action is back). */
static void on_sigint(int sig) {
    (void)sig;
    set_sigint(SIG_DFL);
    lua_sethook(signalled_state, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* Calls the function below narg arguments with the message handler, Ctrl-C armed. */
static int call_chunk(lua_State *L, int narg, int nresults) {
    int base = lua_gettop(L) - narg;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    signalled_state = L;
    set_sigint(on_sigint);
    int status = lua_pcall(L, narg, nresults, base);
    set_sigint(SIG_DFL);
    lua_remove(L, base);
    return status;
}

static int run_loaded(lua_State *L, int status) {
    if (status == LUA_OK) status = call_chunk(L, 0, 0);
    return report(L, status);
}

static int run_file(lua_State *L, const char *name) {
    return run_loaded(L, luaL_loadfile(L, name));
}

static int run_string(lua_State *L, const char *code, const char *chunkname) {
    return run_loaded(L, luaL_loadbuffer(L, code, strlen(code), chunkname));
}

/* -l [global=]module: global = require(module). */
static int run_library(lua_State *L, const char *spec) {
    const char *equals = strchr(spec, '=');
    const char *module = equals != NULL ? equals + 1 : spec;
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    int status = call_chunk(L, 1, 1);
    if (status == LUA_OK) {
        if (equals != NULL) {
            lua_pushlstring(L, spec, (size_t)(equals - spec));
        } else {
            lua_pushstring(L, spec);
        }
        lua_insert(L, -2);
        lua_setglobal(L, lua_tostring(L, -2));
        lua_pop(L, 1);
    }
    return report(L, status);
}

/* --- Options --------------------------------------------------------------------------- */

static void print_version(void) {
    fputs(LUA_COPYRIGHT "\n", stdout);
    fflush(stdout);
}

static void print_usage(const char *bad_option) {
    fprintf(stderr, "%s: ", progname);
    if (bad_option[1] == 'e' || bad_option[1] == 'l') {
        fprintf(stderr, "'%s' needs argument\n", bad_option);
    } else {
        fprintf(stderr, "unrecognized option '%s'\n", bad_option);
    }
    fprintf(stderr,
            "usage: %s [options] [script [args]]\n"
            "Available options are:\n"
            "  -e stat   execute string 'stat'\n"
            "  -i        enter interactive mode after executing 'script'\n"
            "  -l mod    require library 'mod' into global 'mod'\n"
            "  -l g=mod  require library 'mod' into global 'g'\n"
            "  -v        show version information\n"
            "  -E        ignore environment variables\n"
            "  -W        turn warnings on\n"
            "  --        stop handling options\n"
            "  -         stop handling options and execute stdin\n",
            progname);
    if (host_usage_lines != NULL) fputs(host_usage_lines, stderr);
    fflush(stderr);
}

/* Scans the options. Sets *script to the index of the script (argc when there is none), or
 * of the bad option when the result has kHasError. */
static int scan_options(char **argv, int argc, int *script) {
    int flags = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *option = argv[i];
        *script = i;
        if (option[0] != '-') return flags;
        switch (option[1]) {
        case '-': /* "--": the next argument is the script, whatever it looks like */
            if (option[2] != '\0') return kHasError;
            *script = i + 1;
            return flags;
        case '\0': return flags; /* "-": the script is stdin */
        case 'E':
            if (option[2] != '\0') return kHasError;
            flags |= kHasNoEnv;
            break;
        case 'W':
            if (option[2] != '\0') return kHasError;
            break;
        case 'i':
        case 'v':
            if (option[2] != '\0') return kHasError;
            flags |= kHasV | (option[1] == 'i' ? kHasI : 0);
            break;
        case 'e':
        case 'l':
            if (option[1] == 'e') flags |= kHasE;
            if (option[2] == '\0') { /* the argument is the next word, not an option */
                i++;
                if (i >= argc || argv[i][0] == '-') return kHasError;
            }
            break;
        default: return kHasError;
        }
    }
    *script = argc;
    return flags;
}

/* Runs -e, -l and -W in order, up to the script. Returns 0 when one failed. */
static int run_options(lua_State *L, char **argv, int limit) {
    for (int i = 1; i < limit; i++) {
        char kind = argv[i][1];
        if (kind == 'W') {
            lua_warning(L, "@on", 0);
        } else if (kind == 'e' || kind == 'l') {
            const char *value = argv[i][2] != '\0' ? argv[i] + 2 : argv[++i];
            int status =
                kind == 'e' ? run_string(L, value, "=(command line)") : run_library(L, value);
            if (status != LUA_OK) return 0;
        }
    }
    return 1;
}

/* arg[0] is the script (the program name when there is none), arg[-k] what came before it,
 * arg[1..n] its arguments. */
static void create_arg_table(lua_State *L, char **argv, int argc, int script) {
    if (script == argc) script = 0;
    lua_createtable(L, argc - (script + 1), script + 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

static int run_lua_init(lua_State *L) {
    const char *chunkname = "=LUA_INIT" LUA_VERSUFFIX;
    const char *init = getenv(chunkname + 1);
    if (init == NULL) {
        chunkname = "=LUA_INIT";
        init = getenv(chunkname + 1);
    }
    if (init == NULL) return LUA_OK;
    if (init[0] == '@') return run_file(L, init + 1);
    return run_string(L, init, chunkname);
}

/* The script gets arg[1..#arg] as its arguments ("-" alone, not after "--", is stdin). */
static int run_script(lua_State *L, char **argv, int script) {
    const char *name = argv[script];
    if (strcmp(name, "-") == 0 && strcmp(argv[script - 1], "--") != 0) name = NULL;
    int status = luaL_loadfile(L, name);
    if (status == LUA_OK) {
        if (lua_getglobal(L, "arg") != LUA_TTABLE) luaL_error(L, "'arg' is not a table");
        int n = (int)luaL_len(L, -1);
        luaL_checkstack(L, n + 3, "too many arguments to script");
        for (int i = 1; i <= n; i++) lua_rawgeti(L, -i, i);
        lua_remove(L, -n - 1);
        status = call_chunk(L, n, LUA_MULTRET);
    }
    return report(L, status);
}

/* --- The REPL -------------------------------------------------------------------------- */

/* Pushes the next line (a trailing newline removed; "=x" on a first line as "return x").
 * Returns 0 at the end of input. Lines of any length are read whole. When stdin is not a
 * terminal the line is echoed after the prompt, as GNU readline does (Debian's lua5.4 and the
 * "make linux" build of lua.c read through readline, and Lua's test suite expects the echo). */
static int push_line(lua_State *L, int first_line) {
    const char *prompt = first_line ? "> " : ">> ";
    int custom = lua_getglobal(L, first_line ? "_PROMPT" : "_PROMPT2") != LUA_TNIL;
    if (custom) prompt = luaL_tolstring(L, -1, NULL);
    fputs(prompt, stdout);
    fflush(stdout);
    lua_pop(L, custom ? 2 : 1);
    char *line = NULL;
    size_t capacity = 0;
    ssize_t read = getline(&line, &capacity, stdin);
    if (read < 0) {
        free(line);
        return 0;
    }
    size_t length = (size_t)read;
    if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
    if (!isatty(STDIN_FILENO)) {
        fwrite(line, 1, length, stdout);
        fputs("\n", stdout);
        fflush(stdout);
    }
    if (first_line && line[0] == '=') {
        lua_pushfstring(L, "return %s", line + 1);
    } else {
        lua_pushlstring(L, line, length);
    }
    free(line);
    return 1;
}

/* A syntax error at "<eof>" means the chunk may go on in the next line. */
static int is_incomplete(lua_State *L, int status) {
    static const char kEofMark[] = "<eof>";
    if (status != LUA_ERRSYNTAX) return 0;
    size_t length = 0;
    const char *message = lua_tolstring(L, -1, &length);
    size_t mark = sizeof(kEofMark) - 1;
    if (length < mark || strcmp(message + length - mark, kEofMark) != 0) return 0;
    lua_pop(L, 1);
    return 1;
}

/* Leaves the compiled chunk (or the error) above the line, on a stack holding the line. */
static int load_line(lua_State *L) {
    const char *line = lua_tostring(L, 1);
    const char *with_return = lua_pushfstring(L, "return %s;", line);
    int status = luaL_loadbuffer(L, with_return, strlen(with_return), "=stdin");
    lua_remove(L, -2);
    if (status == LUA_OK) return status;
    lua_pop(L, 1);
    for (;;) {
        size_t length = 0;
        const char *chunk = lua_tolstring(L, 1, &length);
        status = luaL_loadbuffer(L, chunk, length, "=stdin");
        if (!is_incomplete(L, status)) return status;
        if (!push_line(L, 0)) {
            /* End of input inside a chunk: report the parser's complaint. */
            return luaL_loadbuffer(L, chunk, length, "=stdin");
        }
        lua_pushliteral(L, "\n");
        lua_insert(L, -2);
        lua_concat(L, 3);
    }
}

static void print_results(lua_State *L) {
    int n = lua_gettop(L);
    if (n == 0) return;
    luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
    lua_getglobal(L, "print");
    lua_insert(L, 1);
    if (lua_pcall(L, n, 0, 0) != LUA_OK) {
        print_message(progname,
                      lua_pushfstring(L, "error calling 'print' (%s)", lua_tostring(L, -1)));
    }
}

static void run_repl(lua_State *L) {
    const char *saved_progname = progname;
    progname = NULL;
    for (;;) {
        lua_settop(L, 0);
        if (!push_line(L, 1)) break;
        int status = load_line(L);
        lua_remove(L, 1);
        if (status == LUA_OK) status = call_chunk(L, 0, LUA_MULTRET);
        if (status == LUA_OK) {
            print_results(L);
        } else {
            report(L, status);
        }
    }
    lua_settop(L, 0);
    fputs("\n", stdout);
    fflush(stdout);
    progname = saved_progname;
}

/* --- The whole run, in protected mode --------------------------------------------------- */

static int protected_main(lua_State *L) {
    int argc = (int)lua_tointeger(L, 1);
    char **argv = (char **)lua_touserdata(L, 2);
    int script = argc;
    int flags = scan_options(argv, argc, &script);
    int options_end = script;
    luaL_checkversion(L);
    if (flags == kHasError) {
        print_usage(argv[script]);
        return 0;
    }
    if (flags & kHasV) print_version();
    if (flags & kHasNoEnv) {
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
    }
    luaL_openlibs(L);
    luaL_requiref(L, "minipy", luaopen_minipy, 1);
    lua_pop(L, 1);
    create_arg_table(L, argv, argc, script);
    lua_gc(L, LUA_GCRESTART);
    lua_gc(L, LUA_GCGEN, 0, 0);
    if (!(flags & kHasNoEnv) && run_lua_init(L) != LUA_OK) return 0;
    if (!run_options(L, argv, options_end)) return 0;
    if (script < argc && run_script(L, argv, script) != LUA_OK) return 0;
    if (flags & kHasI) {
        run_repl(L);
    } else if (script == argc && !(flags & (kHasE | kHasV))) {
        if (isatty(STDIN_FILENO)) {
            print_version();
            run_repl(L);
        } else if (run_file(L, NULL) != LUA_OK) {
            return 0;
        }
    }
    lua_pushboolean(L, 1);
    return 1;
}

int lua_cli_main(lua_State *L, int argc, char **argv, const char *host_usage) {
    if (argc > 0 && argv[0][0] != '\0') progname = argv[0];
    host_usage_lines = host_usage;
    lua_gc(L, LUA_GCSTOP); /* no collection while the libraries are set up */
    lua_pushcfunction(L, protected_main);
    lua_pushinteger(L, argc);
    lua_pushlightuserdata(L, argv);
    int status = lua_pcall(L, 2, 1, 0);
    int ok = lua_toboolean(L, -1);
    report(L, status);
    return ok && status == LUA_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
