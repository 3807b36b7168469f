//! `faro new page|story|service NAME`: create an editor's starting files in
//! every language and print their paths.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use faro::scaffold::{self, Kind};

use super::{EXIT_USAGE, SiteArgs};

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// What to create
    pub kind: NewKind,
    /// Its name: a page's path under content/ (learn/know-your-rights), a
    /// story's file name (maria), or a directory entry's id (us-tx-shelter)
    pub name: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    /// A page, as a draft in every language
    Page,
    /// A survivor story, as a draft without consent, in every language
    Story,
    /// A help directory entry, commented out until it is checked
    Service,
}

pub fn run(args: NewArgs) -> ExitCode {
    if let Err(err) = faro::build::check_root(&args.site.root) {
        eprintln!("error: {err}");
        return ExitCode::from(EXIT_USAGE);
    }
    let kind = match args.kind {
        NewKind::Page => Kind::Page,
        NewKind::Story => Kind::Story,
        NewKind::Service => Kind::Service,
    };
    let today = jiff::Zoned::now().date().to_string();
    match scaffold::create(&args.site.root, kind, &args.name, &today) {
        Ok(paths) => {
            for path in &paths {
                println!("{}", args.site.root.join(path).display());
            }
            let next = match kind {
                Kind::Page => "write the text, then delete `draft: true` in each file to publish it",
                Kind::Story => "publish it only with the survivor's consent: `consent: true`, and delete `draft: true`",
                Kind::Service => "fill in every field from the organisation's own pages, then uncomment the entry",
            };
            eprintln!("created {} file(s); {next}", paths.len());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
