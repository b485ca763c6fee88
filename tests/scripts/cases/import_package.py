# Packages: __init__.py, submodules, `import a.b.c`, relative imports inside the package.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

import shapes.solids.cube
print(shapes.solids.cube.volume(2))
print(sorted(name for name in sys.modules if name.startswith("shapes")))
print(shapes.__name__, shapes.solids.__name__, shapes.solids.cube.__name__)
print(shapes.solids.__package__, shapes.solids.cube.__package__)
print([p.endswith("import_helpers/shapes") for p in shapes.__path__])
print(shapes.solids.SCALE, shapes.solids.flat is shapes.flat)

from shapes import flat, VERSION
print(flat.square(3), VERSION)
from shapes.solids import cube as c
print(c is shapes.solids.cube)
import shapes.units as u
print(u.SCALE, u is sys.modules["shapes.units"])
print(hasattr(shapes, "units"), hasattr(shapes, "solids"))
from shapes.flat import square
print(square(4))
