"""talentmatch eval package."""
