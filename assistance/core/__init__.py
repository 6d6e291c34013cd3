"""The shared core of the domain: regions, staff and roles, households and members, cases and decisions, money, ID
numbers, policy parameters, access rules, the engine directory, substitution and kinship. Imports no other part of
assistance/."""
