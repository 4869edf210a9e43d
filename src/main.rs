//! The `stocheck` command. Parses the arguments, runs the library, prints, and maps the result to
//! the exit code, for every command:
//!
//! - `0`: success (for `check`: every file passes; warnings allowed unless `--fail-on warn`);
//! - `1`: at least one file fails;
//! - `2`: something could not be done (usage error, unreadable or invalid file, broken rule set,
//!   unknown rule or regulation, a file `init` would overwrite).
//!
//! With several files every file is checked and the highest code wins. Reports go to stdout (at
//! most one format) and to the files named with `--format NAME=PATH`; an unwritable report file
//! is a `2`. Diagnostics go to stderr. A closed stdout (`stocheck check … | head`) is a quiet
//! success. Language: `--lang`, else `STOCHECK_LANG`, else Dutch. Colour (table only): `--color`,
//! else only on a terminal and without `NO_COLOR`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use stocheck::messages::{Lang, render_positional, text};
use stocheck::regeling::Registry;
use stocheck::report::style::{Style, decide};
use stocheck::report::table::{Layout, PIPE_WIDTH};
use stocheck::report::formats;
use stocheck::report::writer::{Detail, Writer};
use stocheck::report::{self, Meta};
use stocheck::run::{self, FailOn, Options};
use stocheck::{init, uitleg};

#[derive(Parser)]
#[command(
    name = "stocheck",
    version,
    about = "Controleert een STO-subsidieaanvraag (Sterk Techniekonderwijs) vóór indiening bij DUS-I",
    long_about = "Controleert een STO-subsidieaanvraag (Sterk Techniekonderwijs) vóór indiening bij DUS-I.\n\
                  Checks a Sterk Techniekonderwijs subsidy application before it goes to DUS-I.\n\n\
                  Begin / start: stocheck init; stocheck check aanvraag.yaml"
)]
struct Cli {
    /// Language of every message: nl (default) or en. Without it, STOCHECK_LANG decides.
    #[arg(long, value_enum, global = true)]
    lang: Option<LangArg>,
    /// Colour: auto (only on a terminal, and not when NO_COLOR is set), always or never.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    color: ColorArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check application files; a directory means every *.yaml / *.yml below it; - is stdin.
    Check(CheckArgs),
    /// Write a commented template application to fill in (never overwrites a file).
    Init(InitArgs),
    /// List the rule sets, or every rule of one regulation with its parameters and sources.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, its parameters per regulation, examples.
    Explain(ExplainArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout.
    Man,
    /// Print the JSON Schema of the application document (for editors and validators).
    Schema {
        /// The schema of the JSON report (`check --format json`) instead.
        #[arg(long)]
        report: bool,
    },
}

/// The formats of `rules` and `explain`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

/// One `--format`: a format, and the file it goes to (`None`: stdout).
#[derive(Clone)]
struct FormatSpec {
    format: &'static dyn Writer,
    file: Option<PathBuf>,
}

/// Parses `NAME` or `NAME=PATH` (`NAME=-` is stdout too).
fn parse_format(text: &str) -> Result<FormatSpec, String> {
    let (name, file) = match text.split_once('=') {
        Some((n, f)) => (n, Some(f)),
        None => (text, None),
    };
    let format = formats::by_name(name).ok_or_else(|| format!("invalid variant: {name}"))?;
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
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
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
    /// `markdown`, `html`, or `NAME=PATH`. Repeatable; at most one goes to stdout. Default: `table`.
    #[arg(long, value_name = "FORMAT[=PATH]", value_parser = parse_format)]
    format: Vec<FormatSpec>,
    /// The moment deadlines are judged against when a file has no `indiening.moment`:
    /// a date (00:00 Europe/Amsterdam) or a moment with UTC offset. Default: now.
    #[arg(long, value_name = "DATE|MOMENT")]
    peildatum: Option<String>,
    /// Whether warnings fail a file too.
    #[arg(long, value_enum, default_value = "fail")]
    fail_on: FailOnArg,
    /// Folder of rule set files; one with the id of a built-in set replaces it. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Skip paths matching this glob while walking directories. Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Table: list every finding, passes and skips too.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// Table: one line per file, and the errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct InitArgs {
    /// The file to write.
    #[arg(default_value = "aanvraag.yaml")]
    file: PathBuf,
    /// The regulation the template is for.
    #[arg(long, default_value = "sto-2025-2028")]
    regeling: String,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// A regulation (id or alias); without it, the list of rule sets.
    regeling: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    /// Folder of extra rule set files, as for `check`. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The rule id, `module/name` (see `stocheck rules`).
    rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    /// Folder of extra rule set files, as for `check`. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

/// What every command needs besides its own arguments.
struct Env {
    lang: Lang,
    /// Colour on stdout.
    out: Style,
    /// Colour on stderr.
    err: Style,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version are successes; every other parse error is a usage error (2). The
            // text quotes the user's arguments: filtered like every other text for a terminal.
            let text = stocheck::text_filter::visible(&e.render().to_string());
            let _ = if e.use_stderr() { write!(std::io::stderr(), "{text}") } else { write!(std::io::stdout(), "{text}") };
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let env_lang = std::env::var("STOCHECK_LANG").ok().filter(|v| !v.trim().is_empty());
    let lang = match (cli.lang, &env_lang) {
        (Some(LangArg::Nl), _) => Lang::Nl,
        (Some(LangArg::En), _) => Lang::En,
        (None, Some(v)) => match Lang::parse(v) {
            Some(l) => l,
            None => {
                diag(Lang::Nl, Style::PLAIN, "cli.lang-onbekend", std::slice::from_ref(v));
                return ExitCode::from(2);
            }
        },
        (None, None) => Lang::Nl,
    };
    let _ = LANG.set(lang);
    let choice = match cli.color {
        ColorArg::Auto => "auto",
        ColorArg::Always => "always",
        ColorArg::Never => "never",
    };
    let no_color = std::env::var("NO_COLOR").ok();
    let env = Env {
        lang,
        out: Style { color: decide(choice, std::io::stdout().is_terminal(), no_color.as_deref()) },
        err: Style { color: decide(choice, std::io::stderr().is_terminal(), no_color.as_deref()) },
    };
    match cli.command {
        Command::Check(args) => check(args, &env),
        Command::Init(args) => init_cmd(args, &env),
        Command::Rules(args) => rules_cmd(args, &env),
        Command::Explain(args) => explain_cmd(args, &env),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "stocheck", &mut buf);
            finish(emit(&String::from_utf8_lossy(&buf)), 0)
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                Ok(()) => finish(emit(&String::from_utf8_lossy(&buf)), 0),
                Err(e) => {
                    diag(env.lang, env.err, "cli.io", &[e.to_string()]);
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { report: false } => finish(emit(&stocheck::schema::json()), 0),
        Command::Schema { report: true } => finish(emit(&report::json::schema()), 0),
    }
}

/// The language of the run, for messages that have no other way to it.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Writes to stdout; a closed pipe ends the program quietly with success.
fn emit(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            // A full disk or a closed terminal: say so, never a silent 2.
            let lang = LANG.get().copied().unwrap_or(Lang::Nl);
            diag(lang, Style::PLAIN, "cli.stdout", &[e.to_string()]);
            Err(ExitCode::from(2))
        }
    }
}

