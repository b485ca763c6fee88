// minipy_gil_handoff: what the GIL costs, minipy against CPython 3.11 in the same run.
//
//   minipy_gil_handoff [--rounds <r>] [--quick] [--no-cpython] [--no-python]
//                      [--intervals <us,us,...>] [--timer-slack-ns <ns>] [--per-round]
//
// Both runtimes are started in this process (CPython through dlopen, runtime/cpython_api.hpp)
// and the same C++ loops drive each through its own C API; every figure is measured in each
// of the interleaved rounds, minipy and CPython alternating first, and summarised as the
// median over rounds, the comparisons as the median of per-round ratios cpython / minipy.
//
// 1. Uncontended calls (runtime/gil_ops.hpp): PyGILState_Check, minipy_eval_checkpoint,
//    PyGILState_Ensure/Release with the GIL held, free, and in a thread without a state,
//    PyEval_SaveThread/RestoreThread. ns per call (per pair for the pairs).
// 2. Hand-off between two threads, the GIL released voluntarily (PyEval_SaveThread), two
//    ways:
//    spin     each thread waits for its turn outside the GIL, spinning on an atomic; the
//             holder releases, then passes the turn; the other takes the GIL, which is free
//             by then, releases it and passes the turn back. ns per hand-off = elapsed time
//             / hand-offs: release + take on alternating cores, no sleeping.
//    sleep    the waiter is blocked in PyEval_RestoreThread (asleep on the GIL's condition
//             variable) when the holder releases: the holder waits for the waiter to
//             announce itself and then holds the GIL 30 us more so that it is asleep.
//             Figure: the latency from just before the holder's PyEval_SaveThread to the
//             waiter's return from PyEval_RestoreThread, median over hand-offs: a futex
//             wake-up and a thread scheduled on the other core, what a thread waiting for
//             the GIL behind a blocking call sees.
// 3. Forced switching at check points (minipy only in-process): two threads hold the GIL in
//    turn, each spinning with minipy_eval_checkpoint() in its loop and flipping a shared
//    turn whenever it finds the turn its own, for a fixed time at several switch intervals.
//    The waiter asks for the GIL after one interval and the holder hands it over at its
//    next check point, so a hand-off costs one interval plus the switch itself; the figure
//    is ns per hand-off (elapsed / turn flips) and the part above the interval. CPython's
//    counterpart is the same loop in Python threads with sys.setswitchinterval
//    (bench/runtime/cpython_gil_pingpong.py), run by python3 as a child in each round,
//    timed by itself, unless --no-python.
//    Linux lets a timed wait end up to the thread's timer slack late (50 us by default),
//    and a waiter's first wait is a timed one: --timer-slack-ns sets the slack
//    (prctl(PR_SET_TIMERSLACK)) before any thread starts; threads and the python3 children
//    inherit it, so both runtimes run with it.
#include <sched.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "alloc/measure.hpp"
#include "minipy/Python.h"
#include "runtime/cpython_api.hpp"
#include "runtime/gil_ops.hpp"

