"""talentmatch indexer: profiles in, a persistent searchable index out."""
