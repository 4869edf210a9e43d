//! The JUnit XML report (quick-junit), for CI systems that show test results: one test suite per
//! file, one test case per rule. A rule with a failing finding is a `<failure>` whose text lists
//! every failing and warning finding with its place and source; a rule that only warns passes,
//! with its warnings in the case's `<system-out>` (visible, not failing; under `--fail-on warn`,
//! when warnings alone fail the file, they are failures); a rule whose findings
//! are all `skip` is `<skipped>` with the reason. A file that could not be read is one `<error>`
//! case, `laden`, listing the load errors. A failure or warning that a waiver covers (formaat.md
//! §5.2) never fails its case: it is listed in the case's `<system-out>` with the waiver and the
//! words that it does not count. No timestamps or durations: the output depends on the input
//! alone.

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::writer::{Layout, Spill, Stream, Writer};
use super::{LADEN, Meta, error_text, finding_text, status_id, waiver_text};
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

/// One finding as a block of text: `path:line:col: status: message`, then its source, and for a
/// waived one the waiver and that it does not count.
fn block(path: &str, f: &Finding, meta: &Meta) -> String {
    let mut s = format!("{}: {}: {}", place(path, f.pos), render(&Msg::new(status_id(f)), meta.lang), finding_text(f, meta.lang));
    if let Some(b) = &f.source {
        let bron = match f.certainty {
            Some(c) => format!("{b} [{}]", crate::messages::zekerheid(c.as_str(), meta.lang)),
            None => b.clone(),
        };
        s.push('\n');
        s.push_str(&render(&Msg::new("rapport.bron").arg("bron", bron), meta.lang));
    }
    if let Some(w) = waiver_text(f, meta.lang) {
        s.push('\n');
        s.push_str(&w);
        s.push('\n');
        s.push_str(&render(&Msg::new("rapport.junit-uitgezonderd"), meta.lang));
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
    // What counts: a waived failure or warning does not.
    let has = |o: Outcome| findings.iter().any(|f| f.outcome == o && f.waiver.is_none());
    let fails = has(Outcome::Fail) || (warn_fails && has(Outcome::Warn));
    let problems: Vec<String> = findings
        .iter()
        .filter(|f| f.counts_against())
        .map(|f| block(path, f, meta))
        .collect();
    let waived: Vec<String> = findings.iter().filter(|f| f.waiver.is_some()).map(|f| block(path, f, meta)).collect();
    let status = if fails {
        let first = findings
            .iter()
            .find(|f| f.outcome == Outcome::Fail && f.waiver.is_none())
            .or_else(|| findings.iter().find(|f| f.outcome == Outcome::Warn && f.waiver.is_none()))
            .copied();
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        if let Some(f) = first {
            s.set_message(format!("{}: {}", place(path, f.pos), render(&f.message, meta.lang)));
        }
        s.set_type(rule);
        s.set_description(problems.join("\n\n"));
        s
    } else if has(Outcome::Warn) || has(Outcome::Pass) || !waived.is_empty() {
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
    // Visible, not failing: warnings that do not fail the file, and every waived finding.
    let mut out: Vec<String> = if fails { Vec::new() } else { problems };
    out.extend(waived);
    if !out.is_empty() {
        c.set_system_out(out.join("\n\n"));
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
    /// It opens with the totals: it keeps the counts, writes each file's suite to a spill when
    /// its turn comes, and writes the report at the end.
    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(JunitStream { meta, totals: Report::new("stocheck"), files: 0, spill: Spill::new() })
    }

    fn name(&self) -> &'static str {
        "junit"
    }

    fn write(&self, files: &[FileReport], meta: &Meta, _layout: &Layout) -> String {
        write(files, meta)
    }
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    let mut report = Report::new("stocheck");
    for f in files {
        report.add_test_suite(suite(f, meta));
    }
    // Serialising into memory fails only on invalid UTF-8, which a String cannot hold.
    let mut out = report.to_string().unwrap_or_default();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The JUnit report being written. Each file's `<testsuite>` element is serialised as quick-junit
/// serialises it inside a whole report (the same writer, the same indentation) and goes to the
/// spill; the report keeps only the totals of its opening `<testsuites>` element.
struct JunitStream<'a> {
    meta: &'a Meta,
    /// A report without suites, holding the totals.
    totals: Report,
    files: usize,
    spill: Spill,
}

/// The end of a report after its last suite.
const END: &str = "\n</testsuites>\n";

/// Where the opening `<testsuites …>` tag of a serialised report ends.
fn opening_end(report: &str) -> Option<usize> {
    let tag = report.find("<testsuites")?;
    Some(tag + report[tag..].find('>')? + 1)
}

impl Stream for JunitStream<'_> {
    fn file(&mut self, f: &FileReport, _out: &mut String) {
        let mut one = Report::new("stocheck");
        one.add_test_suite(suite(f, self.meta));
        for s in &one.test_suites {
            self.totals.tests += s.tests;
            self.totals.failures += s.failures;
            self.totals.errors += s.errors;
            self.totals.skipped += s.skipped;
            if let Some(d) = s.disabled {
                *self.totals.disabled.get_or_insert(0) += d;
            }
        }
        self.files += 1;
        // Serialising into memory fails only on invalid UTF-8, which a String cannot hold.
        let text = one.to_string().unwrap_or_default();
        // The suite as it stands among others: after the opening tag, before the end.
        if let (Some(open), Some(body)) = (opening_end(&text), text.strip_suffix(END)) {
            self.spill.push(body.get(open..).unwrap_or_default());
        }
    }

    fn finish(mut self: Box<Self>, _skipped: &[super::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.files == 0 {
            return out.write_all(write(&[], self.meta).as_bytes());
        }
        let text = self.totals.to_string().unwrap_or_default();
        let opening = opening_end(&text).map_or(text.as_str(), |end| &text[..end]);
        out.write_all(opening.as_bytes())?;
        self.spill.copy_all(out)?;
        out.write_all(END.as_bytes())
    }
}
