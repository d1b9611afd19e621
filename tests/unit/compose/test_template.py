"""compose-go template/template_test.go, interpolation/interpolation_test.go and the loader's
interpolation casts (loader/interpolate.go, loader_test.go TestLoadWithInterpolationCastFull) as tables;
v2-observed wording checked against the oracle where noted."""

from __future__ import annotations

import math

import pytest

from pydock.compose.errors import ComposeError
from pydock.compose.loader import template
from pydock.compose.loader.template import InvalidTemplateError, MissingRequiredError

DEFAULTS = {"FOO": "first", "BAR": "", "JSON": '{"json":2}'}


def sub(text, mapping=DEFAULTS, warn=None):
    return template.substitute(text, mapping, warn=warn)


SUBSTITUTE = [
    # TestEscaped / TestSubstituteNoMatch / TestUnescaped
    ("$${foo}", "${foo}"),
    ("foo", "foo"),
    ("a $ string", "a $ string"),
    ("^REGEX$", "^REGEX$"),
    ("$}", "$}"),
    ("$", "$"),
    # TestNonBraced
    ("$FOO-bar", "first-bar"),
    # TestNoValueNoDefault / TestValueNoDefault
    ("This ${missing} var", "This  var"),
    ("This ${BAR} var", "This  var"),
    ("This $FOO var", "This first var"),
    ("This ${FOO} var", "This first var"),
    # TestNoValueWithDefault ... TestNonAlphanumericDefault
    ("ok ${missing:-def}", "ok def"),
    ("ok ${missing-def}", "ok def"),
    ("ok ${BAR:-def}", "ok def"),
    ("ok ${FOO:-def}", "ok first"),
    ("ok ${BAR-def}", "ok "),
    ("ok ${UNSET_VAR:+presence_value}", "ok "),
    ("ok ${UNSET_VAR+presence_value}", "ok "),
    ("ok ${FOO:+presence_value}", "ok presence_value"),
    ("ok ${FOO+presence_value}", "ok presence_value"),
    ("ok ${BAR+presence_value}", "ok presence_value"),
    ("ok ${BAR:+presence_value}", "ok "),
    ("ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric"),
    # TestInterpolationExternalInterference
    ("-ok ${BAR:-defaultValue}", "-ok defaultValue"),
    ("+ok ${UNSET:-${BAR-defaultValue}}", "+ok "),
    ("-ok ${FOO:-defaultValue}", "-ok first"),
    (":-ok ${UNSET-defaultValue}", ":-ok defaultValue"),
    (":-ok ${BAR-defaultValue}", ":-ok "),
    (":?ok ${BAR-defaultValue}", ":?ok "),
    (":?ok ${BAR:-defaultValue}", ":?ok defaultValue"),
    (":+ok ${BAR:-defaultValue}", ":+ok defaultValue"),
    ("+ok ${BAR-defaultValue}", "+ok "),
    ("?ok ${BAR:-defaultValue}", "?ok defaultValue"),
    # TestDefaultsWithNestedExpansion
    ("ok ${UNSET_VAR-$FOO}", "ok first"),
    ("ok ${UNSET_VAR-${FOO}}", "ok first"),
    ("ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first"),
    ("ok ${BAR:-$FOO}", "ok first"),
    ("ok ${BAR:-${FOO}}", "ok first"),
    ("ok ${BAR:-${FOO} ${FOO}}", "ok first first"),
    ("ok ${BAR+$FOO}", "ok first"),
    ("ok ${BAR+$FOO ${FOO:+second}}", "ok first second"),
    # TestDefaultsForMandatoryVariables
    ("ok ${FOO:?err}", "ok first"),
    ("ok ${FOO?err}", "ok first"),
    ("ok ${BAR?err}", "ok "),
    # TestSubstituteWithReplacementFunc (last case)
    ("ok ${SUBDOMAIN:-redis}.${FOO:?}", "ok redis.first"),
    # TestPrecedence
    ("${UNSET_VAR-myerror?msg}", "myerror?msg"),
    ("${FOO?bar-baz}", "first"),
    ("${BAR:-default_value_for_empty_var}", "default_value_for_empty_var"),
    ("${UNSET_VAR-default_value_for_unset_var}", "default_value_for_unset_var"),
    # TestNoValueWithCurlyBracesDefault / TestValueWithCurlyBracesDefault
    ('ok ${missing:-{"json":1}}', 'ok {"json":1}'),
    ('ok ${missing-{"json":1}}', 'ok {"json":1}'),
    ('ok ${JSON:-{"json":1}}', 'ok {"json":2}'),
    ('ok ${JSON-{"json":1}}', 'ok {"json":2}'),
    # v2 behaviours (spec 12-interpolation, compose-semantics.md 1.4)
    ("echo cost $5", "echo cost $5"),
    ("$$FOO", "$FOO"),
    ("$$$FOO", "$first"),
    ("${FOO}${FOO}", "firstfirst"),
    ("${UNSET:-a}-${FOO}", "a-first"),
    ("${UNSET:-${UNSET2:-x}}", "x"),
    ("$foo_1x", ""),
    ("${FOO}}", "first}"),
    ("$FOO.bar", "first.bar"),
    ("${FOO:-x}}", "first}"),
]


