"""Authentication (API keys / bearer tokens) and role checks."""
