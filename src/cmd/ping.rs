//! `feedwright ping` and `build --ping`: tell each WebSub hub which feed files changed, the
//! I/O around the pure rules of [`crate::websub`].
//!
//! A build knows which files it changed; a later `ping` must learn it from disk. So a build
//! that changes a file of a feed with hubs adds its path to the **pending record**,
//! `.feedwright.pending` in the output folder (beside the build lock, written atomically
//! through [`output`] and renamed before the feeds, so a crash can only make a file pinged
//! twice, never missed). `ping` reads the record, tells the hubs, and keeps in it only the files
//! of hubs that did not take the ping, for the next one; `build --ping` does the same right after
//! writing. Both hold the output lock while they ping, so two pings never send the same news and
//! a build never adds to the record meanwhile. `ping --all` tells the hubs of every feed file
//! with hubs and leaves the record alone; `--dry-run` prints the requests and sends nothing.
//! A site whose feeds name no hub never gets a record.
//!
//! Requests go out one hub at a time through `ureq` (rustls, the system's proxy variables):
//! no redirect followed, `--timeout` per request, `--retries` as [`websub::next`] decides.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use super::Report;
use crate::cli::{HubArgs, PingArgs};
use crate::config::Site;
use crate::diagnostics::{display_path, escape};
use crate::error::Error;
use crate::feed::{GENERATOR, VERSION};
use crate::output;
use crate::websub::{self, Answer, Next, Publish, Retries};

/// The pending record's name in the output folder.
pub const PENDING: &str = ".feedwright.pending";

/// The first line of the record.
const HEADER: &str = "# feedwright: feed files changed since their hubs were last told (feedwright ping empties this)";

/// The longest part of a refusal's body the report quotes.
const QUOTED: usize = 200;

/// `site` with its `per` entries replaced by the feeds they make (see [`crate::feeds`]), when
/// one of them names hubs: their files are known only once the articles are read ("now" from
/// `SOURCE_DATE_EPOCH` or the clock, as a build without `--now` would take it).
fn generated_feeds(site: Site, report: &mut Report) -> Result<Site, Error> {
    if !site
        .feeds
        .iter()
        .any(|f| f.per.is_some() && !f.hubs.is_empty())
    {
        return Ok(site);
    }
    super::concrete_site(site, report)
}

/// Runs `ping`.
pub fn run(args: &PingArgs, report: &mut Report) -> Result<(), Error> {
    report.quiet = args.quiet;
    let site = generated_feeds(
        Site::load(args.site.config()).map_err(Error::Config)?,
        report,
    )?;
    let _lock = match args.dry_run {
        true => None,
        false => Some(output::lock(
            &site.output_dir,
            Duration::from_secs_f64(args.lock_wait.clamp(0.0, 3600.0)),
        )?),
    };
    let how = How {
        hub: &args.hub,
        dry_run: args.dry_run,
    };
    if args.all {
        let all: BTreeSet<&str> = websub::with_hubs(&site).collect();
        let pinged = send(&site, |file| all.contains(file), how, report);
        return finish(pinged, None, report);
    }
    let pending = read(&site)?;
    ping_pending(&site, pending, how, report)
}

/// How to ping: the `--timeout` and `--retries` given, and whether to send anything.
#[derive(Debug, Clone, Copy)]
pub(super) struct How<'a> {
    pub hub: &'a HubArgs,
    pub dry_run: bool,
}

/// Tells the hubs of the files in `pending` (the record as read, or as a build just left it),
/// then keeps in the record only the files whose hubs did not all take the ping. The caller
/// holds the output lock.
pub(super) fn ping_pending(
    site: &Site,
    pending: BTreeSet<String>,
    how: How,
    report: &mut Report,
) -> Result<(), Error> {
    let pinged = send(site, |file| pending.contains(file), how, report);
    let path = display_path(&site.output_dir.join(PENDING));
    if how.dry_run {
        return finish(pinged, Some(path), report);
    }
    // Files no feed with hubs writes any more leave the record too: no hub waits for them.
    let with_hubs: BTreeSet<&str> = websub::with_hubs(site).collect();
    let failed: BTreeSet<&str> = pinged
        .hubs
        .iter()
        .filter(|h| !h.ok)
        .flat_map(|h| h.files.iter().map(String::as_str))
        .collect();
    let keep: BTreeSet<String> = pending
        .iter()
        .filter(|f| with_hubs.contains(f.as_str()) && failed.contains(f.as_str()))
        .cloned()
        .collect();
    if keep != pending {
        let staged = stage(site, &keep)?;
        output::commit(staged.into_iter().collect())?;
    }
    finish(pinged, Some(path), report)
}

