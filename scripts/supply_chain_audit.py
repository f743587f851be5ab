"""Fails on known vulnerabilities in the pinned Python and npm dependencies.

    python scripts/supply_chain_audit.py [--allow-unaudited]

Python: `pip-audit -r requirements.lock --disable-pip --no-deps` audits exactly the
versions `make` installs (the lock pins every transitive dependency, so no resolver
and no throw-away virtualenv are needed; an unpinned line is an error). npm:
`npm audit` over package-lock.json, all dependencies (everything in it is built into
the static files browsers load).

A finding fails the run unless security/accepted-vulnerabilities.toml accepts it for
that package, with a reason and a review date at most 180 days ahead; an acceptance
whose review date has passed fails the run too. The script filters the findings itself
instead of passing `--ignore-vuln`, so an acceptance holds for one package only and
matches the advisory's aliases (GHSA, PYSEC, CVE).

A dependency that could not be audited (advisory service unreachable, version unknown
to it) is not a pass: the run fails with exit code 2, unless --allow-unaudited turns
that into a warning. Exit codes: 0 clean, 1 findings or a bad acceptance file,
2 not audited. See docs/security.md, "Supply chain".
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED = ROOT / "security" / "accepted-vulnerabilities.toml"
LOCK = ROOT / "requirements.lock"
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
ECOSYSTEMS = ("python", "npm")
# An acceptance is a decision to revisit, not a permanent exception.
MAX_REVIEW_DAYS = 180


@dataclass(frozen=True)
class Acceptance:
    ecosystem: str
    id: str
    package: str
    reason: str
    review_by: datetime.date


@dataclass(frozen=True)
class Finding:
    ecosystem: str
    package: str
    version: str
    id: str
    aliases: tuple[str, ...] = ()
    detail: str = ""

    def ids(self) -> set[str]:
        return {self.id.upper(), *(alias.upper() for alias in self.aliases)}


@dataclass
class Audit:
    """What one tool reported: how many packages it checked, what it found, what it could not."""

    ecosystem: str
    audited: int = 0
    findings: list[Finding] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    failures: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)


def normalise(package: str, ecosystem: str) -> str:
    """PEP 503 names for Python (Django == django, ruamel_yaml == ruamel-yaml)."""
    return re.sub(r"[-_.]+", "-", package).lower() if ecosystem == "python" else package


def load_acceptances(text: str, today: datetime.date) -> tuple[list[Acceptance], list[str]]:
    """The accepted vulnerabilities, and every problem of the file (each one fails the run)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [f"{ACCEPTED.name}: {error}"]
    acceptances: list[Acceptance] = []
    problems = [
        f"{ACCEPTED.name}: unknown table [[{key}]]" for key in data if key not in ECOSYSTEMS
    ]
    for ecosystem in ECOSYSTEMS:
        entries = data.get(ecosystem, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(
                f"{ACCEPTED.name}: {ecosystem} must be a list of [[{ecosystem}]] tables"
            )
            continue
        for number, entry in enumerate(entries, start=1):
            where = f"{ACCEPTED.name}: [[{ecosystem}]] entry {number}"
            missing = [
                key
                for key in ("id", "package", "reason")
                if not isinstance(entry.get(key), str) or not entry[key].strip()
            ]
            review_by = entry.get("review_by")
            if not isinstance(review_by, datetime.date) or isinstance(review_by, datetime.datetime):
                missing.append("review_by (a date, e.g. 2027-03-31)")
            if missing:
                problems.append(f"{where}: missing {', '.join(missing)}")
                continue
            assert isinstance(review_by, datetime.date)
            label = f"{where} ({entry['id']} in {entry['package']})"
            if review_by < today:
                problems.append(
                    f"{label}: review date {review_by} has passed: check the advisory again, "
                    "bump the dependency or renew the acceptance with a current reason"
                )
            elif review_by > today + datetime.timedelta(days=MAX_REVIEW_DAYS):
                problems.append(
                    f"{label}: review date {review_by} is more than {MAX_REVIEW_DAYS} days ahead"
                )
            acceptances.append(
                Acceptance(
                    ecosystem,
                    entry["id"].strip(),
                    normalise(entry["package"].strip(), ecosystem),
                    entry["reason"].strip(),
                    review_by,
                )
            )
    return acceptances, problems


def python_audit(report: dict[str, Any]) -> Audit:
    """Reads `pip-audit --format json`."""
    audit = Audit("python")
    for dependency in report.get("dependencies", []):
        name = normalise(dependency["name"], "python")
        if "skip_reason" in dependency:
            audit.unaudited.append(f"{name}: {dependency['skip_reason']}")
            continue
        audit.audited += 1
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed version"
            audit.findings.append(
                Finding(
                    "python",
                    name,
                    dependency.get("version", "?"),
                    vulnerability["id"],
                    tuple(vulnerability.get("aliases", [])),
                    f"fixed in: {fixed}",
                )
            )
    return audit


def npm_audit(report: dict[str, Any]) -> Audit:
    """Reads `npm audit --json` (report version 2): each advisory once, under its package."""
    audit = Audit("npm")
    if "error" in report or "vulnerabilities" not in report:
        message = report.get("message") or report.get("error", {}).get("summary") or "no report"
        audit.unaudited.append(f"npm audit: {message}")
        return audit
    dependencies = report.get("metadata", {}).get("dependencies", {})
    audit.audited = int(dependencies.get("total", 0))
    seen: set[tuple[str, str]] = set()
    for package in report["vulnerabilities"].values():
        for via in package.get("via", []):
            if not isinstance(via, dict):
                continue  # a package name: the advisory is listed under that package
            url = str(via.get("url", ""))
            ghsa = url.rstrip("/").rsplit("/", 1)[-1] if "/GHSA-" in url else ""
            source = str(via.get("source", ""))
            advisory = ghsa or source
            if (via["name"], advisory) in seen:
                continue
            seen.add((via["name"], advisory))
            audit.findings.append(
                Finding(
                    "npm",
                    via["name"],
                    str(via.get("range", "?")),
                    advisory,
                    tuple(alias for alias in (source,) if alias and alias != advisory),
                    f"{via.get('severity', '?')}: {via.get('title', '')} {url}".strip(),
                )
            )
    return audit


def judge(audits: list[Audit], acceptances: list[Acceptance], problems: list[str]) -> Verdict:
    verdict = Verdict(failures=list(problems))
    used: set[Acceptance] = set()
    for audit in audits:
        verdict.unaudited.extend(f"{audit.ecosystem}: {reason}" for reason in audit.unaudited)
        for finding in audit.findings:
            label = (
                f"{finding.ecosystem}: {finding.package} {finding.version}: {finding.id}"
                f"{' (' + ', '.join(finding.aliases) + ')' if finding.aliases else ''}"
                f", {finding.detail}"
            )
            match = next(
                (
                    acceptance
                    for acceptance in acceptances
                    if acceptance.ecosystem == finding.ecosystem
                    and acceptance.package == finding.package
                    and acceptance.id.upper() in finding.ids()
                ),
                None,
            )
            if match is None:
                verdict.failures.append(label)
            else:
                used.add(match)
                verdict.accepted.append(
                    f"{label}; accepted until {match.review_by}: {match.reason}"
                )
    audited = {audit.ecosystem for audit in audits if not audit.unaudited}
    for acceptance in acceptances:
        if acceptance not in used and acceptance.ecosystem in audited:
            verdict.warnings.append(
                f"{acceptance.ecosystem}: {acceptance.id} in {acceptance.package} is accepted "
                "but no longer reported: remove the entry"
            )
    return verdict


def run_json(command: list[str]) -> dict[str, Any] | None:
    """The tool's JSON report, or None when it printed none (it failed before auditing)."""
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(result.stderr[-4000:])
        return None
    return report if isinstance(report, dict) else None


def audit_python() -> Audit:
    report = run_json(
        [str(PIP_AUDIT), "--requirement", str(LOCK), "--disable-pip", "--no-deps",
         "--format", "json", "--aliases", "on", "--desc", "off", "--progress-spinner", "off",
         "--timeout", "30"]
    )  # fmt: skip
    if report is None:
        return Audit("python", unaudited=["pip-audit printed no report (see its errors above)"])
    return python_audit(report)


def audit_npm() -> Audit:
    report = run_json(["npm", "audit", "--json", "--audit-level=info"])
    if report is None:
        return Audit("npm", unaudited=["npm audit printed no report (see its errors above)"])
    return npm_audit(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--allow-unaudited",
        action="store_true",
        help="warn instead of failing when a dependency could not be audited (offline machines)",
    )
    args = parser.parse_args(argv)
    today = datetime.date.today()
    acceptances, problems = load_acceptances(ACCEPTED.read_text(encoding="utf-8"), today)
    audits = [audit_python(), audit_npm()]
    verdict = judge(audits, acceptances, problems)
    for audit in audits:
        print(
            f"{audit.ecosystem}: {audit.audited} packages audited, {len(audit.findings)} "
            f"known vulnerabilities, {len(audit.unaudited)} not audited"
        )
    for line in verdict.accepted:
        print(f"  accepted: {line}")
    for line in verdict.warnings:
        print(f"  warning: {line}")
    for line in verdict.unaudited[:20]:
        print(f"  not audited: {line}")
    if len(verdict.unaudited) > 20:
        print(f"  not audited: ... and {len(verdict.unaudited) - 20} more")
    for line in verdict.failures:
        print(f"  FAIL: {line}")
    if verdict.failures:
        print(
            "Supply-chain audit failed; to accept a finding: security/accepted-vulnerabilities.toml"
        )
        return 1
    if verdict.unaudited:
        if args.allow_unaudited:
            print("WARNING: dependencies were NOT audited (--allow-unaudited); this is no pass.")
            return 0
        print(
            "Supply-chain audit incomplete: the advisory services did not answer for every "
            "dependency (--allow-unaudited only on a machine without access to them)."
        )
        return 2
    print("Supply-chain audit passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
