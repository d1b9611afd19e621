"""The one error type of the pure option parsers."""

from __future__ import annotations


class OptionError(ValueError):
    """A flag value docker rejects; the message is docker's own, without any prefix.

    The command layer decides how it is shown: as a flag error (`invalid argument "x" for "-p" flag: ...`)
    or as a create/run parse error (`docker: ...\\n\\nRun 'docker create --help' ...`)."""
