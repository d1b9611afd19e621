"""The interpolation environment and the compose files to load: compose-go cli/options.go as docker
compose v2.40 chains it (cmd/compose/compose.go toProjectOptions):

    WithWorkingDirectory(--project-directory), WithOsEnv, PWD, WithEnvFiles, WithDotEnv,
    WithConfigFileEnv (COMPOSE_FILE), WithDefaultConfigPath (discovery, upwards),
    WithEnvFiles, WithDotEnv (again: the project dir may differ), profiles, WithName(-p)

OS environment wins over `.env` (a key already set is never replaced).
"""

from __future__ import annotations

import os

from ..errors import ComposeError

DEFAULT_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
DEFAULT_OVERRIDE_FILE_NAMES = ("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                               "docker-compose.override.yaml")

_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


def parse_go_bool(v: str, what: str = "") -> bool:
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ComposeError(f'strconv.ParseBool: parsing "{v}": invalid syntax')


def string_to_bool(v: str | None) -> bool:
    """compose-go utils.StringToBool: ParseBool, errors count as false."""
    return (v or "").strip() in _TRUE


def abspath(p: str, cwd: str) -> str:
    from .canonical import clean_path

    if p.startswith("/"):
        return clean_path(p)
    return clean_path(os.path.join(cwd, p))


class Setup:
    """What toProjectOptions computes before loading: env, files, working dir, env files, profiles."""

    def __init__(self, opts, warn=None):
        self.opts = opts
        self.warn = warn or (lambda m: None)
        self.cwd = os.path.abspath(opts.cwd or ".")
        self.environ: dict[str, str] = dict(opts.environ)
        self.working_dir_opt = abspath(opts.project_directory, self.cwd) if opts.project_directory else ""
        self.config_paths: list[str] = list(opts.files)
        self.env_files: list[str] = []
        self.explicit_env_files = bool(self._env_file_args())
        self.profiles: list[str] = []
        self._run()

    def _env_file_args(self) -> list[str]:
        files = list(self.opts.env_files)
        if not files and "COMPOSE_ENV_FILES" not in getattr(self.opts.environ, "from_env_files", ()):
            raw = self.opts.environ.get("COMPOSE_ENV_FILES", "")
            files = [f for f in raw.split(",") if f]
        return [abspath(f, self.cwd) for f in files]

    # GetWorkingDir
    def working_dir(self) -> str:
        if self.working_dir_opt:
            return self.working_dir_opt
        for p in self.config_paths:
            if p != "-":
                return os.path.dirname(abspath(p, self.cwd))
        return self.cwd

    def _with_env_files(self) -> None:
        if self.opts.stack:
            return
        files = self._env_file_args()
        if files:
            self.env_files = files
            return
        v = self.opts.environ.get("COMPOSE_DISABLE_ENV_FILE")
        if v is not None:
            if parse_go_bool(v):
                return
        default = os.path.join(self.working_dir(), ".env")
        if os.path.exists(default) and not os.path.isdir(default):
            self.env_files = [default]

    def _with_dot_env(self) -> None:
        if not self.env_files:
            return
        from . import dotenv

        loaded = read_env_files(dotenv, self.env_files, self.environ, self.warn)
        for k, v in loaded.items():
            if k not in self.environ:
                self.environ[k] = v

    def _with_config_file_env(self) -> None:
        if self.config_paths:
            return
        sep = self.environ.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        if "COMPOSE_FILE" in self.environ:
            paths = []
            for f in self.environ["COMPOSE_FILE"].split(sep):
                if f == "-":
                    paths.append(f)
                    continue
                a = abspath(f, self.cwd)
                if not os.path.exists(a):
                    raise ComposeError(f"stat {a}: no such file or directory")
                paths.append(a)
            self.config_paths = paths

    def _with_default_config_path(self) -> None:
        if self.config_paths:
            return
        pwd = self.working_dir()
        while True:
            candidates = [os.path.join(pwd, n) for n in DEFAULT_FILE_NAMES if os.path.exists(os.path.join(pwd, n))]
            if candidates:
                winner = candidates[0]
                if len(candidates) > 1:
                    self.warn(f"Found multiple config files with supported names: {', '.join(candidates)}")
                    self.warn(f"Using {winner}")
                self.config_paths.append(winner)
                overrides = [os.path.join(pwd, n) for n in DEFAULT_OVERRIDE_FILE_NAMES
                             if os.path.exists(os.path.join(pwd, n))]
                if overrides:
                    if len(overrides) > 1:
                        self.warn(f"Found multiple override files with supported names: {', '.join(overrides)}")
                        self.warn(f"Using {overrides[0]}")
                    self.config_paths.append(overrides[0])
                return
            parent = os.path.dirname(pwd)
            if parent == pwd:
                return
            pwd = parent

    def _run(self) -> None:
        from .names import check_project_name

        if "PWD" not in self.opts.environ:
            self.environ.setdefault("PWD", self.cwd)
        self._with_env_files()
        self._with_dot_env()
        self._with_config_file_env()
        self._with_default_config_path()
        self._with_env_files()
        self._with_dot_env()
        profiles = list(self.opts.profiles)
        if not profiles:
            profiles = [s.strip() for s in self.environ.get("COMPOSE_PROFILES", "").split(",")]
        self.profiles = profiles
        if self.opts.project_name and not self.opts.stack:
            check_project_name(self.opts.project_name)


def read_env_files(dotenv, paths: list[str], environ: dict, warn=None) -> dict:
    """dotenv.GetEnvFromFile: each file read in order, later files win; `${X}` in a file sees the OS env,
    then what the files before defined."""
    return dotenv.read_files(paths, environ, warn=warn)


class DotEnvEnviron(dict):
    """The process environment as v2's verbs see it after setEnvWithDotEnv. `from_env_files` names the
    keys that came from an env file, not from the OS (flag defaults v2 computed earlier, such as
    COMPOSE_ENV_FILES for --env-file, ignore them)."""

    from_env_files: frozenset = frozenset()


def environ_with_dot_env(environ: dict, *, files=(), project_directory=None, env_files=(), cwd=None,
                         warn=None) -> DotEnvEnviron:
    """v2 cmd/compose/compose.go setEnvWithDotEnv (the compose command's PersistentPreRunE, before any
    verb): the env files (--env-file, COMPOSE_ENV_FILES, else <project dir or -f's dir or cwd>/.env) are
    read twice (WithDotEnv, then GetEnvFromFile: each read warns about unset `${VAR}`), and every
    COMPOSE_* key they define that the OS environment lacks is set in the process environment. Any
    error is ignored (the load reports it later)."""
    from . import dotenv

    cwd = os.path.abspath(cwd or ".")
    out = DotEnvEnviron(environ)
    paths = [f for f in env_files if f] or [f for f in environ.get("COMPOSE_ENV_FILES", "").split(",") if f]
    if not paths:
        v = environ.get("COMPOSE_DISABLE_ENV_FILE")
        if v is not None and v not in _FALSE:
            return out  # true, or not a bool (WithEnvFiles fails: setEnvWithDotEnv gives up)
        if project_directory:
            wd = abspath(project_directory, cwd)
        else:
            wd = next((os.path.dirname(abspath(f, cwd)) for f in files if f != "-"), cwd)
        default = os.path.join(wd, ".env")
        if not os.path.exists(default) or os.path.isdir(default):
            return out
        paths = [default]
    paths = [abspath(p, cwd) for p in paths]
    try:
        dotenv.read_files(paths, dict(environ), warn=warn)  # WithDotEnv
        loaded = dotenv.read_files(paths, dict(environ), warn=warn)  # GetEnvFromFile
    except (dotenv.DotenvError, ComposeError):
        return out
    added = {k: v for k, v in loaded.items() if k.startswith("COMPOSE_") and k not in environ}
    out.update(added)
    out.from_env_files = frozenset(added)
    return out
