"""The anonymous reader: a signed first-party token and per-IP rate limits shared by the reader apps."""
