# sys's plain values: argv, path, modules, sizes, platform; the version is minipy's own but says
# which Python it follows, so only its shape is printed.
import sys

print(sys.argv)
print(type(sys.path) is list, sys.path[0] == __file__.rsplit("/", 1)[0])
print(type(sys.modules) is dict, sys.modules["__main__"].__name__, "sys" in sys.modules)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform, sys.maxunicode)
print(sys.version_info[:2], sys.version_info >= (3, 11), sys.version_info.major,
      sys.version_info.releaselevel, len(sys.version_info))
print(sys.version.startswith("3.11."), type(sys.hexversion) is int, sys.hexversion >> 16)
print(type(sys.implementation.name) is str, sys.implementation.name in ("cpython", "minipy"),
      type(sys.implementation.version) is type(sys.version_info))
print(type(sys.executable) is str, sys.executable.startswith("/"))
print(sys.getdefaultencoding(), sys.getfilesystemencoding())
print(sys.float_repr_style, sys.api_version, sys.warnoptions, type(sys._xoptions))
print(isinstance(sys.builtin_module_names, tuple), "sys" in sys.builtin_module_names)
print(sys.float_info)
print(sys.int_info)
print(sys.hash_info)
print(sys.float_info.epsilon, sys.float_info.max, sys.float_info.dig, sys.float_info[0])
print(sys.hash_info.modulus == 2 ** 61 - 1, hash(float("inf")) == sys.hash_info.inf)
print(sys.flags.optimize, sys.flags.debug, sys.flags.hash_randomization, len(sys.flags))
print(type(sys.flags).__name__, type(sys.version_info).__name__)
try:
    type(sys.flags)()
except TypeError as e:
    print("TypeError:", e)
try:
    sys.version_info.major = 4
except AttributeError as e:
    print("AttributeError:", e)