fn finish(r: Result<(), ExitCode>, code: u8) -> ExitCode {
    match r {
        Ok(()) => ExitCode::from(code),
        Err(c) => c,
    }
}

fn diag(lang: Lang, style: Style, id: &str, args: &[String]) {
    let label = style.paint(stocheck::report::style::Paint::Fail, &text("cli.fout", lang));
    // Arguments carry paths, file text and the operating system's words: filtered, so none can
    // steer the terminal or a CI log.
    let _ = writeln!(std::io::stderr(), "{label}: {}", stocheck::text_filter::visible(&render_positional(id, args, lang)));
}

/// The width of the table: the terminal's, else `COLUMNS`, else a fixed width so piped output is
/// stable.
fn table_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some(w) = comfy_table::Table::new().width()
    {
        return w as usize;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|w| *w >= 20).unwrap_or(PIPE_WIDTH)
}

fn registry(dirs: &[PathBuf], env: &Env) -> Result<Registry, ExitCode> {
    Registry::load(dirs).map_err(|errors| {
        for e in errors {
            diag(env.lang, env.err, "cli.regels", &[e.to_string()]);
        }
        ExitCode::from(2)
    })
}

fn check(args: CheckArgs, env: &Env) -> ExitCode {
    let lang = env.lang;
    let formats = if args.format.is_empty() {
        vec![FormatSpec { format: formats::FORMATS[0], file: None }]
    } else {
        args.format.clone()
    };
    if let Err((id, arg)) = check_formats(&formats) {
        diag(lang, env.err, id, &[arg]);
        return ExitCode::from(2);
    }
    let peildatum = match &args.peildatum {
        None => run::now(),
        Some(p) => match run::parse_peildatum(p) {
            Ok(m) => m,
            Err(id) => {
                diag(lang, env.err, id, &[]);
                return ExitCode::from(2);
            }
        },
    };
    let registry = match registry(&args.rules, env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let exclude = match run::exclusions(&args.exclude) {
        Ok(x) => x,
        Err(e) => {
            diag(lang, env.err, "cli.exclude", &[e]);
            return ExitCode::from(2);
        }
    };
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let collected = stocheck::walk::collect(&paths, &exclude);
    let inputs = &collected.inputs;
    if inputs.is_empty() && collected.skipped.is_empty() {
        diag(lang, env.err, "cli.geen-bestanden", &[]);
        return ExitCode::from(2);
    }
    let options = Options {
        peildatum,
        fail_on: match args.fail_on {
            FailOnArg::Fail => FailOn::Fail,
            FailOnArg::Warn => FailOn::Warn,
        },
    };
    // No report may be written over a file being checked, and no two to one file: compared as
    // resolved paths, before anything is read or written.
    if let Err((id, arg)) = stocheck::outputs::check(&formats.iter().filter_map(|s| s.file.clone()).collect::<Vec<_>>(), inputs) {
        diag(lang, env.err, id, &[arg]);
        return ExitCode::from(2);
    }
    let run = run::check_all(&collected, &registry, &options);
    let files = run.files;
    if !run.skipped.is_empty() {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}", text("overgeslagen.kop", lang));
        for s in &run.skipped {
            let _ = writeln!(stderr, "  {}: {}", stocheck::text_filter::visible(&s.path), text(s.reason, lang));
        }
    }
    // At a terminal the table already draws the load errors on stdout; the same drawing on
    // stderr would show every error twice. Anywhere else (a pipe, a file, JSON) stderr has them.
    let table_on_stdout = formats.iter().any(|s| s.file.is_none() && s.format.draws_errors());
    let twice = table_on_stdout && std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
    let mut stderr = std::io::stderr().lock();
    for f in files.iter().filter(|_| !twice) {
        for e in &f.errors {
            let _ = writeln!(stderr, "{}", report::diagnostic::draw(&f.path, f.source.as_deref(), e, lang, env.err));
        }
    }
    drop(stderr);
    let meta = Meta { peildatum, lang, skipped: run.skipped };
    let detail = match (args.verbose, args.quiet) {
        (true, _) => Detail::Verbose,
        (_, true) => Detail::Quiet,
        _ => Detail::Normal,
    };
    let mut code = run::exit_code(&files);
    // Files first: a closed stdout ends the program, and the files should be there all the same.
    for (spec, path) in formats.iter().filter_map(|s| s.file.as_deref().map(|p| (s, p))) {
        let layout = Layout { width: PIPE_WIDTH, style: Style { color: false }, detail };
        let text = spec.format.write(&files, &meta, &layout);
        if let Err(e) = std::fs::write(path, text) {
            diag(lang, env.err, "cli.uitvoer", &[path.display().to_string(), e.to_string()]);
            code = 2;
        }
    }
    if let Some(spec) = formats.iter().find(|s| s.file.is_none()) {
        let layout = Layout { width: table_width(), style: env.out, detail };
        if let Err(c) = emit(&spec.format.write(&files, &meta, &layout)) {
            return c;
        }
    }
    ExitCode::from(code as u8)
}

