//! Running `check`: reading each file the walk found ([`crate::walk`]: the user's paths turned
//! into files), choosing its rule set from `regeling:`, running the checks, and giving each file
//! a verdict. Every file is checked, whatever happens to the others.

use std::io::Read;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Amsterdam;

use crate::aanvraag::{Herkomst, LoadError, Vocabulary, load_bytes};
use crate::checks;
use crate::engine::{MomentFrom, Outcome};
use crate::messages::Msg;
use crate::regeling::{Origin, Registry};
pub use crate::report::model::{FileReport, RulesInfo, Skipped, Totals, Verdict};
use crate::values::Moment;

/// When a file's verdict is `fail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Only failing findings fail the file.
    #[default]
    Fail,
    /// Warnings fail it too.
    Warn,
}

pub use crate::walk::Input;

/// Options of a check run.
#[derive(Debug, Clone)]
pub struct Options {
    pub peildatum: Moment,
    pub fail_on: FailOn,
    /// `--no-waivers`: report as if the files recorded no `uitzonderingen` (formaat.md §5.2).
    pub no_waivers: bool,
}

/// Parses `--peildatum`: a moment with offset, or a bare date meaning 00:00 Europe/Amsterdam.
pub fn parse_peildatum(text: &str) -> Result<Moment, &'static str> {
    if let Ok(m) = Moment::parse(text) {
        return Ok(m);
    }
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| "cli.peildatum")?;
    let local = Amsterdam
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).ok_or("cli.peildatum")?)
        .earliest()
        .ok_or("cli.peildatum")?;
    Ok(Moment(local.fixed_offset()))
}

/// The moment now, with the Amsterdam offset.
pub fn now() -> Moment {
    // Whole seconds: the report shows the moment, and sub-second noise helps nobody.
    let now = chrono::Utc::now().with_timezone(&Amsterdam).fixed_offset();
    Moment(chrono::SubsecRound::trunc_subsecs(now, 0))
}

