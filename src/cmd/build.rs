//! `faro build`: render the site into the output folder.

use std::path::PathBuf;
use std::process::ExitCode;

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
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<BaseUrl>,
    /// Publish pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Relative links ending in index.html, so the site works opened from disk
    #[arg(long)]
    pub portable: bool,
}

fn parse_base_url(raw: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(raw)
}

pub fn run(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        out: args.out,
        load: LoadOptions { base_url: args.base_url, drafts: args.drafts, portable: args.portable },
    };
    match faro::build(&options) {
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
            ExitCode::from(EXIT_USAGE)
        }
    }
}
