def risky(kind):
    if kind == 1:
        raise ValueError("one")
    if kind == 2:
        raise KeyError("two")
    return "fine"
for k in range(4):
    try:
        try:
            print(risky(k))
        except ValueError as e:
            print("inner caught", e)
            if k == 1:
                raise TypeError("converted") from e
        finally:
            print("inner finally", k)
    except TypeError as e:
        print("outer caught", e, "cause:", repr(e.__cause__))
    except KeyError as e:
        print("outer key", e)
    else:
        print("no exception", k)
results = []
for i in range(5):
    try:
        if i % 2:
            raise ValueError(i)
        results.append(i)
    except ValueError:
        continue
    finally:
        results.append(-i)
print(results)
