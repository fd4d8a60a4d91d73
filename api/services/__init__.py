"""The workflow's business rules, one module per area. Routes stay thin and call these."""
