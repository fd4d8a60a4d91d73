"""Search backends: the protocol, the filter language, the embedded and OpenSearch implementations."""
