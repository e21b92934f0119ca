"""Reading: files into a `Document` (encodings, formats, normalisation with an offset map,
sentences)."""