@pytest.mark.parametrize("text,expected", SUBSTITUTE)
def test_substitute(text, expected):
    assert sub(text) == expected


@pytest.mark.parametrize("text", ["${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${FOO:}", "x ${FOO:}"])
def test_invalid(text):
    with pytest.raises(InvalidTemplateError) as e:
        sub(text)
    assert str(e.value).startswith("Invalid template")
    assert e.value.template == text


MANDATORY = [
    ("not ok ${UNSET_VAR:?Mandatory Variable Unset}",
     "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"),
    ("not ok ${BAR:?Mandatory Variable Empty}", "required variable BAR is missing a value: Mandatory Variable Empty"),
    ("not ok ${UNSET_VAR:?}", "required variable UNSET_VAR is missing a value"),
    ("not ok ${UNSET_VAR?Mandatory Variable Unset}",
     "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"),
    ("not ok ${UNSET_VAR?}", "required variable UNSET_VAR is missing a value"),
    ("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}",
     "required variable UNSET_VAR is missing a value: Mandatory Variable first"),
    ("not ok ${UNSET_VAR?Mandatory Variable ${FOO}}",
     "required variable UNSET_VAR is missing a value: Mandatory Variable first"),
    ("${UNSET_VAR?bar-baz}", "required variable UNSET_VAR is missing a value: bar-baz"),
]


@pytest.mark.parametrize("text,message", MANDATORY)
def test_mandatory(text, message):
    with pytest.raises(MissingRequiredError) as e:
        sub(text)
    assert str(e.value) == message


# TestSubstitutionFunctionChoice
CHOICE = [
    ("VARNAME:?val?ue", ":?"), ("VARNAME?val:?ue", "?"), ("VARNAME?va-lu+e:?e", "?"), ("VARNAME?va+lu-e:?e", "?"),
    ("VARNAME:-value", ":-"), ("VARNAME-va:-lu:?e", "-"), ("VARNAME-va+lu?e", "-"), ("VARNAME-va?lu+e", "-"),
    ("VARNAME:+va:?lu:-e", ":+"), ("VARNAME+va:+lue", "+"), ("VARNAME+va?lu-e", "+"), ("VARNAME+va-lu?e", "+"),
]


@pytest.mark.parametrize("text,symbol", CHOICE)
def test_substitution_function_choice(text, symbol):
    assert template._substitution_function(text) == symbol


def test_unset_warning_wording():
    warnings = []
    assert sub("a${NOPE}b$NOPE2", warn=warnings.append) == "ab"
    assert warnings == ['The "NOPE" variable is not set. Defaulting to a blank string.',
                        'The "NOPE2" variable is not set. Defaulting to a blank string.']


