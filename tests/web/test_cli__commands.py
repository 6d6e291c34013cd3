"""flask --app web deploy | seed-demo | worker | serve, run through Flask's CLI runner."""
import stat
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from engine import ProcessDefinition, jobs
from web import settings

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows" / "bpmn"


def test_deploy_reports_versions_and_keeps_unchanged_ones(app, tmp_path, session_factory):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["deploy", str(WORKFLOWS)])
    assert result.exit_code == 0, result.output
    assert "demo_application: 版本 1（未变化）" in result.output and "demo_notice: 版本 1（未变化）" in result.output
    changed = tmp_path / "bpmn"
    changed.mkdir()
    source = (WORKFLOWS / "demo_notice.bpmn").read_text(encoding="utf-8")
    (changed / "demo_notice.bpmn").write_text(source.replace("无异议", "公示无异议"), encoding="utf-8")
    result = runner.invoke(args=["deploy", str(changed / "demo_notice.bpmn")])
    assert result.exit_code == 0 and "demo_notice: 版本 2（新）" in result.output


def test_deploy_errors_exit_1_and_store_nothing(app, tmp_path, session_factory):
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<bpmn:definitions", encoding="utf-8")
    with session_factory() as s:
        before = s.scalar(select(func.count()).select_from(ProcessDefinition))
    result = app.test_cli_runner().invoke(args=["deploy", str(broken)])
    assert result.exit_code == 1 and "broken.bpmn: XML 格式错误" in result.output
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ProcessDefinition)) == before


def test_seed_demo_prints_accounts_and_password(app):
    app.config["DEMO_PASSWORD"] = "demo-pass-1"
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "密码均为 demo-pass-1" in result.output and "township_caseworker_dulin" in result.output
    assert "乡镇经办人" in result.output


def test_worker_runs_the_job_loop(app, monkeypatch):
    seen = {}
    monkeypatch.setattr(jobs, "work_forever", lambda factory, worker_id, **kw: seen.update(worker_id=worker_id))
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 0 and ":" in seen["worker_id"]


def test_serve_starts_and_stops_the_worker_thread(app, monkeypatch):
    app.config["DEMO_PASSWORD"] = "demo-pass-1"
    calls = {}
    monkeypatch.setattr(jobs, "work_forever", lambda factory, worker_id, poll_seconds, stop: calls.update(
        stop=stop, worker_id=worker_id) or stop.wait(5))
    monkeypatch.setattr(Flask, "run", lambda self, **kw: calls.update(run=kw))
    result = app.test_cli_runner().invoke(args=["serve", "--port", "5055"])
    assert result.exit_code == 0, result.output
    assert calls["run"] == {"host": "127.0.0.1", "port": 5055, "threaded": True, "use_reloader": False}
    assert calls["stop"].is_set()
    assert "密码均为 demo-pass-1" in result.output and "village_assistant_heping" in result.output


def test_secret_key_is_generated_once_with_mode_0600(tmp_path):
    first = settings.instance_secret(str(tmp_path), "secret_key")
    assert len(first) == 64 and settings.instance_secret(str(tmp_path), "secret_key") == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
