"""The 急难登记 form: the household rows of the new-case form plus the facts of the emergency."""
from dataclasses import dataclass
from datetime import datetime

from assistance.core.china_time import CHINA, now

from ..cases.forms import MEMBER_ROWS, HouseholdForm

DT_FORMAT = "%Y-%m-%dT%H:%M"   # <input type="datetime-local">


@dataclass
class TemporaryForm(HouseholdForm):
    """address is the incident address (急难发生地址); village_id the village where it happened, whatever the 户籍."""
    kind: str = "emergency"
    hardship: str = ""
    reason: str = ""
    incident_dt: str = ""
    hukou_place: str = ""
    is_non_resident: bool = False
    is_major: bool = False

    @classmethod
    def blank(cls) -> "TemporaryForm":
        """An empty form; the incident time defaults to now, since emergencies are registered as they happen."""
        return cls(programme="temporary_assistance", incident_dt=now().strftime(DT_FORMAT))

    @classmethod
    def from_request(cls, form) -> "TemporaryForm":
        rows = [{key: form.get(f"members-{i}-{key}", "").strip() for key in ("name", "id_number", "relation")}
                for i in range(MEMBER_ROWS)]
        return cls(village_id=form.get("village_id", ""), address=form.get("address", "").strip(),
                   is_urban=form.get("is_urban", ""), programme="temporary_assistance", rows=rows,
                   kind=form.get("kind", ""), hardship=form.get("hardship", ""),
                   reason=form.get("reason", "").strip(), incident_dt=form.get("incident_dt", "").strip(),
                   hukou_place=form.get("hukou_place", "").strip(),
                   is_non_resident=form.get("is_non_resident") == "1", is_major=form.get("is_major") == "1")

    def take_errors(self, errors: dict[str, str]) -> None:
        """start_temporary's errors: the emergency's own fields here, the household's as on the new-case form."""
        own = ("kind", "hardship", "reason", "incident_dt")
        self.errors.update({key: message for key, message in errors.items() if key in own})
        super().take_errors({key: message for key, message in errors.items() if key not in own})

    def incident_at(self) -> datetime | None:
        """The incident time as an aware Beijing datetime; None (and a field error) if it cannot be read."""
        try:
            return datetime.strptime(self.incident_dt, DT_FORMAT).replace(tzinfo=CHINA)
        except ValueError:
            self.errors["incident_dt"] = "请填写急难发生的时间（年-月-日 时:分）"
            return None