def test_no_warning_for_defaults_or_empty():
    warnings = []
    assert sub("${NOPE:-x}${NOPE-y}${BAR}${NOPE:+z}", warn=warnings.append) == "xy"
    assert warnings == []


def test_warnings_continue_after_an_error():
    # ReplaceAllStringFunc goes on after the first error: later unset variables still warn
    warnings = []
    with pytest.raises(MissingRequiredError):
        sub("${A:?x} $B", warn=warnings.append)
    assert warnings == ['The "B" variable is not set. Defaulting to a blank string.']


def test_mapping_callable():
    assert template.substitute("${X}", lambda k: "v" if k == "X" else None) == "v"
    assert template.substitute("${X:-d}", lambda k: None) == "d"


# ---------------------------------------------------------------------------------------------------------
# interpolation_test.go

IDEFAULTS = {"USER": "jenny", "FOO": "bar", "count": "5"}


def test_interpolate():
    services = {"servicea": {"image": "example:${USER}", "volumes": ["$FOO:/target"],
                             "logging": {"driver": "${FOO}", "options": {"user": "$USER"}}}}
    assert template.interpolate(services, IDEFAULTS) == {
        "servicea": {"image": "example:jenny", "volumes": ["bar:/target"],
                     "logging": {"driver": "bar", "options": {"user": "jenny"}}}}


def test_invalid_interpolation():
    with pytest.raises(ComposeError) as e:
        template.interpolate({"servicea": {"image": "${"}}, IDEFAULTS)
    assert str(e.value) == "invalid interpolation format for servicea.image.\nYou may need to escape any $ with another $.\n${"


UNEXISTENT = [
    ("{{{ ${FOO:-foo_} }}}", "{{{ foo_ }}}", None),
    ("{{{ ${FOO:-foo-bar-value} }}}", "{{{ foo-bar-value }}}", None),
    ("{{{ ${FOO:-foo?bar?value} }}}", "{{{ foo?bar?value }}}", None),
    ("{{{ ${FOO:-foo:?bar:?value} }}}", "{{{ foo:?bar:?value }}}", None),
    ("{{{ ${FOO:-foo} ${BAR:-DEFAULT_VALUE} }}}", "{{{ foo DEFAULT_VALUE }}}", None),
    ("{{{ ${BAR} }}}", "{{{  }}}", None),
    ("${FOO:-baz} }}}", "baz }}}", None),
    ("${FOO-baz} }}}", "baz }}}", None),
    ("{{{ ${FOO:?foo_} }}}", None, "foo_"),
    ("{{{ ${FOO:?foo-bar-value} }}}", None, "foo-bar-value"),
    ("{{{ ${FOO:?foo} ${BAR:-DEFAULT_VALUE} }}}", None, "foo"),
    ("${FOO:?foo} ${BAR:?bar}", None, "foo"),
    ("${FOO:?baz} }}}", None, "baz"),
    ("${FOO?baz} }}}", None, "baz"),
    ("${FOO:-${BAR:-${ZOT:-qix}}}", "qix", None),
    ("${FOO:-${BAR:-x}_test_${BAR:-y}}", "x_test_y", None),
    ("${FOO:-${BAR:-x}_test}", "x_test", None),
    ("${FOO:-${BAR:-${ZOT:-x}}_test}", "x_test", None),
]


@pytest.mark.parametrize("text,expected,err", UNEXISTENT)
def test_valid_unexistent_interpolation(text, expected, err):
    doc = {"myservice": {"environment": {"TESTVAR": text}}}
    if err:
        with pytest.raises(ComposeError) as e:
            template.interpolate(doc, {})
        assert str(e.value) == ("error while interpolating myservice.environment.TESTVAR: required variable FOO is "
                                f"missing a value: {err}")
    else:
        assert template.interpolate(doc, {}) == {"myservice": {"environment": {"TESTVAR": expected}}}


