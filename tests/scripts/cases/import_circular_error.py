# `from a import name` while a is still running its body: CPython's partial-import error.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

import circular_a
