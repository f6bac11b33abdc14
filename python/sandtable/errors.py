"""The exceptions of the sandtable package."""


class ScenarioError(ValueError):
    """Bad input: a scenario, study, criteria or option the library refused.

    ``str(error)`` is the text the ``sandtable`` program prints, one line per
    problem (``file:line:col: error: key.path: message; hint``).
    ``diagnostics`` lists them as dicts with the keys ``file``, ``line``,
    ``column`` (1-based; 0 when unknown), ``path``, ``message``, ``hint`` and
    ``text`` (the printed line). ``exit_code`` is the program's exit code for
    the same input (1 invalid input, 3 an unreadable file).
    """

    def __init__(self, message, diagnostics=(), exit_code=1):
        super().__init__(message)
        self.diagnostics = list(diagnostics)
        self.exit_code = exit_code


class ScenarioFileError(ScenarioError, OSError):
    """A scenario, overlay or study file that could not be read (exit code 3)."""