/// Builds the exclusion matcher; a bad glob is a usage error.
pub fn exclusions(globs: &[String]) -> Result<globset::GlobSet, String> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        b.add(globset::Glob::new(g).map_err(|e| format!("{g}: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

/// The files to check, in a stable order: each argument in turn, a directory's YAML files sorted
/// (see [`crate::walk`], which also lists what a walk passed over).
pub fn collect(paths: &[String], exclude: &globset::GlobSet) -> Vec<Input> {
    crate::walk::collect(paths, exclude).inputs
}

/// The result of a run: a report per file checked, and the files a directory walk passed over
/// (path and reason), for the writers that list them.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub files: Vec<FileReport>,
    pub skipped: Vec<crate::walk::Skipped>,
}

/// Checks every input of a walk, each whatever happens to the others. A file found while walking
/// that has no line `regeling:` is not an application (a `mkdocs.yml`): it joins the skipped
/// files instead of failing the run.
pub fn check_all(collected: &crate::walk::Collected, reg: &Registry, opts: &Options) -> Run {
    let vocab = &reg.vocabulary();
    let mut run = Run { files: Vec::new(), skipped: collected.skipped.clone() };
    for input in &collected.inputs {
        let bytes = read_input(input);
        if let (Input::Found(p), Ok(b)) = (input, &bytes)
            && !crate::walk::names_a_regeling(b)
        {
            run.skipped.push(crate::walk::Skipped { path: p.display().to_string(), reason: "overgeslagen.geen-regeling" });
            continue;
        }
        run.files.push(check_bytes(input, bytes, reg, vocab, opts));
    }
    run
}

/// The bytes of an input, read once and through a bound; the error of an input that cannot be
/// read.
fn read_input(input: &Input) -> Result<Vec<u8>, LoadError> {
    match input {
        Input::Unusable(_, id) => Err(LoadError::new(Msg::new(id), None)),
        Input::Stdin => {
            let mut bytes = Vec::new();
            // Read at most one byte past the limit, so an endless stream cannot exhaust memory.
            let limit = crate::yaml::MAX_BYTES as u64 + 1;
            match std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
                Ok(_) => Ok(bytes),
                Err(e) => Err(LoadError::new(Msg::new("laden.io").arg("fout", e.to_string()), None)),
            }
        }
        Input::File(p) | Input::Found(p) => crate::aanvraag::read(p),
    }
}

/// The exit code of a run: the highest its files ask for (formaat.md §3).
pub fn exit_code(files: &[FileReport]) -> i32 {
    files.iter().map(|f| f.verdict.exit_code()).max().unwrap_or(0)
}

/// Checks one input.
pub fn check_input(input: &Input, reg: &Registry, vocab: &Vocabulary, opts: &Options) -> FileReport {
    check_bytes(input, read_input(input), reg, vocab, opts)
}

/// Checks an application given as bytes, as if read from stdin (no folder, so attachment checks
/// are skipped): for tests and fuzzing.
pub fn check_text(bytes: Vec<u8>, reg: &Registry, vocab: &Vocabulary, opts: &Options) -> FileReport {
    check_bytes(&Input::Stdin, Ok(bytes), reg, vocab, opts)
}

/// Checks one input whose bytes have been read: the same bytes serve the reader and the drawing
/// of its errors, so the file is read once.
fn check_bytes(input: &Input, bytes: Result<Vec<u8>, LoadError>, reg: &Registry, vocab: &Vocabulary, opts: &Options) -> FileReport {
    let path = input.display();
    let herkomst = match input {
        Input::File(p) | Input::Found(p) => Some(Herkomst::Bestand(p.clone())),
        Input::Stdin => Some(Herkomst::Stdin),
        Input::Unusable(..) => None,
    };
    let (loaded, bytes) = match bytes {
        Ok(b) => (load_bytes(&b, vocab), Some(b)),
        Err(e) => (Err(vec![e]), None),
    };
    let mut report = FileReport {
        path,
        regeling: None,
        rules: None,
        region: None,
        regio_soort: None,
        soort: None,
        moment: None,
        verdict: Verdict::Error,
        findings: Vec::new(),
        errors: Vec::new(),
        totals: None,
        source: None,
    };
    let a = match loaded {
        Ok(a) => a,
        Err(errors) => {
            if errors.iter().any(|e| e.pos.is_some()) {
                report.source = bytes.and_then(|b| String::from_utf8(b).ok());
            }
            report.errors = errors;
            return report;
        }
    };
    // Waivers name rules of the registry, which the reader does not know: checked here, and an
    // error stops the file like any other load error.
    let waiver_errors = checks::waiver_errors(&a);
    if !waiver_errors.is_empty() {
        report.source = bytes.and_then(|b| String::from_utf8(b).ok());
        report.errors = waiver_errors;
        return report;
    }
    report.regeling = Some(a.regeling.value.clone());
    report.region = Some(a.regio.value.naam.value.clone());
    report.regio_soort = Some(a.regio.value.soort.value.clone());
    report.soort = Some(a.indiening.value.soort.value.clone());
    // The loader accepts only ids that a loaded rule set has.
    let Some(set) = reg.get(&a.regeling.value) else {
        report.errors.push(LoadError::new(Msg::new("laden.regeling").arg("regeling", a.regeling.value.as_str()), None));
        return report;
    };
    report.rules = Some(RulesInfo {
        id: set.id.clone(),
        versie: set.versie.clone(),
        origin: match &set.origin {
            Origin::Builtin => "builtin".to_string(),
            Origin::File(p) => p.display().to_string(),
        },
    });
    let (moment, from) = match &a.indiening.value.moment {
        Some(m) => (m.value, MomentFrom::Indiening),
        None => (opts.peildatum, MomentFrom::Peildatum),
    };
    report.moment = Some((moment, from));
    let folder = herkomst.as_ref().and_then(Herkomst::folder);
    let checked = checks::check(&a, set, moment, from, folder);
    report.findings = checked.findings;
    if !opts.no_waivers {
        // Expiry is judged on the day the plan is checked, not on the moment of submission.
        let about_waivers = checks::uitzonderingen::apply(&mut report.findings, a.uitzonderingen(), opts.peildatum.local_date());
        report.findings.extend(about_waivers);
    }
    // A kind without a budget (a vooraanmelding) has no totals to show.
    let soort = set.soorten.get(a.indiening.value.soort.value.as_str());
    let budget = soort.is_none_or(|k| k.applies(crate::module::Module::Begroting));
    report.totals = budget.then_some(checked.totals);
    // A waived finding keeps its outcome but does not count (FileReport::count leaves it out).
    let fails = report.count(Outcome::Fail) > 0;
    let warns = report.count(Outcome::Warn) > 0;
    report.verdict = if fails || (warns && opts.fail_on == FailOn::Warn) {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_peildatum_is_midnight_in_amsterdam() {
        assert_eq!(parse_peildatum("2024-10-01").unwrap().to_string(), "2024-10-01T00:00:00+02:00");
        assert_eq!(parse_peildatum("2024-10-01").unwrap().0.timestamp(), 1_727_733_600);
        assert_eq!(parse_peildatum("2024-12-01").unwrap().0.offset().local_minus_utc(), 3600);
        assert!(parse_peildatum("2024-10-01T16:00:00+02:00").is_ok());
        assert!(parse_peildatum("morgen").is_err());
    }

    #[test]
    fn walks_sorted_skips_hidden_and_excluded_and_survives_loops() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("b/.verborgen")).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        for f in ["b/z.yaml", "a/y.yml", "a/x.yaml", "b/.verborgen/h.yaml", ".pre-commit-config.yaml", "a/notes.txt", "a/oud.yaml"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("a/lus")).unwrap();
        let ex = exclusions(&["oud.yaml".to_string()]).unwrap();
        let found: Vec<String> = collect(&[root.display().to_string()], &ex)
            .iter()
            .map(|i| i.display().trim_start_matches(&root.display().to_string()).to_string())
            .collect();
        assert_eq!(found, vec!["/a/x.yaml", "/a/y.yml", "/b/z.yaml"]);
    }
}
