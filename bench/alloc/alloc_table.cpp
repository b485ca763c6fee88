// minipy_alloc_table: the README's first benchmark. One run, a few seconds, one table:
// for each workload the time per operation of pymalloc and of every other allocator
// present, with the ratio to pymalloc, all measured interleaved.
//
//   minipy_alloc_table [--quick] [--all] [--allocators <a,b,...>] [--rounds <r>]
//     --quick       fewer operations and rounds (about a second or two)
//     --all         also the extra allocators (minipy-malloc: minipy's domains over malloc)
//     --allocators  only these, besides pymalloc (names as in allocators.hpp)
//
// Each round runs every workload on every allocator, in an order that rotates from round
// to round; a cell is the median over rounds, its ratio the median of per-round ratios
// (measure.hpp). Only the hot loop is timed: filling and draining the churn window is not.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "alloc/allocators.hpp"
#include "alloc/measure.hpp"
#include "alloc/workloads.hpp"

namespace {

using namespace minipy::bench;

struct Options {
    bool quick = false;
    bool all = false;
    std::string only;  // --allocators a,b,c: just these (pymalloc is always first)
    int rounds = 0;    // 0: the default for the mode
};

struct Workload {
    std::string name;
    double ops;                                    // operations per run
    std::function<double(const Allocator &)> run;  // nanoseconds of the timed part
};

std::vector<Workload> make_workloads(const Options &o, const ChurnStream &stream,
                                     std::vector<void *> &slots) {
    const long pairs = o.quick ? 300000 : 2000000;
    const long unpinned = pairs / 2;
    const long chains = o.quick ? 3000 : 20000;
    std::vector<Workload> w;
    for (std::size_t size : {16, 64, 256, 512}) {
        w.push_back(
            {"LIFO pair " + std::to_string(size) + " B", double(pairs), [=](const Allocator &a) {
                 return elapsed_ns([&] { lifo_pairs(Dynamic(a), size, pairs, true); });
             }});
    }
    w.push_back({"LIFO pair 64 B, unpinned", double(unpinned), [=](const Allocator &a) {
                     return elapsed_ns([&] { lifo_pairs(Dynamic(a), 64, unpinned, false); });
                 }});
    w.push_back({"churn step (1e5 live)", double(stream.steps.size()),
                 [&stream, &slots](const Allocator &a) {
                     const Dynamic d(a);
                     churn_fill(d, stream, slots.data());
                     const double ns = elapsed_ns([&] {
                         churn_steps(d, stream.steps.data(), stream.steps.size(), slots.data());
                     });
                     churn_drain(d, slots.data());
                     return ns;
                 }});
    w.push_back({"realloc 8 B..64 KiB, each", double(chains) * double(realloc_chain_length()),
                 [=](const Allocator &a) {
                     return elapsed_ns([&] {
                         const Dynamic d(a);
                         for (long i = 0; i < chains; i++) realloc_growth(d);
                     });
                 }});
    return w;
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            o.quick = true;
        } else if (std::strcmp(argv[i], "--allocators") == 0 && i + 1 < argc) {
            o.only = argv[++i];
        } else if (std::strcmp(argv[i], "--all") == 0) {
            o.all = true;
        } else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            o.rounds = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr,
                         "usage: %s [--quick] [--all] [--allocators <a,b,...>] [--rounds <r>]\n",
                         argv[0]);
            std::exit(2);
        }
    }
    if (o.rounds <= 0) o.rounds = o.quick ? 3 : 7;
    return o;
}

}  // namespace

int main(int argc, char **argv) {
    reexec_for_jemalloc_tls(argv);
    const Options o = parse(argc, argv);
    const AllocatorSet &set = all_allocators();
    std::vector<const Allocator *> allocators;
    for (const Allocator &a : set.available)
        if (wanted(a, o.all, o.only)) allocators.push_back(&a);

    const ChurnStream stream = make_churn_stream(o.quick ? 200000 : 1000000);
    std::vector<void *> slots(kChurnLive);
    const std::vector<Workload> workloads = make_workloads(o, stream, slots);

    // ns[w][a] = nanoseconds per operation, one entry per round.
    std::vector<std::vector<std::vector<double>>> ns(
        workloads.size(), std::vector<std::vector<double>>(allocators.size()));
    const bool progress = isatty(STDERR_FILENO) != 0;
    for (int round = 0; round < o.rounds; round++) {
        if (progress) std::fprintf(stderr, "\rround %d of %d", round + 1, o.rounds);
        for (std::size_t w = 0; w < workloads.size(); w++) {
            for (std::size_t k = 0; k < allocators.size(); k++) {
                const std::size_t i = (k + round) % allocators.size();  // rotate the order
                const Allocator &a = *allocators[i];
                if (a.activate != nullptr) a.activate();
                ns[w][i].push_back(workloads[w].run(a) / workloads[w].ops);
                settle_heap();
            }
        }
    }
    if (progress) std::fprintf(stderr, "\r%*s\r", 24, "");

    std::printf(
        "ns per operation, median of %d interleaved rounds; in brackets the median of\n"
        "per-round ratios allocator / pymalloc (above 1: pymalloc is faster)\n\n",
        o.rounds);
    std::printf("%-26s", "workload");
    for (const Allocator *a : allocators) std::printf("%15s", a->name.c_str());
    std::printf("\n");
    for (std::size_t w = 0; w < workloads.size(); w++) {
        std::printf("%-26s", workloads[w].name.c_str());
        for (std::size_t i = 0; i < allocators.size(); i++) {
            const double t = median(ns[w][i]);
            if (i == 0) {
                std::printf("%15.1f", t);  // pymalloc: the reference of every ratio
            } else {
                std::printf("%7.1f (%4.2fx)", t, median(ratios(ns[w][i], ns[w][0])));
            }
        }
        std::printf("\n");
    }
    std::printf(
        "\nLIFO pair: malloc + free of one size with another block of it held; "
        "unpinned: without it\n(each free empties the pool). churn: free a random "
        "block of 100000, malloc 1..512 B,\nwrite its first byte. realloc: n -> n + "
        "n/8 + 8 from 8 B to 64 KiB, time per realloc call.\n");
    for (const std::string &note : set.notes) std::printf("note: %s\n", note.c_str());
    note_if_unoptimised();
    return 0;
}
