"""The workload list (workloads.txt) and the expected outputs (expected.txt), read once for
run.py, check.py and expected_gen.py. Nothing here runs a workload."""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "workloads.txt")
EXPECTED = os.path.join(HERE, "expected.txt")


class Workload:
    def __init__(self, name, default_size, small_size):
        self.name = name
        self.default_size = default_size
        self.small_size = small_size
        self.script = os.path.join(HERE, name + ".py")


def _rows(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield number, line


def workloads():
    """Every workload of workloads.txt, in its order."""
    result = []
    for number, line in _rows(MANIFEST):
        fields = line.split()
        if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
            raise SystemExit("%s:%d: expected 'name default small', got %r" % (MANIFEST, number, line))
        result.append(Workload(fields[0], int(fields[1]), int(fields[2])))
    return result


def expected_outputs():
    """{name: (small size, the line python3 printed)} from expected.txt."""
    result = {}
    for number, line in _rows(EXPECTED):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[1].isdigit():
            raise SystemExit("%s:%d: expected 'name<TAB>size<TAB>output', got %r" % (EXPECTED, number, line))
        result[fields[0]] = (int(fields[1]), fields[2])
    return result
