//! The `stocheck` command. Parses the arguments, runs the library, prints, and maps the result to
//! the exit code:
//!
//! - `0`: every file passes (warnings allowed unless `--fail-on warn`);
//! - `1`: at least one file fails;
//! - `2`: input could not be checked (usage error, unreadable or invalid file, broken rule set).
//!
//! With several files every file is checked and the highest code wins. Reports go to stdout (at
//! most one format) and to the files named with `--format NAME=PATH`; an unwritable report file
//! is a `2`. Diagnostics go to stderr. A closed stdout (`stocheck check … | head`) is a quiet
//! success.

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
    /// Print the JSON Schema of the application document (for editors and validators).
    Schema,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Junit,
    Sarif,
    Github,
    Markdown,
}

/// One `--format`: a format, and the file it goes to (`None`: stdout).
#[derive(Clone)]
struct FormatSpec {
    format: Format,
    file: Option<PathBuf>,
}

/// Parses `NAME` or `NAME=PATH` (`NAME=-` is stdout too).
fn parse_format(text: &str) -> Result<FormatSpec, String> {
    let (name, file) = match text.split_once('=') {
        Some((n, f)) => (n, Some(f)),
        None => (text, None),
    };
    let format = Format::from_str(name, true)?;
    let file = match file {
        None | Some("-") => None,
        Some("") => return Err(format!("no file after `{name}=`")),
        Some(f) => Some(PathBuf::from(f)),
    };
    Ok(FormatSpec { format, file })
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
    /// Output format, optionally to a file: `table`, `json`, `junit`, `sarif`, `github`,
    /// `markdown`, or `NAME=PATH`. Repeatable; at most one goes to stdout. Default: `table`.
    #[arg(long, value_name = "FORMAT[=PATH]", value_parser = parse_format)]
    format: Vec<FormatSpec>,
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
        Command::Schema => match emit(&stocheck::schema::json()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
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
    let formats = if args.format.is_empty() {
        vec![FormatSpec { format: Format::Table, file: None }]
    } else {
        args.format.clone()
    };
    if let Err((id, arg)) = check_formats(&formats) {
        diag(lang, id, &[arg]);
        return ExitCode::from(2);
    }
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
    let mut code = files.iter().map(|f| f.verdict.exit_code()).max().unwrap_or(0);
    // Files first: a closed stdout ends the program, and the files should be there all the same.
    for (spec, path) in formats.iter().filter_map(|s| s.file.as_deref().map(|p| (s, p))) {
        let text = render_format(spec.format, &files, &meta, None);
        if let Err(e) = std::fs::write(path, text) {
            diag(lang, "cli.uitvoer", &[path.display().to_string(), e.to_string()]);
            code = 2;
        }
    }
    if let Some(spec) = formats.iter().find(|s| s.file.is_none()) {
        let width = if std::io::stdout().is_terminal() { comfy_table::Table::new().width() } else { None };
        if let Err(c) = emit(&render_format(spec.format, &files, &meta, width)) {
            return c;
        }
    }
    ExitCode::from(code as u8)
}

/// At most one format to stdout, and no two to the same file.
fn check_formats(formats: &[FormatSpec]) -> Result<(), (&'static str, String)> {
    let to_stdout: Vec<String> = formats
        .iter()
        .filter(|s| s.file.is_none())
        .filter_map(|s| s.format.to_possible_value().map(|v| v.get_name().to_string()))
        .collect();
    if to_stdout.len() > 1 {
        return Err(("cli.format", to_stdout.join(", ")));
    }
    let mut seen = std::collections::BTreeSet::new();
    for f in formats.iter().filter_map(|s| s.file.as_ref()) {
        if !seen.insert(f) {
            return Err(("cli.format-dubbel", f.display().to_string()));
        }
    }
    Ok(())
}

/// One report in one format. `width` is the terminal's, for the table on a terminal only.
fn render_format(format: Format, files: &[run::FileReport], meta: &Meta, width: Option<u16>) -> String {
    match format {
        Format::Table => report::table::write(files, meta, width),
        Format::Json => report::json::write(files, meta),
        Format::Junit => report::junit::write(files, meta),
        Format::Sarif => report::sarif::write(files, meta),
        Format::Github => report::github::write(files, meta),
        Format::Markdown => report::markdown::write(files, meta),
    }
}
