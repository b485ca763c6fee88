def compute(a, b):
    result = a * 2 + b / 0
    return result
compute(1, 2)
