"""scripts/supply_chain_audit.py: which findings fail `make test`, which acceptances
count, and that a dependency the advisory service could not check is not a pass. The
reports are in the shape pip-audit 2.10 (`--format json --aliases on`) and npm 11
(`npm audit --json`) print."""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
TODAY = datetime.date(2026, 12, 3)


def _script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "supply_chain_audit", ROOT / "scripts" / "supply_chain_audit.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module's annotations
    spec.loader.exec_module(module)
    return module


audit = _script()

PIP_REPORT = {
    "dependencies": [
        {"name": "django", "version": "5.2.8", "vulns": [
            {"id": "PYSEC-2025-1", "fix_versions": ["5.2.9"], "aliases": ["CVE-2025-64459", "GHSA-frmv-pr5f-9mcr"]},
        ]},
        {"name": "idna", "version": "3.20", "vulns": []},
    ],
    "fixes": [],
}  # fmt: skip

NPM_REPORT = {
    "auditReportVersion": 2,
    "vulnerabilities": {
        "htmx.org": {
            "name": "htmx.org", "severity": "moderate", "isDirect": True,
            "via": [{"source": 1096366, "name": "htmx.org", "dependency": "htmx.org",
                     "title": "XSS in hx-on", "url": "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
                     "severity": "moderate", "range": "<2.0.12"}],
            "effects": [], "range": "<2.0.12", "nodes": ["node_modules/htmx.org"],
            "fixAvailable": True,
        },
        "@kern-ux/native": {"name": "@kern-ux/native", "severity": "moderate", "via": ["htmx.org"]},
    },
    "metadata": {"dependencies": {"prod": 3, "dev": 0, "total": 3}},
}  # fmt: skip


def _accept(text: str) -> tuple[list[Any], list[str]]:
    return audit.load_acceptances(text, TODAY)


def _verdict(text: str = "") -> Any:
    acceptances, problems = _accept(text)
    return audit.judge(
        [audit.python_audit(PIP_REPORT), audit.npm_audit(NPM_REPORT)], acceptances, problems
    )


def test_every_unaccepted_finding_fails_once() -> None:
    verdict = _verdict()
    assert len(verdict.failures) == 2, verdict.failures
    python, npm = verdict.failures
    assert "django 5.2.8: PYSEC-2025-1" in python and "fixed in: 5.2.9" in python
    # reported once, under the package that has it, not again for the dependent package
    assert "htmx.org" in npm and "GHSA-aaaa-bbbb-cccc" in npm


def test_an_acceptance_by_alias_and_package_lets_the_finding_pass() -> None:
    verdict = _verdict(
        """
        [[python]]
        id = "cve-2025-64459"
        package = "Django"
        reason = "Only QuerySet.filter(**user_dict) is affected; Teilhabe never passes one."
        review_by = 2027-01-15

        [[npm]]
        id = "1096366"
        package = "htmx.org"
        reason = "hx-on is turned off by the CSP."
        review_by = 2027-02-01
        """
    )
    assert verdict.failures == []
    assert len(verdict.accepted) == 2
    assert "accepted until 2027-01-15" in verdict.accepted[0]


def test_an_acceptance_holds_for_its_package_only() -> None:
    verdict = _verdict(
        """
        [[python]]
        id = "PYSEC-2025-1"
        package = "idna"
        reason = "wrong package"
        review_by = 2027-01-15
        """
    )
    assert any("django 5.2.8" in line for line in verdict.failures)
    assert any("no longer reported" in line for line in verdict.warnings)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('review_by = 2026-12-02\nreason = "x"', "has passed"),
        ('review_by = 2027-07-01\nreason = "x"', "more than 180 days ahead"),
        ('review_by = 2027-01-15\nreason = "  "', "missing reason"),
        ('review_by = "2027-01-15"\nreason = "x"', "missing review_by"),
    ],
)
def test_a_bad_or_expired_acceptance_fails(entry: str, problem: str) -> None:
    verdict = _verdict(f'[[python]]\nid = "PYSEC-2025-1"\npackage = "django"\n{entry}\n')
    assert any(problem in line for line in verdict.failures), verdict.failures


def test_unknown_tables_and_broken_toml_fail() -> None:
    assert _accept("[[pip]]\nid = 'x'\n")[1] == [
        "accepted-vulnerabilities.toml: unknown table [[pip]]"
    ]
    assert _accept("[[python]\n")[1]
    assert "must be a list" in _accept('python = "PYSEC-2025-1"\n')[1][0]


def test_a_dependency_that_was_not_audited_is_no_pass() -> None:
    skipped = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    unreachable = {"message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", "error": {"summary": "", "detail": ""}}  # fmt: skip
    verdict = audit.judge([audit.python_audit(skipped), audit.npm_audit(unreachable)], [], [])
    assert verdict.failures == []
    assert verdict.unaudited == [
        "python: django: Dependency not found on PyPI",
        "npm: npm audit: 405 Method Not Allowed - POST "
        "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    ]


def test_exit_codes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    accepted = tmp_path / "accepted.toml"
    accepted.write_text("")
    monkeypatch.setattr(audit, "ACCEPTED", accepted)
    clean = audit.Audit("npm", audited=3)
    monkeypatch.setattr(audit, "audit_npm", lambda: clean)
    monkeypatch.setattr(audit, "audit_python", lambda: audit.python_audit(PIP_REPORT))
    assert audit.main([]) == 1
    monkeypatch.setattr(audit, "audit_python", lambda: audit.Audit("python", unaudited=["x"]))
    assert audit.main([]) == 2
    assert audit.main(["--allow-unaudited"]) == 0
    monkeypatch.setattr(audit, "audit_python", lambda: audit.Audit("python", audited=135))
    assert audit.main([]) == 0


def test_the_committed_acceptance_file_is_valid() -> None:
    text = (ROOT / "security" / "accepted-vulnerabilities.toml").read_text(encoding="utf-8")
    assert audit.load_acceptances(text, datetime.date.today())[1] == []
