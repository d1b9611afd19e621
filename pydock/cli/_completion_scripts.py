"""The bash completion script, generated from the command tree (`pydock completion bash`, and
completions/pydock.bash through scripts/gen_docs.py).

The script holds the tree as bash associative arrays: each command path's subcommands (and aliases),
flags, the flags that take a value, and per flag its values: a fixed list (restart policies, log
drivers, signals, ...), files, filter keys, or a kind of engine object. Commands, flags and fixed
values complete inside bash without starting any program; engine objects (containers by state,
images, networks, volumes, contexts) come from `pydock __complete KIND [STATE...]`, which loads no
library beyond Python's own and gives up after 300 ms. Sourcing the script runs nothing.
"""

from __future__ import annotations

import click

from ._inspect import ALL_TYPES
from .compose import ANSI_CHOICES, PROGRESS_CHOICES
from .root import LOG_LEVELS

# Fixed values per flag (docker 28's completions; `docker __complete run --restart ""` and friends).
SIGNALS = ("ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT RTMAX RTMAX-1 "
           "RTMAX-10 RTMAX-11 RTMAX-12 RTMAX-13 RTMAX-14 RTMAX-2 RTMAX-3 RTMAX-4 RTMAX-5 RTMAX-6 RTMAX-7 "
           "RTMAX-8 RTMAX-9 RTMIN RTMIN+1 RTMIN+10 RTMIN+11 RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 RTMIN+2 "
           "RTMIN+3 RTMIN+4 RTMIN+5 RTMIN+6 RTMIN+7 RTMIN+8 RTMIN+9 SEGV STKFLT STOP SYS TERM TRAP TSTP "
           "TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ").split()
CAPABILITIES = ("ALL CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID "
                "CAP_SETUID CAP_SETPCAP CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN "
                "CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_CHROOT "
                "CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT CAP_SYS_NICE CAP_SYS_RESOURCE "
                "CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL "
                "CAP_SETFCAP CAP_MAC_OVERRIDE CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND "
                "CAP_AUDIT_READ CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE").split()
PLATFORMS = ("linux/386 linux/amd64 linux/arm linux/arm/v5 linux/arm/v6 linux/arm/v7 linux/arm64 linux/arm64/v8 "
             "linux/ppc64le linux/s390x linux/riscv64 windows/amd64 wasip1/wasm").split()
FLAG_VALUES: dict[str, tuple[str, ...]] = {
    "--restart": ("no", "always", "on-failure", "unless-stopped"),
    # docker asks the daemon's plugin list and falls back to this one (what it offers with no daemon)
    "--log-driver": ("awslogs", "fluentd", "journald", "json-file", "local", "none", "syslog", "gcplogs", "gelf",
                     "splunk"),
    "--pull": ("always", "missing", "never"),
    "--platform": tuple(PLATFORMS),
    "--cap-add": tuple(CAPABILITIES),
    "--cap-drop": tuple(CAPABILITIES),
    "--ipc": ("container:", "host", "none", "private", "shareable"),
    "--pid": ("container:", "host"),
    "--userns": ("host",),
    "--detach-keys": ("ctrl-",),
    "--stop-signal": tuple(SIGNALS),
    "--log-level": LOG_LEVELS,
    "--type": ALL_TYPES,
    "--progress": PROGRESS_CHOICES,
    "--ansi": ANSI_CHOICES,
}
# Where the same flag means something else (`kill -s` is a signal, compose's `--pull` can be "build").
COMMAND_FLAG_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("kill", "--signal"): tuple(SIGNALS),
    ("container kill", "--signal"): tuple(SIGNALS),
    ("container stop", "--signal"): tuple(SIGNALS),
    ("stop", "--signal"): tuple(SIGNALS),
    ("container restart", "--signal"): tuple(SIGNALS),
    ("restart", "--signal"): tuple(SIGNALS),
    ("compose kill", "--signal"): tuple(SIGNALS),
    ("compose up", "--pull"): ("always", "missing", "never", "build"),
    ("compose create", "--pull"): ("always", "missing", "never", "build"),
    ("compose run", "--pull"): ("always", "missing", "never", "build"),
    ("compose down", "--rmi"): ("local", "all"),
}
# Flags whose value is an engine object (the click completers carry it too where they exist).
FLAG_OBJECTS = {"--network": "networks", "--net": "networks", "--volumes-from": "containers",
                "--context": "contexts", "--profile": "profiles"}
