//! The `jianbao` command: a thin shell over the library. Flags are declared in
//! `cli/`, one file a subcommand; the work is done by the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