EXISTENT = [
    ("{{{ ${FOO:-foo_} }}}", "{{{ bar }}}"),
    ("{{{ ${FOO:-foo-bar-value} }}}", "{{{ bar }}}"),
    ("{{{ ${FOO:-foo} ${BAR:-DEFAULT_VALUE} }}}", "{{{ bar DEFAULT_VALUE }}}"),
    ("{{{ ${BAR} }}}", "{{{  }}}"),
    ("${FOO:-baz} }}}", "bar }}}"),
    ("${FOO-baz} }}}", "bar }}}"),
    ("{{{ ${FOO:-foo} ${USER:-bar} }}}", "{{{ bar jenny }}}"),
    ("{{{ ${USER} }}}", "{{{ jenny }}}"),
]


@pytest.mark.parametrize("text,expected", EXISTENT)
def test_valid_existent_interpolation(text, expected):
    doc = {"myservice": {"environment": {"TESTVAR": text}}}
    assert template.interpolate(doc, IDEFAULTS) == {"myservice": {"environment": {"TESTVAR": expected}}}


def test_keys_are_not_interpolated_and_non_strings_kept():
    doc = {"labels": {"$FOO": "$FOO"}, "n": 1, "b": True, "z": None, "f": 1.5, "l": ["$FOO", 2]}
    assert template.interpolate(doc, IDEFAULTS) == {"labels": {"$FOO": "bar"}, "n": 1, "b": True, "z": None,
                                                    "f": 1.5, "l": ["bar", 2]}


def test_interpolate_returns_a_new_document():
    doc = {"a": {"b": "$FOO"}}
    out = template.interpolate(doc, IDEFAULTS)
    assert doc == {"a": {"b": "$FOO"}} and out == {"a": {"b": "bar"}}


def test_error_path_through_lists_and_dotted_keys():
    # oracle: `error while interpolating services.web.command.[]: required variable A is missing a value: missing`
    with pytest.raises(ComposeError) as e:
        template.interpolate({"services": {"web": {"command": ["${A:?missing $${x}}"]}}}, {})
    assert str(e.value) == "error while interpolating services.web.command.[]: required variable A is missing a " \
                           "value: missing ${x}"
    with pytest.raises(ComposeError) as e:
        template.interpolate({"services": {"web": {"labels": {"a.b": "${A:?m}"}}}}, {})
    assert str(e.value) == "error while interpolating services.web.labels.a.b: required variable A is missing a value: m"


def test_invalid_nested_reports_inner_template():
    # oracle: v2 prints the innermost template on the third line
    with pytest.raises(ComposeError) as e:
        template.interpolate({"services": {"web": {"command": ["${A:-${B:}}"]}}}, {})
    assert str(e.value) == ("invalid interpolation format for services.web.command.[].\n"
                            "You may need to escape any $ with another $.\n${B:}")


def test_interpolate_warns_through_callback():
    warnings = []
    template.interpolate({"services": {"web": {"image": "busybox${UNSET_X}"}}}, {}, warn=warnings.append)
    assert warnings == ['The "UNSET_X" variable is not set. Defaulting to a blank string.']


def test_wrappers_are_walked():
    from pydock.compose.loader.yaml12 import Override, Reset

    out = template.interpolate({"a": Override(["$FOO"]), "b": Reset(None)}, IDEFAULTS)
    assert out == {"a": Override(["bar"]), "b": Reset(None)}


# ---------------------------------------------------------------------------------------------------------
# loader/interpolate.go casts

CAST_ENV = {"theint": "555", "thefloat": "3.14", "thebool": "true", "theduration": "60s", "thesize": "2gb"}


