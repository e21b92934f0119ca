"""What people use: questions (ask and entity linking), HTML views, plots, the SPARQL server,
pushing to a triplestore."""
