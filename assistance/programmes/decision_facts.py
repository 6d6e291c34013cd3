"""What every programme's decision documents read the same way from a Decision: the applicant among the members it
recorded, and its reasons as numbered lines."""
import re


def applicant_of(members: list[dict]) -> dict:
    for member in members:
        if member.get("is_applicant") or member.get("relation") == "本人":
            return member
    return members[0] if members else {"name": "", "id_number": ""}


def reason_lines(reasons: str | None) -> list[str]:
    """Refusal reasons one per line; a leading '1.' or '（一）' is dropped because the template numbers them."""
    lines = [re.sub(r"^\s*(\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*", "", line).strip()
             for line in re.split(r"[\n；;]+", reasons or "")]
    return [line for line in lines if line]
