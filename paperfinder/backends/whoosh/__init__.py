"""The whoosh backend (the default): ``WhooshBackend``, found by ``search.backend.get_backend("whoosh")``."""

from paperfinder.backends.whoosh.backend import WhooshBackend

__all__ = ["WhooshBackend"]
