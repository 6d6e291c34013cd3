"""S5 §2(1): 支出型 temporary assistance needs the household's per-capita disposable income *below* last year's local
per-capita figure (urban: 40,000 元). The totals are compared (income < threshold × size), never a rounded per-capita
figure: 119,999.99 元 for 3 people is 39,999.997 元 each, below 40,000."""
import pytest

from tests.workflows.temporary_steps import ACCEPT, APPLY, TW, VIL, survey, temporary  # noqa: F401  (a fixture)


@pytest.mark.parametrize("income, members, passes, per_capita, step", [
    ("119999.99", 3, True, "39999.99", "Task_first_review"),      # the probe: was refused as 40,000.00
    ("120000.00", 3, False, "40000.00", "Task_refusal_notice"),   # exactly the threshold: not below it
    ("39999.99", 1, True, "39999.99", "Task_first_review"),
    ("40000.00", 1, False, "40000.00", "Task_refusal_notice"),
])
def test_s5_2_1_income_below_the_local_disposable_income_compares_totals(
        temporary, income, members, passes, per_capita, step):
    walk = temporary(kind="expense", hardship="medical", fund=None)
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    walk.do("Task_survey", TW, **survey(income=income, members=members))
    result = walk.data()["income_test"]
    assert (result["passes"], result["per_capita"], result["threshold"]) == (passes, per_capita, "40000.00")
    assert walk.open_steps() == [step]
    if passes:
        assert result["reason"] == ""
    else:
        assert "家庭人均可支配收入 40,000.00 元/年，不低于上年度当地城镇居民人均可支配收入 40,000.00 元" in result["reason"]
        assert walk.data()["refusal_reason"] == result["reason"]
