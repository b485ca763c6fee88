// minipy_debug_hooks_compare: what the debug hooks cost. For each domain (RAW, MEM, OBJ),
// each underlying allocator (pymalloc, malloc, and CPython 3.11's pymalloc when libpython
// is present) and each workload, the same loop runs with the hooks off and on, interleaved,
// and the figure is the median of the per-round ratios hooks on / hooks off.
//
//   minipy_debug_hooks_compare [--rounds <r>] [--quick] [--no-runtime] [--no-cpython]
//                              [--bases a,b] [--domains raw,mem,obj] [--in-process]
//                              [--per-round]
//
// Each run is a fresh process (the program re-executes itself with --run-child ...): the
// C library's heap keeps the shape every earlier run left it in, whatever is given back
// with malloc_trim, and in one process the figures of the malloc-based set-ups then depend
// on the order of the runs before them (RAW churn with the hooks off varied from 38 to 51
// ns per step between rounds that way). A child sets up, fills, runs the timed loop and
// prints its ns per operation; start-up, the stream and the fill are never timed.
// --in-process runs everything in this process instead (faster, for a quick look).
//
// Variants of one cell (base, domain, workload), all run in every round in an order that
// rotates from round to round:
//   off/runtime  on/runtime    the runtime started: minipy's with config.allocator =
//                              "pymalloc" or "pymalloc_debug" (etc.), CPython's with
//                              Py_InitializeEx(0) after its hooks were set; the MEM and OBJ
//                              hooks call the runtime's GIL check, as in a real program;
//   off/bare     on/bare       no runtime: minipy's allocators set with
//                              _PyMem_SetupAllocators, the hooks find no GIL check registered
//                              and skip it; CPython not initialized, its check answers at once.
// --no-runtime drops the runtime variants; --in-process drops CPython's (it cannot be
// stopped and set up again in one process: allocator_setup.hpp).
//
// Workloads (bench/alloc/workloads.hpp): LIFO pair at 16, 64, 256 and 1024 bytes with one
// block of the size held (1024 is above pymalloc's 512-byte threshold: pymalloc hands it to
// the raw domain), and the churn window (10^5 live blocks; free a random one, malloc 1..512
// bytes in its place). The hooks add 24 bytes to every request, so under pymalloc requests
// of 489..512 bytes leave pymalloc for malloc once the hooks are on, as in CPython.
#include <strings.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "alloc/measure.hpp"
#include "alloc/process.hpp"
#include "alloc/workloads.hpp"
#include "runtime/allocator_setup.hpp"
#include "runtime/cpython_api.hpp"

