"""Decision documents (issue 5)."""
