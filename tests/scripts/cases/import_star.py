# `from m import *`: __all__ when the module has one (underscored names too), else the public names.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

from star_all import *
print(alpha, _beta)
try:
    gamma
except NameError as e:
    print("NameError:", e)

from star_public import *
print(alpha, gamma)
try:
    _hidden
except NameError as e:
    print("NameError:", e)

from shapes import *
print(square(2), flat.__name__, VERSION)
print(square is flat.square, _beta)
