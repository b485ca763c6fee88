# A module whose body raises is taken out of sys.modules; importing it again runs it again.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

for attempt in range(2):
    try:
        import failing
    except ValueError as e:
        print("caught:", e)
        print("in sys.modules:", "failing" in sys.modules)

import replaces_itself
print(replaces_itself)
print(sys.modules["replaces_itself"])
import failing
