"""The deployment examples stay true to the code: the compose file parses and has the processes the
README names, and every noticebot command in it, in the Dockerfile and in the systemd units is one the
command line accepts. (No container engine runs here, so this is what can be checked.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import yaml

from bot.cli import main

DEPLOY = Path(__file__).resolve().parents[1] / "bot" / "deploy"
ROOT = DEPLOY.parents[1]


def compose() -> dict[str, dict[str, object]]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def accepted(argv: list[str]) -> bool:
    """Whether ``noticebot ARGV`` parses (options and arguments), without running anything."""
    assert argv[0].endswith("noticebot"), argv
    group = click.Context(main, info_name="noticebot")
    name, *rest = argv[1:]
    command = main.get_command(group, name)
    if command is None:
        return False
    if isinstance(command, click.Group):
        sub, *rest = rest
        command = command.get_command(group, sub)
        assert command is not None, argv
    command.make_context(name, rest, parent=group)
    return True


def test_compose_has_postgres_two_web_two_workers_a_scheduler_and_a_proxy() -> None:
    services = compose()["services"]
    assert {"postgres", "migrate", "web", "worker", "scheduler", "proxy"} <= set(services)
    web, worker = services["web"], services["worker"]
    assert web["deploy"] == {"replicas": 2}  # type: ignore[index]
    assert worker["deploy"] == {"replicas": 2}  # type: ignore[index]
    assert "--no-scheduler" in web["command"]  # type: ignore[operator]
    assert "--no-scheduler" not in services["scheduler"]["command"]  # type: ignore[operator]
    assert services["migrate"]["command"] == ["noticebot", "db", "upgrade"]
    for name in ("web", "worker", "scheduler"):
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}  # type: ignore[index]
    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    assert "reverse_proxy web:8443" in caddy
    assert "health_uri /healthz" in caddy
    webhook = next(arg for arg in web["command"] if arg.startswith("https://"))  # type: ignore[attr-defined]
    assert webhook.endswith("/telegram")
    assert "handle /telegram" in caddy, "the proxy forwards the path Telegram posts to"


def test_every_command_in_the_examples_is_one_noticebot_accepts() -> None:
    commands: list[list[str]] = []
    for service in compose()["services"].values():
        command = service.get("command")
        if isinstance(command, list) and command[0] == "noticebot":
            commands.append(
                [str(part).replace("${PUBLIC_HOST:?set PUBLIC_HOST in .env}", "h") for part in command]
            )
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    [cmd] = re.findall(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)
    commands.append(yaml.safe_load(cmd))
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert len(units) == 3
    for unit in units:
        for line in unit.read_text(encoding="utf-8").splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")):
                commands.append(shlex.split(line.split("=", 1)[1].replace("%i", "8443")))
    assert len(commands) >= 8
    for argv in commands:
        assert accepted(argv), argv


def test_the_image_copies_what_exists() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    sources = [
        part for line in re.findall(r"^COPY (.+)$", dockerfile, re.MULTILINE) for part in line.split()[:-1]
    ]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
