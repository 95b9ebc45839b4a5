"""Chinese output shows Chinese labels, not English codes."""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF, REPO, run_cli


@pytest.mark.parametrize(
    ("record_id", "label"),
    [("jinshu-xuehui", "科技社团"), ("shili-daxue-kexie", "基层科协"), ("keji-shetuan-dangwei", "党组织")],
)
def test_show_kind_is_a_label(record_id: str, label: str) -> None:
    result = run_cli(["show", record_id, "--format", "plain", "--as-of", AS_OF], REPO)
    assert result.exit_code == 0, result.stderr
    kind_rows = [line.split() for line in result.stdout.splitlines() if line.startswith("类别 ")]
    assert kind_rows == [["类别", label]]
    english = run_cli(["show", record_id, "--format", "json", "--lang", "en", "--as-of", AS_OF], REPO)
    assert english.json()["record"]["kind"] in {"society", "branch", "party-cell"}
