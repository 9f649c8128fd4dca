"""`paperfinder serve`: a local web page over an index (see ``app``)."""