# Flags whose value is a path on this machine.
FLAG_FILES = {"--env-file", "--cidfile", "--iidfile", "--label-file", "--file", "--output", "--input",
              "--config", "--tlscacert", "--tlscert", "--tlskey", "--project-directory", "--volume"}


def _params(cmd: click.Command, ctx: click.Context):
    return [p for p in cmd.get_params(ctx) if not getattr(p, "hidden", False)]


def tree(root: click.Command, aliases: dict[str, dict[str, str]]):
    """Every command path with its data, walked from `root` (lazy groups load their commands here)."""
    out: dict[str, dict] = {}

    def walk(cmd: click.Command, ctx: click.Context, path: tuple[str, ...]) -> None:
        key = " ".join(path)
        data = {"subs": [], "flags": [], "valued": [], "values": {}, "objects": {}, "files": [], "filters": {},
                "args": "", "sdesc": {}, "fdesc": {"--help": "Print usage"}}
        for p in _params(cmd, ctx):
            if isinstance(p, click.Option):
                names = [o for o in p.opts if o != "--help"]
                data["flags"].extend(names)
                for o in names:
                    data["fdesc"][o] = _one_line(p.help or "")
                if p.is_flag or p.count:
                    continue
                data["valued"].extend(names)
                long = next((o for o in p.opts if o.startswith("--")), p.opts[0])
                values = COMMAND_FLAG_VALUES.get((key, long)) or getattr(p.type, "choices", None) or FLAG_VALUES.get(long)
                completer = getattr(p, "_custom_shell_complete", None)
                kind = getattr(completer, "kind", None) or FLAG_OBJECTS.get(long)
                if getattr(completer, "filter_command", None):
                    data["filters"].update(dict.fromkeys(names, completer.filter_command))
                elif values:
                    data["values"].update(dict.fromkeys(names, list(values)))
                elif kind:
                    data["objects"].update(dict.fromkeys(names, kind))
                elif long in FLAG_FILES or isinstance(p.type, (click.Path, click.File)):
                    data["files"].extend(names)
            elif isinstance(p, click.Argument) and not data["args"]:
                completer = getattr(p, "_custom_shell_complete", None)
                kind = getattr(completer, "kind", None)
                if not kind and key.startswith("compose ") and "SERVICE" in getattr(cmd, "docker_usage", ""):
                    kind = "services"
                if kind and "IMAGE [COMMAND]" in getattr(cmd, "docker_usage", ""):
                    data["args"] = kind + "|none"  # the image, then the command: nothing to offer
                elif kind:
                    data["args"] = kind
                elif isinstance(p.type, (click.Path, click.File)):
                    data["args"] = "files"
                elif getattr(p.type, "choices", None):
                    data["args"] = "values:" + " ".join(p.type.choices)
                for flag, other in (getattr(completer, "kind_with_flag", None) or {}).items():
                    option = next(o for o in _params(cmd, ctx) if isinstance(o, click.Option) and flag in o.opts)
                    for name in option.opts:  # `rm -f` offers every container, `rm` only stopped ones
                        data.setdefault("args_with", {})[name] = other
        data["flags"].append("--help")
        data["interspersed"] = (cmd.context_settings or {}).get("allow_interspersed_args", cmd.allow_interspersed_args)
        out[key] = data
        if isinstance(cmd, click.Group):
            names = cmd.list_commands(ctx)
            data["subs"] = list(names) + sorted(aliases.get(key, {}))
            for alias, target in aliases.get(key, {}).items():
                data["sdesc"][alias] = f"Alias of {target}"
            for name in names:
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    data["sdesc"][name] = _one_line(sub.get_short_help_str(200))
                if sub is not None and not getattr(sub, "hidden", False):
                    walk(sub, click.Context(sub, info_name=name, parent=ctx), path + (name,))

    walk(root, click.Context(root, info_name="pydock"), ())
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _q(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _array(name: str, items: dict[str, str]) -> list[str]:
    lines = [f"declare -gA {name}=("]
    lines += [f"  [{_q(k)}]={_q(v)}" for k, v in sorted(items.items())]
    return lines + [")"]


def tables() -> dict[str, dict[str, str]]:
    """The command tree as the scripts hold it: tables keyed by command path (`pydock container ls`), by
    path and flag (`pydock run --restart`), or by path and `#` (the positional arguments)."""
    from ._complete import COMMAND_FILTER_VALUES, FILTER_KEYS, FILTER_VALUES
    from ._registry import VERB_ALIASES
    from .root import cli

    data = {" ".join(("pydock", k)).strip(): d for k, d in tree(cli, VERB_ALIASES).items()}
    subs = {k: " ".join(d["subs"]) for k, d in data.items() if d["subs"]}
    alias = {f"pydock {group} {a}": f"pydock {group} {target}" for group, m in VERB_ALIASES.items()
             for a, target in m.items()}
    flags = {k: " ".join(d["flags"]) for k, d in data.items()}
    valued = {k: " ".join(d["valued"]) for k, d in data.items() if d["valued"]}
    values, objects, files = {}, {}, {}
    for k, d in data.items():
        for f, v in d["values"].items():
            values[f"{k} {f}"] = " ".join(v)
        for f, kind in d["objects"].items():
            objects[f"{k} {f}"] = kind
        for f, cmd in d["filters"].items():
            keys = FILTER_KEYS[cmd]
            values[f"{k} {f}"] = " ".join(f"{key}=" for key in keys)
            for key in keys:
                enum = COMMAND_FILTER_VALUES.get(cmd, {}).get(key) or FILTER_VALUES.get(key)
                if enum:
                    values[f"{k} {f} {key}="] = " ".join(enum)
        for f in d["files"]:
            files[f"{k} {f}"] = "1"
        if d["args"]:
            objects[f"{k} #"] = d["args"]
        for flag, kind in d.get("args_with", {}).items():
            objects[f"{k} # {flag}"] = kind
    stops = {k: "1" for k, d in data.items() if not d["interspersed"] and not d["subs"]}
    sdesc = {k: "\n".join(f"{n}\t{t}" for n, t in d["sdesc"].items()) for k, d in data.items() if d["sdesc"]}
    fdesc = {k: "\n".join(f"{f}\t{d['fdesc'].get(f, '')}" for f in d["flags"]) for k, d in data.items()}
    return {"subs": subs, "alias": alias, "flags": flags, "valued": valued, "values": values, "objects": objects,
            "files": files, "stops": stops, "sdesc": sdesc, "fdesc": fdesc}


def script(shell: str = "bash") -> str:
    t = tables()
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](t)


