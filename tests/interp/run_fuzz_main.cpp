// minipy_run_fuzz: runs a batch of the whole-interpreter fuzz test's programs
// (run_fuzz_programs.hpp) in one process, each compiled and run in a runtime of its own, and
// reports on stdout, one line per program, how each ended. The test (run_fuzz_test.cpp) runs
// the batches as child processes, so a crash, a sanitizer report or a fatal error ends one
// batch and is pinned on the program that was running.
//
//   minipy_run_fuzz run SEED FIRST COUNT   programs FIRST .. FIRST+COUNT-1 of SEED
//   minipy_run_fuzz show SEED INDEX        the source of one program, to replay it
//   minipy_run_fuzz file PATH              one program from a file, as a batch runs it
//
// Why the budget is in the process and not a process per program: start-up under ASan costs
// more than a typical program, and thousands of processes would not fit the test's budget.
// Each program gets a fresh runtime (Py_InitializeFromConfig .. Py_FinalizeEx), so nothing a
// program changes (the recursion limit, builtins, sys.modules) reaches the next, and the leak
// check runs after every program. Limits keep a program from hanging or exhausting the
// machine, all measured in CPU time where they can be, so that a loaded machine changes no
// outcome but the rare wall-clock one:
// - a memory limit of the runtime (kMemoryLimit): past it a request is a MemoryError;
// - a CPU budget (kCpuBudgetMicros): then a SIGPROF timer raises KeyboardInterrupt at the
//   eval loop's next check point, and a thread keeps the interrupt pending, so a program
//   whose `except BaseException` swallows one meets the next as soon as its loop jumps back
//   (when that thread gets a core: on a loaded machine the next limit may end it instead);
// - a program still running kUnstoppableTicks CPU ticks later, or blocked outside the loop
//   (time.sleep, input: SIGALRM interrupts it after kWallBudgetMicros) for kHangGraceTicks
//   more, is past any check point (a long loop in C, as `sum(range(10**18))`, which CPython
//   would not stop either): the process writes "hang N" and exits with kExitHang, and the
//   test counts the program apart from crashes.
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "interp/run_fuzz_programs.hpp"
#include "minipy/Python.h"
#include "minipy/import.h"
#include "minipy/intrcheck.h"
#include "minipy/pythonrun.h"

