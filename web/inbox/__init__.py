"""inbox area: 通知."""
