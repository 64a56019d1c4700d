"""Problems found in a dataset, worded for the person who has to fix the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A message listing thousands of problems helps no one; the count still says how many there were.
MAX_LISTED_PROBLEMS = 200


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, row and column (row as a spreadsheet numbers it)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.row is not None:
            place += f" row {self.row}"
        if self.column is not None:
            place += f", column {self.column}" if self.row is not None else f" column {self.column}"
        return f"{place}: {self.message}"


class DatasetError(ValueError):
    """Raised with every problem found, so a user fixes them all in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(describe_problems(self.problems))


def describe_problems(problems: tuple[Problem, ...]) -> str:
    """One line per problem, capped, with a heading that counts them."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    lines = [f"The dataset has {count} {noun}:"]
    lines += [f"- {problem}" for problem in problems[:MAX_LISTED_PROBLEMS]]
    if count > MAX_LISTED_PROBLEMS:
        lines.append(f"- … and {count - MAX_LISTED_PROBLEMS} more of the same kinds.")
    return "\n".join(lines)