def bash(t: dict) -> str:
    lines = ["# bash completion for pydock, generated from its command tree by `pydock completion bash`: do not",
             "# edit (scripts/gen_docs.py writes completions/pydock.bash). Sourcing it runs nothing; commands,",
             "# flags and fixed values complete without starting a program; engine objects come from",
             "# `pydock __complete KIND`, which loads no library beyond Python's own and gives up after 300 ms.",
             ""]
    for name in ("subs", "alias", "flags", "valued", "values", "objects", "files", "stops"):
        lines += _array(f"_pydock_{name}", t[name])
    return "\n".join(lines) + "\n" + BASH_FUNCTIONS


BASH_FUNCTIONS = r'''
# Names of engine objects of KIND (containers take states), from the daemon the command line names.
_pydock_ask() {
    local env=()
    [[ -n $_pydock_host ]] && env+=(DOCKER_HOST="$_pydock_host")
    [[ -n $_pydock_context ]] && env+=(PYDOCK_COMPLETE_CONTEXT="$_pydock_context")
    [[ -n $_pydock_config ]] && env+=(DOCKER_CONFIG="$_pydock_config")
    [[ -n $_pydock_compose_files ]] && env+=(PYDOCK_COMPLETE_COMPOSE_FILES="$_pydock_compose_files")
    [[ -n $_pydock_project_dir ]] && env+=(PYDOCK_COMPLETE_PROJECT_DIR="$_pydock_project_dir")
    env "${env[@]}" "${_pydock_prog:-pydock}" __complete "$@" 2>/dev/null
}

# the global flags that choose the daemon: -H, --context, --config (as `flag value` or `--flag=value`),
# and compose's -f and --project-directory (which compose file the services are read from)
_pydock_global() {
    case $1 in
        -f | --file) _pydock_compose_files+="$2"$'\n' ;;
        --project-directory) _pydock_project_dir=$2 ;;
        -H | --host) _pydock_host=$2 ;;
        -c | --context) _pydock_context=$2 ;;
        --config) _pydock_config=$2 ;;
    esac
}

_pydock_reply() {
    # $1: the word typed so far (whole, `=` and `:` included); the rest: candidates. Candidates matching
    # the word become COMPREPLY, cut to what bash counts as the current word (it breaks at = and :).
    local word=$1 cand cut=""
    shift
    if [[ $word == *[=:]* && $COMP_WORDBREAKS == *=* ]]; then
        cut=${word%"${word##*[=:]}"}
    fi
    for cand in "$@"; do
        [[ $cand == "$word"* ]] && COMPREPLY+=("${cand#"$cut"}")
    done
}

_pydock_complete_value() {
    # $1 command path, $2 flag, $3 the value typed so far (after any `--flag=`), $4 prefix to put back
    local path=$1 flag=$2 cur=$3 prefix=$4 key="$1 $2" list kind
    if [[ $cur == *=* && -n ${_pydock_values["$key ${cur%%=*}="]+x} ]]; then
        local k=${cur%%=*} v
        list=()
        for v in ${_pydock_values["$key $k="]}; do list+=("$prefix$k=$v"); done
        _pydock_reply "$prefix$cur" "${list[@]}"
    elif [[ -n ${_pydock_values[$key]+x} ]]; then
        list=()
        for v in ${_pydock_values[$key]}; do list+=("$prefix$v"); done
        _pydock_reply "$prefix$cur" "${list[@]}"
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=:] ]] && compopt -o nospace 2>/dev/null
    elif [[ -n ${_pydock_objects[$key]+x} ]]; then
        kind=${_pydock_objects[$key]}
        mapfile -t list < <(_pydock_ask $kind)
        _pydock_reply "$prefix$cur" "${list[@]/#/$prefix}"
    elif [[ -n ${_pydock_files[$key]+x} ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

# $1: the line up to the cursor. Sets words to its words as the command will receive them (quotes and
# backslashes read as the shell reads them) and _pydock_inword when the cursor is inside the last one.
_pydock_split() {
    local line=$1 i c q="" w="" inword="" bs='\' sq="'" dq='"'
    words=()
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [[ $q == "$sq" ]]; then
            if [[ $c == "$sq" ]]; then q=""; else w+=$c; fi
        elif [[ $q == "$dq" ]]; then
            if [[ $c == "$dq" ]]; then
                q=""
            elif [[ $c == "$bs" && ( ${line:i+1:1} == "$dq" || ${line:i+1:1} == "$bs" || ${line:i+1:1} == [\$\`] ) ]]; then
                i=$((i + 1)); w+=${line:i:1}
            else
                w+=$c
            fi
        elif [[ $c == "$sq" || $c == "$dq" ]]; then
            q=$c inword=1
        elif [[ $c == "$bs" ]]; then
            i=$((i + 1)); w+=${line:i:1}; inword=1
        elif [[ $c == [[:space:]] ]]; then
            [[ -n $inword ]] && words+=("$w")
            w="" inword=""
        else
            w+=$c inword=1
        fi
    done
    [[ -n $inword ]] && words+=("$w")
    _pydock_inword=$inword
}

_pydock() {
    COMPREPLY=()
    local line=${COMP_LINE:0:COMP_POINT} words cur _pydock_inword
    _pydock_split "$line"
    if [[ -z $_pydock_inword || ${#words[@]} -le 1 ]]; then cur=""; else cur=${words[-1]}; unset 'words[-1]'; fi
    _pydock_prog=${words[0]:-pydock}
    _pydock_host="" _pydock_context="" _pydock_config="" _pydock_compose_files="" _pydock_project_dir=""
    local path=pydock i word expect="" dashdash="" positional=0 key flagged=""
    for ((i = 1; i < ${#words[@]}; i++)); do
        word=${words[i]}
        if [[ -n $expect ]]; then
            [[ $path == pydock || $path == "pydock compose" ]] && _pydock_global "$expect" "$word"
            expect=""
            continue
        fi
        if [[ -n $dashdash ]]; then positional=$((positional + 1)); continue; fi
        if [[ $word == -- ]]; then dashdash=1; continue; fi
        if [[ $word == -* ]]; then
            if [[ $word == --*=* ]]; then
                [[ $path == pydock || $path == "pydock compose" ]] && _pydock_global "${word%%=*}" "${word#*=}"
            elif [[ " ${_pydock_valued[$path]} " == *" $word "* ]]; then
                expect=$word
            fi
            [[ -n ${_pydock_objects["$path # $word"]+x} ]] && flagged=$word
            continue
        fi
        key="$path $word"
        if [[ $positional -eq 0 && " ${_pydock_subs[$path]} " == *" $word "* ]]; then
            path=${_pydock_alias[$key]:-$key}
            continue
        fi
        positional=$((positional + 1))
        [[ -n ${_pydock_stops[$path]+x} ]] && dashdash=1
    done
    if [[ -n $expect ]]; then
        _pydock_complete_value "$path" "$expect" "$cur" ""
    elif [[ -z $dashdash && $cur == --*=* ]]; then
        _pydock_complete_value "$path" "${cur%%=*}" "${cur#*=}" "${cur%%=*}="
    elif [[ -z $dashdash && $cur == -* ]]; then
        _pydock_reply "$cur" ${_pydock_flags[$path]}
    elif [[ $positional -eq 0 && -n ${_pydock_subs[$path]+x} ]]; then
        _pydock_reply "$cur" ${_pydock_subs[$path]}
    elif [[ -n ${_pydock_objects["$path #"]+x} ]]; then
        local kind=${_pydock_objects["$path #"]} list
        [[ -n $flagged ]] && kind=${_pydock_objects["$path # $flagged"]}
        if [[ $kind == *"|"* ]]; then  # one kind per position, the last one repeats
            local kinds
            IFS='|' read -ra kinds <<< "$kind"
            kind=${kinds[positional < ${#kinds[@]} ? positional : ${#kinds[@]} - 1]}
        fi
        case $kind in
            files) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
            values:*) _pydock_reply "$cur" ${kind#values:} ;;
            none) ;;
            *) mapfile -t list < <(_pydock_ask $kind); _pydock_reply "$cur" "${list[@]}" ;;
        esac
    fi
    return 0
}

complete -F _pydock pydock
'''