/// Files the record keeps: its lines but the header (and any blank or `#` line).
pub(super) fn read(site: &Site) -> Result<BTreeSet<String>, Error> {
    let path = display_path(&site.output_dir.join(PENDING));
    let Some(file) = output::open_existing(&site.output_dir, Path::new(PENDING))? else {
        return Ok(BTreeSet::new());
    };
    let mut files = BTreeSet::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| Error::io(&path, "cannot read", e))?;
        let line = line.trim();
        if !line.is_empty() && !line.starts_with('#') {
            files.insert(line.to_string());
        }
    }
    Ok(files)
}

/// The record holding `files`, staged beside it (`None` when it already holds them).
pub(super) fn stage(
    site: &Site,
    files: &BTreeSet<String>,
) -> Result<Option<output::Staged>, Error> {
    output::stage_changed(&site.output_dir, Path::new(PENDING), false, |w| {
        writeln!(w, "{HEADER}")?;
        for file in files {
            writeln!(w, "{file}")?;
        }
        Ok(())
    })
}

/// The pending record as a build leaves it.
pub(super) struct Recorded {
    /// The files it holds.
    pub files: BTreeSet<String>,
    /// The new record, staged beside the old (`None`: unchanged).
    pub staged: Option<output::Staged>,
}

/// After a build that wrote `written` (paths in the output folder): the record with the files
/// of feeds with hubs among them added, staged; `None` when none of them has hubs.
pub(super) fn record_build(site: &Site, written: &[PathBuf]) -> Result<Option<Recorded>, Error> {
    let changed: Vec<&str> = websub::with_hubs(site)
        .filter(|file| written.iter().any(|w| *w == site.output_dir.join(file)))
        .collect();
    if changed.is_empty() {
        return Ok(None);
    }
    let mut pending = read(site)?;
    pending.extend(changed.into_iter().map(str::to_string));
    let staged = stage(site, &pending)?;
    Ok(Some(Recorded {
        files: pending,
        staged,
    }))
}

/// What a ping did, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Pinged {
    /// `--dry-run`: nothing was sent.
    pub dry_run: bool,
    /// Each hub told, in URL order.
    pub hubs: Vec<HubReport>,
}

/// One hub's part of a ping.
#[derive(Debug, Clone, Serialize)]
pub struct HubReport {
    /// The hub's URL.
    pub hub: String,
    /// The feed files it was told about (paths in the output folder).
    pub files: Vec<String>,
    /// Their URLs, the topics.
    pub topics: Vec<String>,
    /// Requests sent.
    pub attempts: u32,
    /// The last HTTP status, if the hub answered.
    pub status: Option<u16>,
    /// Whether the hub took the ping.
    pub ok: bool,
    /// Why it did not.
    pub problem: Option<String>,
}

impl Pinged {
    fn failed(&self) -> usize {
        self.hubs.iter().filter(|h| !h.ok).count()
    }
}

impl fmt::Display for Pinged {
    /// One line per hub, then a closing line; each with its newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attempts = |n: u32| match n {
            1 => "1 attempt".to_string(),
            n => format!("{n} attempts"),
        };
        for h in &self.hubs {
            let hub = escape(&h.hub);
            let files = h.files.len();
            match (self.dry_run, h.ok, h.status) {
                (true, _, _) => writeln!(f, "would ping: {hub}: {files} feed file(s)")?,
                (false, true, status) => writeln!(
                    f,
                    "pinged: {hub}: {} after {}: {files} feed file(s)",
                    status.unwrap_or_default(),
                    attempts(h.attempts)
                )?,
                (false, false, status) => {
                    let answer = match status {
                        Some(code) => code.to_string(),
                        None => "no answer".into(),
                    };
                    let why = escape(h.problem.as_deref().unwrap_or_default());
                    writeln!(
                        f,
                        "ping failed: {hub}: {answer} after {} ({why}): {files} feed file(s)",
                        attempts(h.attempts)
                    )?
                }
            }
        }
        let files: BTreeSet<&str> = self
            .hubs
            .iter()
            .flat_map(|h| h.files.iter().map(String::as_str))
            .collect();
        match (self.hubs.len(), self.dry_run) {
            (0, _) => writeln!(
                f,
                "feedwright: no feed file with hubs changed since the last ping"
            ),
            (n, true) => writeln!(
                f,
                "feedwright: would ping {n} hub(s) about {} feed file(s); nothing was sent",
                files.len()
            ),
            (n, false) => writeln!(
                f,
                "feedwright: pinged {n} hub(s) about {} feed file(s): {} ok, {} failed",
                files.len(),
                n - self.failed(),
                self.failed()
            ),
        }
    }
}

