"""The 入户调查 team (S2 art. 16): at least survey_team_min_size different named people, none of them a member of the
household they investigate."""
import re

ART16 = "第十六条"


def person_name(value) -> str:
    """A name as typed, compared without spaces (half- or full-width) so that '李 明' and '李明' are one person."""
    return re.sub(r"\s+", "", str(value or ""))


def survey_team_problems(investigators: list, household_names: list[str], min_size: int) -> list[str]:
    """Why the team may not sign the survey, in Chinese (empty when it may): too few different people, the same
    person twice, or a member of the household investigating itself."""
    names = [person_name(n) for n in investigators if person_name(n)]
    problems = []
    repeated = sorted({n for n in names if names.count(n) > 1}, key=names.index)
    if repeated:
        problems.append(f"调查人员重复填写：{'、'.join(repeated)}，每名调查人员只能计一次")
    members = {person_name(n) for n in household_names}
    own = [n for n in dict.fromkeys(names) if n in members]
    if own:
        problems.append(f"调查人员不得是申请家庭成员：{'、'.join(own)}")
    team = [n for n in dict.fromkeys(names) if n not in members]
    if len(team) < min_size:
        problems.append(f"入户调查人员不少于 {min_size} 人（{ART16}），现有不同的调查人员 {len(team)} 人")
    return problems
