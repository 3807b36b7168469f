//! `faro build`: render the site into the output folder.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clap::Args;
use faro::config::BaseUrl;
use faro::{BuildError, BuildOptions, LoadOptions};

use super::{EXIT_CONTENT, EXIT_USAGE, SiteArgs, print_diagnostics};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder [default: ROOT/public]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Public address of the site, overriding base_url in content/site.yaml
    #[arg(long, value_name = "URL", value_parser = super::parse_base_url)]
    pub base_url: Option<BaseUrl>,
    /// Publish pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Relative links ending in index.html, so the site works opened from disk
    #[arg(long)]
    pub portable: bool,
    /// Replace an output folder faro did not make (no .faro-output file), deleting all in it
    ///
    /// Never replaces the site, its content/, themes/ or static/, or a file.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        out: args.out,
        load: LoadOptions { base_url: args.base_url, drafts: args.drafts, portable: args.portable, preview: false },
        force: args.force,
    };
    let progress = Progress::start();
    let result = faro::build(&options);
    progress.finish();
    match result {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            eprintln!(
                "built {} pages ({} files) in {} languages into {} in {:.2?}",
                report.pages,
                report.files,
                report.languages,
                options.out_dir().display(),
                report.elapsed
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            print_diagnostics(&diags);
            eprintln!("nothing was written; the previous output is unchanged");
            ExitCode::from(EXIT_CONTENT)
        }
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(help) = err.help() {
                eprintln!("help: {help}");
            }
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// A line on the terminal saying the build is under way, shown only when it
/// takes more than a moment and only on a terminal (never in logs).
struct Progress {
    done: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    const AFTER: Duration = Duration::from_millis(700);

    fn start() -> Progress {
        let (done, finished) = mpsc::channel::<()>();
        let thread = std::io::stderr().is_terminal().then(|| {
            std::thread::spawn(move || {
                let started = Instant::now();
                if finished.recv_timeout(Self::AFTER) != Err(mpsc::RecvTimeoutError::Timeout) {
                    return;
                }
                let mut err = std::io::stderr();
                while finished.recv_timeout(Duration::from_millis(250)) == Err(mpsc::RecvTimeoutError::Timeout) {
                    let _ = write!(err, "\rbuilding… {:.1} s", started.elapsed().as_secs_f32());
                    let _ = err.flush();
                }
                let _ = write!(err, "\r\x1b[2K");
            })
        });
        Progress { done, thread }
    }

    fn finish(mut self) {
        let _ = self.done.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
