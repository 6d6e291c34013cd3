"""The region tree: materialized paths, lifting a case region to a role's level, subtree queries, display chains."""
import pytest
from sqlalchemy import select

from assistance.core.models import Region, RegionLevel
from assistance.core.regions import ancestors, create_region, lift_to_level, region_chain, subtree_filter


def test_paths_list_every_ancestor_id(session, tree):
    league, city, dulin, heping = tree["league"], tree["city"], tree["dulin"], tree["heping"]
    assert heping.path == f"/{league.id}/{city.id}/{dulin.id}/{heping.id}/"
    assert heping.ancestor_ids() == [league.id, city.id, dulin.id, heping.id]
    assert [r.name for r in ancestors(session, heping)] == ["兴安盟", "乌兰浩特市", "都林街道", "和平社区"]


@pytest.mark.parametrize("level, expected", [
    (RegionLevel.VILLAGE, "heping"), (RegionLevel.TOWNSHIP, "dulin"),
    (RegionLevel.COUNTY, "city"), (RegionLevel.LEAGUE, "league"),
])
def test_lift_a_village_to_each_level(session, tree, level, expected):
    assert lift_to_level(session, tree["heping"].id, level) == tree[expected].id


def test_lifting_to_a_lower_level_than_the_region_keeps_the_region(session, tree):
    assert lift_to_level(session, tree["city"].id, RegionLevel.VILLAGE) == tree["city"].id


def test_lift_an_unknown_region_is_an_error(session, tree):
    with pytest.raises(LookupError):
        lift_to_level(session, 999999, RegionLevel.COUNTY)


def test_subtree_filter_keeps_the_region_and_everything_below(session, tree):
    def names_under(region):
        return set(session.scalars(select(Region.name).where(subtree_filter(Region.id, region))))
    assert names_under(tree["dulin"]) == {"都林街道", "和平社区", "胜利社区"}
    assert names_under(tree["qianqi"]) == {"科尔沁右翼前旗", "科尔沁镇", "平安村"}
    assert len(names_under(tree["league"])) == 8
    assert names_under(tree["pingan"]) == {"平安村"}


def test_a_path_prefix_stops_at_whole_ids(session, tree):
    # paths end with '/', so region 1's subtree never takes in region 10 or 12
    league = tree["league"]
    ten = Region(code="X10", name="十号", level=RegionLevel.COUNTY, path=f"{league.path[:-1]}0/")
    session.add(ten)
    session.flush()
    assert session.scalar(select(Region.id).where(subtree_filter(Region.id, league), Region.code == "X10")) is None
    assert all(league.contains(r) for r in tree.values())
    assert not tree["city"].contains(tree["pingan"])


def test_region_chain_reads_from_the_root_down(tree):
    assert region_chain(tree["heping"]) == "兴安盟 / 乌兰浩特市 / 都林街道 / 和平社区"
    assert region_chain(tree["league"]) == "兴安盟"
    assert region_chain(tree["pingan"], separator="") == "兴安盟科尔沁右翼前旗科尔沁镇平安村"


def test_levels_must_step_down_one_at_a_time(session, tree):
    with pytest.raises(ValueError, match="低一级"):
        create_region(session, code="152201009001", name="跳级社区", level=RegionLevel.VILLAGE, parent=tree["city"])
    with pytest.raises(ValueError, match="没有上级"):
        create_region(session, code="152299", name="孤立旗", level=RegionLevel.COUNTY)