namespace {

using namespace minipy::bench;
using Clock = std::chrono::steady_clock;

struct Options {
    int rounds = 7;
    long uncontended_calls = 1000000;
    long new_state_calls = 100000;  // ensure-new creates and frees a state per pair
    long spin_trips = 100000;       // round trips (two hand-offs each)
    long sleep_trips = 1000;
    std::vector<unsigned long> intervals_us = {1, 100, 1000, 5000};
    double min_seconds = 0.2;  // per check-point run; at least 60 intervals
    bool cpython = true;
    bool python = true;
    bool per_round = false;
    long timer_slack_ns = 0;  // 0: leave the default
};

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

// Spins until `cell` holds `value`: pause first, then give the core away, so that a waiter
// never keeps the other thread from running on a busy two-core machine.
template <class T>
void wait_for(const std::atomic<T> &cell, T value) {
    for (int spins = 0; cell.load(std::memory_order_acquire) != value; spins++) {
        if (spins < 2000)
            cpu_relax();
        else
            sched_yield();
    }
}

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// --- 2. Hand-off: spin ----------------------------------------------------------------------

// Called by the main thread holding the GIL; returns ns per hand-off.
template <class Api>
double spin_handoffs(const Api &api, long trips) {
    std::atomic<long> turn{-1};  // 2i: the main thread's turn, 2i + 1: the worker's
    std::thread worker([&] {
        const int state = api.ensure();  // blocks until the main thread lets go
        void *mine = api.save();
        turn.store(0, std::memory_order_release);
        for (long i = 0; i < trips; i++) {
            wait_for(turn, 2 * i + 1);
            api.restore(mine);
            mine = api.save();
            turn.store(2 * i + 2, std::memory_order_release);
        }
        api.restore(mine);
        api.release(state);
    });
    void *mine = api.save();
    wait_for(turn, 0L);
    const double ns = elapsed_ns([&] {
        for (long i = 0; i < trips; i++) {
            wait_for(turn, 2 * i);
            api.restore(mine);
            mine = api.save();
            turn.store(2 * i + 1, std::memory_order_release);
        }
        wait_for(turn, 2 * trips);
    });
    worker.join();
    api.restore(mine);
    return ns / static_cast<double>(2 * trips);
}

// --- 2. Hand-off: sleeping waiter -----------------------------------------------------------

constexpr std::int64_t kLetItSleepNs = 30000;

struct Baton {
    std::atomic<long> asking{-1};   // hand-off k: the waiter is about to block in restore
    std::atomic<long> holding{-1};  // hand-off k: the waiter got the GIL
    std::atomic<std::int64_t> released_at{0};
};

// The holder's side of hand-off k: wait until the other thread asks, let it fall asleep,
// release; then wait until it holds the GIL, ask for hand-off k + 1 and block for it.
template <class Api>
void give_and_wait(const Api &api, Baton &b, long k, void *&mine) {
    wait_for(b.asking, k);
    const std::int64_t until = now_ns() + kLetItSleepNs;
    while (now_ns() < until) cpu_relax();
    b.released_at.store(now_ns(), std::memory_order_release);
    mine = api.save();
    wait_for(b.holding, k);
    b.asking.store(k + 1, std::memory_order_release);
}

// The waiter's side once restore returned: note the latency of hand-off k.
void got_it(Baton &b, long k, std::vector<double> &latencies) {
    const std::int64_t got = now_ns();
    if (k > 0)  // hand-off 0 also creates the worker's thread state: not a plain hand-off
        latencies.push_back(
            static_cast<double>(got - b.released_at.load(std::memory_order_acquire)));
    b.holding.store(k, std::memory_order_release);
}

// Called by the main thread holding the GIL; returns the latency of each hand-off (ns).
// Hand-off k goes from the main thread to the worker when k is even, back when k is odd.
template <class Api>
std::vector<double> sleeping_handoffs(const Api &api, long trips) {
    Baton b;
    std::vector<double> to_worker, to_main;
    to_worker.reserve(static_cast<std::size_t>(trips));
    to_main.reserve(static_cast<std::size_t>(trips));
    std::thread worker([&] {
        b.asking.store(0, std::memory_order_release);
        const int state = api.ensure();
        got_it(b, 0, to_worker);
        void *mine = nullptr;
        for (long k = 1; k < 2 * trips; k += 2) {
            give_and_wait(api, b, k, mine);  // hand-off k: worker -> main
            if (k + 1 == 2 * trips) break;   // the main thread keeps the last one
            api.restore(mine);
            got_it(b, k + 1, to_worker);
        }
        api.restore(mine);  // blocks until the main thread lets go at the end
        api.release(state);
    });
    void *mine = nullptr;
    for (long k = 0; k < 2 * trips; k += 2) {
        give_and_wait(api, b, k, mine);  // hand-off k: main -> worker
        api.restore(mine);
        got_it(b, k + 1, to_main);
    }
    mine = api.save();
    worker.join();
    api.restore(mine);
    to_worker.insert(to_worker.end(), to_main.begin(), to_main.end());
    return to_worker;
}

// --- 3. Forced switching at check points (minipy) -------------------------------------------

struct SwitchFigures {
    double ns_per_handoff = 0;
    long handoffs = 0;
    std::uint64_t drop_requests = 0;
    std::uint64_t switches = 0;
};

SwitchFigures checkpoint_handoffs(unsigned long interval_us, double seconds) {
    _PyEval_SetSwitchInterval(interval_us);
    std::atomic<int> turn{0};
    std::atomic<int> ready{0};
    std::atomic<bool> stop{false};
    std::atomic<long> flips{0};
    auto body = [&](int me) {
        const PyGILState_STATE state = PyGILState_Ensure();
        ready.fetch_add(1, std::memory_order_relaxed);
        while (!stop.load(std::memory_order_relaxed)) {
            // Only the GIL holder runs here: a plain read-then-write is enough.
            if (turn.load(std::memory_order_relaxed) == me) {
                turn.store(1 - me, std::memory_order_relaxed);
                flips.fetch_add(1, std::memory_order_relaxed);
            }
            minipy_eval_checkpoint();
        }
        PyGILState_Release(state);
    };
    SwitchFigures f;
    Py_BEGIN_ALLOW_THREADS std::thread a(body, 0);
    std::thread b(body, 1);
    while (ready.load() < 2) std::this_thread::sleep_for(std::chrono::microseconds(50));
    minipy_gil_stats before{}, after{};
    minipy_gil_get_stats(&before);
    const long flips_before = flips.load();
    const auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const long flips_after = flips.load();
    const auto stop_time = Clock::now();
    minipy_gil_get_stats(&after);
    stop = true;
    a.join();
    b.join();
    f.handoffs = flips_after - flips_before;
    f.ns_per_handoff = std::chrono::duration<double, std::nano>(stop_time - start).count() /
                       static_cast<double>(f.handoffs > 0 ? f.handoffs : 1);
    f.drop_requests = after.drop_requests - before.drop_requests;
    f.switches = after.switches - before.switches;
    Py_END_ALLOW_THREADS _PyEval_SetSwitchInterval(5000);
    return f;
}

// Runs the Python counterpart; ns per hand-off, or a negative value when it failed.
double python_checkpoint_handoffs(unsigned long interval_us, double seconds) {
    const std::string command = std::string("'") + python3_path() + "' '" + bench_source_dir() +
                                "/runtime/cpython_gil_pingpong.py' --interval-us " +
                                std::to_string(interval_us) + " --seconds " +
                                std::to_string(seconds);
    std::FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return -1;
    char line[256] = {};
    double ns = -1;
    while (std::fgets(line, sizeof line, pipe) != nullptr)
        std::sscanf(line, "ns_per_handoff %lf", &ns);
    if (pclose(pipe) != 0) return -1;
    return ns;
}

// --- Options and output -----------------------------------------------------------------------

std::vector<unsigned long> parse_list(const char *text) {
    std::vector<unsigned long> values;
    for (const char *p = text; *p != '\0';) {
        char *end = nullptr;
        const unsigned long v = std::strtoul(p, &end, 10);
        if (end == p || v == 0) {
            std::fprintf(stderr, "bad interval list: %s\n", text);
            std::exit(2);
        }
        values.push_back(v);
        p = *end == ',' ? end + 1 : end;
        if (*end != ',' && *end != '\0') {
            std::fprintf(stderr, "bad interval list: %s\n", text);
            std::exit(2);
        }
    }
    return values;
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--rounds") == 0 && has_value) {
            o.rounds = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--quick") == 0) {
            o.rounds = 3;
            o.uncontended_calls = 200000;
            o.new_state_calls = 20000;
            o.spin_trips = 20000;
            o.sleep_trips = 300;
            o.min_seconds = 0.05;
        } else if (std::strcmp(argv[i], "--no-cpython") == 0) {
            o.cpython = false;
            o.python = false;
        } else if (std::strcmp(argv[i], "--no-python") == 0) {
            o.python = false;
        } else if (std::strcmp(argv[i], "--intervals") == 0 && has_value) {
            o.intervals_us = parse_list(argv[++i]);
        } else if (std::strcmp(argv[i], "--per-round") == 0) {
            o.per_round = true;
        } else if (std::strcmp(argv[i], "--timer-slack-ns") == 0 && has_value) {
            o.timer_slack_ns = std::atol(argv[++i]);
        } else {
            std::fprintf(
                stderr,
                "usage: %s [--rounds <r>] [--quick] [--no-cpython] [--no-python]\n"
                "          [--intervals <us,us,...>] [--timer-slack-ns <ns>] [--per-round]\n",
                argv[0]);
            std::exit(2);
        }
    }
    if (o.rounds < 1) {
        std::fprintf(stderr, "rounds must be positive\n");
        std::exit(2);
    }
    return o;
}

