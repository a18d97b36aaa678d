//! The `feedwright` binary: parse the command line, run the library, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = feedwright::cli::Cli::parse();
    ExitCode::from(feedwright::run(cli))
}
