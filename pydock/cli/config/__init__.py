"""`pydock config`: Swarm configs."""
