"""cases area."""