fn init_cmd(args: InitArgs, env: &Env) -> ExitCode {
    let registry = match registry(&[], env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let path = args.file.display().to_string();
    match init::write(&args.file, &args.regeling, &registry, env.lang) {
        Ok(id) => {
            let msg = stocheck::text_filter::visible(&render_positional("init.geschreven", &[path, id], env.lang));
            finish(emit(&format!("{msg}\n")), 0)
        }
        Err(init::InitError::Bestaat) => {
            diag(env.lang, env.err, "init.bestaat", &[path]);
            ExitCode::from(2)
        }
        Err(init::InitError::GeenSjabloon(known)) => {
            diag(env.lang, env.err, "init.geen-sjabloon", &[args.regeling, known.join(", ")]);
            ExitCode::from(2)
        }
        Err(init::InitError::Io(e)) => {
            diag(env.lang, env.err, "init.io", &[path, e]);
            ExitCode::from(2)
        }
    }
}

fn rules_cmd(args: RulesArgs, env: &Env) -> ExitCode {
    let registry = match registry(&args.rules, env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let json = matches!(args.format, ListFormat::Json);
    let out = match &args.regeling {
        None => uitleg::sets(&registry, env.lang, json, env.out),
        Some(id) => match registry.get(id) {
            Some(set) => uitleg::rules(set, env.lang, json, env.out, table_width()),
            None => {
                let known: Vec<String> = stocheck::regeling::known_ids(&registry).into_iter().collect();
                diag(env.lang, env.err, "cli.regeling-onbekend", &[id.clone(), known.join(", ")]);
                return ExitCode::from(2);
            }
        },
    };
    finish(emit(&out), 0)
}

fn explain_cmd(args: ExplainArgs, env: &Env) -> ExitCode {
    let registry = match registry(&args.rules, env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let Some(rule) = stocheck::checks::RULES.iter().find(|r| r.id == args.rule) else {
        let ids = stocheck::checks::RULES.iter().map(|r| r.id);
        match stocheck::aanvraag::suggest(&args.rule, ids) {
            Some(s) => diag(env.lang, env.err, "cli.regel-onbekend-bedoeld", &[args.rule.clone(), s]),
            None => diag(env.lang, env.err, "cli.regel-onbekend", std::slice::from_ref(&args.rule)),
        }
        return ExitCode::from(2);
    };
    let json = matches!(args.format, ListFormat::Json);
    finish(emit(&uitleg::explain(rule, &registry, env.lang, json, env.out, table_width())), 0)
}

/// At most one format to stdout, and no two to the same file.
fn check_formats(formats: &[FormatSpec]) -> Result<(), (&'static str, String)> {
    let to_stdout: Vec<String> = formats
        .iter()
        .filter(|s| s.file.is_none())
        .map(|s| s.format.name().to_string())
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
