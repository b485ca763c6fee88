# The errors of import statements, as CPython 3.11 words them.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")
here = sys.path[1]


def report(e):
    print(type(e).__name__ + ":", str(e).replace(here, "<cases>"))


def absolute_imports():
    try:
        import no_such_module
    except ImportError as e:
        report(e)
    try:
        import no_such_package.sub
    except ModuleNotFoundError as e:
        report(e)
    try:
        import greetings.sub
    except ModuleNotFoundError as e:
        report(e)
    try:
        from greetings import nothing_here
    except ImportError as e:
        report(e)
    try:
        from sys import nothing_here
    except ImportError as e:
        report(e)
    try:
        from shapes import no_such_submodule
    except ImportError as e:
        report(e)
    try:
        import shapes.no_such_submodule
    except ImportError as e:
        report(e)


def relative_imports():
    try:
        from . import sibling
    except ImportError as e:
        report(e)
    try:
        from .sibling import name
    except ImportError as e:
        report(e)
    try:
        import shapes.solids.too_far
    except ImportError as e:
        report(e)
    print("too_far" in sys.modules, "shapes.solids.too_far" in sys.modules)


absolute_imports()
relative_imports()
try:
    from bad_all import *
except TypeError as e:
    report(e)
print(isinstance(ModuleNotFoundError(), ImportError))


def names_and_paths():
    # What the import system's errors carry besides the message.
    try:
        import no_such_module
    except ModuleNotFoundError as e:
        print(e.name, e.path)
    try:
        import shapes.missing_one
    except ModuleNotFoundError as e:
        print(e.name, e.path)
    try:
        from greetings import missing_name
    except ImportError as e:
        print(e.name, e.path.replace(here, "<cases>"))
    try:
        from sys import missing_name
    except ImportError as e:
        print(e.name, e.path)
    try:
        from . import nothing
    except ImportError as e:
        print(e.name, e.path)


names_and_paths()
