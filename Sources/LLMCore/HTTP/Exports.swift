// LLMCore's public API speaks HTTPMessage's types (a provider builds an `HTTPRequestSpec` and decodes
// errors from `HTTPHeaders`), so whoever uses LLMCore needs them too. Re-exporting keeps that one line
// here instead of an import in every provider file and every caller.
@_exported import HTTPMessage
