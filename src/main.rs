//! The `feedwright` binary: parse the command line, run the command, print what it reports or
//! why it failed (the only place either is printed, in the `--message-format` chosen: see
//! [`feedwright::messages`]), and exit with the matching code.

use std::process::ExitCode;

use clap::Parser;

use feedwright::error::Exit;
use feedwright::messages;

fn main() -> ExitCode {
    let cli = feedwright::cli::Cli::parse();
    let format = messages::resolve(cli.message_format);
    let result = feedwright::cmd::run(cli);
    let printed = messages::print(format, &result);
    if format == feedwright::cli::MessageFormat::Human && feedwright::terminal::wanted() {
        let source = |path: &str, line: usize| feedwright::terminal::source_line(path, line);
        eprint!(
            "{}",
            feedwright::terminal::decorate(&printed.stderr, source)
        );
    } else {
        eprint!("{}", printed.stderr);
    }
    if std::io::Write::write_all(&mut std::io::stdout(), &printed.stdout).is_err() {
        return Exit::Io.into();
    }
    messages::exit(&result).into()
}
