a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, a << 3, a >> 2, a & b, a | b, a ^ b, ~a)
print(2 ** 100, (2 ** 100) // 3, -(2 ** 70) % 7)
print(divmod(17, -5), abs(-42), pow(3, 4, 5))
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7
print(x)
