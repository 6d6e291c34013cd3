"""How amounts read on the case page (issue 11 item 10): a deduction of nothing is 0.00, never "−0.00"."""
from sqlalchemy import select

from assistance.core.models import Case, Household, Member
from demo import dibao_cases as demo_cases


def test_a_zero_deduction_reads_0_00_not_minus_zero(app, login, session_factory):
    with session_factory() as s:
        demo_cases.seed_demo_cases(s)
        s.commit()
        case_id = s.scalar(select(Case.id).join(Household).join(Member).where(Member.name == "卫国庆"))
    page = login("township_caseworker_dulin").get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    assert "<td>扣减：就业成本</td><td>0.00</td>" in page
    assert "−0.00" not in page and "-0.00" not in page
