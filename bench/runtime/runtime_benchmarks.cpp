// minipy_runtime_benchmarks: Google Benchmark versions of the runtime figures, for the
// usual flags (--benchmark_filter, --benchmark_repetitions, --benchmark_out=f.json):
//
//   BM_GIL/<op>/<runtime>               the uncontended GIL calls of runtime/gil_ops.hpp,
//                                       runtime = minipy | cpython (libpython via dlopen)
//   BM_HookPair/<base>/<domain>/<size>/<hooks>
//                                       malloc + free through a domain, one block of the
//                                       size held, hooks = off | on; base = pymalloc |
//                                       malloc (minipy's runtime started with
//                                       config.allocator set) | cpython (not initialized)
//
// Each of the two phases (the hook pairs, then the GIL calls) ends with a table of ratios: for each
// benchmark, its last component's later values against the first (cpython / minipy, hooks on /
// off), from the median of repetitions. For interleaved rounds use minipy_gil_handoff and
// minipy_debug_hooks_compare; here each benchmark runs on its own, so a slow moment of the machine
// lands in one cell. Like minipy_alloc_benchmarks the default --benchmark_min_time is 0.1 s.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "alloc/measure.hpp"
#include "alloc/workloads.hpp"
#include "runtime/allocator_setup.hpp"
#include "runtime/cpython_api.hpp"
#include "runtime/gil_ops.hpp"

namespace {

using namespace minipy::bench;

// The GIL calls run with both runtimes up and the calling (main) thread holding both GILs.
void BM_GIL(benchmark::State &state, GilOp op, const CPythonApi *py) {
    // ensure-new starts a thread per batch: a large batch makes that negligible.
    const long batch = op == GilOp::ensure_new ? 20000 : 1000;
    while (state.KeepRunningBatch(batch)) {
        if (py != nullptr)
            run_cpython_gil_op(*py, op, batch);
        else
            run_minipy_gil_op(op, batch);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_HookPair(benchmark::State &state, Setup setup, PyMemAllocatorDomain domain,
                 std::size_t size) {
    std::string why;
    if (!setup_apply(setup, &why)) {
        state.SkipWithError(why.c_str());
        return;
    }
    {
        const DomainAllocator d(domain_fns(setup.base, domain));
        void *pin = d.malloc(size);
        for (auto _ : state) {
            void *p = d.malloc(size);
            keep(p);
            d.free(p);
        }
        d.free(pin);
    }
    setup_undo(setup);
    state.SetItemsProcessed(state.iterations());
}

// The console output, then the ratios of each group's later variants to its first.
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run> &runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
            const std::string &name = run.run_name.function_name;
            const std::size_t slash = name.rfind('/');
            if (slash == std::string::npos) continue;
            const std::string group = name.substr(0, slash);
            const std::string variant = name.substr(slash + 1);
            auto &variants = groups_[group];
            if (variants.empty()) order_.push_back(group);
            bool known = false;
            for (auto &v : variants) {
                if (v.first == variant) {
                    v.second.push_back(run.GetAdjustedRealTime());
                    known = true;
                }
            }
            if (!known) variants.push_back({variant, {run.GetAdjustedRealTime()}});
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        std::fflush(stdout);
        std::printf("\nratios, real time (median of repetitions): later variant / first\n");
        for (const std::string &group : order_) {
            const auto &variants = groups_[group];
            if (variants.size() < 2) continue;
            const double base = median(variants[0].second);
            std::printf("%-34s", group.c_str());
            for (std::size_t i = 1; i < variants.size(); i++)
                std::printf("  %s/%s %6.2f", variants[i].first.c_str(), variants[0].first.c_str(),
                            median(variants[i].second) / base);
            std::printf("\n");
        }
    }

  private:
    std::map<std::string, std::vector<std::pair<std::string, std::vector<double>>>> groups_;
    std::vector<std::string> order_;
};

}  // namespace

int main(int argc, char **argv) {
    std::vector<char *> args(argv, argv + argc);
    bool min_time_given = false;
    for (char *arg : args) min_time_given |= std::strncmp(arg, "--benchmark_min_time", 20) == 0;
    static char default_min_time[] = "--benchmark_min_time=0.1";
    if (!min_time_given) args.insert(args.begin() + 1, default_min_time);
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;

    std::string why;
    const CPythonApi *py = load_cpython(&why);
    if (py == nullptr) std::fprintf(stderr, "note: %s\n", why.c_str());
    // Phase 1: the hook pairs. minipy's runtime is started and stopped by each benchmark
    // (its allocator is chosen at start-up), so it must not be running yet.
    std::vector<Base> bases = {Base::pymalloc, Base::malloc};
    if (py != nullptr) bases.push_back(Base::cpython);
    for (Base base : bases) {
        for (PyMemAllocatorDomain domain : {PYMEM_DOMAIN_RAW, PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ}) {
            for (std::size_t size : {16, 64, 256, 1024}) {
                for (bool hooks : {false, true}) {
                    const Setup setup{base, hooks, base != Base::cpython};
                    const std::string name = std::string("BM_HookPair/") + base_name(base) + "/" +
                                             domain_name(domain) + "/" + std::to_string(size) +
                                             (hooks ? "/on" : "/off");
                    benchmark::RegisterBenchmark(name.c_str(), BM_HookPair, setup, domain, size);
                }
            }
        }
    }
    RatioReporter hook_reporter;
    benchmark::RunSpecifiedBenchmarks(&hook_reporter);
    benchmark::ClearRegisteredBenchmarks();

    // Phase 2: the GIL calls, both runtimes up, this thread holding both GILs, in a process
    // that has had a second thread (gil_ops.hpp says why).
    make_process_multithreaded();
    if (!start_minipy_runtime(0.0, &why) || (py != nullptr && !start_cpython_runtime(*py, &why))) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    for (GilOp op : kGilOps) {
        const std::string name = std::string("BM_GIL/") + gil_op_name(op);
        benchmark::RegisterBenchmark((name + "/minipy").c_str(), BM_GIL, op, nullptr);
        if (py != nullptr && op != GilOp::checkpoint)
            benchmark::RegisterBenchmark((name + "/cpython").c_str(), BM_GIL, op, py);
    }
    RatioReporter gil_reporter;
    benchmark::RunSpecifiedBenchmarks(&gil_reporter);
    benchmark::Shutdown();
    return 0;
}
