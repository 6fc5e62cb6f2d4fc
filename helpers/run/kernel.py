"""The notebooks' Jupyter kernel: its one name, and how parameter values are written into a notebook.

`make setup` registers the kernel under `KERNEL` (the Makefile's `KERNEL` must match); papermill runs
every notebook with it (`pipeline`), `nbsync` pins it in each notebook's metadata, and both write the
parameters cell with `DateTranslator`, so a date is `datetime.date(y, m, d)` in either.
"""

from __future__ import annotations

import datetime as dt

from papermill.translators import PythonTranslator, papermill_translators

from helpers.run import params as params_mod

KERNEL = "trolltracker"
KERNELSPEC = {"name": KERNEL, "display_name": f"Python 3 ({KERNEL})", "language": "python"}


class DateTranslator(PythonTranslator):
    """Papermill's Python translator, plus dates: injected as `datetime.date(y, m, d)`, not strings."""

    @classmethod
    def translate(cls, val):
        if isinstance(val, params_mod.IsoDate):
            val = val.date
        if isinstance(val, dt.datetime):
            return f"datetime.datetime({val.year}, {val.month}, {val.day}, {val.hour}, {val.minute})"
        if isinstance(val, dt.date):
            return f"datetime.date({val.year}, {val.month}, {val.day})"
        return super().translate(val)

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        """The injected cell imports what its values need, even in a notebook without `import datetime`."""
        return "import datetime\n" + super().codify(parameters, comment)


papermill_translators.register(KERNEL, DateTranslator)
