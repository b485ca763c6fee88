"""A module in a directory without __init__.py: the directory is a namespace package."""
from . import helper_in_ns
VALUE = helper_in_ns.BASE * 2
