# Python code that runs inside a bytearray operation (an argument's __index__, a length hint)
# and changes the bytearrays involved: each operation must use the sizes and data as they are
# after that code ran.

# The value's __index__ empties the bytearray before the byte is stored (CPython's gh-91153).
target = bytearray(100)


class Emptying:
    def __index__(self):
        target.clear()
        target.append(1)
        return 65


try:
    target[50] = Emptying()
except IndexError as e:
    print("IndexError:", e)
print(target)

# replace's count runs code that empties the bytearray given as the new bytes. CPython refuses
# to resize it (its data is exported for the call); either way no freed byte may be read, which
# the debug allocator's 0xDD filling would show.
victim = bytearray(b"NEW" * 400)


class Clearing:
    def __index__(self):
        try:
            victim.clear()
        except BufferError:
            pass
        return -1


result = b"abc".replace(b"b", victim, Clearing())
print(b"\xdd" in result, set(result) <= set(b"acNEW"), result[:1], result[-1:])


# A length hint below the number of items: extend grows past it.
class HintsOne:
    def __length_hint__(self):
        return 1

    def __iter__(self):
        return iter([1, 2, 3])


grown = bytearray()
grown.extend(HintsOne())
print(grown)
