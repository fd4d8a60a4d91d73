"""talentmatch ranking package."""
