from ..flat import square
from .. import units


def volume(side):
    return square(side) * side * units.SCALE
