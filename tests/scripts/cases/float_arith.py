a = 1.5
b = 0.25
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(1 / 3, 2 / 3, 1e300 * 10, -1e-320, 0.1 + 0.2)
print(round(2.675, 2), round(0.5), round(1.5), round(-2.5))
print(int(3.9), int(-3.9), float(7), float("1.5e3"))
print(3 == 3.0, 1 < 1.5, abs(-2.5))
