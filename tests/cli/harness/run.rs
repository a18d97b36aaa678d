//! One run of the real binary (through assert_cmd), built fluently and asserted fluently (the shape of just's
//! `tests/test.rs`): `site.build().quiet().code(1).stderr_is("...")`. Every assertion that
//! fails prints the whole of what the run printed, and points at the test's line.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// The binary, to run in `dir` with none of the variables it reads set from outside (not even
/// `GITHUB_ACTIONS`, which CI sets and which picks the `github` message format).
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_feedwright"));
    c.current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("FEEDWRIGHT_CONFIG")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("FEEDWRIGHT_TEST_COMMIT_PAUSE_MS");
    c
}

/// A run of `feedwright` not started yet: add arguments and variables, then run it by
/// asserting its exit code ([`Run::success`], [`Run::code`]) or with [`Run::output`].
pub struct Run {
    cmd: Command,
    /// What standard input holds (none: it is closed).
    stdin: Option<Vec<u8>>,
}

impl Run {
    /// `feedwright` in `dir`, with no arguments yet.
    pub fn new(dir: &Path) -> Run {
        Run {
            cmd: command(dir),
            stdin: None,
        }
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.cmd.arg(arg);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Adds `-q`.
    pub fn quiet(self) -> Run {
        self.arg("-q")
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    /// Kills it (SIGXCPU) once it has used `seconds` of CPU time: a bound on the work it does
    /// that a busy machine does not change, as a bound on wall time would.
    #[allow(dead_code)] // the hostile tests use it; this harness is shared with them
    pub fn cpu_limit(mut self, seconds: u64) -> Run {
        use std::os::unix::process::CommandExt;
        let limit = libc::rlimit {
            rlim_cur: seconds,
            rlim_max: seconds + 1,
        };
        // SAFETY: setrlimit is async-signal-safe, and the closure touches nothing else.
        unsafe {
            self.cmd.pre_exec(move || {
                if libc::setrlimit(libc::RLIMIT_CPU, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        self
    }

    /// Gives it `bytes` on standard input.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Run {
        self.stdin = Some(bytes.into());
        self
    }

    /// Runs it to the end, asserting nothing.
    pub fn output(mut self) -> Outcome {
        let args = format!("{:?}", self.cmd.get_args().collect::<Vec<_>>());
        let shown = format!("{:?}", self.cmd);
        let mut cmd = assert_cmd::Command::from_std(self.cmd);
        if let Some(bytes) = self.stdin.take() {
            cmd.write_stdin(bytes);
        }
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
        Outcome {
            args,
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs it and asserts exit code 0.
    #[track_caller]
    pub fn success(self) -> Outcome {
        self.output().code(0)
    }

    /// Runs it and asserts exit code `want`.
    #[track_caller]
    pub fn code(self, want: i32) -> Outcome {
        self.output().code(want)
    }
}

/// What a finished run printed and how it exited. The assertions take and return it, so
/// that they chain.
#[derive(Debug)]
pub struct Outcome {
    args: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Outcome {
    /// The exit code (`None` if a signal ended it).
    pub fn exit_code(&self) -> Option<i32> {
        self.code
    }

    /// Standard error, as text.
    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    /// Standard output, as text.
    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(self, want: i32) -> Outcome {
        let ok = self.code == Some(want);
        self.expect(ok, |o| format!("exit code {:?}, expected {want}", o.code))
    }

    /// Asserts the whole of standard error.
    #[track_caller]
    pub fn stderr_is(self, want: &str) -> Outcome {
        let ok = self.stderr == want;
        self.expect(ok, |o| {
            let diff = super::golden::diff(want.as_bytes(), o.stderr.as_bytes(), "expected");
            format!("stderr differs from the expected text\n{diff}")
        })
    }

    /// Asserts that standard error contains `part`.
    #[track_caller]
    pub fn stderr_has(self, part: &str) -> Outcome {
        let ok = self.stderr.contains(part);
        self.expect(ok, |_| format!("stderr lacks {part:?}"))
    }

    /// Asserts that standard error starts with `head`.
    #[track_caller]
    pub fn stderr_starts_with(self, head: &str) -> Outcome {
        let ok = self.stderr.starts_with(head);
        self.expect(ok, |_| format!("stderr does not start with {head:?}"))
    }

    /// Asserts that standard error ends with `tail`.
    #[track_caller]
    pub fn stderr_ends_with(self, tail: &str) -> Outcome {
        let ok = self.stderr.ends_with(tail);
        self.expect(ok, |_| format!("stderr does not end with {tail:?}"))
    }

    /// Asserts the whole of standard output.
    #[track_caller]
    pub fn stdout_is(self, want: &str) -> Outcome {
        let ok = self.stdout == want;
        self.expect(ok, |_| format!("stdout is not {want:?}"))
    }

    /// Passes `self` on if `ok`; otherwise fails with `what` and everything the run printed.
    #[track_caller]
    fn expect(self, ok: bool, what: impl FnOnce(&Outcome) -> String) -> Outcome {
        if !ok {
            self.fail(&what(&self));
        }
        self
    }

    #[track_caller]
    fn fail(&self, what: &str) -> ! {
        panic!(
            "feedwright {}: {what}\n--- exit code: {:?}\n--- stdout:\n{}--- stderr:\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}
