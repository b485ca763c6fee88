// minipy_alloc_churn_compare: the churn window of workloads.hpp, pymalloc against glibc's
// malloc, CPython 3.11's pymalloc and whatever else is present: time ratios measured
// interleaved, and peak RSS measured one process per allocator.
//
//   minipy_alloc_churn_compare [--rounds <r>] [--steps <s>] [--quick] [--all]
//                              [--allocators <a,b,...>] [--driver write|read|both]
//                              [--no-rss] [--per-round]
//
// Time: each round runs the same churn (same stream, fill and drain untimed) on every
// allocator, in an order that rotates from round to round, with each driver of
// workloads.hpp (the plain churn, and the one that reads each block before freeing it);
// the figures are medians of the per-round ratios, with their quartiles, because on a
// noisy machine a whole round can run slow and only a ratio taken inside one round cancels
// that. A second table gives, for every pymalloc geometry in the run (pymalloc-4k, pymalloc-16k:
// allocators.hpp), each other allocator's time over that geometry's.
//
// Peak RSS: the program re-executes itself (`--rss-child <allocator> <steps>`) once per
// allocator. The child loads only that allocator, generates the stream, notes its RSS
// high-water mark, fills the window and runs the steps; the parent takes the child's
// ru_maxrss from wait4(). A fresh process per allocator, rather than fork() alone, so that
// no allocator inherits pages or a heap from another. Linux carries ru_maxrss across fork
// and exec (it is the larger of the parent's at fork time and the child's own), so the
// children run first, while the parent is still small, and each child also reports its
// own VmHWM (per address space, new at exec) before and after the churn: the figures are
// printed side by side, and a peak at the parent's floor would show as a mismatch.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "alloc/allocators.hpp"
#include "alloc/measure.hpp"
#include "alloc/process.hpp"
#include "alloc/workloads.hpp"

namespace {

using namespace minipy::bench;

struct Options {
    int rounds = 21;
    std::size_t steps = 1000000;
    bool all = false;
    std::string only;  // --allocators a,b,c: just these (pymalloc is always first)
    bool rss = true;
    bool per_round = false;
    std::vector<ChurnDriver> drivers = {ChurnDriver::write, ChurnDriver::read};
};

bool is_pymalloc(const std::string &name) {
    return name.rfind("pymalloc", 0) == 0;
}

std::string ratio_cell(const std::vector<double> &r) {
    char cell[64];
    std::snprintf(cell, sizeof cell, "%.2f (%.2f-%.2f)", median(r), quantile(r, 0.25),
                  quantile(r, 0.75));
    return cell;
}

// VmHWM of /proc/self/status: this address space's RSS high-water mark, in KiB (-1 if
// unreadable).
long vm_hwm_kib() {
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f) != nullptr)
        if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
}

// The child of the peak-RSS measurement: prints "<VmHWM before> <VmHWM after>" and exits.
int rss_child(const char *name, std::size_t steps) {
    std::string why;
    const Allocator *a = load_allocator(name, &why);
    if (a == nullptr) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 3;
    }
    const ChurnStream stream = make_churn_stream(steps);
    std::vector<void *> slots(kChurnLive);
    if (a->activate != nullptr) a->activate();
    const long baseline = vm_hwm_kib();
    const Dynamic d(*a);
    churn_fill(d, stream, slots.data());
    churn_steps(d, stream.steps.data(), stream.steps.size(), slots.data());
    std::printf("%ld %ld\n", baseline, vm_hwm_kib());
    return 0;  // no drain: the peak is behind us, and exit gives everything back
}

struct RssFigures {
    bool ok = false;
    long peak_kib = 0;      // ru_maxrss from wait4
    long baseline_kib = 0;  // the child's VmHWM before filling the window
    long hwm_kib = 0;       // the child's VmHWM after the last step
};

