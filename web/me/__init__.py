"""me area: one's own records — absences with a substitute (休假代理), declared close relatives (近亲属备案)."""
