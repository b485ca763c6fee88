x = 1
for i in range(1, 60):
    x *= i
print(x)
print(x % 1000007, x // 10 ** 70, len(str(x)))
print(0x_ff if False else 0xff, 0o17, 0b101, 1_000_000, 1e3, 2.5e-3)
print(10 ** 20 + 1, -7 // 2, 7 // -2, -(-8))
