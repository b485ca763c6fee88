// minipy_object_churn: objects created and destroyed through the runtime's C API
// (runtime/object_churn_workloads.hpp: int, float, 2- and 3-tuples, 3-key dicts and a mixed
// step; each as a pair and in a 10^4-object window) under the four configurations
// pymalloc / malloc x free lists on / off, in ns per object (one creation + one destruction).
//
//   minipy_object_churn [--rounds <r>] [--quick] [--per-round] [<Google Benchmark flags>]
//   minipy_object_churn --config <pymalloc|malloc> <on|off> [<Google Benchmark flags>]
//
// The allocator and the free-list switch are fixed at start-up, so each configuration is
// measured in a fresh process: the program re-executes itself (`--child <allocator> <on|off>`)
// once per configuration and round, in an order that rotates from round to round; each child
// runs every benchmark with Google Benchmark and prints "<name> <ns per object>" lines. The
// ratios printed (pymalloc / malloc, free lists on / off) are medians of per-round ratios, so a
// round that runs slow as a whole cancels out of its own ratio. Google Benchmark flags
// (--benchmark_filter=float, --benchmark_min_time=...) are handed to every child.
//
// --config runs one configuration in this process with Google Benchmark's own console output
// (and --benchmark_out=<file> for JSON); the `per_object` counter is the time per object.
// Like the other bench programs the default --benchmark_min_time is 0.1 s; --quick makes it
// 0.02 s with 3 rounds.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "alloc/measure.hpp"
#include "alloc/process.hpp"
#include "runtime/object_churn_workloads.hpp"

namespace {

using namespace minipy::bench;

constexpr long kBatch = 1000;  // steps per KeepRunningBatch: the loop's own cost vanishes

void BM_ObjectChurn(benchmark::State &state, ObjectKind kind, ChurnShape shape) {
    ObjectChurn churn(kind, shape);
    std::size_t step = 0;
    while (state.KeepRunningBatch(kBatch)) {
        churn.run(step, kBatch);
        step += kBatch;
    }
    const int per_step = objects_per_step(kind);
    state.SetItemsProcessed(state.iterations() * per_step);
    // Seconds per object: objects per iteration as a rate, inverted.
    state.counters["per_object"] = benchmark::Counter(
        per_step, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

std::string benchmark_name(ObjectKind kind, ChurnShape shape) {
    return std::string("BM_ObjectChurn/") + object_kind_name(kind) + "/" + shape_name(shape);
}

void register_benchmarks() {
    for (ChurnShape shape : kChurnShapes)
        for (ObjectKind kind : kObjectKinds)
            benchmark::RegisterBenchmark(benchmark_name(kind, shape).c_str(), BM_ObjectChurn, kind,
                                         shape);
}

// The child's output: one "<name> <ns per object>" line per benchmark, nothing else.
class LineReporter : public benchmark::BenchmarkReporter {
  public:
    bool ReportContext(const Context &) override { return true; }
    void ReportRuns(const std::vector<Run> &runs) override {
        for (const Run &run : runs) {
            if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
            const auto it = run.counters.find("per_object");
            if (it == run.counters.end()) continue;
            std::printf("%s %.3f\n", run.run_name.function_name.c_str(), it->second.value * 1e9);
        }
        std::fflush(stdout);
    }
};

// Google Benchmark's flags with the default --benchmark_min_time added; args[0] is the program.
std::vector<char *> benchmark_args(std::vector<char *> args, const char *min_time) {
    bool given = false;
    for (char *arg : args) given |= std::strncmp(arg, "--benchmark_min_time", 20) == 0;
    static std::string flag;
    flag = std::string("--benchmark_min_time=") + min_time;
    if (!given) args.insert(args.begin() + 1, flag.data());
    return args;
}

// --config / --child: one configuration in this process.
int run_configuration(const ChurnConfig &config, std::vector<char *> args, bool lines) {
    std::string why;
    if (!start_churn_runtime(config, &why)) {
        std::fprintf(stderr, "%s: %s\n", config_name(config).c_str(), why.c_str());
        return 1;
    }
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;
    register_benchmarks();
    if (lines) {
        LineReporter reporter;
        benchmark::RunSpecifiedBenchmarks(&reporter);
    } else {
        std::printf("configuration: %s (allocator, free lists)\n", config_name(config).c_str());
        benchmark::RunSpecifiedBenchmarks();
    }
    benchmark::Shutdown();
    Py_FinalizeEx();
    return 0;
}

constexpr ChurnConfig kConfigs[4] = {{true, true}, {true, false}, {false, true}, {false, false}};

struct Options {
    int rounds = 5;
    const char *min_time = "0.1";
    bool per_round = false;
    std::vector<std::string> benchmark_flags;
};

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            o.rounds = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--quick") == 0) {
            o.rounds = 3;
            o.min_time = "0.02";
        } else if (std::strcmp(argv[i], "--per-round") == 0) {
            o.per_round = true;
        } else if (std::strncmp(argv[i], "--benchmark_", 12) == 0) {
            o.benchmark_flags.emplace_back(argv[i]);
        } else {
            std::fprintf(
                stderr,
                "usage: %s [--rounds <r>] [--quick] [--per-round] [<Google Benchmark flags>]\n"
                "       %s --config <pymalloc|malloc> <on|off> [<Google Benchmark flags>]\n",
                argv[0], argv[0]);
            std::exit(2);
        }
    }
    if (o.rounds < 1) {
        std::fprintf(stderr, "rounds must be positive\n");
        std::exit(2);
    }
    return o;
}

