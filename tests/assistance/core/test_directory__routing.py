"""The directory routes a task to the case region lifted to the role's level and the enabled users there."""
import engine.directory
from assistance.core import directory
from assistance.core.directory import Directory


def test_township_role_goes_to_the_villages_township_and_its_users(session, tree, make_user):
    caseworker = make_user("township_caseworker_dulin", "township_caseworker", tree["dulin"])
    make_user("township_leader_dulin", "township_leader", tree["dulin"])
    make_user("township_caseworker_keerqin", "township_caseworker", tree["keerqin"])
    assert Directory().route(session, "township_caseworker", tree["heping"].id) == (tree["dulin"].id, [caseworker.id])


def test_disabled_users_are_not_candidates(session, tree, make_user):
    make_user("away", "county_approver", tree["city"], is_enabled=False)
    active = make_user("here", "county_approver", tree["city"])
    assert Directory().route(session, "county_approver", tree["shengli"].id) == (tree["city"].id, [active.id])


def test_users_of_a_parent_region_are_not_candidates_at_the_lower_level(session, tree, make_user):
    make_user("county_level_assistant", "village_assistant", tree["city"])
    assert Directory().route(session, "village_assistant", tree["heping"].id) == (tree["heping"].id, [])


def test_supervisor_goes_to_the_nearest_region_up_the_chain_that_has_one(session, tree, make_user):
    league_boss = make_user("supervisor_league", "supervisor", tree["league"])
    assert Directory().route(session, "supervisor", tree["heping"].id) == (tree["league"].id, [league_boss.id])
    county_boss = make_user("supervisor_city", "supervisor", tree["city"])
    assert Directory().route(session, "supervisor", tree["heping"].id) == (tree["city"].id, [county_boss.id])


def test_nobody_found_keeps_the_case_region(session, tree):
    assert Directory().route(session, "supervisor", tree["heping"].id) == (tree["heping"].id, [])
    assert Directory().route(session, "no_such_role", tree["heping"].id) == (tree["heping"].id, [])
    assert Directory().route(session, "county_approver", None) == (None, [])


def test_lane_names_and_exclusions(session):
    assert Directory().role_for_lane("县级经办人") == "county_caseworker"
    assert Directory().role_for_lane("财务科") is None
    assert Directory().excluded_users(session, None, "Task_1") == []


def test_install_puts_the_directory_in_the_engine():
    before = engine.directory.get()
    try:
        directory.install()
        assert isinstance(engine.directory.get(), Directory)
    finally:
        engine.directory.install(before)
