//! Dates as people write them, read into instants with an offset.
//!
//! Accepted: RFC 3339 with an offset; `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` and the `T` form read in
//! the site's time zone; TOML native dates and datetimes. A local time that does not exist (the hour
//! skipped when clocks go forward) is an error; one that exists twice takes the earlier instant.
//! Fractional seconds are dropped, since RSS cannot carry them, and a leap second (`:60`) is
//! read as the second before it.
//!
//! Under a `[site] preset` ([`Rules`]) the generator's own forms are read too, in the zone its
//! generator reads them: Jekyll's `2013-05-06 02:12:52 +0200` (and Ruby's tolerance of
//! `2023-01-29 18:30:22 2023 -0800`), `-0700` offsets without a colon, RFC 2822, Go's
//! `2006-01-02 15:04:05 -0700 MST`; a time without an offset is UTC for Jekyll, Zola and
//! Eleventy and the site's zone for Hugo; a bare day is the site's midnight for Hugo and Jekyll
//! and UTC midnight for Zola and Eleventy. Jekyll then shows every date in the site's zone.
//!
//! Every date read here, and "now" (see [`crate::clock`]), passes [`representable`]: its year is
//! in [`YEARS`] both as written and in UTC, because RSS (RFC 822) and Atom and JSON Feed
//! (RFC 3339) all write four-digit years, and a year outside them would make a feed no reader
//! accepts (or make the RSS writer fail). Offsets are what RFC 3339 allows, up to ±23:59.

use std::ops::RangeInclusive;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike,
};
use chrono_tz::Tz;

use super::front_matter::RawDate;
use crate::config::Preset;

/// How to write a date, for hints.
pub const HINT: &str = "write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00";

/// The years a date may fall in, as written and in UTC: four digits, as RFC 822 and RFC 3339
/// write them, without the year 0 (1 BC), which RFC 822 and most readers do not know.
pub const YEARS: RangeInclusive<i32> = 1..=9999;

/// What [`representable`] says about a date outside [`YEARS`].
pub(crate) const OUTSIDE: &str = "is outside the years 0001-9999 that feeds can carry";

/// `d` if every feed format can carry it: its year is in [`YEARS`] as written and in UTC (an
/// offset can move `0001-01-01T00:00:00+01:00` into the year 0). Else why not, to follow the
/// date as the user wrote it in a message.
pub fn representable(d: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, String> {
    if !YEARS.contains(&d.year()) {
        return Err(OUTSIDE.to_string());
    }
    let utc = d.naive_utc();
    if !YEARS.contains(&utc.year()) {
        return Err(format!(
            "{OUTSIDE} (in UTC it is {}Z)",
            utc.format("%Y-%m-%dT%H:%M:%S")
        ));
    }
    Ok(d)
}

/// How a site reads dates: the zones of dates written without an offset, and whether a
/// generator's forms are read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// The zone of a date and time written without an offset.
    pub naive: Tz,
    /// The zone whose midnight a bare day is.
    pub day: Tz,
    /// Read the generators' forms (Jekyll's, RFC 2822, Go's) too.
    pub generator_forms: bool,
    /// Show the date in this zone (Jekyll's `Time#localtime`), keeping the instant.
    pub shown_in: Option<Tz>,
}

impl Rules {
    /// feedwright's own rules: everything without an offset is in the site's zone `tz`.
    pub fn site(tz: Tz) -> Rules {
        Rules {
            naive: tz,
            day: tz,
            generator_forms: false,
            shown_in: None,
        }
    }

    /// The rules of a site with zone `tz` keeping `preset`'s conventions.
    pub fn of(preset: Option<Preset>, tz: Tz) -> Rules {
        let utc = Tz::UTC;
        let (naive, day, shown_in) = match preset {
            None => return Rules::site(tz),
            Some(Preset::Hugo) => (tz, tz, None),
            Some(Preset::Jekyll) => (utc, tz, Some(tz)),
            Some(Preset::Zola | Preset::Eleventy) => (utc, utc, None),
        };
        Rules {
            naive,
            day,
            generator_forms: true,
            shown_in,
        }
    }

