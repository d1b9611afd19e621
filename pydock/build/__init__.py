"""`pydock build` internals: .dockerignore matching and the streamed build context (pure or file-system only)."""
