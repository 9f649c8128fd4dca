"""Domain errors. The library raises them; the CLI prints one line and exits 1."""


class PaperfinderError(Exception):
    """A user-facing error: ``message`` says what went wrong, ``hint`` what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class NoIndexError(PaperfinderError):
    pass


class IndexCorruptError(PaperfinderError):
    pass


class IndexLockedError(PaperfinderError):
    """Another run holds the index's writer lock."""


class IndexWriteError(PaperfinderError):
    """The index could not be written (a full disk); the write was undone."""


class ReadError(PaperfinderError):
    """A file could not be read; the indexer skips it and reports why."""


class QueryError(PaperfinderError):
    pass


class NotFoundError(PaperfinderError):
    """A document (or its file) asked for by id is not in the index."""


class ResolveError(PaperfinderError):
    """A loose name (council, person, facet value) matched nothing or several things."""
