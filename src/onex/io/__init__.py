"""Reading and writing onex data: one converter, data files, tables."""
