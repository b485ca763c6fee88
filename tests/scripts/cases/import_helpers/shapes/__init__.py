"""A package: its __init__ imports a submodule relatively and names what * exports."""
print("shapes: package body runs as", __name__, "package", __package__)
from .flat import square
from . import flat
__all__ = ["square", "flat", "VERSION"]
VERSION = (1, 0)
_secret = "x"