def test_interpolation_cast_full():
    # loader_test.go TestLoadWithInterpolationCastFull, the document after interpolation
    doc = {
        "services": {"web": {
            "configs": [{"source": "appconfig", "mode": "$theint"}],
            "healthcheck": {"retries": "${theint}", "disable": "$thebool"},
            "deploy": {"replicas": "$theint",
                       "update_config": {"parallelism": "$theint", "max_failure_ratio": "$thefloat"},
                       "rollback_config": {"parallelism": "$theint", "max_failure_ratio": "$thefloat"},
                       "restart_policy": {"max_attempts": "$theint"},
                       "placement": {"max_replicas_per_node": "$theint"}},
            "ports": ["$theint", "34567", {"target": "$theint", "published": "$theint", "x-foo-bar": True}],
            "ulimits": {"nproc": "$theint", "nofile": {"hard": "$theint", "soft": "$theint"}},
            "privileged": "$thebool", "read_only": "$thebool", "shm_size": "${thesize}",
            "stop_grace_period": "${theduration}", "stdin_open": "${thebool}", "tty": "$thebool",
            "volumes": [{"source": "data", "type": "volume", "target": "/data", "read_only": "$thebool",
                         "volume": {"nocopy": "$thebool"}}],
        }},
        "configs": {"appconfig": {"external": "$thebool"}},
        "secrets": {"super": {"external": "$thebool"}},
        "volumes": {"data": {"external": "$thebool"}},
        "networks": {"front": {"external": "$thebool", "internal": "$thebool", "attachable": "$thebool"},
                     "back": None},
    }
    out = template.interpolate(doc, CAST_ENV)
    web = out["services"]["web"]
    assert web["configs"] == [{"source": "appconfig", "mode": "555"}]  # not cast by the loader
    assert web["healthcheck"] == {"retries": 555, "disable": True}
    assert web["deploy"] == {"replicas": 555,
                             "update_config": {"parallelism": 555, "max_failure_ratio": 3.14},
                             "rollback_config": {"parallelism": 555, "max_failure_ratio": 3.14},
                             "restart_policy": {"max_attempts": 555},
                             "placement": {"max_replicas_per_node": 555}}
    assert web["ports"] == ["555", "34567", {"target": 555, "published": "555", "x-foo-bar": True}]
    assert web["ulimits"] == {"nproc": 555, "nofile": {"hard": 555, "soft": 555}}
    assert (web["privileged"], web["read_only"], web["stdin_open"], web["tty"]) == (True, True, True, True)
    assert (web["shm_size"], web["stop_grace_period"]) == ("2gb", "60s")
    assert web["volumes"][0]["read_only"] is True and web["volumes"][0]["volume"] == {"nocopy": True}
    assert out["configs"]["appconfig"]["external"] is True
    assert out["secrets"]["super"]["external"] is True
    assert out["volumes"]["data"]["external"] is True
    assert out["networks"] == {"front": {"external": True, "internal": True, "attachable": True}, "back": None}


def test_interpolate_int():
    # TestInterpolateInt
    assert template.interpolate({"services": {"foo": {"scale": "${FOO_SCALE}"}}}, {"FOO_SCALE": "2"}) == \
        {"services": {"foo": {"scale": 2}}}


CASTS = [
    (("services", "w", "privileged"), "true", True),
    (("services", "w", "privileged"), "TRUE", True),
    (("services", "w", "privileged"), "False", False),
    (("services", "w", "init"), "yes", True),
    (("services", "w", "tty"), "off", False),
    (("services", "w", "cpus"), "1.5", 1.5),
    (("services", "w", "cpus"), "0.1", 0.10000000149011612),  # float32
    (("services", "w", "cpus"), "1_5", 15.0),  # oracle: "cpus": 15
    (("services", "w", "cpus"), "0x1p1", 2.0),  # oracle: 2
    (("services", "w", "cpu_percent"), "5.", 5.0),
    (("services", "w", "cpu_count"), "+7", 7),
    (("services", "w", "cpu_shares"), "-3", -3),
    (("services", "w", "scale"), "3", 3),
    (("services", "w", "ulimits", "nofile"), "10", 10),
    (("services", "w", "ports", "[]", "target"), "80", 80),
    (("services", "w", "image"), "80", "80"),
    (("services", "w", "ports", "[]", "published"), "80", "80"),
    (("networks", "n", "enable_ipv6"), "false", False),
    (("services", "w", "privileged"), 12, 12),  # only strings are cast
]


