//! Scenario tests of rule sets (`stocheck test`, formaat.md §5.8). A scenario is a small YAML
//! file: a name, the source its expectation rests on, an application to start from (`basis`, a
//! file next to the scenario, or `aanvraag`, inline), the changes made to it (`wijzigingen`: each
//! top-level section given replaces the application's section of that name, or is added), a
//! peildatum, and the outcome expected per rule and overall. Running one checks the changed
//! application with the library's one entry point and compares.
//!
//! The built-in scenarios (`scenarios/`) are compiled in and start from the applications in
//! `scenarios/basis/`; they have no folder, so attachment checks are `skip` in them (as for stdin).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::aanvraag::{LoadError, from_yaml, load_text, suggest};
use crate::checks::{self, RULES};
use crate::engine::{MomentFrom, Outcome};
use crate::regeling::Registry;
use crate::messages::Msg;
use crate::run::parse_peildatum;
use crate::yaml::{self, Spanned, pos};

/// A scenario file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    naam: String,
    /// The source the expectation rests on (a worked example of regels.md, a page).
    bron: String,
    /// The application to start from: a file, relative to the scenario file.
    #[serde(default)]
    basis: Option<Spanned<String>>,
    /// The application to start from, inline.
    #[serde(default)]
    aanvraag: Option<Spanned<String>>,
    /// Top-level sections that replace the application's (YAML text).
    #[serde(default)]
    wijzigingen: Option<String>,
    peildatum: Spanned<String>,
    verwacht: Spanned<RawVerwacht>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerwacht {
    /// `pass` or `fail`: the file's verdict.
    #[serde(default)]
    oordeel: Option<Spanned<String>>,
    /// Per rule id, its outcome: the most serious of its findings (fail, warn, pass; skip when
    /// every finding is a skip).
    #[serde(default)]
    regels: crate::aanvraag::Keyed<String>,
}

/// Where a scenario comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Herkomst {
    /// Compiled in: the path under `scenarios/`.
    Ingebouwd(&'static str),
    Bestand(PathBuf),
}

