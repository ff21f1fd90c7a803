"""Import of wire copy: web pages and RSS/Atom/RDF feeds into articles."""
