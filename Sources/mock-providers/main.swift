// Runs the MockProviders server as a standalone process (for benchmarks and manual testing).
print("mock-providers: not built yet")
