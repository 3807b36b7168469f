//! `faro serve`: the live preview for editors.

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;
use faro::serve::{self, ServeOptions};

use super::{EXIT_USAGE, SiteArgs, use_color};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but the loopback address shows the
    /// preview to other machines on the network
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Poll for changes, for file systems that send no events (network or
    /// shared folders)
    #[arg(long)]
    pub poll: bool,
    /// Show pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: ServeArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    let options = ServeOptions {
        root: args.site.root,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        drafts: args.drafts,
        color: use_color(),
    };
    match serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(help) = err.help() {
                eprintln!("help: {help}");
            }
            ExitCode::from(EXIT_USAGE)
        }
    }
}