namespace {

using namespace minipy::bench;

struct Options {
    int rounds = 11;
    long pairs = 400000;
    std::size_t churn_steps = 1000000;
    bool runtime = true;
    bool cpython = true;
    std::string bases = "pymalloc,malloc,cpython";
    std::string domains = "raw,mem,obj";
    bool per_round = false;
    bool in_process = false;
};

enum Variant { kOffRuntime, kOnRuntime, kOffBare, kOnBare, kVariants };

Setup setup_of(Base base, Variant v) {
    return Setup{base, v == kOnRuntime || v == kOnBare, v == kOffRuntime || v == kOnRuntime};
}

struct Workload {
    std::string name;
    std::size_t size;  // pair size; 0 for the churn
};

struct Cell {
    Base base;
    PyMemAllocatorDomain domain;
    std::size_t workload;
    std::vector<Variant> variants;
    std::vector<double> ns[kVariants];  // ns per operation, one entry per round
};

bool listed(const std::string &list, const char *name) {
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        const std::string item =
            list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (strcasecmp(item.c_str(), name) == 0) return true;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return false;
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--rounds") == 0 && has_value) {
            o.rounds = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--quick") == 0) {
            o.rounds = 3;
            o.pairs = 100000;
            o.churn_steps = 200000;
        } else if (std::strcmp(argv[i], "--no-runtime") == 0) {
            o.runtime = false;
        } else if (std::strcmp(argv[i], "--no-cpython") == 0) {
            o.cpython = false;
        } else if (std::strcmp(argv[i], "--bases") == 0 && has_value) {
            o.bases = argv[++i];
        } else if (std::strcmp(argv[i], "--domains") == 0 && has_value) {
            o.domains = argv[++i];
        } else if (std::strcmp(argv[i], "--per-round") == 0) {
            o.per_round = true;
        } else if (std::strcmp(argv[i], "--in-process") == 0) {
            o.in_process = true;
        } else {
            std::fprintf(stderr,
                         "usage: %s [--rounds <r>] [--quick] [--no-runtime] [--no-cpython]\n"
                         "          [--bases pymalloc,malloc,cpython] [--domains raw,mem,obj] "
                         "[--in-process] [--per-round]\n",
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

// Nanoseconds per operation of one run of `w` on `d`; only the hot loop is timed.
double run_workload(const Workload &w, const DomainAllocator &d, const Options &o,
                    const ChurnStream &stream, std::vector<void *> &slots) {
    if (w.size != 0) {
        const double ns = elapsed_ns([&] { lifo_pairs(d, w.size, o.pairs, true); });
        return ns / static_cast<double>(o.pairs);
    }
    churn_fill(d, stream, slots.data());
    const double ns =
        elapsed_ns([&] { churn_steps(d, stream.steps.data(), stream.steps.size(), slots.data()); });
    churn_drain(d, slots.data());
    return ns / static_cast<double>(stream.steps.size());
}

const char *variant_name(Variant v) {
    static const char *const kNames[kVariants] = {"off/rt", "on/rt", "off/bare", "on/bare"};
    return kNames[v];
}

// "12.3" or "-" when the cell has no such variant.
std::string figure(const std::vector<double> &v) {
    if (v.empty()) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", median(v));
    return text;
}

std::string ratio_figure(const std::vector<double> &a, const std::vector<double> &b,
                         bool quartiles) {
    if (a.empty() || b.empty()) return "-";
    const std::vector<double> r = ratios(a, b);
    char text[48];
    if (quartiles)
        std::snprintf(text, sizeof text, "%.2f (%.2f..%.2f)", median(r), quantile(r, 0.25),
                      quantile(r, 0.75));
    else
        std::snprintf(text, sizeof text, "%.2f", median(r));
    return text;
}

// --run-child <setup> <runtime 0|1> <domain> <size, 0: churn> <pairs> <steps>: one run in a
// fresh process; prints ns per operation.
int run_child(char **argv) {
    Setup setup;
    PyMemAllocatorDomain domain;
    if (!parse_setup_name(argv[2], &setup.base, &setup.hooks) || !parse_domain(argv[4], &domain))
        return 2;
    setup.runtime = std::strcmp(argv[3], "1") == 0;
    Options o;
    const Workload w{"", std::strtoul(argv[5], nullptr, 10)};
    o.pairs = std::strtol(argv[6], nullptr, 10);
    o.churn_steps = std::strtoul(argv[7], nullptr, 10);
    const ChurnStream stream = make_churn_stream(w.size == 0 ? o.churn_steps : 0);
    std::vector<void *> slots(kChurnLive);
    std::string why;
    if (!setup_apply(setup, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    const DomainAllocator d(domain_fns(setup.base, domain));
    std::printf("%.6f\n", run_workload(w, d, o, stream, slots));
    setup_undo(setup);
    return 0;
}

// Runs one measurement in a fresh process; ns per operation, or a negative value.
double run_in_child(const Setup &setup, PyMemAllocatorDomain domain, const Workload &w,
                    const Options &o) {
    const std::optional<std::string> out =
        run_self({"minipy_debug_hooks_compare", "--run-child", setup_name(setup.base, setup.hooks),
                  setup.runtime ? "1" : "0", domain_name(domain), std::to_string(w.size),
                  std::to_string(o.pairs), std::to_string(o.churn_steps)});
    double ns = -1;
    if (!out || std::sscanf(out->c_str(), "%lf", &ns) != 1) return -1;
    return ns;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc == 8 && std::strcmp(argv[1], "--run-child") == 0) return run_child(argv);
    const Options o = parse(argc, argv);
    std::vector<std::string> notes;

    std::vector<Base> bases;
    for (Base b : {Base::pymalloc, Base::malloc, Base::cpython}) {
        if (!listed(o.bases, base_name(b))) continue;
        if (b == Base::cpython) {
            std::string why;
            if (!o.cpython) continue;
            if (load_cpython(&why) == nullptr) {
                notes.push_back(why);
                continue;
            }
        }
        bases.push_back(b);
    }
    std::vector<PyMemAllocatorDomain> domains;
    for (PyMemAllocatorDomain d : {PYMEM_DOMAIN_RAW, PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ})
        if (listed(o.domains, domain_name(d))) domains.push_back(d);

    const std::vector<Workload> workloads = {{"pair 16 B", 16},
                                             {"pair 64 B", 64},
                                             {"pair 256 B", 256},
                                             {"pair 1024 B", 1024},
                                             {"churn step", 0}};
    std::vector<Cell> cells;
    for (Base b : bases) {
        for (PyMemAllocatorDomain d : domains) {
            for (std::size_t w = 0; w < workloads.size(); w++) {
                Cell c{b, d, w, {}, {}};
                if (o.runtime && (b != Base::cpython || !o.in_process))
                    c.variants = {kOffRuntime, kOnRuntime};
                c.variants.push_back(kOffBare);
                c.variants.push_back(kOnBare);
                cells.push_back(c);
            }
        }
    }

    const ChurnStream stream = make_churn_stream(o.in_process ? o.churn_steps : 0);
    std::vector<void *> slots(kChurnLive);
    const bool progress = isatty(STDERR_FILENO) != 0;
    for (int round = 0; round < o.rounds; round++) {
        if (progress) std::fprintf(stderr, "\rround %d of %d", round + 1, o.rounds);
        for (Cell &c : cells) {
            const std::size_t n = c.variants.size();
            for (std::size_t k = 0; k < n; k++) {
                const Variant v = c.variants[(k + static_cast<std::size_t>(round)) % n];
                const Setup setup = setup_of(c.base, v);
                if (!o.in_process) {
                    const double ns = run_in_child(setup, c.domain, workloads[c.workload], o);
                    if (ns < 0) {
                        std::fprintf(stderr, "\n%s %s: the child failed\n",
                                     setup_name(c.base, setup.hooks),
                                     setup.runtime ? "(runtime)" : "(bare)");
                        return 1;
                    }
                    c.ns[v].push_back(ns);
                    continue;
                }
                std::string why;
                if (!setup_apply(setup, &why)) {
                    std::fprintf(stderr, "\n%s %s: %s\n", setup_name(c.base, setup.hooks),
                                 setup.runtime ? "(runtime)" : "(bare)", why.c_str());
                    return 1;
                }
                const DomainAllocator d(domain_fns(c.base, c.domain));
                c.ns[v].push_back(run_workload(workloads[c.workload], d, o, stream, slots));
                setup_undo(setup);
            }
            if (o.per_round) {
                std::printf("round %2d %-9s %s %-12s", round + 1, base_name(c.base),
                            domain_name(c.domain), workloads[c.workload].name.c_str());
                for (Variant v : c.variants)
                    std::printf("  %s %.1f", variant_name(v), c.ns[v].back());
                std::printf("\n");
            }
        }
    }
    if (progress) std::fprintf(stderr, "\r%*s\r", 24, "");

    std::printf(
        "debug hooks: ns per operation (median of %d interleaved rounds) and the median of\n"
        "per-round ratios hooks on / hooks off (quartiles in brackets). rt: the allocator's\n"
        "runtime started (minipy's; CPython's for cpython), so MEM and OBJ hooks check the GIL;\n"
        "bare: no runtime. pair: %ld malloc+free per run; churn: %zu steps over %zu live blocks;\n"
        "%s.\n\n",
        o.rounds, o.pairs, o.churn_steps, kChurnLive,
        o.in_process ? "all runs in this process" : "each run in a fresh process");
    std::printf("%-9s %-4s %-12s %8s %8s %22s %8s %8s %22s %10s\n", "allocator", "dom.", "workload",
                "off rt", "on rt", "on/off rt", "off bare", "on bare", "on/off bare", "on rt/bare");
    for (const Cell &c : cells) {
        std::printf("%-9s %-4s %-12s %8s %8s %22s %8s %8s %22s %10s\n", base_name(c.base),
                    domain_name(c.domain), workloads[c.workload].name.c_str(),
                    figure(c.ns[kOffRuntime]).c_str(), figure(c.ns[kOnRuntime]).c_str(),
                    ratio_figure(c.ns[kOnRuntime], c.ns[kOffRuntime], true).c_str(),
                    figure(c.ns[kOffBare]).c_str(), figure(c.ns[kOnBare]).c_str(),
                    ratio_figure(c.ns[kOnBare], c.ns[kOffBare], true).c_str(),
                    ratio_figure(c.ns[kOnRuntime], c.ns[kOnBare], false).c_str());
    }
    std::printf(
        "\non rt/bare: hooks on with the runtime over hooks on without it (the GIL check's "
        "share;\nRAW never checks, so its column shows the noise).\n");

    // minipy against CPython, same rounds: cpython / pymalloc (above 1: minipy is faster).
    bool header = false;
    for (const Cell &c : cells) {
        if (c.base != Base::pymalloc) continue;
        for (const Cell &py : cells) {
            if (py.base != Base::cpython || py.domain != c.domain || py.workload != c.workload)
                continue;
            if (!header) {
                std::printf(
                    "\ncpython / minipy-pymalloc, median of per-round ratios (above 1: minipy "
                    "is faster)\n%-4s %-12s %10s %10s %10s %10s\n",
                    "dom.", "workload", "off bare", "on bare", "off rt", "on rt");
                header = true;
            }
            std::printf("%-4s %-12s %10s %10s %10s %10s\n", domain_name(c.domain),
                        workloads[c.workload].name.c_str(),
                        ratio_figure(py.ns[kOffBare], c.ns[kOffBare], false).c_str(),
                        ratio_figure(py.ns[kOnBare], c.ns[kOnBare], false).c_str(),
                        ratio_figure(py.ns[kOffRuntime], c.ns[kOffRuntime], false).c_str(),
                        ratio_figure(py.ns[kOnRuntime], c.ns[kOnRuntime], false).c_str());
        }
    }
    for (const std::string &note : notes) std::printf("note: %s\n", note.c_str());
    note_if_unoptimised();
    return 0;
}
