"""Claims beyond the pipeline stage: learning the cue lists from annotated attributions."""

from newsevents.claims.train import learn_cues, read_attributions, train_cues

__all__ = ["learn_cues", "read_attributions", "train_cues"]
