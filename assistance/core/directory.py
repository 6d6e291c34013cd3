"""The engine's directory: which role a lane names, and which region and users a task of that role goes to."""
from sqlalchemy import select

import engine.directory
from assistance.core import kinship, roles, substitution
from assistance.core.models import Region, User
from assistance.core.regions import lift_to_level


class Directory:
    """Installed into the engine at start-up; see engine/directory.py for the contract."""

    def role_for_lane(self, lane_name):
        return roles.role_for_lane(lane_name)

    def route(self, session, role, region_id, group=None):
        """(task region, candidate user ids): the case region lifted to the role's level and its enabled users there.

        Roles without a fixed level (主管) go to the nearest region up the chain that has such a user. A group (the
        task's candidateGroup, a department code such as 'finance') keeps only that department's users of the role.
        Candidates on leave are replaced by their substitutes.
        """
        if region_id is None or role not in roles.BY_CODE:
            return region_id, []
        task_region_id, users = _pool(session, role, region_id, roles.get(role).level, group)
        return task_region_id, _with_substitutes(session, users)

    def excluded_users(self, session, instance, element_id):
        """回避: staff whose declared close relative (近亲属备案) is a member of the case's household."""
        return kinship.excluded_staff(session, getattr(instance, "business_key", None))


def _pool(session, role, region_id, level, group=None):
    if level is not None:
        task_region_id = lift_to_level(session, region_id, level)
        return task_region_id, _users_with_role(session, role, task_region_id, group)
    region = session.get(Region, region_id)
    for candidate_region_id in reversed(region.ancestor_ids() if region else []):
        users = _users_with_role(session, role, candidate_region_id, group)
        if users:
            return candidate_region_id, users
    return region_id, []


def _with_substitutes(session, users: list[int]) -> list[int]:
    """Candidates who are away now are stood in for by their substitutes (休假代理)."""
    away = substitution.active(session, users)
    return list(dict.fromkeys(away.get(u, u) for u in users))


def supervisors_for(session, region_id: int | None) -> list[int]:
    """The supervisors nearest up the chain from a region (乡镇 tasks: the county's 主管), who hear of overdue and
    escalated tasks there."""
    if region_id is None:
        return []
    return _pool(session, "supervisor", region_id, None)[1]


def _users_with_role(session, role: str, region_id: int, group: str | None = None) -> list[int]:
    stmt = select(User.id).where(User.role == role, User.region_id == region_id, User.is_enabled.is_(True))
    if group is not None:
        stmt = stmt.where(User.department == group)
    return list(session.scalars(stmt.order_by(User.id)))


def install() -> None:
    engine.directory.install(Directory())