    /// The rules for a value a YAML 1.1 reader keeps as text (quoted, or not a timestamp: see
    /// [`super::front_matter::TextDates`]): Jekyll parses it with Ruby's `Time.parse` in the
    /// site's zone, so a time without an offset is read where a bare day is.
    pub fn for_text(self) -> Rules {
        Rules {
            naive: self.day,
            ..self
        }
    }

    /// `d` as the generator shows it.
    fn show(&self, d: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match self.shown_in {
            Some(tz) => d.with_timezone(&tz).fixed_offset(),
            None => d,
        }
    }
}

/// Reads a front-matter date.
pub fn parse(raw: &RawDate, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    parse_by(raw, &Rules::site(tz))
}

/// Reads a front-matter date by a site's `rules`.
pub fn parse_by(raw: &RawDate, rules: &Rules) -> Result<DateTime<FixedOffset>, String> {
    let read = match raw {
        RawDate::Str(s) => {
            let s = s.trim();
            read_str(s, rules).and_then(|d| representable(d).map_err(|why| format!("{s:?} {why}")))
        }
        RawDate::Toml(dt) => {
            read_toml(dt, rules).and_then(|d| representable(d).map_err(|why| format!("{dt} {why}")))
        }
    };
    read.map(|d| rules.show(d))
}

/// Reads a TOML date or datetime (its year is 0000-9999 by TOML's grammar).
fn read_toml(dt: &toml::value::Datetime, rules: &Rules) -> Result<DateTime<FixedOffset>, String> {
    let date = dt.date.ok_or_else(|| format!("{dt} has no date"))?;
    let day = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        .ok_or_else(|| format!("{dt} is not a calendar date"))?;
    let time = match dt.time {
        Some(t) => {
            NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), t.second.unwrap_or(0).into())
                .ok_or_else(|| format!("{dt} has an invalid time"))?
        }
        None => NaiveTime::MIN,
    };
    let naive = day.and_time(time);
    let tz = if dt.time.is_some() {
        rules.naive
    } else {
        rules.day
    };
    match dt.offset {
        None => localize(naive, tz, dt),
        Some(toml::value::Offset::Z) => Ok(naive.and_utc().fixed_offset()),
        Some(toml::value::Offset::Custom { minutes }) => {
            let off = FixedOffset::east_opt(i32::from(minutes) * 60)
                .ok_or_else(|| format!("{dt} has an invalid offset"))?;
            off.from_local_datetime(&naive)
                .single()
                .ok_or_else(|| format!("{dt} {OUTSIDE}"))
        }
    }
}

/// Reads a date string.
pub fn parse_str(s: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    parse_by(&RawDate::Str(s.to_string()), &Rules::site(tz))
}

/// [`parse_str`] without the UTC range check, for a trimmed `s`.
fn read_str(s: &str, rules: &Rules) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(trunc(d));
    }
    if rules.generator_forms {
        if let Some(d) = generator_form(s) {
            return Ok(trunc(d));
        }
    }
    let shown = format!("{s:?}");
    let tz = rules.naive;
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return localize(n.with_nanosecond(0).unwrap_or(n), tz, &shown);
        }
    }
    if let Ok(n) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return localize(n.with_nanosecond(0).unwrap_or(n), tz, &shown);
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|e| match rules.generator_forms {
        true => NaiveDate::parse_from_str(s, "%d %b %Y"),
        false => Err(e),
    });
    if let Ok(d) = day {
        return localize(d.and_time(NaiveTime::MIN), rules.day, &shown);
    }
    Err(format!("{s:?} is not a date feedwright understands"))
}

