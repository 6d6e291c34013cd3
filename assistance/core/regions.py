"""The administrative tree (盟 > 旗县 > 苏木乡镇 > 嘎查村): creating regions, lifting to a level, subtree filters."""
from sqlalchemy import select

from assistance.core.models import Region, RegionLevel


def create_region(session, *, code: str, name: str, level: RegionLevel | int, parent: Region | None = None) -> Region:
    """Add a region below parent (None for a root) and fill its materialized path '/1/5/12/'."""
    if parent is None and level != RegionLevel.LEAGUE:
        raise ValueError(f"只有盟（市）级地区可以没有上级：{name}")
    if parent is not None and int(level) != parent.level + 1:
        raise ValueError(f"{name}的级别须比上级{parent.name}低一级")
    region = Region(code=code, name=name, level=int(level), parent=parent, path="")
    session.add(region)
    session.flush()   # the path needs the new id
    region.path = f"{parent.path if parent else '/'}{region.id}/"
    session.flush()
    return region


def ancestors(session, region: Region) -> list[Region]:
    """The region's chain from the root down to and including itself."""
    ids = region.ancestor_ids()
    by_id = {r.id: r for r in session.scalars(select(Region).where(Region.id.in_(ids)))}
    return [by_id[i] for i in ids]


def lift_to_level(session, region_id: int, level: RegionLevel | int) -> int:
    """The id of the region's ancestor at level (e.g. a village's township), or region_id itself if it is not below."""
    region = session.get(Region, region_id)
    if region is None:
        raise LookupError(f"region {region_id} does not exist")
    if region.level <= level:
        return region.id
    found = session.scalar(select(Region.id).where(Region.id.in_(region.ancestor_ids()), Region.level == int(level)))
    return found if found is not None else region.id


def subtree_ids(region: Region):
    """A subquery of the ids of region and everything below it."""
    return select(Region.id).where(Region.path.startswith(region.path, autoescape=True))


def subtree_filter(column, region: Region):
    """A WHERE clause keeping rows whose region column lies in region's subtree: .where(subtree_filter(Case.region_id, r))."""
    return column.in_(subtree_ids(region))


def region_chain(region: Region, separator: str = " / ") -> str:
    """'兴安盟 / 乌兰浩特市 / 都林街道' — the names from the root down, for display."""
    names = []
    node: Region | None = region
    while node is not None:
        names.append(node.name)
        node = node.parent
    return separator.join(reversed(names))
