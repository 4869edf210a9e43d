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

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use stocheck::config::{self, Config};
use stocheck::messages::{Lang, Msg, render, text};
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
    /// Configuration file; without it, stocheck.toml in the current folder or the nearest parent.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
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
    /// Run scenario tests of rule sets: the built-in ones, or the scenario files and folders given.
    Test(TestArgs),
    /// Explain one rule: what it checks, why, its parameters per regulation, examples.
    Explain(ExplainArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout, or write a page per command into a folder.
    Man {
        /// Write stocheck.1 and a page per subcommand (stocheck-check.1, …) into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
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

/// Parses `NAME` or `NAME=PATH` (`NAME=-` is stdout too). An unknown name is refused with the
/// list of formats, in the user's language (clap's own message would be English).
fn parse_format(text: &str) -> Result<FormatSpec, Msg> {
    let (name, file) = match text.split_once('=') {
        Some((n, f)) => (n, Some(f)),
        None => (text, None),
    };
    let Some(format) = formats::by_name(name) else {
        let known: Vec<String> = formats::FORMATS.iter().map(|w| w.name().to_string()).collect();
        return Err(Msg::new("cli.format-onbekend").arg("naam", name).arg("bekend", known.join(", ")));
    };
    let file = match file {
        None | Some("-") => None,
        Some("") => return Err(Msg::new("cli.format-geen-bestand").arg("naam", name)),
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
    #[arg(long, value_name = "FORMAT[=PATH]")]
    format: Vec<String>,
    /// The moment deadlines are judged against when a file has no `indiening.moment`:
    /// a date (00:00 Europe/Amsterdam) or a moment with UTC offset. Default: now.
    #[arg(long, value_name = "DATE|MOMENT")]
    peildatum: Option<String>,
    /// Whether warnings fail a file too (default: fail).
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Folder of rule set files; one with the id of a built-in set replaces it. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Skip paths matching this glob while walking directories. Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Report as if the files recorded no `uitzonderingen` (waivers): every failure counts.
    #[arg(long)]
    no_waivers: bool,
    /// Table: list every finding, passes and skips too.
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// Table: one line per file, and the errors.
    #[arg(long, short)]
    quiet: bool,
    /// How many files are checked at once; the output is the same for any number. Default: the
    /// number of cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
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
    /// The source registry: every source the rule data cite, with title and address, and per
    /// rule set when it is in force and when its facts were last checked.
    #[arg(long, conflicts_with = "regeling")]
    sources: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    /// Folder of extra rule set files, as for `check`. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct TestArgs {
    /// Scenario files or folders; without them, the built-in scenarios of the built-in rule sets.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    /// Folder of extra rule set files, as for `check`. Repeatable.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The rule id, `module/name` (see `stocheck rules`), or a module to list its rules.
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
    /// The configuration file's settings, when there is one.
    config: Config,
    /// Colour on stdout.
    out: Style,
    /// Colour on stderr.
    err: Style,
}

fn main() -> ExitCode {
    // The help texts only show when clap writes help or an error: a command line that parses
    // is read with clap's plain command (the same arguments), and only one that does not is read
    // again with every text from the catalogue, to say so in the reader's language.
    let parsed = Cli::try_parse().or_else(|_| localized(help_lang()).try_get_matches().and_then(|m| Cli::from_arg_matches(&m)));
    let cli = match parsed {
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
        (Some(LangArg::Nl), _) => Some(Lang::Nl),
        (Some(LangArg::En), _) => Some(Lang::En),
        (None, Some(v)) => match Lang::parse(v) {
            Some(l) => Some(l),
            None => {
                diag(Lang::Nl, Style::PLAIN, Msg::new("cli.lang-onbekend").arg("waarde", v.as_str()));
                return ExitCode::from(2);
            }
        },
        (None, None) => None,
    };
    // The command line and the environment win over the configuration file.
    let config = match load_config(cli.config.as_deref()) {
        Ok(c) => c,
        Err(errors) => {
            for e in errors {
                diag(lang.unwrap_or_default(), Style::PLAIN, Msg::new("config.fout").arg("plaats", e.place()).arg("fout", e.msg));
            }
            return ExitCode::from(2);
        }
    };
    let lang = lang.or(config.lang).unwrap_or_default();
    let _ = LANG.set(lang);
    let choice = match cli.color {
        ColorArg::Auto => "auto",
        ColorArg::Always => "always",
        ColorArg::Never => "never",
    };
    let no_color = std::env::var("NO_COLOR").ok();
    let env = Env {
        lang,
        config,
        out: Style { color: decide(choice, std::io::stdout().is_terminal(), no_color.as_deref()) },
        err: Style { color: decide(choice, std::io::stderr().is_terminal(), no_color.as_deref()) },
    };
    match cli.command {
        Command::Check(args) => check(args, &env),
        Command::Init(args) => init_cmd(args, &env),
        Command::Rules(args) => rules_cmd(args, &env),
        Command::Test(args) => test_cmd(args, &env),
        Command::Explain(args) => explain_cmd(args, &env),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut localized(env.lang), "stocheck", &mut buf);
            finish(emit(env.out, &String::from_utf8_lossy(&buf)), 0)
        }
        Command::Man { dir: Some(dir) } => match clap_mangen::generate_to(localized(env.lang), &dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                diag(env.lang, env.err, Msg::new("cli.io").arg("fout", e.to_string()));
                ExitCode::from(2)
            }
        },
        Command::Man { dir: None } => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(localized(env.lang)).render(&mut buf) {
                Ok(()) => finish(emit(env.out, &String::from_utf8_lossy(&buf)), 0),
                Err(e) => {
                    diag(env.lang, env.err, Msg::new("cli.io").arg("fout", e.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { report: false } => finish(emit(env.out, &stocheck::schema::json()), 0),
        Command::Schema { report: true } => finish(emit(env.out, &report::json::schema()), 0),
    }
}

/// The language of `--help`, decided before the arguments are parsed: `--lang` among them, else
/// `STOCHECK_LANG`, else the configuration file's `lang`, else Dutch (as every other text).
fn help_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(v) => v.strip_prefix('=').map(str::to_string),
        None => None,
    });
    let config = || {
        let named = args.iter().position(|a| a == "--config").and_then(|i| args.get(i + 1)).map(PathBuf::from);
        load_config(named.as_deref()).ok().and_then(|c| c.lang)
    };
    given
        .or_else(|| std::env::var("STOCHECK_LANG").ok())
        .and_then(|v| Lang::parse(&v))
        .or_else(config)
        .unwrap_or_default()
}

/// The command with every text of `--help` and the man pages from the catalogue: the texts are
/// `help.<command>.<argument>` (`help.stocheck.*` for the options of every command), the headings
/// and clap's own help and version flags included, so no text of the other language shows.
fn localized(lang: Lang) -> clap::Command {
    let t = |id: &str| text(id, lang);
    let template = format!("{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}", t("help.gebruik"));
    let own_flags = |c: clap::Command, top: bool| {
        let heading = t("help.kop-opties");
        let c = c
            .disable_help_flag(true)
            .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t("help.stocheck.help")).help_heading(heading.clone()));
        if top {
            c.disable_version_flag(true)
                .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t("help.stocheck.version")).help_heading(heading))
        } else {
            c
        }
    };
    let localize_args = |mut c: clap::Command, name: &str| {
        let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).filter(|id| id != "help" && id != "version").collect();
        for id in ids {
            let global = ["lang", "color", "config"].contains(&id.as_str());
            let key = if global { format!("help.stocheck.{id}") } else { format!("help.{name}.{id}") };
            let heading = t("help.kop-opties");
            // The values and defaults are in the texts, in the reader's language; clap would add
            // them in English.
            c = c.mut_arg(&id, |a| {
                let a = a.help(t(&key));
                // clap allows hiding values only on arguments that take one.
                let a = if a.get_action().takes_values() { a.hide_possible_values(true).hide_default_value(true) } else { a };
                if a.is_positional() { a.help_heading(t("help.kop-argumenten")) } else { a.help_heading(heading.clone()) }
            });
        }
        c.help_template(template.clone())
    };
    let mut cmd = own_flags(Cli::command(), true)
        .about(t("help.stocheck.about"))
        .long_about(t("help.stocheck.lang-about"))
        .after_long_help(t("help.afsluitcodes"))
        .subcommand_help_heading(t("help.kop-opdrachten"))
        .disable_help_subcommand(true);
    cmd = localize_args(cmd, "stocheck");
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| {
            // A command with exit codes of its own says them; the others share the general text.
            let own = format!("help.{name}.afsluitcodes");
            let codes = if stocheck::messages::template(&own, lang).is_some() { t(&own) } else { t("help.afsluitcodes") };
            let s = own_flags(s, false).about(t(&format!("help.{name}.about"))).after_long_help(codes);
            localize_args(s, &name)
        });
    }
    cmd
}

