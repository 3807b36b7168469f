//! The `faro` command: parses arguments, runs one subcommand, prints its
//! diagnostics and exits 0 (success), 1 (content errors) or 2 (usage or I/O).

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// Many small allocations per page: mimalloc serves them faster than the
/// system's allocator (measured by benches/compare.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = cmd::Cli::parse();
    cmd::run(cli)
}

/// A reader that stops early (`faro check | head`) closes the pipe: end as
/// other Unix commands do (killed by SIGPIPE, exit 141) rather than panic on
/// the next line written. Rust ignores SIGPIPE by default; this restores it.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists;
    // resetting a signal to its default action has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
