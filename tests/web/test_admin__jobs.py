"""管理 / 后台作业: incidents are listed for admins and can be sent back to the queue."""
from datetime import timedelta

from engine import Job, JobStatus, clock


def make_incident(session_factory):
    with session_factory() as s:
        job = Job(kind="timer", payload={}, status=JobStatus.INCIDENT, due_dt=clock.now() - timedelta(hours=1),
                  attempts=5, last_error="EngineError: 流程执行出错", created_dt=clock.now())
        s.add(job)
        s.commit()
        return job.id


def test_admin_sees_and_retries_an_incident(login, session_factory):
    job_id = make_incident(session_factory)
    admin = login("admin_xinganmeng")
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "故障作业" in page and "流程执行出错" in page
    assert admin.post(f"/admin/jobs/{job_id}/retry").status_code == 303
    with session_factory() as s:
        job = s.get(Job, job_id)
        assert (job.status, job.attempts) == (JobStatus.PENDING, 0)
    assert admin.post(f"/admin/jobs/{job_id}/retry").status_code == 409   # no longer an incident


def test_others_cannot_retry(login, session_factory):
    job_id = make_incident(session_factory)
    assert login("county_caseworker_wulanhaote").post(f"/admin/jobs/{job_id}/retry").status_code == 403
    with session_factory() as s:
        assert s.get(Job, job_id).status == JobStatus.INCIDENT