/// Puts `pinged` in the report; an error when a hub failed (`pending`: where their files
/// stay).
fn finish(pinged: Pinged, pending: Option<PathBuf>, report: &mut Report) -> Result<(), Error> {
    let (failed, total) = (pinged.failed(), pinged.hubs.len());
    report.ping = Some(pinged);
    if failed > 0 {
        return Err(Error::Hubs {
            failed,
            total,
            pending,
        });
    }
    Ok(())
}

/// Tells every hub of the files for which `changed` is true (under `--dry-run`, prints the
/// requests on stdout instead).
fn send(site: &Site, changed: impl Fn(&str) -> bool, how: How, report: &mut Report) -> Pinged {
    let publishes = websub::publishes(site, changed);
    let hubs = publishes
        .iter()
        .map(|p| {
            if how.dry_run {
                report.stdout.extend(p.describe().into_bytes());
                return hub_report(p, 0, None, true, None);
            }
            tell(p, how.hub)
        })
        .collect();
    Pinged {
        dry_run: how.dry_run,
        hubs,
    }
}

fn hub_report(
    p: &Publish,
    attempts: u32,
    status: Option<u16>,
    ok: bool,
    problem: Option<String>,
) -> HubReport {
    HubReport {
        hub: p.hub.to_string(),
        files: p.topics.iter().map(|t| t.file.clone()).collect(),
        topics: p.topics.iter().map(|t| t.url.clone()).collect(),
        attempts,
        status,
        ok,
        problem,
    }
}

/// Sends `p` to its hub, again as [`websub::next`] says.
fn tell(p: &Publish, hub: &HubArgs) -> HubReport {
    let timeout = Duration::from_secs_f64(hub.timeout);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(format!("{GENERATOR}/{VERSION} (WebSub publisher)"))
        .build()
        .into();
    let rule = Retries {
        retries: hub.retries,
        backoff: Duration::from_secs(1),
    };
    let body = p.body();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (answer, said) = post(&agent, p, &body, timeout);
        let status = match answer {
            Answer::Status { code, .. } => Some(code),
            Answer::Network => None,
        };
        match websub::next(rule, attempt, &answer) {
            Next::Done => return hub_report(p, attempt, status, true, None),
            Next::Retry(wait) => std::thread::sleep(wait),
            Next::GiveUp(why) => {
                let problem = match said {
                    Some(said) if !said.is_empty() => format!("{said}; {why}"),
                    _ => why,
                };
                return hub_report(p, attempt, status, false, Some(problem));
            }
        }
    }
}

/// One attempt: the answer, and what went wrong in words (the network error, or the start of
/// the body of a refusal, which hubs use to say why).
fn post(
    agent: &ureq::Agent,
    p: &Publish,
    body: &str,
    timeout: Duration,
) -> (Answer, Option<String>) {
    let sent = agent
        .post(p.hub.as_str())
        .header("Content-Type", websub::CONTENT_TYPE)
        .send(body);
    let mut response = match sent {
        Ok(r) => r,
        Err(ureq::Error::Timeout(_)) => {
            let said = format!("no answer within {}s", timeout.as_secs_f64());
            return (Answer::Network, Some(said));
        }
        Err(e) => return (Answer::Network, Some(e.to_string())),
    };
    let code = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry_after =
        header("retry-after").and_then(|v| websub::retry_after(&v, header("date").as_deref()));
    let said = match (200..300).contains(&code) {
        true => None,
        false => refusal(&mut response),
    };
    (Answer::Status { code, retry_after }, said)
}

/// The start of a refusal's body, on one line, if it is text.
fn refusal(response: &mut ureq::http::Response<ureq::Body>) -> Option<String> {
    let mut bytes = Vec::new();
    let reader = response.body_mut().as_reader();
    let _ = reader.take(4096).read_to_end(&mut bytes);
    let line = crate::text::fold(&crate::text::strip_forbidden(&String::from_utf8_lossy(
        &bytes,
    )));
    let mut quoted: String = line.chars().take(QUOTED).collect();
    if quoted.len() < line.len() {
        quoted.push('…');
    }
    (!quoted.is_empty()).then(|| format!("the hub said {:?}", quoted))
}
