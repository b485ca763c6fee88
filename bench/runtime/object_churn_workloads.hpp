// Object churn: objects created and destroyed through the runtime's C API, the workload of
// minipy_object_churn (timed) and minipy_object_churn_callgrind_driver (instructions), written
// once here so both replay the same loop.
//
// Owns: starting minipy's runtime in one of the four configurations (allocator pymalloc or
// malloc, free lists on or off: both are chosen at start-up, so a process measures one), the
// objects each step makes, and the loop. Does not own timing or reporting.
//
// A step makes one object (or, for `mixed`, four) and stores it in a slot of a window, which
// releases the object that held the slot: one creation and one destruction per object, the way
// `x = f()` in a loop does it (the new object exists before the old one goes).
//   shape pair    a window of one slot: each object is destroyed at the next step. A free
//                 list, when on, serves every creation; pymalloc reuses the block just freed.
//   shape window  kWindowSlots slots replaced in a fixed pseudo-random order (random
//                 permutations of the slots, generated once, not timed): the objects die in an
//                 order unrelated to their birth, as in a heap in use. Filling and draining
//                 the window are not part of the loop.
// Kinds (kObjectKinds):
//   int     PyLong_FromLong(1000 + (i mod 65536)): outside the small-int cache, one digit
//   float   PyFloat_FromDouble((i mod 65536) * 0.5)
//   tuple2  PyTuple_New(2) holding two shared objects (an int and a float made once)
//   tuple3  PyTuple_New(3) holding the same two and None
//   dict3   PyDict_New() and three PyDict_SetItem with shared str keys and shared values
//   mixed   an int, a float, a 2-tuple of them and a 3-key dict holding the three: 4 objects
// The shared objects' reference counts change with each use, as a program's would.
#pragma once

// Built against minipy, and with MINIPY_CHURN_ON_CPYTHON against CPython's own headers and
// library (minipy_object_churn_callgrind_driver_on_cpython): the loop is CPython C API code.
// First, as CPython asks of its header.
#ifdef MINIPY_CHURN_ON_CPYTHON
#include <Python.h>
#else
#include "minipy/Python.h"
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace minipy::bench {

enum class ObjectKind { int_, float_, tuple2, tuple3, dict3, mixed };
enum class ChurnShape { pair, window };

inline constexpr ObjectKind kObjectKinds[] = {ObjectKind::int_,   ObjectKind::float_,
                                              ObjectKind::tuple2, ObjectKind::tuple3,
                                              ObjectKind::dict3,  ObjectKind::mixed};
inline constexpr ChurnShape kChurnShapes[] = {ChurnShape::pair, ChurnShape::window};
inline constexpr std::size_t kWindowSlots = 10000;

const char *object_kind_name(ObjectKind kind);  // "int", "float", "tuple2", ...
bool parse_object_kind(const std::string &name, ObjectKind *kind);
int objects_per_step(ObjectKind kind);     // 1, or 4 for mixed
const char *shape_name(ChurnShape shape);  // "pair", "window"
bool parse_shape(const std::string &name, ChurnShape *shape);

// One of the four configurations: the allocator of every domain and the free-list switch.
struct ChurnConfig {
    bool pymalloc = true;  // false: the system malloc ("malloc")
    bool freelists = true;
};
const char *config_allocator(const ChurnConfig &config);  // "pymalloc" or "malloc"
std::string config_name(const ChurnConfig &config);       // "pymalloc/on", "malloc/off", ...
// "pymalloc" or "malloc", and "on" or "off".
bool parse_config(const std::string &allocator, const std::string &freelists, ChurnConfig *config);

// Starts minipy's runtime from an isolated config with config.allocator and
// config.use_freelists set, and checks that the domains hold the allocator asked for. False,
// with the reason, when it cannot. Against CPython: the allocator is chosen by the
// pre-configuration, and free lists off is refused (CPython 3.11 has no switch for them).
bool start_churn_runtime(const ChurnConfig &config, std::string *why);

// The loop's state: the window, the replacement order and the shared objects. Needs the
// runtime started and the GIL held; releases everything it made when destroyed.
class ObjectChurn {
  public:
    ObjectChurn(ObjectKind kind, ChurnShape shape);
    ~ObjectChurn();
    ObjectChurn(const ObjectChurn &) = delete;
    ObjectChurn &operator=(const ObjectChurn &) = delete;

    // Steps first .. first + count - 1 (the step number picks the slot and the values).
    void run(std::size_t first, std::size_t count);

  private:
    template <class Make>
    void replace(std::size_t first, std::size_t count, Make make);

    ObjectKind kind_;
    std::vector<PyObject *> slots_;
    std::vector<std::uint32_t> order_;  // slot of step i: order_[i % order_.size()]
    PyObject *shared_int_ = nullptr;
    PyObject *shared_float_ = nullptr;
    PyObject *keys_[3] = {};
};

}  // namespace minipy::bench
