"""`qlm serve`'s rules, each tried over real HTTP: token, Host, Origin, the folder's bounds, body size, timeouts."""

from __future__ import annotations

import os
import time
import urllib.parse

import pytest

from qlmatrix.limits import MAX_REQUEST_BYTES
from qlmatrix.serve import Worker

from .serve_helpers import api, request, running, write_plans


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = write_plans(tmp_path_factory.mktemp("served") / "plans")
    (folder.parent / "secret.qlm").write_text("单位 机密\n", encoding="utf-8")
    os.symlink(folder.parent / "secret.qlm", folder / "link.qlm")
    with running(folder) as workbench:
        yield workbench


def test_the_api_refuses_a_request_without_the_token(server):
    status, answer = api(server, "files", token=False)
    assert status == 403
    assert "token" in answer["error"]["en"] and "令牌" in answer["error"]["zh"]


def test_the_api_refuses_a_wrong_token(server):
    status, _ = api(server, "files", headers={"X-Qlm-Token": server.token[:-1] + "x"}, token=False)
    assert status == 403


def test_the_api_answers_with_the_token(server):
    status, answer = api(server, "files")
    assert status == 200
    assert answer["plans"] == [{"path": "plan.qlm", "includes": [{"path": "carrier.qlm", "includes": []}]}]


def test_the_page_needs_the_token_in_the_address_then_gives_a_cookie(server):
    status, _, _ = request(server, "GET", "/", token=False)
    assert status == 403
    status, headers, page = request(server, "GET", f"/?token={server.token}", token=False)
    assert status == 200
    assert f"qlm_token={server.token}" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert server.token.encode() in page
    status, _, _ = request(server, "GET", "/static/workbench.js", token=False,
                           headers={"Cookie": f"qlm_token={server.token}"})
    assert status == 200
    status, _, _ = request(server, "GET", "/static/workbench.js", token=False)
    assert status == 403


def test_the_cookie_alone_does_not_open_the_api(server):
    # A page of another site can make the browser send the cookie, never a custom header.
    status, _ = api(server, "files", token=False, headers={"Cookie": f"qlm_token={server.token}"})
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "evil.example", "", "127.0.0.1.nip.io:{port}"])
def test_a_foreign_host_header_is_refused(server, host):
    status, answer = api(server, "files", host=host.format(port=server.port) or " ")
    assert status == 421
    assert "127.0.0.1" in answer["error"]["zh"]


def test_localhost_is_a_local_name(server):
    assert api(server, "files", host=f"localhost:{server.port}")[0] == 200


def test_a_foreign_origin_is_refused(server):
    status, _ = api(server, "files", headers={"Origin": "http://evil.example"})
    assert status == 403
    assert api(server, "files", headers={"Origin": f"http://127.0.0.1:{server.port}"})[0] == 200


@pytest.mark.parametrize("path", ["../secret.qlm", "/etc/passwd", "a/../../secret.qlm", "..%2Fsecret.qlm",
                                  "%2e%2e/secret.qlm", "..\\secret.qlm", "./plan.qlm", "plan.qlm\x00.txt"])
def test_paths_outside_the_folder_are_refused(server, path):
    quoted = urllib.parse.quote(urllib.parse.unquote(path), safe="")
    status, answer = api(server, f"file?path={quoted}")
    assert status == 403, answer
    assert "outside" in answer["error"]["en"] and "不在" in answer["error"]["zh"]


def test_a_traversing_path_in_the_address_serves_nothing(server):
    status, _, _ = request(server, "GET", f"/static/../../secret.qlm?token={server.token}", token=False)
    assert status == 404


def test_a_symlink_out_of_the_folder_is_neither_read_nor_written(server):
    status, _ = api(server, "file?path=link.qlm")
    assert status == 403
    status, _ = api(server, "save", {"path": "link.qlm", "text": "单位 改了\n", "version": "x"})
    assert status == 403
    with open(os.path.join(os.path.dirname(server.plans.root), "secret.qlm"), encoding="utf-8") as secret:
        assert secret.read() == "单位 机密\n"
    listed = api(server, "files")[1]["plans"]
    assert "link.qlm" not in str(listed)


