"""Runners: the pipeline of extraction steps, building a store, parallel and incremental runs."""
