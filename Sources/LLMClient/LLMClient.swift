// The code that joins LLMCore providers to the CurlTransport engine.
