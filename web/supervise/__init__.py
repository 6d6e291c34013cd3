"""supervise area: 团队任务 for supervisors."""
