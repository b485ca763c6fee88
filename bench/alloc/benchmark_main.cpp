// main() of minipy_alloc_benchmarks: registers the BM_ families for every allocator that
// could be loaded, runs them with Google Benchmark, and ends with a table of ratios
// allocator / pymalloc per benchmark, so that one run answers "how much faster".
//
// Differences from benchmark_main: a shorter default --benchmark_min_time (0.1 s; pass the
// flag to change it) because there are about 200 benchmarks; jemalloc's re-execution
// (allocators.hpp); and the console reporter below. Use --benchmark_out=<file> for JSON:
// the console display is always this reporter. --benchmark_repetitions=<n> and
// --benchmark_enable_random_interleaving=true interleave the allocators; the ratios then
// use the median of each benchmark's repetitions.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "alloc/allocators.hpp"
#include "alloc/benchmarks.hpp"
#include "alloc/measure.hpp"

namespace {

using namespace minipy::bench;

// The console output, then the ratios. Keys are the benchmark name without its last
// component (the allocator), in the order the benchmarks first reported.
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    // Colours only on a terminal: the output is often kept in a file.
    RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run> &runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
            const std::string &name = run.run_name.function_name;
            const std::size_t slash = name.rfind('/');
            if (slash == std::string::npos) continue;
            const std::string workload = name.substr(0, slash);
            const std::string allocator = name.substr(slash + 1);
            if (times_.find(workload) == times_.end()) order_.push_back(workload);
            times_[workload][allocator].push_back(run.GetAdjustedRealTime());
            bool known = false;
            for (const std::string &a : allocators_) known = known || a == allocator;
            if (!known) allocators_.push_back(allocator);
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        std::FILE *out = stdout;
        std::fflush(out);
        std::fprintf(out,
                     "\nratio allocator / pymalloc, real time (median of repetitions; "
                     "above 1: pymalloc is faster)\n%-28s",
                     "benchmark");
        for (const std::string &a : allocators_)
            if (a != "pymalloc") std::fprintf(out, "%14s", a.c_str());
        std::fprintf(out, "\n");
        for (const std::string &workload : order_) {
            auto &by_allocator = times_[workload];
            auto reference = by_allocator.find("pymalloc");
            if (reference == by_allocator.end()) continue;
            const double base = median(reference->second);
            std::fprintf(out, "%-28s", workload.c_str());
            for (const std::string &a : allocators_) {
                if (a == "pymalloc") continue;
                auto it = by_allocator.find(a);
                if (it == by_allocator.end())
                    std::fprintf(out, "%14s", "-");
                else
                    std::fprintf(out, "%14.2f", median(it->second) / base);
            }
            std::fprintf(out, "\n");
        }
    }

  private:
    std::map<std::string, std::map<std::string, std::vector<double>>> times_;
    std::vector<std::string> order_;
    std::vector<std::string> allocators_;
};

}  // namespace

int main(int argc, char **argv) {
    reexec_for_jemalloc_tls(argv);
    std::vector<char *> args(argv, argv + argc);
    bool min_time_given = false;
    for (char *arg : args) min_time_given |= std::strncmp(arg, "--benchmark_min_time", 20) == 0;
    static char default_min_time[] = "--benchmark_min_time=0.1";
    if (!min_time_given) args.insert(args.begin() + 1, default_min_time);
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;

    const AllocatorSet &set = all_allocators();
    std::vector<const Allocator *> allocators;
    for (const Allocator &a : set.available) allocators.push_back(&a);
    register_lifo_pair_benchmarks(allocators);
    register_churn_benchmarks(allocators);
    register_realloc_benchmarks(allocators);
    for (const std::string &note : set.notes) std::fprintf(stderr, "note: %s\n", note.c_str());

    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
