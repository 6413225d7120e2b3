"""The one kind of error the build reports: a message naming what is wrong, never a traceback.

Every step raises a subclass of BuildError (WheelError, LockfileError, RuntimeFilesError,
StdlibError, BytecodeError, SourcesError, ...). The boundaries turn it into one message:
the build command prints `error: <message>` and exits 1 (outside_help_build/cli.py); the MkDocs
hooks raise MkDocs' PluginError with it (outside_help_build/mkdocs_hooks.py); inside a
generator's Markdown run it propagates, and the generator names the page that failed.
"""

from __future__ import annotations


class BuildError(Exception):
    """Something the build cannot go on with; the message says what and where."""
