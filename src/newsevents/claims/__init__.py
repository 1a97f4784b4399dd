"""Claims beyond the pipeline stage: learning the cue lists from annotated attributions."""

from newsevents.claims.train import CueTraining, learn_cues, read_attributions, train_cues

__all__ = ["CueTraining", "learn_cues", "read_attributions", "train_cues"]
