"""Request and response models, one family per entity (XCreate, XUpdate, XPublic, XStaff)."""
