"""The kinds of document: title, template and where each one's facts come from. A programme's kinds are in its
registry entry (assistance.programmes.registry, with its templates); the kinds here belong to no programme — the
village roster and the 一事一议 minutes of the shared discussion step."""
from assistance.programmes import registry
from assistance.programmes.registry import DocumentKind

from . import discussion, roster

OWN = {k.code: k for k in (
    DocumentKind("village_roster", "最低生活保障对象名册", "village_roster", roster.roster_context),
    DocumentKind("discussion_minutes", "一事一议会议纪要", "discussion_minutes", discussion.minutes_context),
)}


def kind(code: str) -> DocumentKind:
    """The kind with that code, documents' own or a registered programme's; registry.NotRegistered otherwise."""
    return OWN[code] if code in OWN else registry.document_kind(code)
