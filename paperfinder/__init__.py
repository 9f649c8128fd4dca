"""paperfinder: search and question answering over UK council papers."""

__version__ = "0.1.0"
