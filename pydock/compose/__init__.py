"""Docker Compose v2, re-implemented on pydock's layers. The same split as the rest of pydock:

- `loader/`    pure: compose files -> the project model (discovery, .env, YAML 1.2, interpolation,
               merge, extends/include, profiles, normalisation, validation). The model is a plain dict
               shaped exactly as `docker compose config --format json` prints it (compose-go's JSON),
               so every later stage, and the oracle, speak the same structure.
- `serialize`  pure: the model -> `config` output (YAML as yaml.v3 writes it, JSON as Go's encoder)
               and the compact Go JSON that config-hash is computed over.
- `convert`    pure: a service of the model -> Engine API payloads (container create, network create,
               volume create) through the same parsers `pydock run` uses (`pydock.opts`).
- `graph`      pure: dependency order, cycles.
- the engine side (`state`, `converge`, ...): what `up`, `down` and the other verbs do on the engine.
- `progress`, `logprinter`: v2's progress lines and the prefixed, coloured log stream.

The click commands live in `pydock/cli/compose/`, one module per verb.
"""
