values = [0.1, 1 / 3, 2.5, 1e16, 1e-7, 123456789.125, float("inf"), -float("inf"), 3.0, -0.0]
for v in values:
    print(v, repr(v), str(v))
print(float("nan") != float("nan"), 0.1 + 0.2 == 0.3, round(3.14159, 3), 7 / 2, 2 ** -1)
print(int(1e20), 10 / 4, 10 // 4.0, -7 % 3.0, abs(-0.5))
