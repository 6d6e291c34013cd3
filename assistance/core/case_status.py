"""A case's status life (在办 → 公示中 → 在保 / 不予确认 → 已停保 → 已终止 …): the codes every programme shares.

A programme's registry entry says which of them its cases go through and what it calls them; the statuses a case
still lives in (LIVE) refuse a second case of the same programme for the same household.
"""
OPEN = "open"              # 在办: being processed
NOTICE = "notice"          # 公示中
ACTIVE = "active"          # 在保: receiving the benefit
REFUSED = "refused"        # 不予确认 / 不予救助
SUSPENDED = "suspended"    # 已停保
TERMINATED = "terminated"  # 已终止: the procedure ended without a decision, or the benefit ended
CLOSED = "closed"          # 已办结: a one-off benefit paid, nothing more to do

LABELS = {OPEN: "在办", NOTICE: "公示中", ACTIVE: "在保", REFUSED: "不予确认", SUSPENDED: "已停保",
          TERMINATED: "已终止", CLOSED: "已办结"}
LIVE = (OPEN, NOTICE, ACTIVE, SUSPENDED)   # a household has at most one case of a programme in these
