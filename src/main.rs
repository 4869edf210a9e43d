//! The `stocheck` command. Parses the arguments, runs the library, prints, and maps the result to
//! the exit code:
//!
//! - `0`: every file passes (warnings allowed unless `--fail-on warn`);
//! - `1`: at least one file fails;
//! - `2`: input could not be checked (usage error, unreadable or invalid file, broken rule set).
//!
//! With several files every file is checked and the highest code wins. Reports go to stdout,
//! diagnostics to stderr. A closed stdout (`stocheck check … | head`) is a quiet success.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use stocheck::messages::{Lang, render_positional};
use stocheck::regeling::Registry;
use stocheck::report::{self, Meta};
use stocheck::run::{self, FailOn, Options};

#[derive(Parser)]
#[command(name = "stocheck", version, about = "Controleert een STO-subsidieaanvraag (Sterk Techniekonderwijs) vóór indiening bij DUS-I")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check application files; a directory means every *.yaml / *.yml below it; - is stdin.
    Check(CheckArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Fail,
    Warn,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads one application from stdin. Default: `.`
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// The moment deadlines are judged against when a file has no `indiening.moment`:
    /// a date (00:00 Europe/Amsterdam) or a moment with UTC offset. Default: now.
    #[arg(long, value_name = "DATE|MOMENT")]
    peildatum: Option<String>,
    /// Language of the messages.
    #[arg(long, value_enum, default_value = "nl")]
    lang: LangArg,
    /// Whether warnings fail a file too.
    #[arg(long, value_enum, default_value = "fail")]
    fail_on: FailOnArg,
    /// Folder of rule set files; one with the id of a built-in set replaces it. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Skip paths matching this glob while walking directories. Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version are successes; every other parse error is a usage error (2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
    }
}

/// Writes to stdout; a closed pipe ends the program quietly with success.
fn emit(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(_) => Err(ExitCode::from(2)),
    }
}

fn diag(lang: Lang, id: &str, args: &[String]) {
    let label = render_positional("cli.fout", &[], lang);
    let _ = writeln!(std::io::stderr(), "{label}: {}", render_positional(id, args, lang));
}

fn check(args: CheckArgs) -> ExitCode {
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
    };
    let peildatum = match &args.peildatum {
        None => run::now(),
        Some(p) => match run::parse_peildatum(p) {
            Ok(m) => m,
            Err(id) => {
                diag(lang, id, &[]);
                return ExitCode::from(2);
            }
        },
    };
    let registry = match Registry::load(&args.rules) {
        Ok(r) => r,
        Err(errors) => {
            for e in errors {
                diag(lang, "cli.regels", &[e.to_string()]);
            }
            return ExitCode::from(2);
        }
    };
    let exclude = match run::exclusions(&args.exclude) {
        Ok(x) => x,
        Err(e) => {
            diag(lang, "cli.exclude", &[e]);
            return ExitCode::from(2);
        }
    };
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let inputs = run::collect(&paths, &exclude);
    if inputs.is_empty() {
        diag(lang, "cli.geen-bestanden", &[]);
        return ExitCode::from(2);
    }
    let options = Options {
        peildatum,
        fail_on: match args.fail_on {
            FailOnArg::Fail => FailOn::Fail,
            FailOnArg::Warn => FailOn::Warn,
        },
        exclude: args.exclude.clone(),
    };
    let vocab = registry.vocabulary();
    let files: Vec<_> = inputs.iter().map(|i| run::check_input(i, &registry, &vocab, &options)).collect();
    let mut stderr = std::io::stderr().lock();
    for f in &files {
        for e in &f.errors {
            let _ = writeln!(stderr, "{}: {}", render_positional("cli.fout", &[], lang), report::error_line(&f.path, e, lang));
        }
    }
    drop(stderr);
    let meta = Meta { peildatum, lang };
    let text = match args.format {
        Format::Json => report::json::write(&files, &meta),
        Format::Table => {
            let width = if std::io::stdout().is_terminal() { comfy_table::Table::new().width() } else { None };
            report::table::write(&files, &meta, width)
        }
    };
    if let Err(code) = emit(&text) {
        return code;
    }
    let code = files.iter().map(|f| f.verdict.exit_code()).max().unwrap_or(0);
    ExitCode::from(code as u8)
}
