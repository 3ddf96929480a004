// The REPL, renderer and stats output.
