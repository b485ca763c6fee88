# A generator consumed by sum(): a resume and a yield per item.
def numbers(n):
    for i in range(n):
        yield i
def run():
    return sum(numbers(2000000))
print(run())
