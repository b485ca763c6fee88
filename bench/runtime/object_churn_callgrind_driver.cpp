// minipy_object_churn_callgrind_driver: the object churn of runtime/object_churn_workloads.hpp
// as a plain loop, for instruction counts under callgrind; object_churn_callgrind.sh runs it
// with N and 2N steps and divides the difference by N (and by the objects per step).
//
//   minipy_object_churn_callgrind_driver <kind> <shape> <pymalloc|malloc> <on|off> <steps>
//       kind: int, float, tuple2, tuple3, dict3, mixed; shape: pair, window
//
// The runtime is started in the configuration given (allocator, free lists), the window
// filled, the steps run, everything released and the runtime stopped: all but the steps is the
// same in both runs and cancels. Exit status: 0 done, 2 bad arguments, 1 start-up failed.
#include <cstdio>
#include <string>

#include "alloc/process.hpp"
#include "runtime/object_churn_workloads.hpp"

int main(int argc, char **argv) {
    using namespace minipy::bench;
    ObjectKind kind;
    ChurnShape shape;
    ChurnConfig config;
    if (argc != 6 || !parse_object_kind(argv[1], &kind) || !parse_shape(argv[2], &shape) ||
        !parse_config(argv[3], argv[4], &config)) {
        std::fputs(
            "usage: minipy_object_churn_callgrind_driver <int|float|tuple2|tuple3|dict3|mixed> "
            "<pair|window> <pymalloc|malloc> <on|off> <steps>\n",
            stderr);
        return 2;
    }
    const long steps = parse_positive_count(argv[5]);
    std::string why;
    if (!start_churn_runtime(config, &why)) {
        std::fprintf(stderr, "%s\n", why.c_str());
        return 1;
    }
    {
        ObjectChurn churn(kind, shape);
        // The fill used the first steps; go on from there.
        churn.run(kWindowSlots, static_cast<std::size_t>(steps));
    }
    Py_FinalizeEx();
    return 0;
}