impl Herkomst {
    pub fn display(&self) -> String {
        match self {
            Herkomst::Ingebouwd(p) => p.to_string(),
            Herkomst::Bestand(p) => p.display().to_string(),
        }
    }
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Afwijking {
    /// A rule id, or `None` for the verdict.
    pub regel: Option<String>,
    pub verwacht: String,
    pub kreeg: String,
}

/// What running one scenario gave.
#[derive(Debug, Clone)]
pub enum Uitslag {
    /// Every expectation held.
    Geslaagd,
    /// These did not.
    Mislukt(Vec<Afwijking>),
    /// The scenario (or its application) could not be read; with the file the errors are in.
    Ongeldig { bestand: String, fouten: Vec<LoadError> },
}

#[derive(Debug, Clone)]
pub struct Resultaat {
    pub herkomst: Herkomst,
    pub naam: Option<String>,
    pub bron: Option<String>,
    pub uitslag: Uitslag,
}

const OUTCOMES: [&str; 4] = ["pass", "warn", "fail", "skip"];
const VERDICTS: [&str; 2] = ["pass", "fail"];

/// The outcome of a rule over its findings: the most serious one.
fn rule_outcome(outcomes: &[Outcome]) -> Outcome {
    [Outcome::Fail, Outcome::Warn, Outcome::Pass]
        .into_iter()
        .find(|o| outcomes.contains(o))
        .unwrap_or(Outcome::Skip)
}

/// A closed set of words: the value, or a load error at its place naming the nearest.
fn one_of(v: &Spanned<String>, known: &[&str], what: &str) -> Result<(), LoadError> {
    if known.contains(&v.value.as_str()) {
        return Ok(());
    }
    Err(match suggest(&v.value, known.iter().copied()) {
        Some(s) => LoadError::new(Msg::new("laden.onbekende-waarde-bedoeld").arg("veld", what).arg("waarde", v.value.as_str()).arg("bedoeld", s.as_str()), pos(v))
            .suggest(&v.value, &s),
        None => LoadError::new(Msg::new("laden.onbekende-waarde").arg("veld", what).arg("waarde", v.value.as_str()).arg("bekend", known.join(", ")), pos(v)),
    })
}

/// Reads the application text a scenario starts from: a file next to it, or compiled in.
fn basis_text(herkomst: &Herkomst, rel: &str) -> Result<(String, Option<PathBuf>), String> {
    match herkomst {
        Herkomst::Ingebouwd(p) => {
            let dir = Path::new(p).parent().unwrap_or(Path::new(""));
            let want = normalise(&dir.join(rel));
            crate::builtin::SCENARIOS
                .iter()
                .find(|(path, _)| Path::new(path) == want)
                .map(|(_, text)| (text.to_string(), None))
                .ok_or_else(|| want.display().to_string())
        }
        Herkomst::Bestand(p) => {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let path = dir.join(rel);
            let bytes = std::fs::read(&path).map_err(|_| path.display().to_string())?;
            let text = yaml::text_of(&bytes).map_err(|_| path.display().to_string())?;
            let folder = path.parent().map(Path::to_path_buf);
            Ok((text.to_string(), folder))
        }
    }
}

/// `a/b/../c` → `a/c`, for paths inside the compiled-in tree.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs one scenario from its text.
pub fn run_text(herkomst: Herkomst, text: &str, reg: &Registry) -> Resultaat {
    let file = herkomst.display();
    let invalid = |herkomst: Herkomst, naam: Option<String>, bron: Option<String>, bestand: String, fouten: Vec<LoadError>| Resultaat {
        herkomst,
        naam,
        bron,
        uitslag: Uitslag::Ongeldig { bestand, fouten },
    };
    let raw: RawScenario = match yaml::from_str(text) {
        Ok(r) => r,
        Err(e) => return invalid(herkomst, None, None, file, vec![from_yaml(e)]),
    };
    let (naam, bron) = (Some(raw.naam.clone()), Some(raw.bron.clone()));
    let mut errors = Vec::new();
    // What is expected must name real rules and outcomes, so a typo cannot make a scenario pass.
    // The waivers' own rules too: a scenario may expect what they say about its waivers.
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).chain(checks::uitzonderingen::IDS).collect();
    for (rule, outcome) in &raw.verwacht.value.regels.entries {
        if let Err(e) = one_of(rule, &ids, "verwacht.regels") {
            errors.push(e);
        }
        if let Err(e) = one_of(outcome, &OUTCOMES, "uitkomst") {
            errors.push(e);
        }
    }
    if let Some(o) = &raw.verwacht.value.oordeel
        && let Err(e) = one_of(o, &VERDICTS, "verwacht.oordeel")
    {
        errors.push(e);
    }
    if raw.verwacht.value.oordeel.is_none() && raw.verwacht.value.regels.entries.is_empty() {
        errors.push(LoadError::new(Msg::new("scenario.niets-verwacht"), pos(&raw.verwacht)));
    }
    let peildatum = match parse_peildatum(&raw.peildatum.value) {
        Ok(m) => Some(m),
        Err(id) => {
            errors.push(LoadError::new(Msg::new(id), pos(&raw.peildatum)));
            None
        }
    };
    let start = match (&raw.basis, &raw.aanvraag) {
        (Some(b), None) => match basis_text(&herkomst, &b.value) {
            Ok(t) => Some(t),
            Err(path) => {
                errors.push(LoadError::new(Msg::new("scenario.basis-niet-gevonden").arg("pad", path), pos(b)));
                None
            }
        },
        (None, Some(inline)) => {
            let folder = match &herkomst {
                Herkomst::Bestand(p) => p.parent().map(|d| if d.as_os_str().is_empty() { PathBuf::from(".") } else { d.to_path_buf() }),
                Herkomst::Ingebouwd(_) => None,
            };
            Some((inline.value.clone(), folder))
        }
        _ => {
            errors.push(LoadError::new(Msg::new("scenario.basis-of-aanvraag"), None));
            None
        }
    };
    if !errors.is_empty() {
        return invalid(herkomst, naam, bron, file, errors);
    }
    let (Some((base, folder)), Some(peildatum)) = (start, peildatum) else {
        return invalid(herkomst, naam, bron, file, errors);
    };
    let text = match &raw.wijzigingen {
        Some(w) => crate::uitleg::embed(&base, w),
        None => base,
    };
    let a = match load_text(&text, &reg.vocabulary()) {
        Ok(a) => a,
        // The changed application: its errors name the scenario, with the lines of that text.
        Err(fouten) => {
            let mut fouten = fouten;
            fouten.insert(0, LoadError::new(Msg::new("scenario.aanvraag-ongeldig"), None));
            return invalid(herkomst, naam, bron, file, fouten);
        }
    };
    let Some(set) = reg.get(&a.regeling.value) else {
        return invalid(herkomst, naam, bron, file, vec![LoadError::new(Msg::new("laden.regeling").arg("regeling", a.regeling.value.as_str()), None)]);
    };
    let (moment, from) = match &a.indiening.value.moment {
        Some(m) => (m.value, MomentFrom::Indiening),
        None => (peildatum, MomentFrom::Peildatum),
    };
    // The application's waivers, as `check` reads and applies them (formaat.md §5.2): judged on
    // the scenario's peildatum; a waived failure keeps its outcome for its rule, but not for the
    // verdict.
    let waiver_errors = checks::waiver_errors(&a);
    if !waiver_errors.is_empty() {
        let mut fouten = waiver_errors;
        fouten.insert(0, LoadError::new(Msg::new("scenario.aanvraag-ongeldig"), None));
        return invalid(herkomst, naam, bron, file, fouten);
    }
    let mut findings = checks::check(&a, set, moment, from, folder.as_deref()).findings;
    let about_waivers = checks::uitzonderingen::apply(&mut findings, a.uitzonderingen(), peildatum.local_date());
    findings.extend(about_waivers);
    let mut per_rule: BTreeMap<&str, Vec<Outcome>> = BTreeMap::new();
    for f in &findings {
        per_rule.entry(f.rule).or_default().push(f.outcome);
    }
    let mut afwijkingen = Vec::new();
    for (rule, want) in &raw.verwacht.value.regels.entries {
        let got = per_rule.get(rule.value.as_str()).map_or(Outcome::Skip, |o| rule_outcome(o));
        if got.as_str() != want.value {
            afwijkingen.push(Afwijking { regel: Some(rule.value.clone()), verwacht: want.value.clone(), kreeg: got.as_str().to_string() });
        }
    }
    if let Some(want) = &raw.verwacht.value.oordeel {
        let fails = findings.iter().any(|f| f.outcome == Outcome::Fail && f.waiver.is_none());
        let got = if fails { "fail" } else { "pass" };
        if got != want.value {
            afwijkingen.push(Afwijking { regel: None, verwacht: want.value.clone(), kreeg: got.to_string() });
        }
    }
    Resultaat {
        herkomst,
        naam,
        bron,
        uitslag: if afwijkingen.is_empty() { Uitslag::Geslaagd } else { Uitslag::Mislukt(afwijkingen) },
    }
}

