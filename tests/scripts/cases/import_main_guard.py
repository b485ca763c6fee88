# The script runs as __main__; an imported module has its own name.
import sys
sys.path.insert(0, sys.path[0] + "/import_helpers")


def main():
    import greetings
    print("main() ran; module name:", greetings.__name__)
    print(sys.modules["__main__"].main is main, __name__)


if __name__ == "__main__":
    main()
print(__file__.endswith("import_main_guard.py"), type(__builtins__).__name__)
