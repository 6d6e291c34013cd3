"""一事一议 (one_case_one_discussion.bpmn): the county coordination mechanism's member units, the meeting, its opinions and
decision, and the script functions the process calls."""
