"""Policy parameters (政策参数): every regulation number, per region and effective date, nearest ancestor wins."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select

from assistance.core import china_time
from assistance.core.models import PolicyParameter, Region
from engine import audit

DECIMAL, INT, BOOL, TEXT = "decimal", "int", "bool", "text"

# key -> (default value, kind, source). Tags as in domain.md: [T] national full text, [L] local example value.
# Here only the parameters more than one programme reads: the local 低保 standard (the yardstick of 临时救助 too), the
# shared steps' (公示, 一事一议) and the worklist's. Each programme's own are in its registry entry and are added here
# when it is registered (assistance.programmes.registry.register).
DEFAULTS: dict[str, tuple[object, str, str]] = {
    # the local 低保 standard
    "dibao_standard_urban": (Decimal("745.00"), DECIMAL, "[L] 城市低保标准（元/人·月），兴安盟2021年示例值"),
    "dibao_standard_rural": (Decimal("490.00"), DECIMAL, "[L] 农村低保标准（元/人·月），兴安盟2021年示例值"),
    # money input (assistance.core.money): amounts above a plausible ceiling are typing errors, refused
    "monthly_income_ceiling": (Decimal("100000.00"), DECIMAL, "[NF] 录入核验：调查表中每项月收入（元/月）的合理上限，"
                                                               "超过即视为录入错误；国家未规定，本地参数"),
    # steps both programmes' processes have
    "acceptance_working_days": (1, INT, "[L] 受理审查、补齐材料、初审等乡镇环节时限（工作日）；国家未规定 [NF]，地方多为即时或1个工作日"),
    "refusal_notice_working_days": (3, INT, "[T] 不予确认书面告知（工作日），S2 第21条"),
    # the shared steps: 公示 (public_notice.bpmn), 一事一议 (one_case_one_discussion.bpmn)
    "public_notice_days": (7, INT, "[T] 初审意见公示（自然日），S2 第19条"),
    "objection_handling_working_days": (5, INT, "[NF] 公示异议处理（重新调查或民主评议）时限（工作日），地方参数"),
    "renotice_after_objection": (False, BOOL, "[L] 异议处理后重新提出意见是否重新公示，S2未要求；郑州中原区要求重新公示"),
    "discussion_opinion_working_days": (3, INT, "[NF] 一事一议：各成员单位提出书面意见的时限（工作日），地方参数"),
    # the worklist
    "due_soon_working_days": (2, INT, "[L] 任务队列：距办理期限不足该工作日数即标为“即将到期”，本地管理规定"),
}


@dataclass(frozen=True)
class ParamValue:
    """A parameter's value and where it came from (region_id None and effective_from None: the code default)."""
    key: str
    value: object
    kind: str
    region_id: int | None
    effective_from: date | None
    source: str | None


def get_param(session, key: str, region_id: int | None, on: date | None = None):
    """The value of key for region on a date (today in Beijing by default): Decimal, int, bool or str."""
    return lookup(session, key, region_id, on).value


def lookup(session, key: str, region_id: int | None, on: date | None = None) -> ParamValue:
    """The row that applies: nearest region up the chain (then national), latest effective_from <= on; else DEFAULTS."""
    on = on or china_time.today()
    chain = _region_chain_ids(session, region_id)
    rows = session.scalars(select(PolicyParameter).where(
        PolicyParameter.key == key, PolicyParameter.effective_from <= on,
        or_(PolicyParameter.region_id.in_([i for i in chain if i is not None]), PolicyParameter.region_id.is_(None)),
    )).all()
    if rows:
        rank = {region: i for i, region in enumerate(chain)}
        row = min(rows, key=lambda r: (rank[r.region_id], -r.effective_from.toordinal()))
        return ParamValue(key, parse_value(row.value, row.kind), row.kind, row.region_id, row.effective_from,
                          row.source)
    if key not in DEFAULTS:
        raise KeyError(f"未知的政策参数：{key}")
    value, kind, source = DEFAULTS[key]
    return ParamValue(key, value, kind, None, None, source)


