"""Demo data for `make run`: the 兴安盟 jurisdiction with one user per role per level, and demo cases driven through the
real processes by the demo users on the engine clock. Never imported by the domain."""
