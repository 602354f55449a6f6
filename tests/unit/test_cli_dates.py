"""Every date on khabar's command line is checked in one place (``cli._date``): a date outside
the range khabar works in, or not written YYYY-MM-DD, is a one-line error and exit 2 before
anything runs, never an ``OverflowError`` traceback from the date arithmetic further on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from khabar import cli
from khabar.cli import main

#: Each command and option that takes a date, with the other arguments it needs.
DATE_ARGS = [
    pytest.param(["run", "--landing", "{tmp}/landing", "--lake", "{tmp}/lake", "--date"], id="run --date"),
    pytest.param(
        [
            "archive",
            "{tmp}/archives",
            "--landing",
            "{tmp}/landing",
            "--lake",
            "{tmp}/lake",
            "--date-by",
            "fixed",
            "--date",
        ],
        id="archive --date",
    ),
    pytest.param(["report", "--lake", "{tmp}/lake", "--since"], id="report --since"),
    pytest.param(["report", "--lake", "{tmp}/lake", "--until"], id="report --until"),
    pytest.param(["extract", "{tmp}/x.txt", "--date"], id="extract --date"),
    pytest.param(["evaluate", "--gold", "{tmp}/gold.jsonl", "--date"], id="evaluate --date"),
]
BAD_DATES = [
    pytest.param("0001-01-01", "outside", id="year-1"),
    pytest.param("0001-01-15", "outside", id="year-1-mid-january"),
    pytest.param("9999-12-31", "outside", id="year-9999"),
    pytest.param("9999-12-20", "outside", id="year-9999-december"),
    pytest.param("1989-12-31", "outside", id="before-1990"),
    pytest.param("3000-01-01", "outside", id="year-3000"),
    pytest.param("2025-02-30", "not a date", id="february-30"),
    pytest.param("20250115", "not a date", id="basic-format"),
    pytest.param("2025-W03-1", "not a date", id="iso-week"),
    pytest.param("۲۰۲۵-۰۱-۱۵", "not a date", id="persian-digits"),
    pytest.param("2025-01-15\x1b[2J", "not a date", id="terminal-escape"),
    pytest.param("", "not a date", id="empty"),
]


@pytest.mark.parametrize(("value", "message"), BAD_DATES)
@pytest.mark.parametrize("args", DATE_ARGS)
def test_a_bad_date_is_a_one_line_error_and_exit_2(
    args: list[str], value: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + [value]
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "OverflowError" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"khabar {argv[0]}: error: argument ") and message in last, last
    assert "\x1b" not in err  # the rejected value is quoted, never echoed raw to the terminal
    assert not (tmp_path / "lake").exists()  # nothing ran


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-01-01", dt.date(1990, 1, 1)),
        ("2025-01-15", dt.date(2025, 1, 15)),
        ("2999-12-31", dt.date(2999, 12, 31)),
    ],
)
def test_the_range_boundaries_are_accepted(value: str, expected: dt.date) -> None:
    assert cli._date(value) == expected
    assert (dt.date(1990, 1, 1), dt.date(2999, 12, 31)) == (cli.FIRST_DATE, cli.LAST_DATE)


def test_since_after_until_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lake").mkdir()
    assert (
        main(["report", "--lake", str(tmp_path / "lake"), "--since", "2025-02-01", "--until", "2025-01-31"])
        == 2
    )
    assert capsys.readouterr().err.strip() == "khabar report: --since 2025-02-01 is after --until 2025-01-31"
