# A module that does not compile: the SyntaxError names the module's file and line.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")

try:
    import broken_syntax
except SyntaxError as e:
    print("caught:", e.msg, e.lineno, e.filename.endswith("broken_syntax.py"))
print("broken_syntax" in sys.modules)
import broken_syntax
