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
    let mut run = Run { files: Vec::new(), skipped: collected.skipped.clone() };
    check_each(collected, reg, opts, 1, |c| {
        match c {
            Checked::File(f) => run.files.push(*f),
            Checked::Skipped(s) => run.skipped.push(s),
        }
        std::ops::ControlFlow::Continue(())
    });
    run
}

/// What became of one input.
#[derive(Debug)]
pub enum Checked {
    File(Box<FileReport>),
    /// Found while walking, but not an application.
    Skipped(crate::walk::Skipped),
}

/// Checks every input of a walk on `threads` threads (the caller's among them: it checks files
/// while it waits for the next one's turn) and hands each outcome to `each`, on the caller's
/// thread, in the walk's order, as soon as its turn comes: the order, and so every report, is
/// the same whatever the number of threads. The threads run at most a few files ahead of the
/// one `each` waits for, so memory holds a handful of reports, not the run's. `each` may stop
/// the run (a closed stdout); files already being checked are then finished and dropped.
pub fn check_each(
    collected: &crate::walk::Collected,
    reg: &Registry,
    opts: &Options,
    threads: usize,
    mut each: impl FnMut(Checked) -> std::ops::ControlFlow<()>,
) {
    let vocab = &reg.vocabulary();
    let inputs = &collected.inputs;
    let one = |input: &Input| {
        let bytes = read_input(input);
        if let (Input::Found(p), Ok(b)) = (input, &bytes)
            && !crate::walk::names_a_regeling(b)
        {
            return Checked::Skipped(crate::walk::Skipped { path: p.display().to_string(), reason: "overgeslagen.geen-regeling" });
        }
        Checked::File(Box::new(check_bytes(input, bytes, reg, vocab, opts)))
    };
    let threads = threads.clamp(1, inputs.len().max(1));
    if threads == 1 {
        for input in inputs {
            if each(one(input)).is_break() {
                return;
            }
        }
        return;
    }
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    /// The outcomes checked ahead of their turn, the next turn, and whether the run stopped.
    struct Shared {
        ready: BTreeMap<usize, std::thread::Result<Checked>>,
        turn: usize,
        stop: bool,
        /// Who sleeps, so that a wake-up (a system call) is made only for a sleeper that waits
        /// for it: the writer for the file of its turn, workers for room ahead.
        writer_waits: bool,
        workers_wait: usize,
    }
    // Far enough ahead to keep every thread busy past a slow file, near enough to keep memory flat.
    let ahead = 4 * threads;
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(Shared { ready: BTreeMap::new(), turn: 0, stop: false, writer_waits: false, workers_wait: 0 });
    let (done, room) = (Condvar::new(), Condvar::new());
    // A poisoned lock means a worker panicked; its panic is raised again when the scope ends.
    let lock = || shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // The claim of the next unchecked file within the window, for the writer, which must never
    // wait for room: it is the one that makes it.
    let claim_near = |turn: usize| {
        let mut j = next.load(Ordering::Relaxed);
        while j < inputs.len().min(turn + ahead) {
            match next.compare_exchange_weak(j, j + 1, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return Some(j),
                Err(now) => j = now,
            }
        }
        None
    };
    std::thread::scope(|scope| {
        // The writer checks files too: `threads` threads in all, one per core, and none of them
        // only waiting to write.
        for _ in 1..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= inputs.len() {
                        return;
                    }
                    {
                        let mut s = lock();
                        // The file whose turn it is never waits: it is the lowest index taken.
                        while i >= s.turn + ahead && !s.stop {
                            s.workers_wait += 1;
                            s = room.wait(s).unwrap_or_else(std::sync::PoisonError::into_inner);
                            s.workers_wait -= 1;
                        }
                        if s.stop {
                            return;
                        }
                    }
                    // A panic is handed over in the file's turn and raised again there.
                    let c = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&inputs[i])));
                    let mut s = lock();
                    s.ready.insert(i, c);
                    if i == s.turn && s.writer_waits {
                        done.notify_one();
                    }
                }
            });
        }
        for i in 0..inputs.len() {
            let c = loop {
                {
                    let mut s = lock();
                    if let Some(c) = s.ready.remove(&i) {
                        s.turn = i + 1;
                        if s.workers_wait > 0 {
                            room.notify_all();
                        }
                        break c;
                    }
                }
                // Not checked yet: check the next file that is nobody's (this one, or one
                // ahead), or, when every file near enough is taken, wait for this one.
                if let Some(j) = claim_near(i) {
                    let c = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&inputs[j])));
                    lock().ready.insert(j, c);
                    continue;
                }
                let mut s = lock();
                if !s.ready.contains_key(&i) {
                    s.writer_waits = true;
                    s = done.wait(s).unwrap_or_else(std::sync::PoisonError::into_inner);
                    s.writer_waits = false;
                }
            };
            let c = match c {
                Ok(c) => c,
                Err(panic) => {
                    lock().stop = true;
                    room.notify_all();
                    std::panic::resume_unwind(panic);
                }
            };
            if each(c).is_break() {
                lock().stop = true;
                room.notify_all();
                return;
            }
        }
    });
}

/// The number of threads `check` uses without `--threads`: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
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

    /// Inputs that cost nothing to check (each is an error naming its path), for the order.
    fn unusable(n: usize) -> crate::walk::Collected {
        crate::walk::Collected {
            inputs: (0..n).map(|i| Input::Unusable(std::path::PathBuf::from(format!("p{i:04}")), "laden.is-map")).collect(),
            skipped: Vec::new(),
        }
    }

    fn opts() -> Options {
        Options { peildatum: parse_peildatum("2024-10-01").unwrap(), fail_on: FailOn::Fail, no_waivers: false }
    }

    #[test]
    fn every_file_comes_once_in_order_whatever_the_threads() {
        let reg = Registry::builtin().unwrap();
        let collected = unusable(300);
        for threads in [1, 2, 3, 8, 500] {
            let mut seen = Vec::new();
            check_each(&collected, &reg, &opts(), threads, |c| {
                let Checked::File(f) = c else { panic!("no file is skipped here") };
                seen.push(f.path);
                std::ops::ControlFlow::Continue(())
            });
            let want: Vec<String> = (0..300).map(|i| format!("p{i:04}")).collect();
            assert_eq!(seen, want, "{threads} threads");
        }
    }

    #[test]
    fn a_stop_ends_the_run_at_once() {
        let reg = Registry::builtin().unwrap();
        let collected = unusable(300);
        for threads in [1, 2, 4] {
            let mut calls = 0;
            check_each(&collected, &reg, &opts(), threads, |_| {
                calls += 1;
                if calls == 5 { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
            });
            assert_eq!(calls, 5, "{threads} threads");
        }
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
