"""The social-assistance domain: regions, households, policy parameters, and the functions BPMN scripts may call."""
