//! Writers: each turns the list of [`FileReport`]s into one output format. Writers only format;
//! they know no rule and compute no verdict.

pub mod diagnostic;
pub mod json;
pub mod style;
pub mod table;

use crate::aanvraag::LoadError;
use crate::engine::Outcome;
use crate::messages::{Lang, render_positional};
use crate::run::{FileReport, Verdict};
use crate::values::Moment;

/// What the writers need besides the files.
pub struct Meta {
    pub peildatum: Moment,
    pub lang: Lang,
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
    render_positional(&e.id, &e.args, lang)
}

/// `path:line:column: message`, the form editors and CI logs link from.
pub fn error_line(path: &str, e: &LoadError, lang: Lang) -> String {
    match e.pos {
        Some(p) => format!("{path}:{}:{}: {}", p.line, p.column, error_text(e, lang)),
        None => format!("{path}: {}", error_text(e, lang)),
    }
}