/// Every built-in scenario (files under `scenarios/`, not the applications in `scenarios/basis/`).
pub fn builtin(reg: &Registry) -> Vec<Resultaat> {
    crate::builtin::SCENARIOS
        .iter()
        .filter(|(p, _)| !p.starts_with("scenarios/basis/"))
        .map(|(p, text)| run_text(Herkomst::Ingebouwd(p), text, reg))
        .collect()
}

/// The scenario files named: a file, or every `*.yaml` / `*.yml` below a folder (sorted, hidden
/// entries and folders named `basis` skipped: those hold the applications scenarios start from).
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            out.push(dir.to_path_buf());
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                if name != "basis" {
                    walk(&p, out);
                }
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() { walk(p, &mut out) } else { out.push(p.clone()) }
    }
    out
}

/// Runs the scenario files given.
pub fn run_files(files: &[PathBuf], reg: &Registry) -> Vec<Resultaat> {
    files
        .iter()
        .map(|p| {
            let herkomst = Herkomst::Bestand(p.clone());
            match std::fs::read(p) {
                Ok(bytes) => match yaml::text_of(&bytes) {
                    Ok(text) => run_text(herkomst, text, reg),
                    Err(e) => Resultaat { herkomst, naam: None, bron: None, uitslag: Uitslag::Ongeldig { bestand: p.display().to_string(), fouten: vec![from_yaml(e)] } },
                },
                Err(_) => Resultaat {
                    herkomst,
                    naam: None,
                    bron: None,
                    uitslag: Uitslag::Ongeldig { bestand: p.display().to_string(), fouten: vec![LoadError::new(Msg::new("laden.niet-gevonden"), None)] },
                },
            }
        })
        .collect()
}

