# Two modules that import each other by plain `import` work: each sees the other partially
# initialized while its body runs, complete afterwards.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

import circular_ok_a
import circular_ok_b
print(circular_ok_a.ask_b(), circular_ok_b.ask_a())
print(circular_ok_a.circular_ok_b is circular_ok_b, circular_ok_b.circular_ok_a is circular_ok_a)
