"""What the engine needs to know about people, supplied by the domain (the engine imports no domain code).

The domain installs an object with this shape via engine.directory.install(obj):

    role_for_lane(lane_name) -> role code | None      lane '乡镇经办人' or 'township_caseworker' -> 'township_caseworker'
    route(session, role, region_id, group=None) -> (task_region_id, [candidate user ids])
        the case region lifted to the role's level, and who may claim there; group (a task's candidateGroup value,
        e.g. a department code, or None) narrows the pool to that group of the role.
    excluded_users(session, instance, element_id) -> [user ids]   separation of duties (may return [])
"""


class NoDirectory:
    """Default: every lane name is its own role, tasks stay in the case region, nobody is a named candidate."""

    def role_for_lane(self, lane_name):
        return lane_name

    def route(self, session, role, region_id, group=None):
        return region_id, []

    def excluded_users(self, session, instance, element_id):
        return []


_directory = NoDirectory()


def install(directory) -> None:
    global _directory
    _directory = directory


def get():
    return _directory
