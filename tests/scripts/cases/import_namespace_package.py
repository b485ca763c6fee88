# A directory without __init__.py is a namespace package (PEP 420): no body, no __file__, its
# __path__ the directory; its modules import each other relatively.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

import loose_dir
print(loose_dir.__file__, loose_dir.__package__, loose_dir.__spec__.origin)
print([p.endswith("import_helpers/loose_dir") for p in loose_dir.__path__])
import loose_dir.tool
print(loose_dir.tool.VALUE, loose_dir.tool.__package__, loose_dir.tool.helper_in_ns.BASE)
from loose_dir import tool, helper_in_ns
print(tool is loose_dir.tool, helper_in_ns.__name__)
try:
    import loose_dir.absent
except ModuleNotFoundError as e:
    print(type(e).__name__ + ":", e)
