"""The new-application form: a household, its village, and up to MEMBER_ROWS members (row 1 is the applicant)."""
from dataclasses import dataclass, field

MEMBER_ROWS = 6


@dataclass
class HouseholdForm:
    village_id: str = ""
    address: str = ""
    is_urban: str = ""                      # "1" 城市 / "0" 农村
    programme: str = ""                     # 办理事项: the process the case starts (one the registry offers)
    rows: list[dict] = field(default_factory=lambda: [{"name": "", "id_number": "", "relation": "本人" if i == 0 else ""}
                                                      for i in range(MEMBER_ROWS)])
    errors: dict[str, str] = field(default_factory=dict)   # 'village_id', 'address', 'rows[2].id_number', '_form'

    @classmethod
    def from_request(cls, form) -> "HouseholdForm":
        rows = [{key: form.get(f"members-{i}-{key}", "").strip() for key in ("name", "id_number", "relation")}
                for i in range(MEMBER_ROWS)]
        return cls(form.get("village_id", ""), form.get("address", "").strip(), form.get("is_urban", ""),
                   form.get("programme", ""), rows)

    def filled_rows(self) -> list[int]:
        """Indexes of the rows the user typed into; blank rows are simply unused."""
        return [i for i, row in enumerate(self.rows) if any(row.values())]

    def members(self) -> list[dict]:
        """The filled rows for register_household; the first of them is the applicant (申请人)."""
        filled = self.filled_rows()
        return [{**self.rows[i], "is_applicant": i == filled[0]} for i in filled]

    def take_errors(self, errors: dict[str, str]) -> None:
        """Place register_household's errors ('members[1].id_number' counts filled rows) next to the form rows."""
        filled = self.filled_rows()
        for path, message in errors.items():
            if path.startswith("members[") and "]" in path:
                index, _, rest = path[len("members["):].partition("]")
                row = filled[int(index)] if int(index) < len(filled) else int(index)
                self.errors[f"rows[{row}]{rest}"] = message
            elif path == "region_id":
                self.errors["village_id"] = message
            elif path == "address":
                self.errors[path] = message
            else:
                self.errors.setdefault("_form", message)

    def row_error(self, i: int) -> list[str]:
        return [msg for path, msg in self.errors.items() if path.startswith(f"rows[{i}].")]

