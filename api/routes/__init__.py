"""HTTP routes, one module per area. Each route declares who may call it (``api.deps``)."""