// Figures of one measurement for minipy (m) and CPython (c), one entry per round.
struct Pair {
    std::string name;
    std::vector<double> m, c;
};

void print_pair(const Pair &p, const char *unit) {
    std::printf("%-34s %10.1f", p.name.c_str(), median(p.m));
    if (p.c.empty()) {
        std::printf(" %12s\n", "-");
        return;
    }
    const std::vector<double> r = ratios(p.c, p.m);
    std::printf(" %12.1f %8.2f (%.2f..%.2f)  %s\n", median(p.c), median(r), quantile(r, 0.25),
                quantile(r, 0.75), unit);
}

}  // namespace

int main(int argc, char **argv) {
    const Options o = parse(argc, argv);
    std::vector<std::string> notes;
    std::string why;
    const CPythonApi *py = nullptr;
    if (o.cpython) {
        py = load_cpython(&why);
        if (py == nullptr) notes.push_back(why);
    }
    bool python = o.python;
    if (python && python3_path()[0] == '\0') {
        notes.push_back("python3 was not found at configure time: no CPython check-point figures");
        python = false;
    }
    if (o.timer_slack_ns > 0 &&
        prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(o.timer_slack_ns), 0, 0, 0) != 0) {
        std::perror("prctl(PR_SET_TIMERSLACK)");
        return 1;
    }
    make_process_multithreaded();  // gil_ops.hpp: the figures of a threaded program
    if (!start_minipy_runtime(0.0, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    if (py != nullptr && !start_cpython_runtime(*py, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    const MinipyGil minipy_gil;

    std::vector<Pair> calls;
    for (GilOp op : kGilOps) calls.push_back({gil_op_name(op), {}, {}});
    Pair spin{"spin: ns per hand-off", {}, {}};
    Pair sleep{"sleep: wake-up latency, median", {}, {}};
    Pair sleep_q3{"sleep: wake-up latency, 3rd quartile", {}, {}};
    std::vector<Pair> forced;
    std::vector<std::vector<double>> forced_requests(o.intervals_us.size());
    for (unsigned long us : o.intervals_us)
        forced.push_back({"check points, interval " + std::to_string(us) + " us", {}, {}});

    const bool progress = isatty(STDERR_FILENO) != 0;
    for (int round = 0; round < o.rounds; round++) {
        if (progress) std::fprintf(stderr, "\rround %d of %d", round + 1, o.rounds);
        const bool minipy_first = round % 2 == 0;
        for (std::size_t i = 0; i < std::size(kGilOps); i++) {
            const GilOp op = kGilOps[i];
            const long n = op == GilOp::ensure_new ? o.new_state_calls : o.uncontended_calls;
            for (int side = 0; side < 2; side++) {
                const bool run_minipy = (side == 0) == minipy_first;
                if (run_minipy) {
                    calls[i].m.push_back(elapsed_ns([&] { run_minipy_gil_op(op, n); }) /
                                         static_cast<double>(n));
                } else if (py != nullptr && op != GilOp::checkpoint) {
                    calls[i].c.push_back(elapsed_ns([&] { run_cpython_gil_op(*py, op, n); }) /
                                         static_cast<double>(n));
                }
            }
        }
        // Spin first for both runtimes, then sleep: a spin run right after a sleep run was
        // slower, whichever runtime it measured (wake-ups leave both threads on one core?).
        for (int side = 0; side < 2; side++) {
            const bool run_minipy = (side == 0) == minipy_first;
            if (run_minipy)
                spin.m.push_back(spin_handoffs(minipy_gil, o.spin_trips));
            else if (py != nullptr)
                spin.c.push_back(spin_handoffs(CPythonGil{*py}, o.spin_trips));
        }
        for (int side = 0; side < 2; side++) {
            const bool run_minipy = (side == 0) == minipy_first;
            std::vector<double> l;
            if (run_minipy)
                l = sleeping_handoffs(minipy_gil, o.sleep_trips);
            else if (py != nullptr)
                l = sleeping_handoffs(CPythonGil{*py}, o.sleep_trips);
            else
                continue;
            (run_minipy ? sleep.m : sleep.c).push_back(median(l));
            (run_minipy ? sleep_q3.m : sleep_q3.c).push_back(quantile(l, 0.75));
        }
        for (std::size_t i = 0; i < o.intervals_us.size(); i++) {
            const unsigned long us = o.intervals_us[i];
            double seconds = 60e-6 * static_cast<double>(us);
            if (seconds < o.min_seconds) seconds = o.min_seconds;
            for (int side = 0; side < 2; side++) {
                const bool run_minipy = (side == 0) == minipy_first;
                if (run_minipy) {
                    const SwitchFigures f = checkpoint_handoffs(us, seconds);
                    forced[i].m.push_back(f.ns_per_handoff);
                    forced_requests[i].push_back(
                        static_cast<double>(f.drop_requests) /
                        static_cast<double>(f.handoffs > 0 ? f.handoffs : 1));
                } else if (python) {
                    const double ns = python_checkpoint_handoffs(us, seconds);
                    if (ns > 0) forced[i].c.push_back(ns);
                }
            }
        }
        if (o.per_round) {
            std::printf("round %d:", round + 1);
            for (const Pair &p : calls)
                std::printf(" %s %.1f/%.1f", p.name.c_str(), p.m.back(),
                            p.c.empty() ? 0.0 : p.c.back());
            std::printf(" spin %.0f/%.0f sleep %.0f/%.0f", spin.m.back(),
                        spin.c.empty() ? 0.0 : spin.c.back(), sleep.m.back(),
                        sleep.c.empty() ? 0.0 : sleep.c.back());
            for (const Pair &p : forced)
                std::printf(" | %.0f/%.0f", p.m.back(), p.c.empty() ? 0.0 : p.c.back());
            std::printf("\n");
        }
    }
    if (progress) std::fprintf(stderr, "\r%*s\r", 24, "");

    std::printf(
        "GIL costs, minipy against CPython 3.11 (in this process through dlopen; check points:\n"
        "python3 threads), %d interleaved rounds: medians over rounds, and the median of\n"
        "per-round ratios cpython / minipy with quartiles (above 1: minipy is faster)\n\n",
        o.rounds);
    std::printf("%-34s %10s %12s %22s\n", "uncontended call (ns per call/pair)", "minipy",
                "cpython", "cpython / minipy");
    for (const Pair &p : calls) print_pair(p, "");
    std::printf("\n%-34s %10s %12s %22s\n", "hand-off between two threads (ns)", "minipy",
                "cpython", "cpython / minipy");
    print_pair(spin, "");
    print_pair(sleep, "");
    print_pair(sleep_q3, "");
    std::printf("\n%-34s %10s %12s %22s\n", "forced switching (ns per hand-off)", "minipy",
                "python3", "python3 / minipy");
    for (std::size_t i = 0; i < forced.size(); i++) {
        print_pair(forced[i], "");
        const double interval_ns = 1000.0 * static_cast<double>(o.intervals_us[i]);
        std::printf("%-34s %10.1f", "  minus the interval", median(forced[i].m) - interval_ns);
        if (forced[i].c.empty())
            std::printf(" %12s", "-");
        else
            std::printf(" %12.1f", median(forced[i].c) - interval_ns);
        std::printf("   (minipy: %.2f drop requests per hand-off)\n", median(forced_requests[i]));
    }
    std::printf(
        "\nspin: each thread waits for its turn outside the GIL, then takes it (free) and gives "
        "it\nback; sleep: the waiter is asleep in PyEval_RestoreThread when the holder releases; "
        "check\npoints: two threads spinning with the GIL, switched by drop requests after one "
        "interval\n(python3: the same loop in Python threads, sys.setswitchinterval).\n");
    for (const std::string &note : notes) std::printf("note: %s\n", note.c_str());
    note_if_unoptimised();
    Py_FinalizeEx();
    return 0;
}
