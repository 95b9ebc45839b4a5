"""The kinds of issue 22 part B in ``kexie summary``: their own status words (摘牌), and 区县 societies."""

from __future__ import annotations

from typing import Any

from tests.conftest import AS_OF, REPO, run_cli


def tables(*names: str) -> dict[str, dict[str, Any]]:
    run = run_cli(["summary", *names, "--format", "json", "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    return {t["table"]: t for t in run.json()}


def test_a_delisted_station_is_counted_under_its_own_status_not_on_the_books() -> None:
    found = tables("kinds", "counts-stations")
    station = next(r for r in found["kinds"]["rows"] if r["kind"] == "station")
    assert (station["on_books"], station["active"], station["delisted"]) == (2, 2, 1)  # meixi-chaye-keji-fuwuzhan
    service = next(r for r in found["counts-stations"]["rows"] if r["type"] == "tech-service")
    assert (service["on_books"], service["delisted"]) == (0, 1)


def test_a_kind_shows_the_statuses_its_schema_allows_in_its_words() -> None:
    run = run_cli(["summary", "counts-stations", "--format", "csv", "--as-of", AS_OF], REPO)
    header = run.stdout.splitlines()[0].split(",")
    assert header == ["工作站类型", "在册", "正常", "筹备", "撤销", "摘牌"]
    run = run_cli(["summary", "kinds", "--format", "csv", "--as-of", AS_OF], REPO)
    assert run.stdout.splitlines()[0].endswith(",解除资格,注销,摘牌")


def test_district_societies_are_left_out_of_the_city_ratios_only() -> None:
    found = tables("levels", "stars", "npo", "party", "districts")
    district_level = next(r for r in found["levels"]["rows"] if r["level"] == "district")["total"]
    assert district_level == found["districts"]["total"]["societies"] == 4
    on_books = found["levels"]["total"]["total"]
    assert f"在册科技社团{on_books - district_level}家，不含区县级{district_level}家" in found["stars"]["headline"]
    assert found["npo"]["total"]["share"] == round(found["npo"]["total"]["count"] / (on_books - district_level), 4)
    assert found["party"]["rows"][0]["total"] == on_books  # Party coverage: every society (K501, kexie party)
