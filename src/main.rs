//! The `feedwright` binary: parse the command line, run the command, print what it reports or
//! why it failed (the only place either is printed), and exit with the matching code.

use std::process::ExitCode;

use clap::Parser;

use feedwright::error::Exit;

fn main() -> ExitCode {
    let cli = feedwright::cli::Cli::parse();
    match feedwright::cmd::run(cli) {
        Ok(report) => {
            eprint!("{report}");
            for path in &report.created {
                println!("{}", path.display());
            }
            if std::io::Write::write_all(&mut std::io::stdout(), &report.stdout).is_err() {
                return Exit::Io.into();
            }
            Exit::Ok.into()
        }
        Err(error) => {
            eprintln!("{error}");
            error.exit().into()
        }
    }
}
