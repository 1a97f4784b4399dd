"""Reading articles from text, HTML, feeds, WARC and JSONL into ``Article`` (or a coded ``Rejected``)."""
