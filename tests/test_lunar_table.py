"""The kept lunar years say what lunar-python says, year by year and day by day."""

from __future__ import annotations

from datetime import date

from notices import calendars, lunar_table


def _library_row(year: int) -> str:
    """A row of :mod:`notices.lunar_table` as lunar-python works it out (print it to renew a row)."""
    from lunar_python import Solar

    listed = [m for m in calendars._lunar_year(year).getMonths() if m.getYear() == year]
    first = Solar.fromJulianDay(listed[0].getFirstJulianDay())
    lengths = "".join("1" if m.getDayCount() == 30 else "0" for m in listed)
    leap = next((-m.getMonth() for m in listed if m.getMonth() < 0), 0)
    qingming, dongzhi = calendars.library_term(year, "清明"), calendars.library_term(year, "冬至")
    assert qingming is not None
    assert qingming.month == 4
    assert dongzhi is not None
    assert dongzhi.month == 12
    day = date(first.getYear(), first.getMonth(), first.getDay())
    return f"{day.isoformat()} {lengths} {leap} {qingming.day} {dongzhi.day}"


def test_every_row_is_lunar_pythons() -> None:
    years = range(lunar_table.FIRST_YEAR, lunar_table.LAST_YEAR + 1)
    assert [lunar_table._ROWS[year - lunar_table.FIRST_YEAR] for year in years] == [
        _library_row(year) for year in years
    ]
    assert lunar_table.term(2023, "清明") == calendars.library_term(2023, "清明") == date(2023, 4, 5)
    assert lunar_table.term(2023, "冬至") == calendars.library_term(2023, "冬至") == date(2023, 12, 22)


def test_every_day_is_lunar_pythons() -> None:
    for year in range(lunar_table.FIRST_YEAR, lunar_table.LAST_YEAR + 1):
        for month in range(-13, 14):
            for day in range(-1, 32):
                assert lunar_table.lunar_to_solar(year, month, day) == calendars.library_lunar_to_solar(
                    year, month, day
                ), (year, month, day)


def test_years_outside_the_table_still_come_from_the_library() -> None:
    assert calendars.lunar_to_solar(1899, 1, 1) == calendars.library_lunar_to_solar(1899, 1, 1)
    assert calendars.lunar_to_solar(2101, 8, 15) == calendars.library_lunar_to_solar(2101, 8, 15)
