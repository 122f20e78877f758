# Types of the compiled module (python/src/lib.rs). Use the package's own
# API, claimcheck.Checker, which is typed in __init__.py.

from typing import List, Optional, Tuple, final

__all__ = ["Checker", "OpenError", "__version__"]
__version__: str

class OpenError(ValueError):
    # args[0]: the problems that stopped the reference from loading, each
    # the JSON line `claimcheck check --errors FILE` writes for it.
    args: Tuple[List[str]]

@final
class Checker:
    def __new__(cls, reference: Optional[str], as_of: Optional[str], jobs: int) -> Checker: ...
    @property
    def snapshot(self) -> str: ...
    @property
    def as_of(self) -> str: ...
    # The --format jsonl lines, and the --errors lines of the problems.
    def check_jsonl(self, name: str, text: str) -> Tuple[List[str], List[str]]: ...
