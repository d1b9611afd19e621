"""`pydock swarm`: the swarm itself."""
