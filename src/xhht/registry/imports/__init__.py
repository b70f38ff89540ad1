"""XLSX imports of the registries: validate every row set-wise, then save all rows or none."""