def set_param(session, key: str, value, *, region_id: int | None, effective_from: date, actor_id: int | None,
              reason: str | None = None, source: str | None = None, kind: str | None = None) -> PolicyParameter:
    """Add a value from effective_from on (rows are never updated: a change is a new dated row), audited."""
    kind = _kind_for(key, kind)
    text = format_value(value, kind)
    duplicate = session.scalar(select(PolicyParameter.id).where(
        PolicyParameter.key == key, PolicyParameter.effective_from == effective_from,
        PolicyParameter.region_id.is_(None) if region_id is None else PolicyParameter.region_id == region_id))
    if duplicate is not None:
        raise ValueError(f"参数{key}在该地区{effective_from.isoformat()}已有生效值；参数只增不改，请另选生效日期")
    try:
        before = lookup(session, key, region_id, effective_from)
    except KeyError:
        before = None
    row = PolicyParameter(key=key, region_id=region_id, value=text, kind=kind, effective_from=effective_from,
                          source=source or (DEFAULTS[key][2] if key in DEFAULTS else None),
                          created_by=actor_id, created_dt=china_time.now())
    session.add(row)
    session.flush()
    audit.record(session, "param.set", actor_id=actor_id, subject=f"param:{key}",
                 before=_describe(before), reason=reason,
                 after={"value": text, "region_id": region_id, "effective_from": effective_from.isoformat()})
    return row


def param_history(session, key: str, region_id: int | None) -> list[PolicyParameter]:
    """The rows set for key directly on this region (None: national), newest first."""
    where = PolicyParameter.region_id.is_(None) if region_id is None else PolicyParameter.region_id == region_id
    return list(session.scalars(select(PolicyParameter).where(PolicyParameter.key == key, where)
                                .order_by(PolicyParameter.effective_from.desc())))


def parse_value(text: str, kind: str):
    if kind == DECIMAL:
        return Decimal(text)
    if kind == INT:
        return int(text)
    if kind == BOOL:
        return text == "true"
    return text


def format_value(value, kind: str) -> str:
    """The stored text of a value, checked against its kind; ValueError with a Chinese message when it does not fit."""
    try:
        if kind == DECIMAL and not isinstance(value, bool):
            number = Decimal(str(value).strip())
            if number.is_finite():
                return str(number)
        elif kind == INT and not isinstance(value, bool) and str(value).strip().lstrip("-").isdigit():
            return str(int(str(value).strip()))
        elif kind == BOOL:
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "是", "false", "0", "no", "否"):
                return "true" if text in ("true", "1", "yes", "是") else "false"
        elif kind == TEXT:
            return str(value)
    except InvalidOperation:
        pass
    raise ValueError(f"参数值“{value}”不是有效的{_KIND_NAMES.get(kind, kind)}")


_KIND_NAMES = {DECIMAL: "数值", INT: "整数", BOOL: "是/否", TEXT: "文本"}


def _kind_for(key: str, kind: str | None) -> str:
    if key in DEFAULTS:
        default_kind = DEFAULTS[key][1]
        if kind not in (None, default_kind):
            raise ValueError(f"参数{key}的类型是{_KIND_NAMES[default_kind]}，不能改为{_KIND_NAMES.get(kind, kind)}")
        return default_kind
    if kind not in _KIND_NAMES:
        raise ValueError(f"新参数{key}须指明类型：数值、整数、是/否或文本")
    return kind


def _region_chain_ids(session, region_id: int | None) -> list[int | None]:
    """[region, parent, …, root, None]: the order in which values are looked for."""
    if region_id is None:
        return [None]
    region = session.get(Region, region_id)
    if region is None:
        raise LookupError(f"region {region_id} does not exist")
    return [*reversed(region.ancestor_ids()), None]


def _describe(found: ParamValue | None) -> dict | None:
    if found is None:
        return None
    return {"value": format_value(found.value, found.kind), "region_id": found.region_id,
            "effective_from": found.effective_from.isoformat() if found.effective_from else None}
