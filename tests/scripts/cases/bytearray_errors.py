# bytearray's errors: construction, indices, values, assignment shapes, method arguments.
cases = [
    "bytearray('x')", "bytearray(-1)", "bytearray(1.5)", "bytearray([256])", "bytearray([-1])",
    "bytearray(['a'])", "bytearray(b'a', 'utf-8')", "bytearray('a', errors='x')",
    "bytearray(x=1)", "bytearray(1, 2, 3, 4)", "bytearray('a', 1)", "bytearray(None)",
    "bytearray(b'a').append(300)", "bytearray(b'a').append('a')", "bytearray(b'a').append(1.0)",
    "bytearray(b'a')[5]", "bytearray(b'a')[-2]", "bytearray(b'a')['x']",
    "bytearray().pop()", "bytearray(b'a').pop(4)", "bytearray(b'a').pop(1, 2)",
    "bytearray(b'a').remove(5)", "bytearray(b'a').remove(500)", "bytearray(b'a').insert('x', 1)",
    "bytearray(b'a').insert(0)", "bytearray(b'abc').__setitem__(slice(0, 3, 2), b'xyz')",
    "bytearray(b'ab').__setitem__(0, 256)", "bytearray(b'ab').__setitem__(slice(0, 1), 5)",
    "bytearray(b'ab').__setitem__(slice(0, 1), 'x')", "bytearray(b'ab').__setitem__(5, 1)",
    "bytearray(b'ab').__delitem__(5)", "bytearray(b'ab').__setitem__('k', 1)",
    "bytearray(b'a') + 'x'", "bytearray(b'a') + 1", "'x' + bytearray(b'a')",
    "bytearray(b'a').extend('x')", "bytearray(b'a').extend(5)", "bytearray(b'a').extend([1, 'x'])",
    "bytearray(b'a') < 'b'", "bytearray(b'a') * 'x'", "bytearray(b'abc').index(b'z')",
    "bytearray(b'abc').center(1, 'x')", "bytearray(b'x').join([1])", "bytearray.fromhex('zz')",
    "bytearray(b'%d') % 'x'", "bytearray(b'%s %s') % (1,)", "bytearray(b'a').split(1)",
    "bytearray(b'a').decode('nope')", "bytearray(b'a').hex(1)",
]
for case in cases:
    try:
        result = eval(case)
    except Exception as e:
        print(f"{case}: {type(e).__name__}: {e}")
    else:
        print(f"{case}: {result!r}")
