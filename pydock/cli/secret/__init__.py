"""`pydock secret`: Swarm secrets."""
