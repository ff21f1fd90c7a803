"""``make bench``: a generated archive, the site under production settings, and wrk against it."""