@pytest.mark.parametrize("path,value,expected", CASTS)
def test_cast_after_interpolation(path, value, expected):
    got = template.cast_after_interpolation(path, value)
    assert got == expected and type(got) is type(expected)


CAST_ERRORS = [
    ("privileged", "foo", "invalid boolean: foo"),
    ("scale", "abc", 'strconv.Atoi: parsing "abc": invalid syntax'),
    ("scale", "1.5", 'strconv.Atoi: parsing "1.5": invalid syntax'),
    ("scale", "99999999999999999999", 'strconv.Atoi: parsing "99999999999999999999": value out of range'),
    ("cpu_count", "1_0", 'strconv.ParseInt: parsing "1_0": invalid syntax'),
    ("cpu_count", "", 'strconv.ParseInt: parsing "": invalid syntax'),
    ("cpu_percent", " 1", 'strconv.ParseFloat: parsing " 1": invalid syntax'),  # oracle
    ("cpu_percent", "1__5", 'strconv.ParseFloat: parsing "1__5": invalid syntax'),  # oracle
    ("cpus", "1e40", 'strconv.ParseFloat: parsing "1e40": value out of range'),  # oracle
    ("cpu_percent", "1e400", 'strconv.ParseFloat: parsing "1e400": value out of range'),
]


@pytest.mark.parametrize("key,value,message", CAST_ERRORS)
def test_cast_errors(key, value, message):
    with pytest.raises(ComposeError) as e:
        template.interpolate({"services": {"web": {key: "${P:-" + value + "}" if value else ""}}}, {})
    assert str(e.value) == f"error while interpolating services.web.{key}: failed to cast to expected type: {message}"


def test_boolean_yaml11_warning():
    # oracle: `"yes" for boolean is not supported by YAML 1.2, please use `true``
    warnings = []
    out = template.interpolate({"services": {"w": {"privileged": "${P:-yes}", "tty": "N"}}}, {}, warn=warnings.append)
    assert out == {"services": {"w": {"privileged": True, "tty": False}}}
    assert warnings == ['"yes" for boolean is not supported by YAML 1.2, please use `true`',
                        '"N" for boolean is not supported by YAML 1.2, please use `false`']


def test_float_special_values():
    assert math.isinf(template.cast_after_interpolation(("services", "w", "cpu_percent"), "inf"))
    assert math.isnan(template.cast_after_interpolation(("services", "w", "cpu_percent"), "NaN"))
    assert template.cast_after_interpolation(("services", "w", "cpu_percent"), "-Infinity") == -math.inf


def test_cast_disabled():
    assert template.interpolate({"services": {"w": {"scale": "2"}}}, {}, cast=False) == {"services": {"w": {"scale": "2"}}}


# TestPathMatches (our patterns are tuples; `*` matches one key)
PATHS = [
    (("one", "two", "three"), ("one", "two"), False),
    (("one", "two"), ("one", "two", "three"), False),
    (("one", "three", "two"), ("one", "two", "three"), False),
    (("one", "three", "two"), ("*", "two", "three"), False),
    (("one", "two", "three"), ("one", "*", "three"), True),
    (("one", "two", "three"), ("one", "two", "three"), True),
]


@pytest.mark.parametrize("path,pattern,expected", PATHS)
def test_path_matches(path, pattern, expected, monkeypatch):
    monkeypatch.setattr(template, "_CASTS_BY_LEN", {len(pattern): [(pattern, lambda v, w=None: "hit")]})
    assert (template.cast_after_interpolation(path, "x") == "hit") is expected
