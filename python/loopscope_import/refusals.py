"""What the importer refuses: every unsupported construct, with its position in the .py."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    filename: str
    line: int
    col: int  # 1-based, as compilers and editors count columns
    what: str
    instead: str

    def __str__(self):
        where = f"{self.filename}:{self.line}:{self.col}"
        if not self.instead:  # not a construct but an error of the program: said as Python does
            return f"{where}: {self.what}"
        return f"{where}: {self.what} is not supported; {self.instead}"


class Unsupported(Exception):
    """Raised where a construct cannot be mapped; caught per statement and recorded."""

    def __init__(self, node, what, instead):
        super().__init__(what)
        self.node = node
        self.what = what
        self.instead = instead


class ImportRefused(Exception):
    """The program holds constructs a scenario cannot express: nothing was imported."""

    def __init__(self, refusals):
        super().__init__("\n".join(str(r) for r in refusals))
        self.refusals = list(refusals)


def refuse(node, what, instead):
    raise Unsupported(node, what, instead)


class Refusals:
    """Collects the refusals of one import, in the order of the source."""

    def __init__(self, filename):
        self.filename = filename
        self._found = []

    def add(self, error):
        node = error.node
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0) + 1
        refusal = Refusal(self.filename, line, col, error.what, error.instead)
        if refusal not in self._found:
            self._found.append(refusal)

    def guard(self, f, *args, default=None):
        """f(*args), or `default` with the refusal recorded when f refuses."""
        try:
            return f(*args)
        except Unsupported as error:
            self.add(error)
            return default

    def raise_if_any(self):
        if self._found:
            found = sorted(self._found, key=lambda r: (r.line, r.col))
            raise ImportRefused(found)