RssFigures measure_rss(const std::string &name, std::size_t steps) {
    RssFigures r;
    rusage ru{};
    const std::optional<std::string> out =
        run_self({"minipy_alloc_churn_compare", "--rss-child", name, std::to_string(steps)}, &ru);
    if (!out) return r;
    r.peak_kib = ru.ru_maxrss;
    r.ok = std::sscanf(out->c_str(), "%ld %ld", &r.baseline_kib, &r.hwm_kib) == 2;
    return r;
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--rounds") == 0 && has_value) {
            o.rounds = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--steps") == 0 && has_value) {
            o.steps = std::strtoul(argv[++i], nullptr, 10);
        } else if (std::strcmp(argv[i], "--quick") == 0) {
            o.rounds = 5;
            o.steps = 300000;
        } else if (std::strcmp(argv[i], "--allocators") == 0 && i + 1 < argc) {
            o.only = argv[++i];
        } else if (std::strcmp(argv[i], "--all") == 0) {
            o.all = true;
        } else if (std::strcmp(argv[i], "--driver") == 0 && has_value) {
            const std::string d = argv[++i];
            if (d == "write")
                o.drivers = {ChurnDriver::write};
            else if (d == "read")
                o.drivers = {ChurnDriver::read};
            else if (d != "both")
                o.drivers.clear();  // reported below
        } else if (std::strcmp(argv[i], "--no-rss") == 0) {
            o.rss = false;
        } else if (std::strcmp(argv[i], "--per-round") == 0) {
            o.per_round = true;
        } else {
            std::fprintf(stderr,
                         "usage: %s [--rounds <r>] [--steps <s>] [--quick] [--all] "
                         "[--allocators <a,b,...>] [--driver write|read|both] [--no-rss] "
                         "[--per-round]\n",
                         argv[0]);
            std::exit(2);
        }
    }
    if (o.rounds < 1 || o.steps < 1 || o.drivers.empty()) {
        std::fprintf(stderr, "rounds and steps must be positive, --driver write, read or both\n");
        std::exit(2);
    }
    return o;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc == 4 && std::strcmp(argv[1], "--rss-child") == 0)
        return rss_child(argv[2], std::strtoul(argv[3], nullptr, 10));
    reexec_for_jemalloc_tls(argv);
    const Options o = parse(argc, argv);
    const AllocatorSet &set = all_allocators();
    std::vector<const Allocator *> allocators;
    for (const Allocator &a : set.available)
        if (wanted(a, o.all, o.only)) allocators.push_back(&a);

    // Peak RSS first, while this process is small (see the top of the file).
    std::vector<RssFigures> rss(allocators.size());
    for (std::size_t i = 0; o.rss && i < allocators.size(); i++)
        rss[i] = measure_rss(allocators[i]->name, o.steps);

    const ChurnStream stream = make_churn_stream(o.steps);
    std::vector<void *> slots(kChurnLive);
    const std::size_t n = allocators.size();
    // ns per step: [driver][allocator][round]
    std::vector<std::vector<std::vector<double>>> ns(o.drivers.size(),
                                                     std::vector<std::vector<double>>(n));
    for (int round = 0; round < o.rounds; round++) {
        for (std::size_t k = 0; k < n; k++) {
            const std::size_t i = (k + round) % n;
            const Allocator &a = *allocators[i];
            for (std::size_t dd = 0; dd < o.drivers.size(); dd++) {
                // Alternate which driver goes first, too.
                const std::size_t d = (dd + round) % o.drivers.size();
                if (a.activate != nullptr) a.activate();
                const Dynamic dyn(a);
                churn_fill(dyn, stream, slots.data());
                const double t = elapsed_ns([&] {
                    run_churn_steps(o.drivers[d], dyn, stream.steps.data(), stream.steps.size(),
                                    slots.data());
                });
                churn_drain(dyn, slots.data());
                settle_heap();
                ns[d][i].push_back(t / static_cast<double>(o.steps));
            }
        }
        if (o.per_round) {
            std::printf("round %2d:", round + 1);
            for (std::size_t d = 0; d < o.drivers.size(); d++)
                for (std::size_t i = 0; i < n; i++)
                    std::printf("  %s%s %.1f", allocators[i]->name.c_str(),
                                o.drivers[d] == ChurnDriver::read ? "/read" : "", ns[d][i].back());
            std::printf("\n");
        }
    }

    for (std::size_t d = 0; d < o.drivers.size(); d++) {
        std::printf(
            "%s: %zu live blocks, %zu steps per run (free a random block, malloc 1..%zu B,\n"
            "write its first byte), %d rounds, allocators interleaved\n\n",
            churn_driver_name(o.drivers[d]), kChurnLive, o.steps, kChurnMaxSize, o.rounds);
        std::printf("%-22s %10s %22s %18s %10s\n", "allocator", "ns/step", "ratio to pymalloc",
                    "quartiles", "pymalloc");
        std::printf("%-22s %10s %22s %18s %10s\n", "", "(median)", "(median per round)", "",
                    "faster in");
        for (std::size_t i = 0; i < n; i++) {
            std::printf("%-22s %10.1f", allocators[i]->name.c_str(), median(ns[d][i]));
            if (i == 0) {
                std::printf("\n");
                continue;
            }
            const std::vector<double> r = ratios(ns[d][i], ns[d][0]);
            int faster = 0;
            for (double x : r) faster += x > 1.0 ? 1 : 0;
            std::printf(" %22.2f %8.2f .. %-7.2f %4d of %d\n", median(r), quantile(r, 0.25),
                        quantile(r, 0.75), faster, o.rounds);
        }
        // Each pymalloc geometry against every other allocator: other / geometry per round.
        std::vector<std::size_t> layouts, others;
        for (std::size_t i = 0; i < n; i++)
            (is_pymalloc(allocators[i]->name) ? layouts : others).push_back(i);
        if (layouts.size() > 1 && !others.empty()) {
            std::printf("\n%-22s", "other / this");
            for (std::size_t j : others) std::printf(" %20s", allocators[j]->name.c_str());
            std::printf("\n");
            for (std::size_t l : layouts) {
                std::printf("%-22s", allocators[l]->name.c_str());
                for (std::size_t j : others)
                    std::printf(" %20s", ratio_cell(ratios(ns[d][j], ns[d][l])).c_str());
                std::printf("\n");
            }
        }
        std::printf("\n");
    }

    if (o.rss) {
        std::printf(
            "\npeak RSS, one process per allocator, same stream (KiB; ru_maxrss from "
            "wait4)\n");
        std::printf("%-14s %12s %12s %14s %16s %10s\n", "allocator", "peak", "VmHWM",
                    "before churn", "churn (peak-b.)", "vs malloc");
        long malloc_churn = 0;
        for (std::size_t i = 0; i < allocators.size(); i++)
            if (allocators[i]->name == "malloc")
                malloc_churn = rss[i].peak_kib - rss[i].baseline_kib;
        for (std::size_t i = 0; i < allocators.size(); i++) {
            const RssFigures &r = rss[i];
            if (!r.ok) {
                std::printf("%-14s %12s\n", allocators[i]->name.c_str(), "failed");
                continue;
            }
            const long churn = r.peak_kib - r.baseline_kib;
            std::printf("%-14s %12ld %12ld %14ld %16ld", allocators[i]->name.c_str(), r.peak_kib,
                        r.hwm_kib, r.baseline_kib, churn);
            if (malloc_churn > 0)
                std::printf(" %9.2fx",
                            static_cast<double>(churn) / static_cast<double>(malloc_churn));
            std::printf("\n");
        }
    }
    for (const std::string &note : set.notes) std::printf("note: %s\n", note.c_str());
    note_if_unoptimised();
    return 0;
}
