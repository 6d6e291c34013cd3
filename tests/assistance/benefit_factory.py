"""Builders for the benefit tests: members, the default parameters, and an assessment with sensible defaults."""
from datetime import date
from decimal import Decimal

from assistance.core.params import DEFAULTS
from assistance.programmes.dibao.rules.benefits import PARAM_KEYS, assess_dibao

ON = date(2026, 3, 2)
STANDARD = Decimal("745.00")     # 兴安盟 urban example standard


def params(**overrides) -> dict:
    """The code defaults of every parameter the assessment reads, with overrides."""
    values = {key: DEFAULTS[key][0] for key in PARAM_KEYS}
    unknown = set(overrides) - set(values)
    assert not unknown, f"not assessment parameters: {unknown}"
    return values | overrides


def adult(name="成员", born=date(1980, 5, 1), **flags) -> dict:
    return {"name": name, "birth_date": born, "is_applicant": False, **flags}


def household(size: int) -> list[dict]:
    """size working-age adults with no 分类施保 category, so only the 补差 is paid."""
    return [adult(f"成员{i + 1}", is_applicant=i == 0) for i in range(size)]


def assess(members=None, income=None, assets=None, *, standard=STANDARD, on=ON, **param_overrides):
    return assess_dibao(members=household(1) if members is None else members, income=income or {},
                        assets=assets or {}, standard=standard, on=on, params=params(**param_overrides))
