def counter():
    total += 1
    return total
counter()