// ns per object, per benchmark name, per configuration (index into kConfigs), one per round.
using Figures = std::map<std::string, std::vector<std::vector<double>>>;

void print_table(const Figures &figures, const std::vector<std::string> &order) {
    std::printf("\n%-26s %9s %9s %9s %9s   %15s   %15s\n", "", "pymalloc", "pymalloc", "malloc",
                "malloc", "pymalloc/malloc", "free lists on/off");
    std::printf("%-26s %9s %9s %9s %9s   %7s %7s   %7s %7s\n", "ns per object", "fl on", "fl off",
                "fl on", "fl off", "fl on", "fl off", "pymall.", "malloc");
    for (const std::string &name : order) {
        const auto &by_config = figures.at(name);
        std::printf("%-26s", name.c_str() + std::strlen("BM_ObjectChurn/"));
        for (const auto &values : by_config) std::printf(" %9.2f", median(values));
        // kConfigs: 0 pymalloc/on, 1 pymalloc/off, 2 malloc/on, 3 malloc/off.
        std::printf("   %7.2f %7.2f   %7.2f %7.2f\n", median(ratios(by_config[0], by_config[2])),
                    median(ratios(by_config[1], by_config[3])),
                    median(ratios(by_config[0], by_config[1])),
                    median(ratios(by_config[2], by_config[3])));
    }
}

int run_rounds(const Options &o) {
    Figures figures;
    std::vector<std::string> order;
    for (int round = 0; round < o.rounds; ++round) {
        for (int k = 0; k < 4; ++k) {
            const int c = (k + round) % 4;
            const ChurnConfig &config = kConfigs[c];
            std::vector<std::string> args = {
                "minipy_object_churn", "--child", config_allocator(config),
                config.freelists ? "on" : "off", std::string("--benchmark_min_time=") + o.min_time};
            args.insert(args.end(), o.benchmark_flags.begin(), o.benchmark_flags.end());
            const std::optional<std::string> out = run_self(args);
            if (!out) {
                std::fprintf(stderr, "the child for %s failed\n", config_name(config).c_str());
                return 1;
            }
            std::istringstream lines(*out);
            std::string name;
            double ns = 0;
            while (lines >> name >> ns) {
                auto [it, fresh] = figures.try_emplace(name, 4);
                if (fresh) order.push_back(name);
                it->second[c].push_back(ns);
                if (o.per_round)
                    std::printf("round %d %-12s %-28s %8.2f\n", round + 1,
                                config_name(config).c_str(), name.c_str(), ns);
            }
        }
    }
    // Only benchmarks every configuration ran in every round can be compared.
    std::vector<std::string> complete;
    for (const std::string &name : order) {
        bool all = true;
        for (const auto &values : figures[name])
            all = all && values.size() == static_cast<std::size_t>(o.rounds);
        if (all) complete.push_back(name);
    }
    std::printf(
        "object churn: ns per object (one creation + one destruction), median of %d rounds;\n"
        "each configuration (allocator, free lists) in a fresh process, in rotating order;\n"
        "ratios: median of per-round ratios (below 1: the first is faster). pair: each object\n"
        "destroyed at the next step; window: %zu live objects replaced in random order.\n",
        o.rounds, kWindowSlots);
    print_table(figures, complete);
    note_if_unoptimised();
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 4 &&
        (std::strcmp(argv[1], "--child") == 0 || std::strcmp(argv[1], "--config") == 0)) {
        ChurnConfig config;
        if (!parse_config(argv[2], argv[3], &config)) {
            std::fprintf(stderr, "unknown configuration %s %s (pymalloc|malloc on|off)\n", argv[2],
                         argv[3]);
            return 2;
        }
        std::vector<char *> args = {argv[0]};
        args.insert(args.end(), argv + 4, argv + argc);
        return run_configuration(config, benchmark_args(args, "0.1"),
                                 std::strcmp(argv[1], "--child") == 0);
    }
    return run_rounds(parse(argc, argv));
}
