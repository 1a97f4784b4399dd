"""The extraction pipeline: spaCy stages registered by name, assembled from one config file."""

from newsevents.pipeline.runner import (
    Extractor,
    ExtractorProcess,
    build_pipeline,
    extract_parallel,
    load_base_model,
)

__all__ = ["Extractor", "ExtractorProcess", "build_pipeline", "extract_parallel", "load_base_model"]
