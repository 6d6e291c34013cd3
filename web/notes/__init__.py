"""notes area: comments and attachments on cases and tasks."""
