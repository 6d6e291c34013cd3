"""From process instances to the cases they are episodes of (business_key = str(case.id))."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistance.core.models import Case, Household


def case_id_of(instance) -> int | None:
    key = instance.business_key
    return int(key) if key and key.isdigit() else None


def cases_by_id(session, case_ids) -> dict[int, Case]:
    """The cases with their households and members, loaded in one go for a list of tasks."""
    ids = {i for i in case_ids if i is not None}
    if not ids:
        return {}
    stmt = select(Case).where(Case.id.in_(ids)).options(selectinload(Case.household).selectinload(Household.members))
    return {case.id: case for case in session.scalars(stmt)}


def case_of(session, instance) -> Case | None:
    return cases_by_id(session, [case_id_of(instance)]).get(case_id_of(instance))
