// minipy_lua_bench: Lua 5.4 workloads (bench/lua/workloads/*.lua) with every Lua allocation
// served by minipy's pymalloc, by minipy's malloc domain, or by Lua's own default allocator
// (realloc / free, what luaL_newstate installs), with Debian's lua5.4 as the reference.
//
//   minipy_lua_bench [--rounds r] [--quick] [--per-round]
//
// Each run is a fresh process (this program again, or lua5.4), so no allocator inherits a
// heap from another; the workload times itself with os.clock() (CPU seconds: the machine may
// be shared, and CPU time leaves out the time other processes hold the core) and the parent
// takes the child's peak RSS from wait4(). A round runs every workload under every allocator,
// in an order that rotates from round to round; the figures are medians of ratios taken
// inside one round (time under X / time under pymalloc), with quartiles, because on a loaded
// machine a whole round can run slow and only a ratio inside one round cancels that.
//
// Children: minipy_lua_bench --run pymalloc|malloc|realloc SCRIPT [ARG]
//   pymalloc / malloc: minipy_alloc_configure(name), then lua_newstate(lua_host_alloc) over
//   the object domain (demos/lua_host/lua_alloc.c, the same allocator minipy_lua uses);
//   realloc: lua_newstate with an allocator that calls realloc and free.
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lua_alloc.h"
#include "minipy/pymem.h"

extern char **environ;

namespace {

struct Workload {
    const char *name;
    const char *arg;        // full size
    const char *quick_arg;  // --quick
};

const Workload kWorkloads[] = {
    {"table_churn", "2000000", "300000"},
    {"string_building", "400000", "60000"},
    {"closures", "1000000", "150000"},
    {"binary_trees", "15", "12"},
};

const char *const kAllocators[] = {"pymalloc", "malloc", "realloc", "lua5.4"};

// --- The child: one workload under one allocator -------------------------------------------

void *plain_realloc(void *ud, void *ptr, std::size_t osize, std::size_t nsize) {
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        std::free(ptr);
        return nullptr;
    }
    return std::realloc(ptr, nsize);
}

int run_child(const char *allocator_name, const char *script, const char *arg) {
    LuaHostAllocator allocator;
    lua_State *L = nullptr;
    if (std::strcmp(allocator_name, "realloc") == 0) {
        L = lua_newstate(plain_realloc, nullptr);
    } else {
        if (minipy_alloc_configure(allocator_name, 0) != 0) {
            std::fprintf(stderr, "minipy_lua_bench: unknown allocator %s\n", allocator_name);
            return 2;
        }
        lua_host_allocator_init(&allocator, kLuaHostDomainObj);
        L = lua_newstate(lua_host_alloc, &allocator);
    }
    if (L == nullptr) return 1;
    luaL_openlibs(L);
    lua_createtable(L, 1, 1);
    lua_pushstring(L, script);
    lua_rawseti(L, -2, 0);
    if (arg != nullptr) {
        lua_pushstring(L, arg);
        lua_rawseti(L, -2, 1);
    }
    lua_setglobal(L, "arg");
    int status = luaL_dofile(L, script);
    if (status != LUA_OK) std::fprintf(stderr, "%s\n", lua_tostring(L, -1));
    lua_close(L);
    return status == LUA_OK ? 0 : 1;
}

// --- The parent --------------------------------------------------------------------------

struct RunResult {
    double seconds = 0;
    long peak_rss_kib = 0;
};

// Runs argv with stdout captured; the workload's last line is its CPU time.
std::optional<RunResult> spawn_and_measure(const std::vector<std::string> &args) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::vector<char *> argv;
    for (const std::string &a : args) argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    std::string out;
    if (spawned == 0) {
        char buffer[256];
        ssize_t n = 0;
        while ((n = read(pipe_fds[0], buffer, sizeof(buffer))) > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
        }
    }
    close(pipe_fds[0]);
    if (spawned != 0) return std::nullopt;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return std::nullopt;
    }
    RunResult result;
    result.seconds = std::strtod(out.c_str(), nullptr);
    result.peak_rss_kib = usage.ru_maxrss;
    if (result.seconds <= 0) return std::nullopt;
    return result;
}

double quantile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    double at = q * static_cast<double>(values.size() - 1);
    std::size_t low = static_cast<std::size_t>(at);
    std::size_t high = std::min(low + 1, values.size() - 1);
    return values[low] + (values[high] - values[low]) * (at - static_cast<double>(low));
}

