//! "Now": the one instant a run works at, and the only place feedwright reads the clock.
//!
//! Which articles are scheduled, which feed date an empty feed gets and the date of a new
//! article all depend on "now". Reading it once, here, and passing it down as an argument keeps
//! everything else pure, and lets a build be pinned for reproducible output: `--now` wins, then
//! `SOURCE_DATE_EPOCH` (the reproducible-builds convention), then the system clock.

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::Error;

/// Resolves "now": `--now` (the `arg`), else `SOURCE_DATE_EPOCH`, else the clock.
pub fn now(arg: Option<&str>) -> Result<DateTime<FixedOffset>, Error> {
    if let Some(value) = arg {
        return DateTime::parse_from_rfc3339(value.trim()).map_err(|source| Error::Now {
            value: value.to_string(),
            source,
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
    DateTime::from_timestamp(secs, 0)
        .map(|d| d.fixed_offset())
        .ok_or_else(|| problem("is out of range"))
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
        assert!(matches!(
            from_epoch("99999999999999999"),
            Err(Error::Epoch {
                problem: "is out of range",
                ..
            })
        ));
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
    }
}
