"""Swarm mode, pure parts: compose model → swarm object specs for `stack deploy` (convert)."""
