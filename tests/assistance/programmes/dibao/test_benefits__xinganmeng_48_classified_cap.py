"""兴安盟 兴民发〔2021〕48号 一(一): the 四类人员 (未成年人、老年人、重度残疾人、重病患者) get their 补助水平 raised one
tier, "最高不得超过各地执行的年度保障标准" — a member's share of the 补差 plus their 分类施保 at most the standard, so a
household's total (补差 + 分类施保) never exceeds standard × size. classified_cap_at_standard switches it (on by default)."""
from datetime import date
from decimal import Decimal

import pytest

from tests.assistance.benefit_factory import STANDARD, adult, assess, household

OLD, CHILD = date(1950, 1, 1), date(2015, 6, 1)


@pytest.mark.parametrize("members, wages, overrides, extras, total", [
    pytest.param([adult(is_severely_disabled=True)], "0", {}, ["0.00"], "745.00",
                 id="48号: one disabled member, no income: paid the standard, the extra stops there"),
    pytest.param([adult(is_severely_disabled=True)], "0", {"classified_cap_at_standard": False}, ["261.00"],
                 "1006.00", id="cap switched off: 745 + 261"),
    pytest.param([adult(born=OLD)], "700", {}, ["75.00"], "120.00", id="48号: room left under the standard: paid in full"),
    pytest.param([adult(born=OLD), adult(is_severely_disabled=True)], "0", {}, ["0.00", "0.00"], "1490.00",
                 id="48号: two members, no income: 745 × 2 and no more"),
    pytest.param([adult(born=OLD), adult(born=CHILD), adult(is_working=True)], "800", {}, ["75.00", "75.00"],
                 "1585.00", id="48号: 补差 478.33 each + 75 within 745: unchanged"),
    pytest.param([adult(is_severely_disabled=True)] + household(2), "300", {}, ["100.00"], "2035.00",
                 id="48号: 补差 645 each, extra 261 cut to 100"),
    pytest.param([adult(is_severely_disabled=True)] + household(2), "301.50", {"dibao_amount_rounding": "cent"},
                 ["100.50"], "2034.00", id="48号: paid to the fen, the cut is to the fen"),
    pytest.param([adult(is_severely_disabled=True)] + household(2), "301.50", {}, ["100.00"], "2034.00",
                 id="48号: paid up to the yuan, the cut rounds down so it never passes the line"),
])
def test_xinganmeng_48_caps_each_members_level_at_the_standard(members, wages, overrides, extras, total):
    result = assess(members, {"wages": wages}, **overrides)
    assert [str(e.amount) for e in result.extras] == extras
    assert result.monthly_amount == Decimal(total)
    if overrides.get("classified_cap_at_standard") is not False:
        assert result.monthly_amount <= STANDARD * len(members)
        share = result.top_up / len(members)
        assert all(share + e.amount <= STANDARD for e in result.extras)


def test_xinganmeng_48_a_cut_extra_says_why_and_keeps_what_it_would_have_been():
    result = assess([adult("李赟", is_severely_disabled=True)] + household(2), {"wages": "300"})
    (extra,) = result.extras
    assert (extra.amount, extra.uncapped) == (Decimal("100.00"), Decimal("261.00"))
    assert any("最高不超过保障标准" in step and "兴安盟 兴民发〔2021〕48号" in step and "实发 100.00 元" in step
               for step in result.explanation)
    assert result.to_dict()["extras"][0]["uncapped"] == "261.00"