/// The forms with an offset that generators read and RFC 3339 does not (Ruby's `Time.parse`
/// in jekyll `lib/jekyll/utils.rb#parse_date`; spf13/cast `StringToDateInDefaultLocation` in
/// Hugo): `2013-05-06 02:12:52 +0200`, `... -07:00`, `2013-05-06T02:12:52-0700`, RFC 2822,
/// Go's `... -0700 MST`, and Ruby's tolerance of a repeated year (`2023-01-29 18:30:22 2023
/// -0800`).
fn generator_form(s: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let is_zone_name = |w: &str| w.len() <= 5 && w.bytes().all(|b| b.is_ascii_uppercase());
    let kept: Vec<&str> = match words.as_slice() {
        [day, time, year, zone] if is_year(year) => vec![day, time, zone],
        [day, time, zone, name] if is_zone_name(name) => vec![day, time, zone],
        _ => words.clone(),
    };
    let text = kept.join(" ");
    [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M %z",
    ]
    .iter()
    .find_map(|f| DateTime::parse_from_str(&text, f).ok())
}

/// Midnight of `day` in `tz`.
pub fn midnight(day: NaiveDate, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    localize(day.and_time(NaiveTime::MIN), tz, &day)
        .and_then(|d| representable(d).map_err(|why| format!("{day} {why}")))
}

