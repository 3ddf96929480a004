// The MockProviders library: a loopback server speaking every provider protocol (see MockServer).
