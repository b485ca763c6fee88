def work():
    try:
        print("working")
        raise RuntimeError("failed")
    finally:
        print("cleanup runs")
work()
