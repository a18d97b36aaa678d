//! "Now": the one instant a run works at, and the only place feedwright reads the clock.
//!
//! Which articles are scheduled, which feed date an empty feed gets and the date of a new
//! article all depend on "now". Reading it once, here, and passing it down as an argument keeps
//! everything else pure, and lets a build be pinned for reproducible output: `--now` wins, then
//! `SOURCE_DATE_EPOCH` (the reproducible-builds convention), then the system clock.
//!
//! "Now" dates a feed with no entries and a new article, so it must be a date every feed
//! format can carry: a `--now` or `SOURCE_DATE_EPOCH` outside the years 0001-9999 (in UTC or
//! as written) is a usage error, as the dates of articles are (see [`date::representable`]).

use chrono::{DateTime, FixedOffset, Utc};

use crate::article::date;
use crate::error::Error;

/// Resolves "now": `--now` (the `arg`), else `SOURCE_DATE_EPOCH`, else the clock.
pub fn now(arg: Option<&str>) -> Result<DateTime<FixedOffset>, Error> {
    if let Some(value) = arg {
        let at = DateTime::parse_from_rfc3339(value.trim()).map_err(|source| Error::Now {
            value: value.to_string(),
            source,
        })?;
        return date::representable(at).map_err(|why| Error::Range {
            what: format!("--now {value:?}"),
            why,
        });
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => from_epoch(&value),
        Err(_) => Ok(Utc::now().fixed_offset()),
    }
}

/// Reads a `SOURCE_DATE_EPOCH` value: whole seconds since 1970-01-01T00:00:00Z.
fn from_epoch(value: &str) -> Result<DateTime<FixedOffset>, Error> {
    let problem = |problem| Error::Epoch {
        value: value.to_string(),
        problem,
    };
    let secs: i64 = value
        .trim()
        .parse()
        .map_err(|_| problem("is not a number of seconds"))?;
    let out_of_range = |why: String| Error::Range {
        what: format!("SOURCE_DATE_EPOCH={value:?}"),
        why,
    };
    let at =
        DateTime::from_timestamp(secs, 0).ok_or_else(|| out_of_range(date::OUTSIDE.to_string()))?;
    date::representable(at.fixed_offset()).map_err(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_epoch_seconds_and_names_bad_values() {
        assert_eq!(
            from_epoch(" 86400 ").unwrap().to_rfc3339(),
            "1970-01-02T00:00:00+00:00"
        );
        assert_eq!(
            from_epoch("soon").unwrap_err().to_string(),
            "feedwright: error: SOURCE_DATE_EPOCH=\"soon\" is not a number of seconds"
        );
        let outside = "is outside the years 0001-9999 that feeds can carry";
        for secs in ["99999999999999999", "253402300800", "-62135596801"] {
            assert_eq!(
                from_epoch(secs).unwrap_err().to_string(),
                format!("feedwright: error: SOURCE_DATE_EPOCH=\"{secs}\" {outside}"),
            );
        }
        assert_eq!(
            from_epoch("253402300799").unwrap().to_rfc3339(),
            "9999-12-31T23:59:59+00:00"
        );
        assert_eq!(
            from_epoch("-62135596800").unwrap().to_rfc3339(),
            "0001-01-01T00:00:00+00:00"
        );
    }

    #[test]
    fn now_flag_wins_and_is_checked() {
        let at = now(Some("2026-01-31T12:00:00+02:00")).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-01-31T12:00:00+02:00");
        let e = now(Some("tomorrow")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("feedwright: error: --now \"tomorrow\""),
            "{e}"
        );
        let e = now(Some("0001-01-01T00:00:00+01:00")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "feedwright: error: --now \"0001-01-01T00:00:00+01:00\" is outside the years \
             0001-9999 that feeds can carry (in UTC it is 0000-12-31T23:00:00Z)"
        );
        assert_eq!(e.exit(), crate::error::Exit::Usage);
    }
}
