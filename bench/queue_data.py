"""Synthetic data for the queue benchmark, bulk-loaded with COPY: a 兴安盟-shaped tree (50 counties, 1,000 townships,
5,000 villages), 100,000 households, and open tasks spread over the township and county pools the way a province's
workload would be — most unclaimed in pools, a third held by someone, some overdue, a few without a deadline."""
import random
from datetime import date, timedelta

from sqlalchemy import text

from assistance.core.idnumbers import compose_id_number

COUNTIES, TOWNSHIPS_PER_COUNTY, VILLAGES_PER_TOWNSHIP, HOUSEHOLDS = 50, 20, 5, 100_000
PROCESSES = {"dibao_application": ["Task_accept", "Task_survey", "Task_first_review", "Task_county_review"],
             "tekun_support": ["Task_accept", "Task_assess"], "linshi_relief": ["Task_accept", "Task_pay"]}
ROLES = [("township_caseworker", 5), ("township_leader", 2), ("county_caseworker", 2), ("county_approver", 1)]
USERS = 5_000


class Tree:
    """Region ids by level; id 1 is the league."""

    def __init__(self):
        self.counties, self.townships, self.villages = [], [], []   # (id, parent id)


def load_regions(conn) -> Tree:
    tree, rows, next_id = Tree(), [(1, "152200", "兴安盟", 1, None, "/1/")], 2
    for c in range(COUNTIES):
        county = next_id
        next_id += 1
        rows.append((county, f"C{c:05d}", f"县{c}", 2, 1, f"/1/{county}/"))
        tree.counties.append((county, 1))
        for t in range(TOWNSHIPS_PER_COUNTY):
            town = next_id
            next_id += 1
            rows.append((town, f"T{c:03d}{t:03d}", f"镇{c}-{t}", 3, county, f"/1/{county}/{town}/"))
            tree.townships.append((town, county))
            for v in range(VILLAGES_PER_TOWNSHIP):
                rows.append((next_id, f"V{c:03d}{t:03d}{v:02d}", f"村{c}-{t}-{v}", 4, town,
                             f"/1/{county}/{town}/{next_id}/"))
                tree.villages.append((next_id, town))
                next_id += 1
    _copy(conn, "region", ("id", "code", "name", "level", "parent_id", "path"), rows)
    return tree


def load_households(conn, tree: Tree, now) -> None:
    rnd = random.Random(7)
    villages = [v for v, _t in tree.villages]
    _copy(conn, "household", ("id", "region_id", "address", "is_urban", "created_dt"),
          ((i, villages[i % len(villages)], f"地址{i}", False, now) for i in range(1, HOUSEHOLDS + 1)))
    _copy(conn, "member", ("id", "household_id", "name", "id_number", "relation", "birth_date", "sex", "is_applicant"),
          ((i, i, f"申请人{i}", id_number(i), "本人", now.date() - timedelta(days=365 * 40 + rnd.randrange(9000)),
            "M", True) for i in range(1, HOUSEHOLDS + 1)))
    _copy(conn, "assistance_case", ("id", "number", "programme", "household_id", "region_id", "status", "created_dt"),
          ((i, f"DB-2026-{i:06d}", "dibao_application", i, villages[i % len(villages)], "open", now)
           for i in range(1, HOUSEHOLDS + 1)))


def load_definitions(conn, now) -> dict[str, int]:
    ids = {}
    for i, (key, steps) in enumerate(PROCESSES.items(), start=1):
        conn.execute(text("INSERT INTO process_definition (id, process_key, version, name, content_hash, files, "
                          "spec_json, task_meta, deployed_dt) VALUES (:id, :key, 1, :key, :key, '{}', '{}', "
                          "CAST(:meta AS JSON), :now)"),
                     {"id": i, "key": key, "now": now,
                      "meta": "{" + ",".join(f'"{s}": {{"name": "{s}"}}' for s in steps) + "}"})
        ids[key] = i
    return ids


def load_tasks(conn, tree: Tree, definitions: dict[str, int], first: int, last: int, now) -> None:
    """Open tasks first..last (and one process instance each), deterministic for a given range."""
    rnd = random.Random(first)
    roles = [role for role, weight in ROLES for _ in range(weight)]
    keys = list(PROCESSES)
    instances, tasks = [], []
    for i in range(first, last + 1):
        village, town = tree.villages[rnd.randrange(len(tree.villages))]
        county = _county_of(tree, town)
        key = keys[0] if rnd.random() < 0.6 else keys[rnd.randrange(len(keys))]   # 低保 is most of the work
        role = roles[rnd.randrange(len(roles))]
        held = rnd.random() < 0.3
        due = None if rnd.random() < 0.05 else now + timedelta(hours=rnd.randrange(-10 * 24, 30 * 24))
        instances.append((i, definitions[key], "running", "{}", 1, village, str(1 + i % HOUSEHOLDS), "{}", now, now))
        tasks.append((i, i, f"00000000-0000-0000-0000-{i:012d}", rnd.choice(PROCESSES[key]), "办理", role,
                      town if role.startswith("township") else county, "[]", "[]",
                      rnd.randrange(1, USERS) if held else None, "reserved" if held else "ready",
                      rnd.randrange(3), due, now, key, 1))
    _copy(conn, "process_instance", ("id", "definition_id", "status", "state", "version", "region_id",
                                     "business_key", "summary", "started_dt", "updated_dt"), instances)
    _copy(conn, "human_task", ("id", "instance_id", "task_guid", "element_id", "name", "role", "region_id",
                               "candidates", "excluded", "assignee_id", "state", "priority", "due_dt", "created_dt",
                               "process_key", "version"), tasks)


_COUNTY_OF: dict[int, int] = {}


def _county_of(tree: Tree, town: int) -> int:
    if not _COUNTY_OF:
        _COUNTY_OF.update(tree.townships)
    return _COUNTY_OF[town]


def id_number(i: int) -> str:
    """A valid, unique resident ID number per household (search only matches valid, whole numbers)."""
    return compose_id_number("152201", date(1940, 1, 1) + timedelta(days=i // 1000), i % 1000)


def _copy(conn, table: str, columns: tuple, rows) -> None:
    with conn.connection.dbapi_connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