namespace {

constexpr size_t kMemoryLimit = size_t{256} << 20;
constexpr long kCpuBudgetMicros = 60'000;  // then KeyboardInterrupt, kept pending ...
constexpr long kCpuTickMicros = 5'000;
constexpr int kUnstoppableTicks = 40;  // ... for 200 ms of CPU more at most
constexpr long kWallBudgetMicros = 2'000'000;
constexpr long kWallTickMicros = 250'000;
constexpr int kHangGraceTicks = 120;  // SIGALRM ticks after the wall budget: 30 s
constexpr int kExitHang = 3;

int g_report_fd = -1;                // the original stdout; fd 1 goes to /dev/null for the programs
std::atomic<long> g_running{-1};     // the program's number from start-up to shutdown
std::atomic<bool> g_in_eval{false};  // while its code runs
std::atomic<int> g_cpu_ticks{0};
std::atomic<int> g_wall_ticks{0};
std::atomic<bool> g_batch_over{false};

void report(const std::string &line) {
    std::string text = line + "\n";
    const char *p = text.data();
    size_t left = text.size();
    while (left > 0) {
        const ssize_t n = write(g_report_fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        p += n;
        left -= static_cast<size_t>(n);
    }
}

// "hang N" on the report and the end of the batch. Async-signal-safe: write(2), _exit(2).
[[noreturn]] void report_hang_and_exit(long running) {
    char line[48];
    char digits[24];
    int n = 0;
    unsigned long v = static_cast<unsigned long>(running);
    do digits[n++] = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    int len = 0;
    for (const char *s = "hang "; *s != '\0'; ++s) line[len++] = *s;
    while (n > 0) line[len++] = digits[--n];
    line[len++] = '\n';
    const ssize_t written = write(g_report_fd, line, static_cast<size_t>(len));
    _exit(written == len ? kExitHang : kExitHang + 1);
}

extern "C" void on_cpu_tick(int) {
    const long running = g_running.load(std::memory_order_relaxed);
    if (running < 0 || !g_in_eval.load(std::memory_order_relaxed)) return;
    PyErr_SetInterrupt();
    if (g_cpu_ticks.fetch_add(1, std::memory_order_relaxed) >= kUnstoppableTicks)
        report_hang_and_exit(running);
}

extern "C" void on_wall_tick(int) {
    const long running = g_running.load(std::memory_order_relaxed);
    if (running < 0) return;
    if (g_in_eval.load(std::memory_order_relaxed)) PyErr_SetInterrupt();
    if (g_wall_ticks.fetch_add(1, std::memory_order_relaxed) >= kHangGraceTicks)
        report_hang_and_exit(running);
}

// Keeps the interrupt pending while a program over its CPU budget runs: the eval loop takes
// it at one check point and finds it again at the next, so a handler that swallows one
// KeyboardInterrupt meets another as soon as its loop jumps back. A signal alone would leave
// the check points between two ticks clear, and the handler would swallow every tick.
void keep_interrupt_pending() {
    while (!g_batch_over.load(std::memory_order_relaxed)) {
        if (g_in_eval.load(std::memory_order_relaxed) &&
            g_cpu_ticks.load(std::memory_order_relaxed) > 0)
            PyErr_SetInterrupt();
        else
            std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
}

void set_timer(int which, long first_micros, long repeat_micros) {
    itimerval t = {};
    t.it_value.tv_sec = first_micros / 1'000'000;
    t.it_value.tv_usec = first_micros % 1'000'000;
    t.it_interval.tv_sec = repeat_micros / 1'000'000;
    t.it_interval.tv_usec = repeat_micros % 1'000'000;
    setitimer(which, &t, nullptr);
}

void install_handler(int signum, void (*handler)(int)) {
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signum, &action, nullptr);
}

std::string type_name_of(PyObject *exc) {
    return Py_TYPE(exc)->tp_name;
}

// What compile() may raise for source: the SyntaxError family, and MemoryError or
// RecursionError for what is too big or too deep; UnicodeDecodeError as the front end's own
// tests allow it (CPython decodes an "invalid character" strictly).
bool is_compile_error(PyObject *exc) {
    PyObject *type = reinterpret_cast<PyObject *>(Py_TYPE(exc));
    return PyErr_GivenExceptionMatches(type, PyExc_SyntaxError) ||
           PyErr_GivenExceptionMatches(type, PyExc_MemoryError) ||
           PyErr_GivenExceptionMatches(type, PyExc_RecursionError) ||
           PyErr_GivenExceptionMatches(type, PyExc_UnicodeDecodeError);
}

// str() of the exception, as a traceback would print it; an error there (a user __str__ that
// raises) is itself only cleared.
void touch_exception(PyObject *exc) {
    PyObject *text = PyObject_Str(exc);
    if (text == nullptr) PyErr_Clear();
    Py_XDECREF(text);
}

// One program from start-up to shutdown; the outcome word for the report.
std::string run_program(const std::string &source, const char *allocator) {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.allocator = allocator;
    config.leak_check = 1;
    config.memory_limit = kMemoryLimit;
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) return "bad:start-up";
    std::string outcome;
    PyObject *code = Py_CompileString(source.c_str(), "fuzz.py", Py_file_input);
    if (code == nullptr) {
        PyObject *exc = PyErr_GetRaisedException();
        if (exc == nullptr) {
            outcome = "bad:compile-failed-without-exception";
        } else {
            outcome = (is_compile_error(exc) ? "compile:" : "bad:compile:") + type_name_of(exc);
            touch_exception(exc);
            Py_DECREF(exc);
        }
    } else {
        PyObject *main_module = PyImport_AddModule("__main__");
        PyObject *globals = main_module != nullptr ? PyModule_GetDict(main_module) : nullptr;
        if (globals == nullptr) {
            outcome = "bad:no-__main__";
            PyErr_Clear();
        } else {
            g_in_eval.store(true, std::memory_order_relaxed);
            set_timer(ITIMER_PROF, kCpuBudgetMicros, kCpuTickMicros);
            PyObject *result = PyEval_EvalCode(code, globals, globals);
            set_timer(ITIMER_PROF, 0, 0);
            g_in_eval.store(false, std::memory_order_relaxed);
            if (result != nullptr) {
                outcome = "ok";
                Py_DECREF(result);
            } else {
                PyObject *exc = PyErr_GetRaisedException();
                if (exc == nullptr) {
                    outcome = "bad:failed-without-exception";
                } else {
                    outcome = "raise:" + type_name_of(exc);
                    touch_exception(exc);
                    Py_DECREF(exc);
                }
            }
        }
        Py_DECREF(code);
    }
    // An interrupt the timers set after the program returned is not the next program's.
    if (PyErr_CheckSignals() < 0) PyErr_Clear();
    if (PyErr_Occurred()) {
        outcome = "bad:exception-left-set";
        PyErr_Clear();
    }
    if (Py_FinalizeEx() < 0) outcome = "bad:finalize";
    minipy_leak_report leaks;
    if (minipy_get_leak_report(&leaks) != 1)
        outcome = "bad:no-leak-report";
    else if (leaks.mem_blocks != 0 || leaks.obj_blocks != 0)
        outcome = "leak:" + std::to_string(leaks.mem_blocks) + "+" +
                  std::to_string(leaks.obj_blocks) + "-blocks";
    return outcome;
}

// Runs `count` programs, program(i) for i in [first, first + count), and reports each.
template <typename MakeProgram>
int run_batch(std::uint64_t first, std::uint64_t count, MakeProgram program_at) {
    const char *env_allocator = std::getenv("PYTHONMALLOC");
    const char *allocator =
        env_allocator != nullptr && env_allocator[0] != '\0' ? env_allocator : "default";
    // The programs print to nowhere and read an empty stdin; files they might write land in a
    // scratch directory that goes away with the batch.
    g_report_fd = dup(1);
    std::FILE *null_out = std::freopen("/dev/null", "w", stdout);
    std::FILE *null_in = std::freopen("/dev/null", "r", stdin);
    if (g_report_fd < 0 || null_out == nullptr || null_in == nullptr) return 2;
    char scratch[] = "/tmp/minipy_run_fuzz.XXXXXX";
    if (mkdtemp(scratch) == nullptr || chdir(scratch) != 0) return 2;
    install_handler(SIGPROF, on_cpu_tick);
    install_handler(SIGALRM, on_wall_tick);
    std::thread interrupter(keep_interrupt_pending);
    for (std::uint64_t i = first; i < first + count; ++i) {
        const minipy::test::FuzzProgram program = program_at(i);
        report("start " + std::to_string(i));
        g_cpu_ticks.store(0, std::memory_order_relaxed);
        g_wall_ticks.store(0, std::memory_order_relaxed);
        g_running.store(static_cast<long>(i), std::memory_order_relaxed);
        set_timer(ITIMER_REAL, kWallBudgetMicros, kWallTickMicros);
        const std::string outcome = run_program(program.source, allocator);
        set_timer(ITIMER_REAL, 0, 0);
        g_running.store(-1, std::memory_order_relaxed);
        report("done " + std::to_string(i) + " " + minipy::test::program_kind_name(program.kind) +
               "|" + outcome);
    }
    g_batch_over.store(true, std::memory_order_relaxed);
    interrupter.join();
    if (chdir("/") == 0) {
        std::error_code ignored;
        std::filesystem::remove_all(scratch, ignored);
    }
    report("finished");
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc == 5 && std::strcmp(argv[1], "run") == 0) {
        const std::vector<std::string> corpus = minipy::test::load_run_fuzz_corpus();
        const std::uint64_t seed = std::strtoull(argv[2], nullptr, 10);
        return run_batch(
            std::strtoull(argv[3], nullptr, 10), std::strtoull(argv[4], nullptr, 10),
            [&](std::uint64_t i) { return minipy::test::make_fuzz_program(seed, i, corpus); });
    }
    if (argc == 3 && std::strcmp(argv[1], "file") == 0) {
        std::ifstream in(argv[2], std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        return run_batch(0, 1, [&](std::uint64_t) {
            return minipy::test::FuzzProgram{minipy::test::ProgramKind::corpus, source};
        });
    }
    if (argc == 4 && std::strcmp(argv[1], "show") == 0) {
        const std::vector<std::string> corpus = minipy::test::load_run_fuzz_corpus();
        const std::string source =
            minipy::test::make_fuzz_program(std::strtoull(argv[2], nullptr, 10),
                                            std::strtoull(argv[3], nullptr, 10), corpus)
                .source;
        std::fwrite(source.data(), 1, source.size(), stdout);
        return 0;
    }
    std::fprintf(stderr,
                 "usage: %s run SEED FIRST COUNT | show SEED INDEX | file PATH\n"
                 "(tests/interp/run_fuzz_main.cpp; the test is interp.run_fuzz)\n",
                 argv[0]);
    return 2;
}
