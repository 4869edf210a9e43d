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
    /// Failures and warnings a waiver covers, counted apart from `f_fail` and `f_warn`.
    pub f_waived: usize,
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
        s.f_waived += f.waived();
    }
    s
}

/// The closing line with, when findings were waived, the sentence that counts them.
pub fn summary_text(s: &Summary, lang: Lang) -> String {
    summary_text_as("rapport.samenvatting", s, lang)
}

/// [`summary_text`] with the counts in another message of the same arguments ([`summary_msg_as`]).
pub fn summary_text_as(id: &'static str, s: &Summary, lang: Lang) -> String {
    let mut line = render(&summary_msg_as(id, s), lang);
    if s.f_waived > 0 {
        line.push(' ');
        line.push_str(&render(&crate::messages::Msg::new("rapport.samenvatting-uitgezonderd").arg("aantal", s.f_waived), lang));
    }
    line
}

/// The waiver that covers a finding, in one line: the outcome it keeps, DUS-I's reference, the
/// date of the letter, the end date, how many findings a waiver of a whole rule covers, and the
/// reason. `None` for a finding no waiver covers.
pub fn waiver_text(f: &Finding, lang: Lang) -> Option<String> {
    use crate::messages::{Arg, Msg};
    let w = f.waiver.as_ref()?;
    let uitkomst = Msg::new(if f.outcome == Outcome::Warn { "rapport.uitkomst-warn" } else { "rapport.uitkomst-fail" });
    let tot = match w.tot {
        Some(t) => Arg::from(Msg::new("rapport.uitzondering-tot").arg("tot", Arg::Datum(t))),
        None => Arg::from(""),
    };
    let dekt = if w.covers > 1 && !w.regel.contains('#') {
        Arg::from(Msg::new("rapport.uitzondering-dekt").arg("aantal", w.covers))
    } else {
        Arg::from("")
    };
    let msg = Msg::new("rapport.uitzondering")
        .arg("uitkomst", uitkomst)
        .arg("kenmerk", w.kenmerk.as_str())
        .arg("datum", Arg::Datum(w.datum))
        .arg("tot", tot)
        .arg("dekt", dekt)
        .arg("reden", w.reden.as_str());
    Some(render(&msg, lang))
}

/// The status word of a finding: its outcome's, or "waived" for a failure or warning a waiver
/// covers (never a pass).
pub fn status_id(f: &Finding) -> &'static str {
    if f.waiver.is_some() {
        return "rapport.status-waived";
    }
    match f.outcome {
        Outcome::Pass => "rapport.status-pass",
        Outcome::Warn => "rapport.status-warn",
        Outcome::Fail => "rapport.status-fail",
        Outcome::Skip => "rapport.status-skip",
    }
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

/// The rules of the waivers (`uitzonderingen/*`), which a report describes after [`rule_ids`]
/// when a file of the run has waivers.
pub fn waiver_rule_ids() -> impl Iterator<Item = &'static str> {
    crate::checks::uitzonderingen::IDS.into_iter()
}

/// Findings in the order "worst first": fail, warn, waived, pass, skip; stable within each.
pub fn worst_first(findings: &[Finding]) -> Vec<&Finding> {
    let rank = |f: &Finding| match f.outcome {
        _ if f.waiver.is_some() => 2,
        Outcome::Fail => 0,
        Outcome::Warn => 1,
        Outcome::Pass => 3,
        Outcome::Skip => 4,
    };
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| rank(f));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_described_in_the_catalogue() {
        for id in rule_ids().chain(waiver_rule_ids()) {
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
