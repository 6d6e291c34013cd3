"""Who may register a 临时救助 emergency, and who sees and tops up a township's reserve fund (临时救助备用金)."""
from sqlalchemy import select

from assistance.core.access import in_subtree
from assistance.core.models import Region, RegionLevel
from assistance.core.regions import subtree_filter

# anyone on duty where an emergency happens may register it (S10; S7 §4(3): 急难发生地, whatever the 户籍)
TEMPORARY_STARTERS = ("village_assistant", "township_caseworker", "township_leader")
RESERVE_FUND_VIEWERS = ("township_caseworker", "township_leader", "county_caseworker", "county_approver",
                        "supervisor", "auditor", "admin")
RESERVE_FUND_FUNDERS = ("county_caseworker", "county_approver", "admin")   # the county allocates (拨付) the fund


def can_start_temporary(user, village: Region | None = None) -> bool:
    """急难登记: a village assistant, township caseworker or leader, for a village of their own region (the form's
    villages are startable_villages(user))."""
    if user.role not in TEMPORARY_STARTERS:
        return False
    return village is None or (village.level == RegionLevel.VILLAGE and in_subtree(user, village))


def can_view_reserve_funds(user) -> bool:
    """The 备用金 list: staff at township level or above (a village has no fund of its own)."""
    return user.role in RESERVE_FUND_VIEWERS and user.region.level <= RegionLevel.TOWNSHIP


def can_view_reserve_fund(user, township: Region | None) -> bool:
    return (township is not None and township.level == RegionLevel.TOWNSHIP and user.role in RESERVE_FUND_VIEWERS
            and in_subtree(user, township))


def can_top_up_reserve_fund(user, township: Region | None) -> bool:
    """拨付备用金: the county's civil-affairs staff (or an admin) over that township."""
    return user.role in RESERVE_FUND_FUNDERS and can_view_reserve_fund(user, township)


def reserve_townships(user):
    """select(Region) of the townships whose fund the user may see."""
    return (select(Region).where(Region.level == int(RegionLevel.TOWNSHIP), subtree_filter(Region.id, user.region))
            .order_by(Region.path))
