# Types of the compiled module (python/src/lib.rs). Use the package's own
# API, claimcheck.Checker, which is typed in __init__.py.

from typing import List, Optional, Tuple, final

__all__ = ["Checker", "OpenError", "__version__"]
__version__: str

# (file, line, message, hint, severity): severity is "error" or "warning".
_RawProblem = Tuple[str, Optional[int], str, str, str]

class OpenError(ValueError):
    # args[0]: the problems that stopped the reference from loading.
    args: Tuple[List[_RawProblem]]

@final
class Checker:
    def __new__(cls, reference: Optional[str], as_of: Optional[str], jobs: int) -> Checker: ...
    @property
    def snapshot(self) -> str: ...
    @property
    def as_of(self) -> str: ...
    def check_jsonl(self, name: str, text: str) -> Tuple[List[str], List[_RawProblem]]: ...