int run_bench(int rounds, bool quick, bool per_round) {
    const std::string self = "/proc/self/exe";
    const std::string dir = MINIPY_LUA_BENCH_WORKLOADS;
    const char *reference = MINIPY_LUA_BENCH_REFERENCE;
    std::vector<std::string> allocators;
    for (const char *a : kAllocators) {
        if (std::strcmp(a, "lua5.4") == 0 && reference[0] == '\0') continue;
        allocators.emplace_back(a);
    }
    // times[workload][allocator] and rss[...], one entry per round.
    std::map<std::string, std::map<std::string, std::vector<double>>> times;
    std::map<std::string, std::map<std::string, std::vector<double>>> rss;
    for (int round = 0; round < rounds; round++) {
        for (const Workload &w : kWorkloads) {
            const std::string script = dir + "/" + w.name + ".lua";
            const std::string arg = quick ? w.quick_arg : w.arg;
            for (std::size_t k = 0; k < allocators.size(); k++) {
                const std::string &a =
                    allocators[(k + static_cast<std::size_t>(round)) % allocators.size()];
                std::vector<std::string> args =
                    a == "lua5.4" ? std::vector<std::string>{reference, script, arg}
                                  : std::vector<std::string>{self, "--run", a, script, arg};
                std::optional<RunResult> r = spawn_and_measure(args);
                if (!r) {
                    std::fprintf(stderr, "minipy_lua_bench: %s under %s failed\n", w.name,
                                 a.c_str());
                    return 1;
                }
                times[w.name][a].push_back(r->seconds);
                rss[w.name][a].push_back(static_cast<double>(r->peak_rss_kib));
            }
            if (per_round) {
                std::printf("round %2d %-16s", round + 1, w.name);
                for (const std::string &a : allocators) {
                    std::printf("  %s %.3f s", a.c_str(), times[w.name][a].back());
                }
                std::printf("\n");
            }
        }
    }

    std::printf(
        "\nLua workloads, %d rounds%s: CPU seconds (median) per allocator, and the median\n"
        "of per-round ratios time(X) / time(pymalloc) with quartiles (above 1: pymalloc "
        "is faster)\n\n",
        rounds, quick ? " (--quick)" : "");
    std::printf("| workload | pymalloc s |");
    for (const std::string &a : allocators) {
        if (a != "pymalloc") std::printf(" %s / pymalloc |", a.c_str());
    }
    std::printf("\n|---|---|");
    for (std::size_t i = 1; i < allocators.size(); i++) std::printf("---|");
    std::printf("\n");
    for (const Workload &w : kWorkloads) {
        const std::vector<double> &base = times[w.name]["pymalloc"];
        std::printf("| %s | %.3f |", w.name, quantile(base, 0.5));
        for (const std::string &a : allocators) {
            if (a == "pymalloc") continue;
            std::vector<double> ratios;
            for (std::size_t i = 0; i < base.size(); i++) {
                ratios.push_back(times[w.name][a][i] / base[i]);
            }
            std::printf(" **%.2f** (%.2f-%.2f) |", quantile(ratios, 0.5), quantile(ratios, 0.25),
                        quantile(ratios, 0.75));
        }
        std::printf("\n");
    }
    std::printf("\nPeak RSS (KiB, median over rounds; the whole process)\n\n| workload |");
    for (const std::string &a : allocators) std::printf(" %s |", a.c_str());
    std::printf("\n|---|");
    for (std::size_t i = 0; i < allocators.size(); i++) std::printf("---|");
    std::printf("\n");
    for (const Workload &w : kWorkloads) {
        std::printf("| %s |", w.name);
        for (const std::string &a : allocators) {
            std::printf(" %.0f |", quantile(rss[w.name][a], 0.5));
        }
        std::printf("\n");
    }
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 4 && std::strcmp(argv[1], "--run") == 0) {
        return run_child(argv[2], argv[3], argc >= 5 ? argv[4] : nullptr);
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // rounds show as they finish, into a file too
    int rounds = 11;
    bool quick = false;
    bool per_round = false;
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds = std::atoi(argv[++i]);
            if (rounds <= 0) {
                std::fprintf(stderr, "minipy_lua_bench: --rounds needs a positive count\n");
                return 2;
            }
        } else if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (std::strcmp(argv[i], "--per-round") == 0) {
            per_round = true;
        } else {
            std::fprintf(stderr, "usage: minipy_lua_bench [--rounds r] [--quick] [--per-round]\n");
            return 2;
        }
    }
    if (quick && rounds == 11) rounds = 3;
    return run_bench(rounds, quick, per_round);
}