# -- zsh ------------------------------------------------------------------------------------------------

def _zq(text: str) -> str:
    """zsh's $'...' quoting (newlines and tabs kept)."""
    return "$'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\t", "\\t") + "'"


def zsh(t: dict) -> str:
    lines = ["#compdef pydock",
             "# zsh completion for pydock, generated from its command tree by `pydock completion zsh`: do not edit",
             "# (scripts/gen_docs.py writes completions/_pydock). Commands, flags and fixed values, with their",
             "# descriptions, complete without starting a program; engine objects (with image and status beside",
             "# containers) come from `pydock __complete --describe KIND`.",
             ""]
    for name in ("subs", "alias", "flags", "valued", "values", "objects", "files", "stops", "sdesc", "fdesc"):
        lines.append(f"typeset -gA _pydock_{name}")
        lines.append(f"_pydock_{name}=(")
        lines += [f"  {_zq(k)} {_zq(v)}" for k, v in sorted(t[name].items())]
        lines.append(")")
    return "\n".join(lines) + "\n" + ZSH_FUNCTIONS


ZSH_FUNCTIONS = r'''
_pydock_ask() {
    local -a env
    [[ -n $_pydock_host ]] && env+=(DOCKER_HOST=$_pydock_host)
    [[ -n $_pydock_context ]] && env+=(PYDOCK_COMPLETE_CONTEXT=$_pydock_context)
    [[ -n $_pydock_config ]] && env+=(DOCKER_CONFIG=$_pydock_config)
    [[ -n $_pydock_compose_files ]] && env+=(PYDOCK_COMPLETE_COMPOSE_FILES=$_pydock_compose_files)
    [[ -n $_pydock_project_dir ]] && env+=(PYDOCK_COMPLETE_PROJECT_DIR=$_pydock_project_dir)
    env $env ${_pydock_prog:-pydock} __complete "$@" 2>/dev/null
}

_pydock_global() {
    case $1 in
        -H | --host) _pydock_host=$2 ;;
        -c | --context) _pydock_context=$2 ;;
        --config) _pydock_config=$2 ;;
        -f | --file) _pydock_compose_files+="$2"$'\n' ;;
        --project-directory) _pydock_project_dir=$2 ;;
    esac
}

# $1 tag, $2 what they are, $3 lines of "name<TAB>description"
_pydock_described() {
    local -a items
    local line
    for line in ${(f)3}; do
        items+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
    done
    _describe -t $1 $2 items
}

_pydock_objects_of() {
    local out
    out=$(_pydock_ask --describe "$@")
    [[ -n $out ]] && _pydock_described objects $1 "$out"
}

# $1 command path, $2 flag: the flag's value
_pydock_value() {
    local key="$1 $2" k
    if [[ $PREFIX == *=* ]] && (( ${+_pydock_values[$key ${PREFIX%%=*}=]} )); then
        k=${PREFIX%%=*}
        compset -P '*='
        compadd -- ${=_pydock_values[$key $k=]}
    elif (( ${+_pydock_values[$key]} )); then
        local -a vals eq plain
        vals=(${=_pydock_values[$key]})
        eq=(${(M)vals:#*[=:]})
        plain=(${vals:#*[=:]})
        (( $#eq )) && compadd -S '' -- $eq
        (( $#plain )) && compadd -- $plain
    elif (( ${+_pydock_objects[$key]} )); then
        _pydock_objects_of ${=_pydock_objects[$key]}
    elif (( ${+_pydock_files[$key]} )); then
        _files
    fi
}

_pydock() {
    local cur=$words[CURRENT] cmd=pydock i word expect= dashdash= positional=0 key kind flagged=
    _pydock_prog=${(Q)words[1]}
    _pydock_host= _pydock_context= _pydock_config= _pydock_compose_files= _pydock_project_dir=
    for (( i = 2; i < CURRENT; i++ )); do
        word=${(Q)words[i]}
        if [[ -n $expect ]]; then
            [[ $cmd == pydock || $cmd == "pydock compose" ]] && _pydock_global $expect $word
            expect=
            continue
        fi
        if [[ -n $dashdash ]]; then (( positional++ )); continue; fi
        if [[ $word == -- ]]; then dashdash=1; continue; fi
        if [[ $word == -* ]]; then
            if [[ $word == --*=* ]]; then
                [[ $cmd == pydock || $cmd == "pydock compose" ]] && _pydock_global ${word%%=*} ${word#*=}
            elif [[ " $_pydock_valued[$cmd] " == *" $word "* ]]; then
                expect=$word
            fi
            key="$cmd # $word"
            (( ${+_pydock_objects[$key]} )) && flagged=$word
            continue
        fi
        key="$cmd $word"
        if (( positional == 0 )) && [[ " $_pydock_subs[$cmd] " == *" $word "* ]]; then
            cmd=${_pydock_alias[$key]:-$key}
            continue
        fi
        (( positional++ ))
        (( ${+_pydock_stops[$cmd]} )) && dashdash=1
    done
    if [[ -n $expect ]]; then
        _pydock_value $cmd $expect
    elif [[ -z $dashdash && $cur == --*=* ]]; then
        local flag=${cur%%=*}
        compset -P '*='
        _pydock_value $cmd $flag
    elif [[ -z $dashdash && $cur == -* ]]; then
        _pydock_described options option "$_pydock_fdesc[$cmd]"
    elif (( positional == 0 && ${+_pydock_subs[$cmd]} )); then
        _pydock_described commands command "$_pydock_sdesc[$cmd]"
    elif key="$cmd #"; (( ${+_pydock_objects[$key]} )); then
        kind=$_pydock_objects[$key]
        if [[ -n $flagged ]]; then key="$cmd # $flagged"; kind=$_pydock_objects[$key]; fi
        if [[ $kind == *"|"* ]]; then
            local -a kinds
            kinds=(${(s:|:)kind})
            kind=$kinds[$(( positional < $#kinds ? positional + 1 : $#kinds ))]
        fi
        case $kind in
            files) _files ;;
            values:*) compadd -- ${=kind#values:} ;;
            none) ;;
            *) _pydock_objects_of ${=kind} ;;
        esac
    fi
    return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _pydock "$@"  # autoloaded from fpath
else
    compdef _pydock pydock  # sourced
fi
'''


