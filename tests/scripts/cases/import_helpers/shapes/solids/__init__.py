from ..units import SCALE
from .. import flat
from . import cube
