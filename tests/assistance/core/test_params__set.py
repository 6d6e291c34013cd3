"""Setting a parameter adds a dated row (never edits one), checks the value's kind, and is audited."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistance.core.models import PolicyParameter
from assistance.core.params import get_param, set_param
from engine.models import AuditEvent


def test_setting_adds_a_row_and_an_audit_event_with_before_and_after(session, clock, tree, make_user):
    admin = make_user("admin", "admin", tree["league"])
    set_param(session, "public_notice_days", 7, region_id=tree["league"].id, effective_from=date(2021, 7, 1),
              actor_id=admin.id, reason="盟级文件")
    set_param(session, "public_notice_days", 10, region_id=tree["league"].id, effective_from=date(2026, 4, 1),
              actor_id=admin.id, reason="延长公示")
    rows = session.scalars(select(PolicyParameter).order_by(PolicyParameter.effective_from)).all()
    assert [(r.value, r.kind, r.effective_from) for r in rows] == [
        ("7", "int", date(2021, 7, 1)), ("10", "int", date(2026, 4, 1))]
    session.commit()   # audit events are chained and written at commit
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.actor_id, event.subject, event.reason) == (
        "param.set", admin.id, "param:public_notice_days", "延长公示")
    assert event.before == {"value": "7", "region_id": tree["league"].id, "effective_from": "2021-07-01"}
    assert event.after == {"value": "10", "region_id": tree["league"].id, "effective_from": "2026-04-01"}


def test_the_same_region_and_date_twice_is_refused(session, clock, tree):
    set_param(session, "demo_timer_days", 7, region_id=None, effective_from=date(2026, 1, 1), actor_id=None)
    with pytest.raises(ValueError, match="只增不改"):
        set_param(session, "demo_timer_days", 8, region_id=None, effective_from=date(2026, 1, 1), actor_id=None)
    assert get_param(session, "demo_timer_days", None) == 7
    assert session.scalar(select(func.count(PolicyParameter.id))) == 1


@pytest.mark.parametrize("key, value", [
    ("public_notice_days", "七"), ("public_notice_days", "7.5"), ("public_notice_days", True),
    ("dibao_standard_urban", "abc"), ("dibao_standard_urban", "NaN"), ("county_delegates_confirmation", "maybe"),
])
def test_values_that_do_not_fit_the_kind_are_refused(session, clock, tree, key, value):
    with pytest.raises(ValueError, match="不是有效的"):
        set_param(session, key, value, region_id=tree["city"].id, effective_from=date(2026, 1, 1), actor_id=None)
    assert session.scalar(select(func.count(PolicyParameter.id))) == 0


def test_values_are_stored_in_canonical_form_and_read_back_typed(session, clock, tree):
    city = tree["city"].id
    set_param(session, "county_delegates_confirmation", "是", region_id=city, effective_from=date(2026, 1, 1),
              actor_id=None)
    set_param(session, "dibao_standard_urban", 830, region_id=city, effective_from=date(2026, 1, 1), actor_id=None)
    assert get_param(session, "county_delegates_confirmation", city) is True
    assert get_param(session, "dibao_standard_urban", city) == Decimal("830")


def test_a_new_key_needs_a_kind_and_a_known_key_keeps_its_own(session, clock, tree):
    with pytest.raises(ValueError, match="须指明类型"):
        set_param(session, "sampling_ratio", "0.3", region_id=None, effective_from=date(2026, 1, 1), actor_id=None)
    with pytest.raises(ValueError, match="类型是整数"):
        set_param(session, "public_notice_days", "7", region_id=None, effective_from=date(2026, 1, 1), actor_id=None,
                  kind="text")
    set_param(session, "sampling_ratio", "0.3", region_id=None, effective_from=date(2026, 1, 1), actor_id=None,
              kind="decimal", source="[L] 抽查比例")
    assert get_param(session, "sampling_ratio", tree["heping"].id) == Decimal("0.3")
