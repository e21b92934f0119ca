"""The graph: facts as RDF, the store, named queries (kg/graph/queries/*.rq), exports, the
NetworkX graph and its analytics, SHACL validation."""
