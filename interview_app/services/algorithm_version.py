"""The version of an algorithm whose results are stored once and read on every view.

Figures that never change for the same input (an interview's delivery metrics, a job's key
terms) are computed when their input is saved and stored with the version of the code that
computed them. The version is a digest of that code's source, so any change to the
algorithm makes the stored figures read as old and they are computed again on next use; no
one has to remember to bump a number.
"""

from __future__ import annotations

import hashlib
import inspect
from types import ModuleType

VERSION_LENGTH = 16


def algorithm_version(*modules: ModuleType) -> str:
    """Return the version of the algorithm the modules implement.

    Args:
        *modules: The modules whose source makes up the algorithm.

    Returns:
        A short hex digest of their source, `VERSION_LENGTH` characters.
    """
    digest = hashlib.sha256()
    for module in modules:
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()[:VERSION_LENGTH]
