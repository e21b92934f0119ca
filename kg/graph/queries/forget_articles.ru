# SPARQL update (kg.run.incremental): before the graphs of dropped articles go, take out of the
# entity graph what no other article says: the class and labels of an entity no article left
# names (prov:wasDerivedFrom), each name (skos:altLabel) no article left uses (ckg:alias) and
# each relation no article left asserts.
# {dropped} and {dropped_list} are the dropped graphs' IRIs as Oxigraph writes them, filled in
# by kg.run.incremental; nothing else is.
PREFIX ckg: <https://w3id.org/chainkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DELETE {{ GRAPH <https://w3id.org/chainkg/entities> {{ ?e ?p ?o }} }}
WHERE {{
  VALUES ?g {{ {dropped} }}
  GRAPH ?g {{ ?e prov:wasDerivedFrom ?g }}
  FILTER NOT EXISTS {{
    GRAPH ?other {{ ?e prov:wasDerivedFrom ?other }}
    FILTER(?other NOT IN ({dropped_list}))
  }}
  GRAPH <https://w3id.org/chainkg/entities> {{ ?e ?p ?o }}
}} ;
DELETE {{ GRAPH <https://w3id.org/chainkg/entities> {{ ?e skos:altLabel ?name }} }}
WHERE {{
  VALUES ?g {{ {dropped} }}
  GRAPH ?g {{ ?e ckg:alias ?name }}
  FILTER NOT EXISTS {{
    GRAPH ?other {{ ?e ckg:alias ?name }}
    FILTER(?other NOT IN ({dropped_list}))
  }}
}} ;
DELETE {{ GRAPH <https://w3id.org/chainkg/entities> {{ ?s ?p ?o }} }}
WHERE {{
  VALUES ?g {{ {dropped} }}
  GRAPH ?g {{ ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
  FILTER NOT EXISTS {{
    GRAPH ?other {{ ?b rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
    FILTER(?other NOT IN ({dropped_list}))
  }}
}}
