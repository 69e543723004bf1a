"""Problems found in content: errors stop a build, warnings are shown to publishers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, at a file and line, phrased so an author knows what to fix."""

    path: Path
    line: int
    message: str
    warning: bool = False

    def render(self, root: Path | None = None) -> str:
        """Format as 'path:line: message', the form editors and CI logs link up."""
        path = self.path
        if root is not None and path.is_relative_to(root):
            path = path.relative_to(root)
        kind = "warning: " if self.warning else ""
        return f"{path}:{self.line}: {kind}{self.message}"


class ContentError(Exception):
    """Raised when a site's content has errors; carries every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems so callers can print them all."""
        self.problems = problems
        super().__init__(f"{len(problems)} content error(s)")