/// The configuration: the file named with `--config` (which must exist), else `stocheck.toml`
/// in the current folder or the nearest parent, else none.
fn load_config(named: Option<&std::path::Path>) -> Result<Config, Vec<config::ConfigError>> {
    let found = match named {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match found {
        Some(p) => config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The language of the run, for messages that have no other way to it.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Writes to stdout; a closed pipe ends the program quietly with success.
fn emit(style: Style, text: &str) -> Result<(), ExitCode> {
    let mut out = colour_stream(std::io::stdout().lock(), style);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            // A full disk or a closed terminal: say so, never a silent 2.
            let lang = LANG.get().copied().unwrap_or(Lang::Nl);
            diag(lang, Style::PLAIN, Msg::new("cli.stdout").arg("fout", e.to_string()));
            Err(ExitCode::from(2))
        }
    }
}

/// Where colour is on, a stream that passes it on (translating it for a Windows console that
/// needs that); where it is off, the plain stream. Not anstream's stripping: the writers paint
/// nothing then, and text from a plan is already made visible, which a byte-level strip would
/// mangle (it reads the UTF-8 of `␛` as a control byte).
fn colour_stream<W: std::io::Write + anstream::stream::RawStream + anstream::stream::AsLockedWrite + 'static>(w: W, style: Style) -> Box<dyn std::io::Write> {
    if style.color { Box::new(anstream::AutoStream::always(w)) } else { Box::new(w) }
}

