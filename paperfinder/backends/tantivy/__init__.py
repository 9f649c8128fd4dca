"""The tantivy backend (issue 17): the index as tantivy (Rust, via tantivy-py) keeps it.

Imported only when an index says ``"backend": "tantivy"`` or a run asks for it
(``paperfinder index PATH --backend tantivy``); see ``search.backend``.
"""

from paperfinder.backends.tantivy.backend import TantivyBackend

__all__ = ["TantivyBackend"]
