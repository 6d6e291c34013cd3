"""急难登记: registered where it happened and sent to the case page; bad input or a repeat is 422 with nothing written."""
from datetime import datetime

import pytest
from sqlalchemy import func, select

from assistance.core.china_time import CHINA
from assistance.core.models import Case, Household
from assistance.programmes.temporary.models import TemporaryCase
from engine import ProcessDefinition, ProcessInstance
from tests.web.temporary_helpers import FIRE_VICTIM, LIANHE, intake_form, region_id, temporary_case


def counts(session_factory) -> tuple[int, int, int]:
    with session_factory() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Household, Case, TemporaryCase))


def test_a_night_fire_is_registered_and_the_process_started(login, session_factory):
    response = login("township_caseworker_dulin").post("/temporary/new", data=intake_form(
        session_factory, is_non_resident="1", hukou_place="吉林省白城市洮北区"))
    assert response.status_code == 303, response.get_data(as_text=True)
    case_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with session_factory() as s:
        temporary = s.get(TemporaryCase, case_id)
        assert (temporary.kind, temporary.hardship, temporary.person_id_number) == ("emergency", "fire", FIRE_VICTIM)
        assert temporary.incident_dt.astimezone(CHINA) == datetime(2026, 3, 1, 23, 40, tzinfo=CHINA)
        assert temporary.is_non_resident and temporary.hukou_place == "吉林省白城市洮北区"
        assert s.get(Case, case_id).programme == "temporary_assistance"
        assert s.scalar(select(ProcessDefinition.process_key).join(ProcessInstance.definition).where(
            ProcessInstance.business_key == str(case_id))) == "temporary_assistance"


def test_the_flash_asks_for_pay_first(login, session_factory):
    page = login("village_assistant_heping").post("/temporary/new", data=intake_form(session_factory),
                                                  follow_redirects=True)
    assert "请立即办理先行救助" in page.get_data(as_text=True)


@pytest.mark.parametrize("overrides, message", [
    ({"village_id": LIANHE}, "请选择您辖区内急难发生地所在的村"),   # another township's village
    ({"incident_dt": "昨晚"}, "请填写急难发生的时间"),
    ({"incident_dt": "2026-03-02T23:40"}, "急难发生时间不能晚于现在"),
    ({"reason": ""}, "请填写困难情形"),
    ({"kind": "lottery"}, "请选择救助类型"),
    ({"hardship": ""}, "请选择困难类型"),
    ({"members-0-id_number": "152201197908031234"}, "身份证号"),
    ({"members-0-relation": "邻居"}, "申请人与本人关系应为"),
])
def test_bad_input_is_422_with_its_message_and_nothing_is_written(login, session_factory, overrides, message):
    if overrides.get("village_id") == LIANHE:
        overrides = {"village_id": str(region_id(session_factory, LIANHE))}
    before = counts(session_factory)
    response = login("township_caseworker_dulin").post("/temporary/new",
                                                       data=intake_form(session_factory, **overrides))
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and message in text, text
    assert "和平社区5号楼2单元" in text   # the form keeps what was typed
    assert counts(session_factory) == before


def test_a_second_fire_aid_in_the_year_is_refused_with_the_earlier_case_linked(login, session_factory):
    earlier = temporary_case(session_factory)
    before = counts(session_factory)
    response = login("township_leader_dulin").post("/temporary/new", data=intake_form(session_factory))
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "同一事由一年内不重复救助" in text
    with session_factory() as s:
        number = s.get(Case, earlier).number
    assert f'href="/cases/{earlier}">查看案件 {number}</a>' in text
    assert counts(session_factory) == before
