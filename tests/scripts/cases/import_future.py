# `from __future__ import ...` is read by the compiler and also runs an ordinary import of the
# __future__ module, which holds a _Feature per feature.
from __future__ import annotations, generator_stop
import __future__


def f(x: UndefinedName) -> AlsoUndefined:
    return x


print(f(3))
print(__future__.all_feature_names)
print(__future__.annotations)
print(__future__.division.getOptionalRelease(), __future__.division.getMandatoryRelease())
print(__future__.annotations.compiler_flag == __future__.CO_FUTURE_ANNOTATIONS)
print(annotations is __future__.annotations, type(generator_stop).__name__)
