// The libcurl engine.
