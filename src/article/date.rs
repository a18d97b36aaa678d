//! Dates as people write them, read into instants with an offset.
//!
//! Accepted: RFC 3339 with an offset; `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` and the `T` form read in
//! the site's time zone; TOML native dates and datetimes. A local time that does not exist (the hour
//! skipped when clocks go forward) is an error; one that exists twice takes the earlier instant.
//! Fractional seconds are dropped, since RSS cannot carry them.

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};
use chrono_tz::Tz;

use super::front_matter::RawDate;

/// How to write a date, for hints.
pub const HINT: &str = "write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00";

/// Reads a front-matter date.
pub fn parse(raw: &RawDate, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    match raw {
        RawDate::Str(s) => parse_str(s, tz),
        RawDate::Toml(dt) => {
            let date = dt.date.ok_or_else(|| format!("{dt} has no date"))?;
            let day = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                .ok_or_else(|| format!("{dt} is not a calendar date"))?;
            let time = match dt.time {
                Some(t) => NaiveTime::from_hms_opt(
                    t.hour.into(),
                    t.minute.into(),
                    t.second.unwrap_or(0).into(),
                )
                .ok_or_else(|| format!("{dt} has an invalid time"))?,
                None => NaiveTime::MIN,
            };
            let naive = day.and_time(time);
            match dt.offset {
                None => localize(naive, tz),
                Some(toml::value::Offset::Z) => Ok(FixedOffset::east_opt(0)
                    .expect("zero")
                    .from_utc_datetime(&naive)),
                Some(toml::value::Offset::Custom { minutes }) => {
                    let off = FixedOffset::east_opt(i32::from(minutes) * 60)
                        .ok_or_else(|| format!("{dt} has an invalid offset"))?;
                    off.from_local_datetime(&naive)
                        .single()
                        .ok_or_else(|| format!("{dt} is out of range"))
                }
            }
        }
    }
}

/// Reads a date string.
pub fn parse_str(s: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(trunc(d));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return localize(n.with_nanosecond(0).unwrap_or(n), tz);
        }
    }
    if let Ok(n) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return localize(n.with_nanosecond(0).unwrap_or(n), tz);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return localize(d.and_time(NaiveTime::MIN), tz);
    }
    Err(format!("{s:?} is not a date feedwright understands"))
}

/// Midnight of `day` in `tz`.
pub fn midnight(day: NaiveDate, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    localize(day.and_time(NaiveTime::MIN), tz)
}

fn localize(n: NaiveDateTime, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    match tz.from_local_datetime(&n) {
        LocalResult::Single(d) => Ok(d.fixed_offset()),
        LocalResult::Ambiguous(early, _) => Ok(early.fixed_offset()),
        LocalResult::None => Err(format!(
            "{} does not exist in {} (the clocks skip it); write the time with an offset or pick another time",
            n.format("%Y-%m-%d %H:%M:%S"),
            tz.name()
        )),
    }
}

fn trunc(d: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    d.with_nanosecond(0).unwrap_or(d)
}

/// Splits a file stem `2026-01-31-my-post` into its date and the rest (`my-post`).
pub fn split_file_name(stem: &str) -> (Option<NaiveDate>, &str) {
    if stem.len() >= 10 && stem.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&stem[..10], "%Y-%m-%d") {
            let rest = stem[10..].trim_start_matches(['-', '_']);
            return (Some(d), rest);
        }
    }
    (None, stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, tz: &str) -> Result<String, String> {
        parse_str(s, tz.parse().unwrap()).map(|d| d.to_rfc3339())
    }

    #[test]
    fn reads_every_accepted_form() {
        assert_eq!(
            p("2026-05-20T10:00:00+03:00", "UTC").unwrap(),
            "2026-05-20T10:00:00+03:00"
        );
        assert_eq!(
            p("2026-05-20T10:00:00.123Z", "UTC").unwrap(),
            "2026-05-20T10:00:00+00:00"
        );
        assert_eq!(
            p("2026-05-20", "Europe/Moscow").unwrap(),
            "2026-05-20T00:00:00+03:00"
        );
        assert_eq!(
            p("2026-05-20 10:30", "Europe/Helsinki").unwrap(),
            "2026-05-20T10:30:00+03:00"
        );
        assert_eq!(
            p("2026-01-20T10:30:15", "Europe/Helsinki").unwrap(),
            "2026-01-20T10:30:15+02:00"
        );
        assert!(p("20 May 2026", "UTC").is_err());
        assert!(p("2026-02-30", "UTC").is_err());
    }

    #[test]
    fn dst_gap_is_an_error_and_overlap_takes_the_earlier() {
        let e = p("2016-03-27 03:30", "Europe/Helsinki").unwrap_err();
        assert!(e.contains("does not exist in Europe/Helsinki"), "{e}");
        assert_eq!(
            p("2016-10-30 03:30", "Europe/Helsinki").unwrap(),
            "2016-10-30T03:30:00+03:00"
        );
    }

    #[test]
    fn reads_toml_dates() {
        let tz: Tz = "Europe/Moscow".parse().unwrap();
        let v: toml::Table = toml::from_str(
            "a = 2026-05-20\nb = 2026-05-20T10:00:00Z\nc = 2026-05-20T10:00:00\nd = 10:00:00",
        )
        .unwrap();
        let get = |k: &str| -> RawDate { v[k].clone().try_into().unwrap() };
        assert_eq!(
            parse(&get("a"), tz).unwrap().to_rfc3339(),
            "2026-05-20T00:00:00+03:00"
        );
        assert_eq!(
            parse(&get("b"), tz).unwrap().to_rfc3339(),
            "2026-05-20T10:00:00+00:00"
        );
        assert_eq!(
            parse(&get("c"), tz).unwrap().to_rfc3339(),
            "2026-05-20T10:00:00+03:00"
        );
        assert!(parse(&get("d"), tz).is_err());
    }

    #[test]
    fn splits_dated_file_names() {
        assert_eq!(
            split_file_name("2026-01-31-my-post"),
            (NaiveDate::from_ymd_opt(2026, 1, 31), "my-post")
        );
        assert_eq!(split_file_name("my-post"), (None, "my-post"));
        assert_eq!(split_file_name("2026-13-31-x"), (None, "2026-13-31-x"));
    }
}