/// The exit code: 2 when a scenario could not be read, else 1 when one failed, else 0.
pub fn exit_code(results: &[Resultaat]) -> i32 {
    results
        .iter()
        .map(|r| match r.uitslag {
            Uitslag::Geslaagd => 0,
            Uitslag::Mislukt(_) => 1,
            Uitslag::Ongeldig { .. } => 2,
        })
        .max()
        .unwrap_or(0)
}

/// The report of a test run: per scenario a line (and what did not hold), then the summary line;
/// or the same as JSON. Names and sources come from scenario files, so their control characters
/// are made visible.
pub fn write(results: &[Resultaat], lang: crate::messages::Lang, as_json: bool, style: crate::report::style::Style) -> String {
    use crate::messages::render;
    let t = |m: Msg| render(&m, lang);
    use crate::report::style::Paint;
    use crate::report::{error_line, visible};
    use std::fmt::Write as _;

    let passed = results.iter().filter(|r| matches!(r.uitslag, Uitslag::Geslaagd)).count();
    let failed = results.iter().filter(|r| matches!(r.uitslag, Uitslag::Mislukt(_))).count();
    let invalid = results.len() - passed - failed;
    if as_json {
        let list: Vec<serde_json::Value> = results
            .iter()
            .map(|r| {
                let (result, afw, fouten) = match &r.uitslag {
                    Uitslag::Geslaagd => ("pass", Vec::new(), Vec::new()),
                    Uitslag::Mislukt(a) => ("fail", a.clone(), Vec::new()),
                    Uitslag::Ongeldig { fouten, .. } => ("error", Vec::new(), fouten.clone()),
                };
                serde_json::json!({
                    "path": r.herkomst.display(),
                    "name": r.naam,
                    "source": r.bron,
                    "result": result,
                    "mismatches": afw.iter().map(|a| serde_json::json!({
                        "rule": a.regel, "expected": a.verwacht, "got": a.kreeg,
                    })).collect::<Vec<_>>(),
                    "errors": fouten.iter().map(|e| serde_json::json!({
                        "id": e.id(),
                        "message": crate::report::error_text(e, lang),
                        "line": e.pos.map(|p| p.line),
                        "column": e.pos.map(|p| p.column),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let v = serde_json::json!({
            "version": 1,
            "scenarios": list,
            "summary": { "scenarios": results.len(), "passed": passed, "failed": failed, "error": invalid },
        });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = String::new();
    for r in results {
        let naam = visible(r.naam.as_deref().unwrap_or(""));
        let file = visible(&r.herkomst.display());
        let (paint, mark) = match r.uitslag {
            Uitslag::Geslaagd => (Paint::Pass, t(Msg::new("scenario.geslaagd"))),
            Uitslag::Mislukt(_) => (Paint::Fail, t(Msg::new("scenario.mislukt"))),
            Uitslag::Ongeldig { .. } => (Paint::Fail, t(Msg::new("scenario.ongeldig"))),
        };
        let head = if naam.is_empty() { style.paint(paint, &mark) } else { format!("{} {naam}", style.paint(paint, &mark)) };
        let _ = writeln!(out, "{head}  {}", style.paint(Paint::Dim, &format!("({file})")));
        match &r.uitslag {
            Uitslag::Geslaagd => {}
            Uitslag::Mislukt(afw) => {
                for a in afw {
                    let line = match &a.regel {
                        Some(rule) => t(Msg::new("scenario.regel").arg("regel", rule.as_str()).arg("verwacht", a.verwacht.as_str()).arg("uitkomst", a.kreeg.as_str())),
                        None => t(Msg::new("scenario.oordeel").arg("verwacht", a.verwacht.as_str()).arg("uitkomst", a.kreeg.as_str())),
                    };
                    let _ = writeln!(out, "    {line}");
                }
                if let Some(b) = &r.bron {
                    let _ = writeln!(out, "    {}", style.paint(Paint::Dim, &t(Msg::new("bronnen.bron").arg("bron", visible(b)))));
                }
            }
            Uitslag::Ongeldig { bestand, fouten } => {
                for e in fouten {
                    let _ = writeln!(out, "    {}", visible(&error_line(bestand, e, lang)));
                }
            }
        }
    }
    let mut summary = t(Msg::new("scenario.samenvatting").arg("scenarios", results.len()).arg("geslaagd", passed).arg("mislukt", failed));
    if invalid > 0 {
        summary.push_str(&t(Msg::new("scenario.samenvatting-ongeldig").arg("ongeldig", invalid)));
    }
    let _ = writeln!(out, "\n{summary}");
    out
}
