//! The Markdown report (GitHub-flavoured), for a pull-request comment or a job summary: per file
//! a heading with the verdict, a line with region, regulation, kind and moment, and a table of its
//! findings with the failures first (then warnings, passes, skips); at the end a table of totals
//! per file and over all files.
//!
//! Every text from an application or a rule set is escaped, so a name cannot close a table cell,
//! start a link or inject HTML: Markdown punctuation gets a backslash, `&` `<` `>` become
//! entities, a line break becomes `<br>` inside a cell, and other control characters are shown
//! as control pictures.

use super::writer::{Layout, Writer};
use super::{Meta, error_text, finding_text, summary, visible, worst_first};
use crate::engine::Outcome;
use crate::messages::{Msg, moment, render};
use crate::report::model::{FileReport, Verdict};

/// Escapes text for a GFM table cell or a heading.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An escaped source cell with each source key that the registry gives an address for
/// (`\[DUSI25\]`) made a link to it. Only plain http(s) addresses are linked, so an address from
/// a rule file cannot break out of the link.
fn linked(cell: &str, sources: &[crate::regeling::Bron]) -> String {
    let mut out = cell.to_string();
    for b in sources {
        let Some(url) = b.url.as_deref().filter(|u| crate::regeling::bronnen::plain_url(u)) else { continue };
        // The key itself becomes the link text (`[DUSI25](…)`), in place of the escaped `\[DUSI25\]`.
        out = out.replace(&format!("\\[{}\\]", b.id), &format!("[{}]({url})", b.id));
    }
    out
}

fn t(id: &'static str, meta: &Meta) -> String {
    render(&Msg::new(id), meta.lang)
}

fn mark(o: Outcome, meta: &Meta) -> String {
    t(
        match o {
            Outcome::Pass => "rapport.status-pass",
            Outcome::Warn => "rapport.status-warn",
            Outcome::Fail => "rapport.status-fail",
            Outcome::Skip => "rapport.status-skip",
        },
        meta,
    )
}

fn verdict(v: Verdict, meta: &Meta) -> String {
    t(
        match v {
            Verdict::Pass => "rapport.oordeel-pass",
            Verdict::Fail => "rapport.oordeel-fail",
            Verdict::Error => "rapport.oordeel-error",
        },
        meta,
    )
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn header(cells: &[String]) -> String {
    let mut s = row(cells);
    s.push_str(&row(&vec!["---".to_string(); cells.len()]));
    s
}

/// The whole report as GitHub-flavoured Markdown, ending in a newline.
/// The `markdown` report.
pub struct Markdown;

impl Writer for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn write(&self, files: &[FileReport], meta: &Meta, _layout: &Layout) -> String {
        write(files, meta)
    }
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    let mut out = format!("## {}\n\n", escape(&t("rapport.md-titel", meta)));
    for f in files {
        let head = Msg::new("rapport.md-kop-bestand").arg("pad", f.path.as_str()).arg("oordeel", verdict(f.verdict, meta));
        out.push_str(&format!("### {}\n\n", escape(&render(&head, meta.lang))));
        if let (Some(r), Some(g), Some(s)) = (&f.region, &f.regeling, &f.soort) {
            let mut sub = Msg::new("rapport.md-onderkop").arg("regio", r.as_str()).arg("regeling", g.as_str()).arg("soort", s.as_str());
            if let Some((m, _)) = f.moment {
                sub = sub.arg("moment", moment(&m, meta.lang));
            }
            out.push_str(&format!("{}\n\n", escape(&render(&sub, meta.lang))));
        }
        out.push_str(&header(&[
            escape(&t("rapport.kop-status", meta)),
            escape(&t("rapport.kop-regel", meta)),
            escape(&t("rapport.kop-plaats", meta)),
            escape(&t("rapport.kop-melding", meta)),
            escape(&t("rapport.kop-bron", meta)),
        ]));
        for e in &f.errors {
            out.push_str(&row(&[
                mark(Outcome::Fail, meta),
                escape(&t("rapport.regel-laden", meta)),
                e.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
                escape(&error_text(e, meta.lang)),
                String::new(),
            ]));
        }
        for x in worst_first(&f.findings) {
            let bron = match (&x.source, x.certainty) {
                (Some(s), Some(c)) => format!("{s} [{}]", c.as_str()),
                (Some(s), None) => s.clone(),
                _ => String::new(),
            };
            out.push_str(&row(&[
                mark(x.outcome, meta),
                format!("`{}`", x.rule),
                x.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
                escape(&finding_text(x, meta.lang)),
                linked(&escape(&bron), &x.sources),
            ]));
        }
        out.push('\n');
    }
    out.push_str(&format!("### {}\n\n", escape(&t("rapport.md-totaal", meta))));
    out.push_str(&header(&[
        t("rapport.kop-bestand-naam", meta),
        t("rapport.kop-oordeel", meta),
        mark(Outcome::Fail, meta),
        mark(Outcome::Warn, meta),
        mark(Outcome::Pass, meta),
        mark(Outcome::Skip, meta),
    ]));
    for f in files {
        out.push_str(&row(&[
            escape(&f.path),
            verdict(f.verdict, meta),
            f.count(Outcome::Fail).to_string(),
            f.count(Outcome::Warn).to_string(),
            f.count(Outcome::Pass).to_string(),
            f.count(Outcome::Skip).to_string(),
        ]));
    }
    let s = summary(files);
    out.push_str(&row(&[
        format!("**{}**", escape(&t("rapport.md-totaal", meta))),
        String::new(),
        s.f_fail.to_string(),
        s.f_warn.to_string(),
        s.f_pass.to_string(),
        s.f_skip.to_string(),
    ]));
    let line = super::summary_msg(&s);
    out.push_str(&format!("\n{}\n", escape(&render(&line, meta.lang))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cells() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(escape("een\ntwee"), "een<br>twee");
        assert_eq!(escape("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape("€ 12.345,67"), "€ 12.345,67");
    }
}
