# Never starts: it does not compile. The trace says so (outcome failed, not-started).
print("never printed")
totals = (1,
