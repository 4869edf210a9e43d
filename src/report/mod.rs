//! Writers: each turns the list of [`FileReport`]s into one output format. Writers only format;
//! they know no rule and compute no verdict. None of them reads a clock: the same files with the
//! same peildatum give the same bytes. Only the table is for a terminal; the others never carry
//! terminal colour codes.

pub mod diagnostic;
pub mod formats;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod model;
pub mod sarif;
pub mod style;
pub mod table;
pub mod writer;

use crate::aanvraag::LoadError;
use crate::engine::{Finding, Outcome};
use crate::messages::{Lang, render, text};
use model::{FileReport, Verdict};
use crate::values::Moment;

/// What the writers need besides the files.
pub struct Meta {
    pub peildatum: Moment,
    pub lang: Lang,
    /// The files a directory walk passed over.
    pub skipped: Vec<model::Skipped>,
}

/// Totals over all files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub f_pass: usize,
    pub f_fail: usize,
    pub f_warn: usize,
    pub f_skip: usize,
}

/// The closing line of the human-readable reports: files and findings counted.
pub fn summary_msg(s: &Summary) -> crate::messages::Msg {
    summary_msg_as("rapport.samenvatting", s)
}

/// The counts of [`summary_msg`] in another message of the same arguments (the HTML report
/// speaks of applications).
pub fn summary_msg_as(id: &'static str, s: &Summary) -> crate::messages::Msg {
    crate::messages::Msg::new(id)
        .arg("bestanden", s.files)
        .arg("goed", s.pass)
        .arg("fout", s.fail)
        .arg("onleesbaar", s.error)
        .arg("b_goed", s.f_pass)
        .arg("b_fout", s.f_fail)
        .arg("b_waarschuwing", s.f_warn)
        .arg("b_overgeslagen", s.f_skip)
}

pub fn summary(files: &[FileReport]) -> Summary {
    let mut s = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for f in files {
        match f.verdict {
            Verdict::Pass => s.pass += 1,
            Verdict::Fail => s.fail += 1,
            Verdict::Error => s.error += 1,
        }
        s.f_pass += f.count(Outcome::Pass);
        s.f_fail += f.count(Outcome::Fail);
        s.f_warn += f.count(Outcome::Warn);
        s.f_skip += f.count(Outcome::Skip);
    }
    s
}

/// A load error as one line of text.
pub fn error_text(e: &LoadError, lang: Lang) -> String {
    render(&e.msg, lang)
}

/// `path:line:column: message`, the form editors and CI logs link from.
pub fn error_line(path: &str, e: &LoadError, lang: Lang) -> String {
    match e.pos {
        Some(p) => format!("{path}:{}:{}: {}", p.line, p.column, error_text(e, lang)),
        None => format!("{path}: {}", error_text(e, lang)),
    }
}

/// Text from an application or a rule set with its control characters made visible (the one
/// filter, [`crate::text_filter`]); CR stays for the writers that escape line ends themselves.
pub fn visible(s: &str) -> String {
    crate::text_filter::visible_keep_cr(s)
}

/// A finding's message with its note, if any, on a line of its own.
pub fn finding_text(f: &Finding, lang: Lang) -> String {
    let mut text = render(&f.message, lang);
    if let Some(n) = &f.note {
        text.push_str("\n↳ ");
        text.push_str(&render(n, lang));
    }
    text
}

/// The pseudo-rule under which load errors are reported by formats that need a rule for every
/// result (JUnit, SARIF, GitHub). It is not `module/name`, so it cannot clash with a real rule.
pub const LADEN: &str = "laden";

/// A rule's one-line description from the catalogue (`regel.<id>.kort`).
pub fn rule_short(id: &str, lang: Lang) -> String {
    text(&format!("regel.{id}.kort"), lang)
}

/// A rule's full description from the catalogue (`regel.<id>.lang`).
pub fn rule_long(id: &str, lang: Lang) -> String {
    text(&format!("regel.{id}.lang"), lang)
}

/// The rule ids a report describes: every registered rule in report order, then [`LADEN`].
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    crate::checks::RULES.iter().map(|r| r.id).chain(std::iter::once(LADEN))
}

/// Findings in the order "worst first": fail, warn, pass, skip; stable within each outcome.
pub fn worst_first(findings: &[Finding]) -> Vec<&Finding> {
    let rank = |o: Outcome| match o {
        Outcome::Fail => 0,
        Outcome::Warn => 1,
        Outcome::Pass => 2,
        Outcome::Skip => 3,
    };
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| rank(f.outcome));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_described_in_the_catalogue() {
        for id in rule_ids() {
            for part in ["kort", "lang"] {
                let key = format!("regel.{id}.{part}");
                assert!(crate::messages::template(&key, Lang::Nl).is_some_and(|t| !t.trim().is_empty()), "messages/nl.yaml lacks {key}");
            }
        }
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}\u{7f}\u{9b}c"), "a␛[31mb␇␡\u{fffd}c");
        assert_eq!(visible("regel 1\nregel 2\t€ 1.425,07"), "regel 1\nregel 2\t€ 1.425,07");
    }
}
