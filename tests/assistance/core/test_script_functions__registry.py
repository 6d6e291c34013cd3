"""Script functions: registered by name, reading the session of the running engine action."""
from datetime import date
from decimal import Decimal

import pytest

import assistance
from assistance.core import script_functions
from assistance.core.params import set_param
from engine import scripts


def test_register_all_registers_the_whitelist():
    assistance.register_all()
    registered = scripts.registered()
    for name in ("param", "add_working_days", "today", "mask_id"):
        assert registered[name] is script_functions.FUNCTIONS[name]


def test_param_reads_the_case_regions_value_through_the_current_session(session, clock, tree):
    set_param(session, "public_notice_days", 5, region_id=tree["qianqi"].id, effective_from=date(2025, 1, 1),
              actor_id=None)
    with scripts.session_scope(session):
        assert script_functions.param("public_notice_days", tree["pingan"].id) == 5
        assert script_functions.param("public_notice_days", tree["heping"].id) == 7
        assert script_functions.param("public_notice_days", tree["pingan"].id, "2024-12-31") == 7
        assert script_functions.param("near_dibao_ratio") == Decimal("1.5")


def test_add_working_days_skips_the_national_day_holiday(session, clock):
    with scripts.session_scope(session):
        assert script_functions.add_working_days("2026-03-02", 3) == "2026-03-05"
        assert script_functions.add_working_days("2026-09-30", 1) == "2026-10-08"
        assert script_functions.add_working_days("2026-09-30T10:00:00+08:00", 1) == "2026-10-08"


def test_today_is_beijing_date_of_the_engine_clock(clock):
    from datetime import datetime, timezone
    clock.set(datetime(2026, 3, 2, 16, 30, tzinfo=timezone.utc))   # already 3 March in Beijing
    assert script_functions.today() == "2026-03-03"


def test_functions_needing_the_database_refuse_outside_an_engine_action(clock):
    with pytest.raises(RuntimeError):
        script_functions.param("public_notice_days", None)
