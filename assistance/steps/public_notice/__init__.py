"""公示 (public_notice.bpmn): the posting of a first-review opinion, its rounds and objections, and its script functions."""
