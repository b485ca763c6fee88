# A loop of int arithmetic on locals (BINARY_OP, COMPARE_OP and the jump, STORE_FAST).
def run():
    total = 0
    i = 0
    while i < 3000000:
        total = total + i * 2 - 1
        i += 1
    return total
print(run())
