"""Jinja filters: how dates, roles, regions, ID numbers and amounts look on every page (Beijing time, masked IDs,
元 to the 分)."""
from decimal import Decimal

from assistance.core import money, roles
from assistance.core.china_time import CHINA
from assistance.core.idnumbers import mask_id
from assistance.core.regions import region_chain

INSTANCE_STATUS = {"running": "办理中", "completed": "已办结", "cancelled": "已撤销", "error": "出错"}
TASK_STATE = {"ready": "待认领", "reserved": "已认领", "in_progress": "办理中", "suspended": "已挂起",
              "completed": "已办结", "cancelled": "已取消"}
CASE_STATUS = {"open": "在办", "closed": "已结案"}


def local_dt(value, fmt="%Y-%m-%d %H:%M"):
    return value.astimezone(CHINA).strftime(fmt) if value else ""


def role_name(code):
    return roles.BY_CODE[code].name_zh if code in roles.BY_CODE else (code or "")


def region_path(region, levels=None):
    """'都林街道 / 和平社区' with levels=2; the whole chain from the league by default."""
    if region is None:
        return ""
    names = region_chain(region).split(" / ")
    return " / ".join(names[-levels:] if levels else names)


def amount(value) -> str:
    """'1,234.50' (元 to the 分, half up); never '-0.00'; '—' for no amount."""
    return "—" if value is None or value == "" else money.yuan(Decimal(str(value)))


def negated(value) -> str:
    """An amount taken off (a deduction): '−300.00', and a plain '0.00' when nothing was taken off."""
    shown = amount(value)
    return shown if shown in ("—", "0.00") else "−" + shown


def register(app) -> None:
    app.jinja_env.filters.update(
        masked=mask_id, local_dt=local_dt, role_name=role_name, region_path=region_path,
        instance_status=lambda s: INSTANCE_STATUS.get(s, s), task_state=lambda s: TASK_STATE.get(s, s),
        case_status=lambda s: CASE_STATUS.get(s, s), amount=amount, negated=negated)
