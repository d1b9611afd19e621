"""`pydock node`: Swarm nodes."""
