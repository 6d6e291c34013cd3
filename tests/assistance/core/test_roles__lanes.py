"""BPMN lanes name roles by code, Chinese name or English name."""
import pytest

from assistance.core import roles
from assistance.core.models import RegionLevel
from assistance.core.roles import role_for_lane


@pytest.mark.parametrize("lane, code", [
    ("township_caseworker", "township_caseworker"),
    ("乡镇经办人", "township_caseworker"),
    ("  县级审批人\n", "county_approver"),
    ("乡镇\n审核人", "township_leader"),        # a label wrapped in the modeler
    ("Village Assistant", "village_assistant"),
    ("county  caseworker", "county_caseworker"),
    ("COUNTY_APPROVER", "county_approver"),
    ("主管", "supervisor"),
    ("系统管理员", "admin"),
])
def test_lane_names_map_to_role_codes(lane, code):
    assert role_for_lane(lane) == code


@pytest.mark.parametrize("lane", ["财务", "township", "", "   ", None])
def test_unknown_lanes_map_to_nothing(lane):
    assert role_for_lane(lane) is None


def test_every_role_has_names_in_both_languages_and_a_level_where_fixed():
    assert len(roles.ROLES) == 11
    assert all(r.name_zh and r.name_en for r in roles.ROLES)
    assert roles.get("village_assistant").level == RegionLevel.VILLAGE
    assert roles.get("county_approver").level == RegionLevel.COUNTY
    assert roles.get("coordination_member").level == RegionLevel.COUNTY
    assert roles.get("supervisor").level is None   # works at the level of the supervisor's own region
