"""Reading articles from text, HTML, feeds, WARC and JSONL into ``Article`` (or a coded ``Rejected``)."""

from newsevents.ingest.decode import Decoded, decode_bytes
from newsevents.ingest.sources import read_inputs
from newsevents.ingest.validate import validate

__all__ = ["Decoded", "decode_bytes", "read_inputs", "validate"]
