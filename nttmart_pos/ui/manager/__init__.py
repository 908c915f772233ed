"""The manager's screens, each a tab of one manager window (the one manager entry point)."""
