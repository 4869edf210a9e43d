//! The JUnit XML report (quick-junit), for CI systems that show test results: one test suite per
//! file, one test case per rule. A rule with a failing finding is a `<failure>` whose text lists
//! every failing and warning finding with its place and source; a rule that only warns passes,
//! with its warnings in the case's `<system-out>` (visible, not failing; under `--fail-on warn`,
//! when warnings alone fail the file, they are failures); a rule whose findings
//! are all `skip` is `<skipped>` with the reason. A file that could not be read is one `<error>`
//! case, `laden`, listing the load errors. No timestamps or durations: the output depends on the
//! input alone.

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::writer::{Layout, Stream, Writer};
use super::{LADEN, Meta, error_text, finding_text};
use crate::engine::{Finding, Outcome};
use crate::messages::{Msg, render};
use crate::report::model::{FileReport, Verdict};
use crate::yaml::Pos;

fn place(path: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) => format!("{path}:{}:{}", p.line, p.column),
        None => path.to_string(),
    }
}

fn status_word(o: Outcome, meta: &Meta) -> String {
    render(
        &Msg::new(match o {
            Outcome::Pass => "rapport.status-pass",
            Outcome::Warn => "rapport.status-warn",
            Outcome::Fail => "rapport.status-fail",
            Outcome::Skip => "rapport.status-skip",
        }),
        meta.lang,
    )
}

/// One finding as a block of text: `path:line:col: status: message`, then its source.
fn block(path: &str, f: &Finding, meta: &Meta) -> String {
    let mut s = format!("{}: {}: {}", place(path, f.pos), status_word(f.outcome, meta), finding_text(f, meta.lang));
    if let Some(b) = &f.source {
        let bron = match f.certainty {
            Some(c) => format!("{b} [{}]", crate::messages::zekerheid(c.as_str(), meta.lang)),
            None => b.clone(),
        };
        s.push('\n');
        s.push_str(&render(&Msg::new("rapport.bron").arg("bron", bron), meta.lang));
    }
    s
}

/// The rules of a file's findings, in the order they first appear, with their findings.
fn by_rule(findings: &[Finding]) -> Vec<(&'static str, Vec<&Finding>)> {
    let mut groups: Vec<(&'static str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, v)) => v.push(f),
            None => groups.push((f.rule, vec![f])),
        }
    }
    groups
}

/// One rule's case. `warn_fails`: the file failed on warnings alone (`--fail-on warn`), so a
/// warning is a failure here too, and the suite agrees with the verdict.
fn case(path: &str, rule: &'static str, findings: &[&Finding], warn_fails: bool, meta: &Meta) -> TestCase {
    let has = |o: Outcome| findings.iter().any(|f| f.outcome == o);
    let fails = has(Outcome::Fail) || (warn_fails && has(Outcome::Warn));
    let problems: Vec<String> = findings
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Warn))
        .map(|f| block(path, f, meta))
        .collect();
    let status = if fails {
        let first = findings.iter().find(|f| f.outcome == Outcome::Fail).or_else(|| findings.iter().find(|f| f.outcome == Outcome::Warn)).copied();
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        if let Some(f) = first {
            s.set_message(format!("{}: {}", place(path, f.pos), render(&f.message, meta.lang)));
        }
        s.set_type(rule);
        s.set_description(problems.join("\n\n"));
        s
    } else if has(Outcome::Warn) || has(Outcome::Pass) {
        TestCaseStatus::success()
    } else {
        let mut s = TestCaseStatus::skipped();
        if let Some(f) = findings.first() {
            s.set_message(render(&f.message, meta.lang));
        }
        s
    };
    let mut c = TestCase::new(rule, status);
    c.set_classname(path);
    if !fails && has(Outcome::Warn) {
        c.set_system_out(problems.join("\n\n"));
    }
    c
}

fn suite(f: &FileReport, meta: &Meta) -> TestSuite {
    let mut s = TestSuite::new(f.path.as_str());
    s.add_property(Property::new("verdict", f.verdict.as_str()));
    if let Some(g) = &f.regeling {
        s.add_property(Property::new("regeling", g.as_str()));
    }
    if let Some(k) = &f.soort {
        s.add_property(Property::new("soort", k.as_str()));
    }
    if let Some((m, _)) = &f.moment {
        // For machines: an RFC 3339 moment, the same text as `moment.value` in the JSON report.
        s.add_property(Property::new("moment", m.to_string()));
    }
    if !f.errors.is_empty() {
        let first = &f.errors[0];
        let mut st = TestCaseStatus::non_success(NonSuccessKind::Error);
        st.set_message(format!("{}: {}", place(&f.path, first.pos), error_text(first, meta.lang)));
        st.set_type(LADEN);
        let all: Vec<String> = f
            .errors
            .iter()
            .map(|e| format!("{}: {}", place(&f.path, e.pos), error_text(e, meta.lang)))
            .collect();
        st.set_description(all.join("\n"));
        let mut c = TestCase::new(LADEN, st);
        c.set_classname(f.path.as_str());
        s.add_test_case(c);
    }
    let warn_fails = f.verdict == Verdict::Fail && f.count(Outcome::Fail) == 0;
    for (rule, findings) in by_rule(&f.findings) {
        s.add_test_case(case(&f.path, rule, &findings, warn_fails, meta));
    }
    s
}

/// The whole report as JUnit XML, ending in a newline.
/// The `junit` report.
pub struct Junit;

impl Writer for Junit {
    fn name(&self) -> &'static str {
        "junit"
    }

    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(JunitStream { meta, report: Report::new("stocheck") })
    }
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    Junit.write(files, meta, &Layout::default())
}

/// The JUnit being written: its root element carries the totals, so each file's test suite is
/// kept (built as its turn comes, not the file's report) and the XML written at the end.
struct JunitStream<'a> {
    meta: &'a Meta,
    report: Report,
}

impl Stream for JunitStream<'_> {
    fn file(&mut self, f: &FileReport, _out: &mut String) {
        self.report.add_test_suite(suite(f, self.meta));
    }

    fn finish(self: Box<Self>, _skipped: &[crate::report::model::Skipped], out: &mut String) {
        out.push_str(&xml(&self.report));
    }
}

fn xml(report: &Report) -> String {
    // Serialising into memory fails only on invalid UTF-8, which a String cannot hold.
    let mut out = report.to_string().unwrap_or_default();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
