"""Shared steps: call activities any programme's process may use (public notice 公示, one case one discussion 一事一议),
each a folder with its tables, logic and script functions. Imports assistance.core and assistance.worklist, never a
programme."""