fn finish(r: Result<(), ExitCode>, code: u8) -> ExitCode {
    match r {
        Ok(()) => ExitCode::from(code),
        Err(c) => c,
    }
}

/// A usage error or other diagnostic on stderr: "fout: " and the message.
fn diag(lang: Lang, style: Style, msg: Msg) {
    let label = style.paint(stocheck::report::style::Paint::Fail, &text("cli.fout", lang));
    // Arguments carry paths, file text and the operating system's words: filtered, so none can
    // steer the terminal or a CI log.
    let _ = writeln!(colour_stream(std::io::stderr(), style), "{label}: {}", stocheck::text_filter::visible(&render(&msg, lang)));
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

/// The `--rules` folders, else the configuration file's.
fn rules_dirs<'a>(given: &'a [PathBuf], env: &'a Env) -> &'a [PathBuf] {
    if given.is_empty() { &env.config.rules } else { given }
}

fn registry(dirs: &[PathBuf], env: &Env) -> Result<Registry, ExitCode> {
    Registry::load(dirs).map_err(|errors| {
        for e in errors {
            diag(env.lang, env.err, Msg::new("cli.regels").arg("plaats", e.place()).arg("fout", e.msg));
        }
        ExitCode::from(2)
    })
}

fn check(args: CheckArgs, env: &Env) -> ExitCode {
    let lang = env.lang;
    let cfg = &env.config;
    let format_args = if args.format.is_empty() { &cfg.format } else { &args.format };
    let formats = if format_args.is_empty() {
        vec![FormatSpec { format: formats::FORMATS[0], file: None }]
    } else {
        match format_args.iter().map(|f| parse_format(f)).collect::<Result<Vec<_>, Msg>>() {
            Ok(f) => f,
            Err(msg) => {
                diag(lang, env.err, msg);
                return ExitCode::from(2);
            }
        }
    };
    if let Err(msg) = check_formats(&formats) {
        diag(lang, env.err, msg);
        return ExitCode::from(2);
    }
    let peildatum = match &args.peildatum {
        None => run::now(),
        Some(p) => match run::parse_peildatum(p) {
            Ok(m) => m,
            Err(id) => {
                diag(lang, env.err, Msg::new(id));
                return ExitCode::from(2);
            }
        },
    };
    let registry = match registry(rules_dirs(&args.rules, env), env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let exclude = match run::exclusions(if args.exclude.is_empty() { &cfg.exclude } else { &args.exclude }) {
        Ok(x) => x,
        Err(e) => {
            diag(lang, env.err, Msg::new("cli.exclude").arg("fout", e));
            return ExitCode::from(2);
        }
    };
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let collected = stocheck::walk::collect(&paths, &exclude);
    let inputs = &collected.inputs;
    if inputs.is_empty() && collected.skipped.is_empty() {
        diag(lang, env.err, Msg::new("cli.geen-bestanden"));
        return ExitCode::from(2);
    }
    let options = Options {
        peildatum,
        fail_on: match args.fail_on {
            Some(FailOnArg::Fail) => FailOn::Fail,
            Some(FailOnArg::Warn) => FailOn::Warn,
            None => cfg.fail_on.unwrap_or_default(),
        },
        no_waivers: args.no_waivers,
    };
    // No report may be written over a file being checked, and no two to one file: compared as
    // resolved paths, before anything is read or written.
    if let Err(msg) = stocheck::outputs::check(&formats.iter().filter_map(|s| s.file.clone()).collect::<Vec<_>>(), inputs) {
        diag(lang, env.err, msg);
        return ExitCode::from(2);
    }
    // At a terminal the table already draws the load errors on stdout; the same drawing on
    // stderr would show every error twice. Anywhere else (a pipe, a file, JSON) stderr has them.
    let table_on_stdout = formats.iter().any(|s| s.file.is_none() && s.format.draws_errors());
    let twice = table_on_stdout && std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
    let meta = Meta { peildatum, lang, skipped: Vec::new() };
    let detail = match (args.verbose, args.quiet) {
        (true, _) => Detail::Verbose,
        (_, true) => Detail::Quiet,
        _ => Detail::Normal,
    };
    let file_layout = Layout { width: PIPE_WIDTH, style: Style { color: false }, detail };
    let stdout_layout = Layout { width: table_width(), style: env.out, detail };
    // Every report is written while the files are checked, each file's part when its turn comes
    // (formats that open with an overview or totals put it aside and write at the end): report
    // files and stdout side by side.
    let mut outputs: Vec<Output> = formats
        .iter()
        .map(|spec| match &spec.file {
            Some(path) => Output {
                stream: spec.format.stream(&meta, &file_layout),
                sink: match std::fs::File::create(path) {
                    Ok(f) => Sink::File(path, std::io::BufWriter::with_capacity(1 << 16, f)),
                    Err(e) => Sink::Failed(path, e),
                },
            },
            None => Output {
                stream: spec.format.stream(&meta, &stdout_layout),
                sink: Sink::Stdout(std::io::BufWriter::with_capacity(1 << 16, colour_stream(std::io::stdout().lock(), env.out))),
            },
        })
        .collect();
    let mut skipped = collected.skipped.clone();
    // The drawings of load errors, for stderr after the list of skipped files (known at the end).
    let mut drawn = String::new();
    let mut code = 0;
    let mut part = String::new();
    // One file needs one thread: the number of cores (which reads the cgroup's files) is not asked.
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None if inputs.len() < 2 => 1,
        None => run::default_threads(),
    };
    run::check_each(&collected, &registry, &options, threads, |checked| {
        let f = match checked {
            run::Checked::Skipped(s) => {
                skipped.push(s);
                return std::ops::ControlFlow::Continue(());
            }
            run::Checked::File(f) => f,
        };
        code = code.max(f.verdict.exit_code());
        for e in f.errors.iter().filter(|_| !twice) {
            drawn.push_str(&report::diagnostic::draw(&f.path, f.source.as_deref(), e, lang, env.err));
            drawn.push('\n');
        }
        for o in &mut outputs {
            part.clear();
            o.stream.file(&f, &mut part);
            o.sink.write_text(&part);
        }
        // Only a closed stdout is left to write to: nothing more to check.
        if outputs.iter().all(|o| o.sink.closed()) {
            return std::ops::ControlFlow::Break(());
        }
        std::ops::ControlFlow::Continue(())
    });
    if !skipped.is_empty() {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}", text("overgeslagen.kop", lang));
        for s in &skipped {
            let _ = writeln!(stderr, "  {}: {}", stocheck::text_filter::visible(&s.path), text(s.reason, lang));
        }
    }
    let _ = colour_stream(std::io::stderr().lock(), env.err).write_all(drawn.as_bytes());
    let mut stdout_code = None;
    for o in outputs {
        let mut sink = o.sink;
        // Straight to the sink: a report that kept its files' parts aside copies them across
        // without building one string. A write error is the sink's, said below.
        let _ = o.stream.finish(&skipped, &mut sink);
        match sink.end() {
            Ended::Written => {}
            Ended::Failed(path, e) => {
                diag(lang, env.err, Msg::new("cli.uitvoer").arg("bestand", path.display().to_string()).arg("fout", e.to_string()));
                code = 2;
            }
            Ended::StdoutClosed => stdout_code = Some(ExitCode::SUCCESS),
            Ended::StdoutFailed(e) => {
                // A full disk or a closed terminal: say so, never a silent 2.
                diag(lang, env.err, Msg::new("cli.stdout").arg("fout", e.to_string()));
                stdout_code = Some(ExitCode::from(2));
            }
        }
    }
    // The process ends here: freeing the rule sets and the list of files piece by piece would
    // only cost time.
    std::mem::forget(registry);
    std::mem::forget(collected);
    stdout_code.unwrap_or(ExitCode::from(code as u8))
}

