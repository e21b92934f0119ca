"""Extraction: a `Document` into facts (segmentation, recognisers, relation frames and rules,
statistics, tables, resolution) and their scoring against gold. Its rules are data
(kg/extraction/rules/*.toml)."""