def test_a_symlinked_folder_out_of_the_folder_is_refused(server, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    link = os.path.join(server.plans.root, "away")
    os.symlink(outside, link)
    try:
        status, _ = api(server, "create", {"path": "away/new.qlm", "text": ""})
        assert status == 403
        assert not (outside / "new.qlm").exists()
    finally:
        os.unlink(link)


def test_an_oversized_body_is_refused_before_it_is_read(server):
    status, _, payload = request(server, "POST", "/api/analyse",
                                 headers={"Content-Length": str(MAX_REQUEST_BYTES + 1)})
    assert status == 413
    assert "MB" in payload.decode("utf-8")


def test_a_body_without_its_length_is_refused(server):
    status, _, _ = request(server, "POST", "/api/save")
    assert status == 411


def test_a_save_over_a_changed_file_is_refused_with_both_versions(server):
    _, opened = api(server, "file?path=carrier.qlm")
    path = os.path.join(server.plans.root, "carrier.qlm")
    with open(path, "a", encoding="utf-8") as other_editor:
        other_editor.write("# 另一个编辑器\n")
    status, answer = api(server, "save", {"path": "carrier.qlm", "text": "# 页面\n", "version": opened["version"]})
    assert status == 409
    assert answer["your_version"] == opened["version"] and answer["disk_version"] != opened["version"]
    assert answer["disk_text"].endswith("# 另一个编辑器\n")
    assert "reload" in answer["error"]["en"] and "重新载入" in answer["error"]["zh"]
    with open(path, encoding="utf-8") as kept:
        assert kept.read().endswith("# 另一个编辑器\n")


def test_a_save_replaces_the_file_in_one_step(server, monkeypatch):
    _, opened = api(server, "file?path=plan.qlm")
    replaced = []
    real_replace = os.replace

    def watching(source, target):
        replaced.append((os.path.basename(source), os.path.basename(target)))
        with open(source, encoding="utf-8") as written:  # complete before it is put in place
            assert written.read() == opened["text"] + "# 已保存\n"
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching)
    status, answer = api(server, "save", {"path": "plan.qlm", "text": opened["text"] + "# 已保存\n",
                                          "version": opened["version"]})
    assert status == 200, answer
    assert replaced and replaced[0][1] == "plan.qlm" and replaced[0][0].startswith(".qlm-save-")
    assert api(server, "file?path=plan.qlm")[1]["version"] == answer["version"] != opened["version"]
    assert not [name for name in os.listdir(server.plans.root) if name.startswith(".qlm-save-")]


def test_create_refuses_an_existing_plan_and_rename_refuses_a_collision(server):
    assert api(server, "create", {"path": "plan.qlm", "text": ""})[0] == 409
    assert api(server, "create", {"path": "sub/new.qlm", "text": "单位 甲\n"})[0] == 200
    assert api(server, "rename", {"path": "sub/new.qlm", "new_path": "plan.qlm"})[0] == 409
    assert api(server, "rename", {"path": "sub/new.qlm", "new_path": "sub/renamed.qlm"})[0] == 200
    assert api(server, "file?path=sub/renamed.qlm")[1]["text"] == "单位 甲\n"
    assert api(server, "create", {"path": "notes.txt", "text": ""})[0] == 400


def slow_runner(name, request):
    time.sleep(120)


def test_a_job_that_hangs_is_stopped_and_the_server_keeps_answering(tmp_path):
    folder = write_plans(tmp_path / "plans")
    with running(folder, Worker(slow_runner, timeout=1.0)) as workbench:
        started = time.monotonic()
        status, answer = api(workbench, "analyse", {"path": "plan.qlm", "text": "单位 甲\n"})
        assert status == 504
        assert "1 s" in answer["error"]["en"] and "1 秒" in answer["error"]["zh"]
        assert time.monotonic() - started < 60
        assert api(workbench, "files")[0] == 200  # file work never waits for the worker
        assert api(workbench, "analyse", {"path": "plan.qlm", "text": "单位 甲\n"})[0] == 504  # a new worker
