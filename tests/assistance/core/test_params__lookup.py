"""Policy parameters: nearest region up the chain wins, then the latest effective date, then the code default."""
from datetime import date
from decimal import Decimal

import pytest

from assistance.core.params import DEFAULTS, get_param, lookup, set_param


def _set(session, key, value, region, on):
    return set_param(session, key, value, region_id=region.id if region else None, effective_from=on, actor_id=None)


def test_without_rows_the_code_default_applies(session, clock, tree):
    assert get_param(session, "public_notice_days", tree["heping"].id) == 7
    assert get_param(session, "near_dibao_ratio", None) == Decimal("1.5")
    assert get_param(session, "county_delegates_confirmation", tree["city"].id) is False
    found = lookup(session, "public_notice_days", tree["heping"].id)
    assert (found.region_id, found.effective_from, found.source) == (None, None, DEFAULTS["public_notice_days"][2])


def test_a_league_value_reaches_every_village_below(session, clock, tree):
    _set(session, "dibao_standard_urban", Decimal("745.00"), tree["league"], date(2021, 7, 1))
    assert get_param(session, "dibao_standard_urban", tree["heping"].id) == Decimal("745.00")
    assert get_param(session, "dibao_standard_urban", tree["pingan"].id) == Decimal("745.00")


def test_an_old_date_gets_the_old_value_and_a_new_date_the_new_one(session, clock, tree):
    _set(session, "dibao_standard_rural", "490.00", tree["league"], date(2021, 7, 1))
    _set(session, "dibao_standard_rural", "580.00", tree["league"], date(2025, 1, 1))
    village = tree["pingan"].id
    assert get_param(session, "dibao_standard_rural", village, on=date(2023, 6, 1)) == Decimal("490.00")
    assert get_param(session, "dibao_standard_rural", village, on=date(2024, 12, 31)) == Decimal("490.00")
    assert get_param(session, "dibao_standard_rural", village, on=date(2025, 1, 1)) == Decimal("580.00")
    assert get_param(session, "dibao_standard_rural", village) == Decimal("580.00")   # today: 2026-03-02
    # before the first local row the code default applies
    assert get_param(session, "dibao_standard_rural", village, on=date(2020, 1, 1)) == DEFAULTS["dibao_standard_rural"][0]


def test_a_county_override_beats_the_league_within_the_county_only(session, clock, tree):
    _set(session, "county_confirmation_working_days", 10, tree["league"], date(2021, 7, 1))
    _set(session, "county_confirmation_working_days", 8, tree["qianqi"], date(2024, 1, 1))
    assert get_param(session, "county_confirmation_working_days", tree["pingan"].id) == 8
    assert get_param(session, "county_confirmation_working_days", tree["heping"].id) == 10
    # before the county's own row took effect, the league's applies there too
    assert get_param(session, "county_confirmation_working_days", tree["pingan"].id, on=date(2023, 1, 1)) == 10


def test_a_nearer_region_wins_even_over_a_later_dated_ancestor_row(session, clock, tree):
    _set(session, "public_notice_days", 5, tree["dulin"], date(2022, 1, 1))
    _set(session, "public_notice_days", 9, tree["league"], date(2025, 1, 1))
    found = lookup(session, "public_notice_days", tree["heping"].id)
    assert (found.value, found.region_id, found.effective_from) == (5, tree["dulin"].id, date(2022, 1, 1))


def test_a_national_row_beats_the_code_default(session, clock, tree):
    _set(session, "survey_team_min_size", 3, None, date(2022, 1, 1))
    assert get_param(session, "survey_team_min_size", tree["heping"].id) == 3


def test_an_unknown_key_is_an_error(session, clock, tree):
    with pytest.raises(KeyError, match="未知的政策参数"):
        get_param(session, "no_such_parameter", tree["heping"].id)