# -- fish -----------------------------------------------------------------------------------------------

def _fq(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(t: dict) -> str:
    lines = ["# fish completion for pydock, generated from its command tree by `pydock completion fish`: do not",
             "# edit (scripts/gen_docs.py writes completions/pydock.fish). Commands, flags and fixed values, with",
             "# their descriptions, complete without starting a program; engine objects (with image and status",
             "# beside containers) come from `pydock __complete --describe KIND`.",
             "",
             "function __pydock_table --argument-names table key",
             "    switch \"$table $key\""]
    for name in ("subs", "alias", "valued", "values", "objects", "files", "stops", "sdesc", "fdesc"):
        for k, v in sorted(t[name].items()):
            lines.append(f"        case {_fq(name + ' ' + k)}")
            lines += [f"            echo {_fq(part)}" for part in (v.split("\n") if name in ("sdesc", "fdesc") else [v])]
    lines += ["        case '*'", "            return 1", "    end", "end"]
    return "\n".join(lines) + "\n" + FISH_FUNCTIONS


FISH_FUNCTIONS = r'''
function __pydock_ask
    set -l prog (commandline -opc)[1]
    command -q $prog; or return
    set -l env
    test -n "$__pydock_host"; and set env $env DOCKER_HOST=$__pydock_host
    test -n "$__pydock_context"; and set env $env PYDOCK_COMPLETE_CONTEXT=$__pydock_context
    test -n "$__pydock_config"; and set env $env DOCKER_CONFIG=$__pydock_config
    set -q __pydock_compose_files[1]; and set env $env PYDOCK_COMPLETE_COMPOSE_FILES=(printf '%s\n' $__pydock_compose_files | string collect -N)
    test -n "$__pydock_project_dir"; and set env $env PYDOCK_COMPLETE_PROJECT_DIR=$__pydock_project_dir
    env $env $prog __complete --describe $argv 2>/dev/null
end

# the global flags that choose the daemon: -H, --context, --config
function __pydock_global --argument-names flag value
    switch $flag
        case -H --host
            set -g __pydock_host $value
        case -c --context
            set -g __pydock_context $value
        case --config
            set -g __pydock_config $value
        case -f --file
            set -g -a __pydock_compose_files $value
        case --project-directory
            set -g __pydock_project_dir $value
    end
end

function __pydock_value --argument-names cmd flag cur prefix
    set -l key "$cmd $flag"
    if string match -q -- '*=*' $cur; and set -l vals (__pydock_table values "$key "(string split -m1 = -- $cur)[1]"=")
        set -l k (string split -m1 = -- $cur)[1]
        for v in (string split ' ' -- $vals)
            echo $prefix$k=$v
        end
    else if set -l vals (__pydock_table values $key)
        for v in (string split ' ' -- $vals)
            echo $prefix$v
        end
    else if set -l kind (__pydock_table objects $key)
        for line in (__pydock_ask (string split ' ' -- $kind))
            echo $prefix$line
        end
    else if __pydock_table files $key >/dev/null
        __fish_complete_path $cur
    end
end

function __pydock_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct | string unescape)  # as typed: quotes and backslashes read
    set -l cmd pydock
    set -l expect
    set -l dashdash
    set -l positional 0
    set -l flagged
    set -g __pydock_host
    set -g __pydock_context
    set -g __pydock_config
    set -g __pydock_compose_files
    set -g __pydock_project_dir
    for word in $words[2..-1]
        if test -n "$expect"
            if contains -- "$cmd" pydock "pydock compose"
                __pydock_global $expect $word
            end
            set expect
            continue
        end
        if test -n "$dashdash"
            set positional (math $positional + 1)
            continue
        end
        if test "$word" = --
            set dashdash 1
            continue
        end
        if string match -q -- '-*' $word
            if string match -q -- '--*=*' $word
                if contains -- "$cmd" pydock "pydock compose"
                    __pydock_global (string split -m1 = -- $word)
                end
            else if contains -- $word (string split ' ' -- (__pydock_table valued $cmd))
                set expect $word
            end
            if __pydock_table objects "$cmd # $word" >/dev/null
                set flagged $word
            end
            continue
        end
        if test $positional -eq 0; and contains -- $word (string split ' ' -- (__pydock_table subs $cmd))
            set -l key "$cmd $word"
            set cmd (__pydock_table alias $key; or echo $key)
            continue
        end
        set positional (math $positional + 1)
        if __pydock_table stops $cmd >/dev/null
            set dashdash 1
        end
    end
    if test -n "$expect"
        __pydock_value $cmd $expect $cur ''
    else if test -z "$dashdash"; and string match -q -- '--*=*' $cur
        set -l flag (string split -m1 = -- $cur)[1]
        __pydock_value $cmd $flag (string split -m1 = -- $cur)[2] "$flag="
    else if test -z "$dashdash"; and string match -q -- '-*' $cur
        __pydock_table fdesc $cmd
    else if test $positional -eq 0; and __pydock_table subs $cmd >/dev/null
        __pydock_table sdesc $cmd
    else if set -l kind (__pydock_table objects "$cmd #")
        if test -n "$flagged"
            set kind (__pydock_table objects "$cmd # $flagged")
        end
        set -l kinds (string split '|' -- $kind)
        set kind $kinds[(math "min($positional + 1, "(count $kinds)")")]
        switch $kind
            case files
                __fish_complete_path $cur
            case 'values:*'
                string split ' ' -- (string replace values: '' -- $kind)
            case none
            case '*'
                __pydock_ask (string split ' ' -- $kind)
        end
    end
end

complete -c pydock -f -a '(__pydock_complete)'
'''
