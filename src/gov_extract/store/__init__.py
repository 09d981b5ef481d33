"""Write: the contract's tables as Arrow schemas, their rows, the run state that can
rebuild them, and the versioned Parquet output that readers see switch at once."""