/// One report being written: its format's stream, and where its text goes.
struct Output<'a> {
    stream: Box<dyn stocheck::report::writer::Stream + 'a>,
    sink: Sink<'a>,
}

/// Where a report's text goes. A write error ends the writing to that place only; it is said
/// once, at the end.
enum Sink<'a> {
    File(&'a std::path::Path, std::io::BufWriter<std::fs::File>),
    Failed(&'a std::path::Path, std::io::Error),
    Stdout(std::io::BufWriter<Box<dyn Write>>),
    StdoutDone(std::io::Error),
}

/// How a report's writing ended.
enum Ended<'a> {
    Written,
    Failed(&'a std::path::Path, std::io::Error),
    /// `stocheck check … | head`: a quiet success.
    StdoutClosed,
    StdoutFailed(std::io::Error),
}

impl<'a> Sink<'a> {
    fn write_text(&mut self, text: &str) {
        self.write_bytes(text.as_bytes());
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        let failed = match self {
            Sink::File(path, w) => w.write_all(bytes).err().map(|e| Sink::Failed(path, e)),
            Sink::Stdout(w) => w.write_all(bytes).err().map(Sink::StdoutDone),
            Sink::Failed(..) | Sink::StdoutDone(_) => None,
        };
        if let Some(f) = failed {
            *self = f;
        }
    }

    /// Stdout is closed or failed, or the file could not be written: nothing written there
    /// will be read.
    fn done(&self) -> bool {
        matches!(self, Sink::StdoutDone(_) | Sink::Failed(..))
    }

    /// Stdout is closed or failed: nothing written there will be read.
    fn closed(&self) -> bool {
        matches!(self, Sink::StdoutDone(_))
    }

    fn end(self) -> Ended<'a> {
        match self {
            Sink::File(path, mut w) => match w.flush() {
                Ok(()) => Ended::Written,
                Err(e) => Ended::Failed(path, e),
            },
            Sink::Failed(path, e) => Ended::Failed(path, e),
            Sink::Stdout(mut w) => match w.flush() {
                Ok(()) => Ended::Written,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ended::StdoutClosed,
                Err(e) => Ended::StdoutFailed(e),
            },
            Sink::StdoutDone(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ended::StdoutClosed,
            Sink::StdoutDone(e) => Ended::StdoutFailed(e),
        }
    }
}

/// The end of a report is written straight to its sink; the first error ends it (the sink keeps
/// the error for [`Sink::end`]).
impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_bytes(buf);
        if self.done() { Err(std::io::Error::other("the report's output failed")) } else { Ok(buf.len()) }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn init_cmd(args: InitArgs, env: &Env) -> ExitCode {
    let registry = match registry(&[], env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let path = args.file.display().to_string();
    match init::write(&args.file, &args.regeling, &registry, env.lang) {
        Ok(id) => {
            let msg = stocheck::text_filter::visible(&render(&Msg::new("init.geschreven").arg("bestand", path).arg("regeling", id), env.lang));
            finish(emit(env.out, &format!("{msg}\n")), 0)
        }
        Err(init::InitError::Bestaat) => {
            diag(env.lang, env.err, Msg::new("init.bestaat").arg("bestand", path));
            ExitCode::from(2)
        }
        Err(init::InitError::GeenSjabloon(known)) => {
            diag(env.lang, env.err, Msg::new("init.geen-sjabloon").arg("regeling", args.regeling).arg("bekend", known.join(", ")));
            ExitCode::from(2)
        }
        Err(init::InitError::Io(e)) => {
            diag(env.lang, env.err, Msg::new("init.io").arg("bestand", path).arg("fout", e));
            ExitCode::from(2)
        }
    }
}

fn rules_cmd(args: RulesArgs, env: &Env) -> ExitCode {
    let registry = match registry(rules_dirs(&args.rules, env), env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let json = matches!(args.format, ListFormat::Json);
    if args.sources {
        return finish(emit(env.out, &uitleg::sources(&registry, env.lang, json, env.out, table_width())), 0);
    }
    let out = match &args.regeling {
        None => uitleg::sets(&registry, env.lang, json, env.out),
        Some(id) => match registry.get(id) {
            Some(set) => uitleg::rules(set, env.lang, json, env.out, table_width()),
            None => {
                let known: Vec<String> = stocheck::regeling::known_ids(&registry).into_iter().collect();
                diag(env.lang, env.err, Msg::new("cli.regeling-onbekend").arg("regeling", id.as_str()).arg("bekend", known.join(", ")));
                return ExitCode::from(2);
            }
        },
    };
    finish(emit(env.out, &out), 0)
}

/// `stocheck test`: exit 0 when every scenario holds, 1 when one does not, 2 when one cannot be read.
fn test_cmd(args: TestArgs, env: &Env) -> ExitCode {
    let registry = match registry(&args.rules, env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let results = if args.paths.is_empty() {
        stocheck::scenario::builtin(&registry)
    } else {
        stocheck::scenario::run_files(&stocheck::scenario::collect(&args.paths), &registry)
    };
    let json = matches!(args.format, ListFormat::Json);
    let code = stocheck::scenario::exit_code(&results);
    finish(emit(env.out, &stocheck::scenario::write(&results, env.lang, json, env.out)), code as u8)
}

fn explain_cmd(args: ExplainArgs, env: &Env) -> ExitCode {
    let registry = match registry(rules_dirs(&args.rules, env), env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let json = matches!(args.format, ListFormat::Json);
    if let Ok(module) = args.rule.parse::<stocheck::module::Module>() {
        return finish(emit(env.out, &uitleg::explain_module(module, env.lang, json, env.out, table_width())), 0);
    }
    if stocheck::checks::uitzonderingen::IDS.contains(&args.rule.as_str()) {
        return finish(emit(env.out, &uitleg::explain_waiver_rule(&args.rule, env.lang, json, env.out, table_width())), 0);
    }
    let Some(rule) = stocheck::checks::RULES.iter().find(|r| r.id == args.rule) else {
        let ids = stocheck::checks::RULES
            .iter()
            .map(|r| r.id)
            .chain(stocheck::checks::uitzonderingen::IDS)
            .chain(stocheck::module::Module::ALL.iter().map(|m| m.as_str()));
        match stocheck::aanvraag::suggest(&args.rule, ids) {
            Some(s) => diag(env.lang, env.err, Msg::new("cli.regel-onbekend-bedoeld").arg("regel", args.rule.as_str()).arg("bedoeld", s)),
            None => diag(env.lang, env.err, Msg::new("cli.regel-onbekend").arg("regel", args.rule.as_str())),
        }
        return ExitCode::from(2);
    };
    finish(emit(env.out, &uitleg::explain(rule, &registry, env.lang, json, env.out, table_width())), 0)
}

/// At most one format to stdout, and no two to the same file.
fn check_formats(formats: &[FormatSpec]) -> Result<(), Msg> {
    let to_stdout: Vec<String> = formats
        .iter()
        .filter(|s| s.file.is_none())
        .map(|s| s.format.name().to_string())
        .collect();
    if to_stdout.len() > 1 {
        return Err(Msg::new("cli.format").arg("formaten", to_stdout.join(", ")));
    }
    let mut seen = std::collections::BTreeSet::new();
    for f in formats.iter().filter_map(|s| s.file.as_ref()) {
        if !seen.insert(f) {
            return Err(Msg::new("cli.format-dubbel").arg("bestand", f.display().to_string()));
        }
    }
    Ok(())
}
