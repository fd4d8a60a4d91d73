"""talentmatch api package."""