/// `n` read in `tz`. A year outside [`YEARS`] is refused (naming the date as written, `shown`)
/// before it meets the zone's rules.
fn localize(
    n: NaiveDateTime,
    tz: Tz,
    shown: &dyn std::fmt::Display,
) -> Result<DateTime<FixedOffset>, String> {
    if !YEARS.contains(&n.year()) {
        return Err(format!("{shown} {OUTSIDE}"));
    }
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
    fn dates_outside_the_years_feeds_carry_are_refused_as_written_and_in_utc() {
        let outside = "is outside the years 0001-9999 that feeds can carry";
        for (s, tz) in [
            ("+10000-01-01", "UTC"),
            ("-0001-01-01", "UTC"),
            ("0000-12-31", "UTC"),
            ("+200000-12-31", "Pacific/Kiritimati"),
            ("-200000-01-01 00:00", "Etc/GMT+12"),
            ("0000-06-01T00:00:00Z", "UTC"),
        ] {
            assert_eq!(p(s, tz).unwrap_err(), format!("{s:?} {outside}"), "{s}");
        }
        assert_eq!(
            p("0001-01-01T00:00:00+14:00", "UTC").unwrap_err(),
            format!("\"0001-01-01T00:00:00+14:00\" {outside} (in UTC it is 0000-12-31T10:00:00Z)")
        );
        assert_eq!(
            p("9999-12-31 23:00", "America/New_York").unwrap_err(),
            format!("\"9999-12-31 23:00\" {outside} (in UTC it is +10000-01-01T04:00:00Z)")
        );
        assert_eq!(p("0001-01-01", "UTC").unwrap(), "0001-01-01T00:00:00+00:00");
        assert_eq!(
            p("9999-12-31T23:59:59+00:00", "UTC").unwrap(),
            "9999-12-31T23:59:59+00:00"
        );
        let plus14: Tz = "Etc/GMT-14".parse().unwrap();
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        assert_eq!(
            midnight(first, plus14).unwrap_err(),
            format!("0001-01-01 {outside} (in UTC it is 0000-12-31T10:00:00Z)")
        );
        let zero = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        assert_eq!(
            midnight(zero, Tz::UTC).unwrap_err(),
            format!("0000-01-01 {outside}")
        );
    }

    #[test]
    fn toml_dates_are_range_checked_too() {
        let get = |s: &str| RawDate::Toml(s.parse().unwrap());
        let outside = "is outside the years 0001-9999 that feeds can carry";
        assert_eq!(
            parse(&get("0000-01-01"), Tz::UTC).unwrap_err(),
            format!("0000-01-01 {outside}")
        );
        assert_eq!(
            parse(&get("9999-12-31T23:59:59-12:00"), Tz::UTC).unwrap_err(),
            format!("9999-12-31T23:59:59-12:00 {outside} (in UTC it is +10000-01-01T11:59:59Z)")
        );
        assert_eq!(
            parse(&get("0001-01-01T00:00:00+23:59"), Tz::UTC).unwrap_err(),
            format!("0001-01-01T00:00:00+23:59 {outside} (in UTC it is 0000-12-31T00:01:00Z)")
        );
        assert!(parse(&get("9999-12-31T23:59:59Z"), Tz::UTC).is_ok());
    }

    #[test]
    fn a_leap_second_is_read_as_the_second_before_it() {
        assert_eq!(
            p("2016-12-31T23:59:60Z", "UTC").unwrap(),
            "2016-12-31T23:59:59+00:00"
        );
    }

    #[test]
    fn generator_forms_and_zones_per_preset() {
        let la: Tz = "America/Los_Angeles".parse().unwrap();
        let read = |s: &str, preset: Preset| {
            parse_by(&RawDate::Str(s.into()), &Rules::of(Some(preset), la)).map(|d| d.to_rfc3339())
        };
        // Jekyll: the instant, shown in the site's zone; no offset = UTC; a bare day = local.
        for (s, want) in [
            ("2013-05-06 02:12:52 +0200", "2013-05-05T17:12:52-07:00"),
            (
                "2023-01-29 18:30:22 2023 -0800",
                "2023-01-29T18:30:22-08:00",
            ),
            ("2018-09-11 19:00:00", "2018-09-11T12:00:00-07:00"),
            ("2014-05-06", "2014-05-06T00:00:00-07:00"),
            (
                "Mon, 06 May 2013 02:12:52 +0200",
                "2013-05-05T17:12:52-07:00",
            ),
        ] {
            assert_eq!(read(s, Preset::Jekyll).unwrap(), want, "{s}");
        }
        // Jekyll, a quoted value (text to Ruby's YAML reader): no offset = the site's zone.
        let text = Rules::of(Some(Preset::Jekyll), la).for_text();
        let read_text = |s: &str| parse_by(&RawDate::Str(s.into()), &text).map(|d| d.to_rfc3339());
        assert_eq!(
            read_text("2018-09-11 19:00:00").unwrap(),
            "2018-09-11T19:00:00-07:00"
        );
        assert_eq!(
            read_text("2013-05-06 02:12:52 +0200").unwrap(),
            "2013-05-05T17:12:52-07:00"
        );
        // Hugo: an offset is kept; no offset = the site's zone.
        assert_eq!(
            read("2013-05-06 02:12:52 +0200", Preset::Hugo).unwrap(),
            "2013-05-06T02:12:52+02:00"
        );
        assert_eq!(
            read("2013-05-06 02:12:52", Preset::Hugo).unwrap(),
            "2013-05-06T02:12:52-07:00"
        );
        assert_eq!(
            read("2006-01-02 15:04:05 -0700 MST", Preset::Hugo).unwrap(),
            "2006-01-02T15:04:05-07:00"
        );
        assert_eq!(
            read("02 Jan 2006", Preset::Hugo).unwrap(),
            "2006-01-02T00:00:00-08:00"
        );
        // Zola and Eleventy: no offset and a bare day are UTC.
        for preset in [Preset::Zola, Preset::Eleventy] {
            assert_eq!(
                read("2021-03-04T05:06:07", preset).unwrap(),
                "2021-03-04T05:06:07+00:00"
            );
            assert_eq!(
                read("2021-03-04", preset).unwrap(),
                "2021-03-04T00:00:00+00:00"
            );
        }
        // Without a preset the generators' forms stay errors, and the range check holds.
        assert!(p("2013-05-06 02:12:52 +0200", "UTC").is_err());
        let e = read("0000-12-31 23:00:00 +0000", Preset::Jekyll).unwrap_err();
        assert!(e.contains(OUTSIDE), "{e}");
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
