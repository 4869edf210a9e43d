//! The Markdown report (GitHub-flavoured), for a pull-request comment or a job summary: with
//! several files an overview first (file, region, regulation, kind, verdict, failures, warnings,
//! subsidy, cofinancing %); per file a heading with the verdict, a line with region, regulation,
//! kind and moment, a table of its load errors, failures and warnings, and its passes and skips
//! folded in `<details>`; a closing line of counts. A failure or warning that a waiver covers
//! (formaat.md §5.2) stays in the table of problems, after the others, marked as waived and with
//! the waiver under its message. The whole stays under [`MAX_CHARS`]: what
//! does not fit is summarised file by file, and the report says so (formaat.md §5.4).
//!
//! Every text from an application or a rule set is escaped, so a name cannot close a table cell,
//! start a link or inject HTML: Markdown punctuation gets a backslash, `&` `<` `>` become
//! entities, a line break becomes `<br>` inside a cell, and other control characters are shown
//! as control pictures.

use super::writer::{Layout, Spill, Stream, Writer};
use super::{Meta, error_text, finding_text, status_id, visible, waiver_text, worst_first};
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
    /// It opens with an overview, and what fits under the budget is known only at the end: it
    /// keeps an overview row and the sizes of each file's renderings, and the renderings in a
    /// spill, and writes at the end.
    fn stream<'a>(&'a self, meta: &'a Meta, layout: &'a Layout) -> Box<dyn Stream + 'a> {
        let max = match layout.detail {
            super::writer::Detail::Verbose => usize::MAX,
            _ => MAX_CHARS,
        };
        Box::new(MarkdownStream::new(meta, max, Spill::new()))
    }

    fn name(&self) -> &'static str {
        "markdown"
    }

    /// With `--verbose` the whole report, however long (for a file, not a comment).
    fn write(&self, files: &[FileReport], meta: &Meta, layout: &Layout) -> String {
        match layout.detail {
            super::writer::Detail::Verbose => write_within(files, meta, usize::MAX),
            _ => write(files, meta),
        }
    }
}

/// GitHub takes at most 65,536 characters in a comment; the report stays under this, with room
/// to spare for what a workflow puts around it (formaat.md §5.4).
pub const MAX_CHARS: usize = 60_000;

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn pct(v: rust_decimal::Decimal, meta: &Meta) -> String {
    format!("{}%", crate::messages::number(v, meta.lang))
}

/// The overview of several files from their rows, already drawn ([`overview_row`]); at most
/// `rows` of them.
fn overview(all: &[String], meta: &Meta, rows: usize) -> String {
    let mut out = format!("### {}\n\n", escape(&t("rapport.overzicht", meta)));
    out.push_str(&header(&[
        escape(&t("rapport.kop-bestand-naam", meta)),
        escape(&t("rapport.kop-regio", meta)),
        escape(&t("rapport.kop-regeling", meta)),
        escape(&t("rapport.kop-soort", meta)),
        escape(&t("rapport.kop-oordeel", meta)),
        mark(Outcome::Fail, meta),
        mark(Outcome::Warn, meta),
        escape(&t("rapport.kop-subsidie", meta)),
        escape(&t("rapport.kop-cofinanciering-pct", meta)),
    ]));
    for r in all.iter().take(rows) {
        out.push_str(r);
    }
    if all.len() > rows {
        let msg = Msg::new("rapport.md-overzicht-ingekort").arg("weggelaten", all.len() - rows).arg("bestanden", all.len());
        out.push_str(&format!("\n{}\n", escape(&render(&msg, meta.lang))));
    }
    out.push('\n');
    out
}

/// One file's row of the overview.
fn overview_row(r: &super::model::OverviewRow, meta: &Meta) -> String {
    let opt = |s: &Option<String>| escape(s.as_deref().unwrap_or(""));
    row(&[
        escape(&r.path),
        opt(&r.regio),
        opt(&r.regeling),
        opt(&r.soort),
        verdict(r.verdict, meta),
        r.fail.to_string(),
        r.warn.to_string(),
        r.subsidie.map_or(String::new(), |s| escape(&crate::messages::euro(s, meta.lang))),
        r.cofinanciering_pct.map_or(String::new(), |p| pct(p, meta)),
    ])
}

/// The heading of a file's section, and its line with region, regulation, kind and moment.
fn file_head(f: &FileReport, meta: &Meta) -> String {
    let head = Msg::new("rapport.md-kop-bestand").arg("pad", f.path.as_str()).arg("oordeel", verdict(f.verdict, meta));
    let mut out = format!("### {}\n\n", escape(&render(&head, meta.lang)));
    if let (Some(r), Some(g), Some(s)) = (&f.region, &f.regeling, &f.soort) {
        let mut sub = Msg::new("rapport.md-onderkop").arg("regio", r.as_str()).arg("regeling", g.as_str()).arg("soort", s.as_str());
        // Say where the moment comes from: submitted, or the peildatum.
        sub = match f.moment {
            Some((m, crate::engine::MomentFrom::Indiening)) => sub.arg("moment", Msg::new("rapport.moment-indiening").arg("moment", moment(&m, meta.lang))),
            Some((m, crate::engine::MomentFrom::Peildatum)) => sub.arg("moment", Msg::new("rapport.moment-peildatum").arg("moment", moment(&m, meta.lang))),
            None => sub.arg("moment", ""),
        };
        out.push_str(&format!("{}\n\n", escape(&render(&sub, meta.lang))));
    }
    out
}

fn findings_header(meta: &Meta) -> String {
    header(&[
        escape(&t("rapport.kop-status", meta)),
        escape(&t("rapport.kop-regel", meta)),
        escape(&t("rapport.kop-plaats", meta)),
        escape(&t("rapport.kop-melding", meta)),
        escape(&t("rapport.kop-bron", meta)),
    ])
}

fn finding_row(x: &crate::engine::Finding, meta: &Meta) -> String {
    let bron = match (&x.source, x.certainty) {
        (Some(s), Some(c)) => format!("{s} [{}]", c.as_str()),
        (Some(s), None) => s.clone(),
        _ => String::new(),
    };
    let mut text = finding_text(x, meta.lang);
    if let Some(w) = waiver_text(x, meta.lang) {
        text.push_str("\n⊘ ");
        text.push_str(&w);
    }
    row(&[
        t(status_id(x), meta),
        format!("`{}`", x.rule),
        x.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
        escape(&text),
        linked(&escape(&bron), &x.sources),
    ])
}

/// A file's load errors, failures and warnings: a table, or nothing when there are none.
fn problems(f: &FileReport, meta: &Meta) -> String {
    let bad: Vec<_> = worst_first(&f.findings).into_iter().filter(|x| matches!(x.outcome, Outcome::Fail | Outcome::Warn)).collect();
    if f.errors.is_empty() && bad.is_empty() {
        return String::new();
    }
    let mut out = findings_header(meta);
    for e in &f.errors {
        out.push_str(&row(&[
            mark(Outcome::Fail, meta),
            escape(&t("rapport.regel-laden", meta)),
            e.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
            escape(&error_text(e, meta.lang)),
            String::new(),
        ]));
    }
    for x in bad {
        out.push_str(&finding_row(x, meta));
    }
    out.push('\n');
    out
}

/// A file's passes and skips, folded in `<details>` (the blank lines around the table let GitHub
/// read it as Markdown inside the HTML block); nothing when there are none.
fn folded(f: &FileReport, meta: &Meta) -> String {
    let rest: Vec<_> = worst_first(&f.findings).into_iter().filter(|x| matches!(x.outcome, Outcome::Pass | Outcome::Skip)).collect();
    if rest.is_empty() {
        return String::new();
    }
    let summary = Msg::new("rapport.md-ingeklapt").arg("goed", f.count(Outcome::Pass)).arg("overgeslagen", f.count(Outcome::Skip));
    let mut out = format!("<details><summary>{}</summary>\n\n", escape(&render(&summary, meta.lang)));
    out.push_str(&findings_header(meta));
    for x in rest {
        out.push_str(&finding_row(x, meta));
    }
    out.push_str("\n</details>\n\n");
    out
}

/// A file with only its counts, when the whole report would be too long.
fn summarised(f: &FileReport, meta: &Meta) -> String {
    let msg = Msg::new("rapport.md-samengevat")
        .arg("fout", f.count(Outcome::Fail))
        .arg("waarschuwing", f.count(Outcome::Warn))
        .arg("goed", f.count(Outcome::Pass))
        .arg("overgeslagen", f.count(Outcome::Skip));
    format!("{}{}\n\n", file_head(f, meta), escape(&render(&msg, meta.lang)))
}

/// How much of a file's section is shown.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shown {
    /// Nothing: the file is only in the overview.
    Nothing,
    /// The heading and the counts.
    Counts,
    /// Heading, failures and warnings.
    Problems,
    /// All of that, and the passes and skips folded.
    All,
}

/// The whole report as GitHub-flavoured Markdown, ending in a newline, under [`MAX_CHARS`].
pub fn write(files: &[FileReport], meta: &Meta) -> String {
    write_within(files, meta, MAX_CHARS)
}

/// The report in at most `max` characters: failures and warnings of every file come before the
/// passes of any; what does not fit is summarised file by file, in order, and the report says so.
/// The same stream `--format markdown` writes with, its parts kept in memory.
pub fn write_within(files: &[FileReport], meta: &Meta, max: usize) -> String {
    let mut stream = Box::new(MarkdownStream::new(meta, max, Spill::in_memory()));
    for f in files {
        stream.file(f, &mut String::new());
    }
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = stream.finish(&meta.skipped, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The Markdown report being written, in at most `max` characters. Of each file it keeps its
/// overview row and where its renderings lie in the spill, with their lengths in characters for
/// the budget: the renderings themselves wait in the spill.
struct MarkdownStream<'a> {
    meta: &'a Meta,
    max: usize,
    /// The overview's rows, drawn.
    rows: Vec<String>,
    parts: Vec<Part>,
    summary: super::Summary,
    spill: Spill,
}

/// What the Markdown report keeps of one file.
struct Part {
    /// Where its renderings start in the spill: the heading, the problems, the folded passes and
    /// the summarised form, one after the other.
    at: u64,
    /// Their lengths in bytes, in that order.
    bytes: [u64; 4],
    /// What each [`Shown`] costs, in characters.
    cost: [usize; 4],
}

impl<'a> MarkdownStream<'a> {
    fn new(meta: &'a Meta, max: usize, spill: Spill) -> Self {
        MarkdownStream { meta, max, rows: Vec::new(), parts: Vec::new(), summary: super::Summary::default(), spill }
    }
}

impl Part {
    /// The range of the spill that shows the file `how`.
    fn range(&self, how: Shown) -> Option<(u64, u64)> {
        let [head, problems, folded, summarised] = self.bytes;
        match how {
            Shown::Nothing => None,
            Shown::Counts => Some((self.at + head + problems + folded, summarised)),
            Shown::Problems => Some((self.at, head + problems)),
            Shown::All => Some((self.at, head + problems + folded)),
        }
    }
}

impl Stream for MarkdownStream<'_> {
    fn file(&mut self, f: &FileReport, _out: &mut String) {
        let meta = self.meta;
        self.summary.add(f);
        self.rows.push(overview_row(&super::model::OverviewRow::of(f), meta));
        let head = file_head(f, meta);
        let problems = problems(f, meta);
        let folded = folded(f, meta);
        let summarised = summarised(f, meta);
        let cost = chars(&head) + chars(&problems);
        let at = self.spill.len();
        self.spill.push(&head);
        self.spill.push(&problems);
        self.spill.push(&folded);
        // Without a budget every file is shown whole: its summarised form is never written.
        let summarised_bytes = if self.max == usize::MAX { 0 } else { summarised.len() as u64 };
        if summarised_bytes > 0 {
            self.spill.push(&summarised);
        }
        self.parts.push(Part {
            at,
            bytes: [head.len() as u64, problems.len() as u64, folded.len() as u64, summarised_bytes],
            cost: [0, chars(&summarised), cost, cost + chars(&folded)],
        });
    }

    /// The overview cut to fit (thousands of files), each file raised one step at a time while
    /// the step fits (counts for all, then the problems, then the passes), the note on
    /// shortening and the closing line.
    fn finish(mut self: Box<Self>, _skipped: &[super::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let (meta, max, files) = (self.meta, self.max, self.parts.len());
        let title = format!("## {}\n\n", escape(&t("rapport.md-titel", meta)));
        let closing = format!("{}\n", escape(&super::summary_text(&self.summary, meta.lang)));
        let note = |summarised: usize, without: usize| {
            let msg = Msg::new("rapport.md-ingekort")
                .arg("max", crate::messages::number(rust_decimal::Decimal::from(max as u64), meta.lang))
                .arg("samengevat", summarised)
                .arg("bestanden", files)
                .arg("zonder_goed", without);
            format!("{}\n\n", escape(&render(&msg, meta.lang)))
        };
        let fixed = chars(&title) + chars(&closing) + chars(&note(files, files));
        let mut rows = if files > 1 { files } else { 0 };
        let mut table = if rows > 0 { overview(&self.rows, meta, rows) } else { String::new() };
        while rows > 0 && fixed + chars(&table) > max {
            rows = rows.saturating_sub((rows / 10).max(1));
            table = overview(&self.rows, meta, rows);
        }
        self.rows = Vec::new();
        let mut shown = vec![Shown::Nothing; files];
        let mut used = fixed + chars(&table);
        for step in [Shown::Counts, Shown::Problems, Shown::All] {
            for (i, part) in self.parts.iter().enumerate() {
                let now = part.cost[shown[i] as usize];
                let then = part.cost[step as usize];
                if shown[i] < step && used - now + then <= max {
                    used = used - now + then;
                    shown[i] = step;
                }
            }
        }
        out.write_all(title.as_bytes())?;
        out.write_all(table.as_bytes())?;
        drop(table);
        // The shown part of each file from the spill; ranges that follow each other in one copy.
        let mut run: Option<(u64, u64)> = None;
        for (part, how) in self.parts.iter().zip(&shown) {
            let Some((at, len)) = part.range(*how) else { continue };
            match &mut run {
                Some((start, n)) if *start + *n == at => *n += len,
                _ => {
                    if let Some((start, n)) = run.replace((at, len)) {
                        self.spill.copy_range(start, n, out)?;
                    }
                }
            }
        }
        if let Some((start, n)) = run {
            self.spill.copy_range(start, n, out)?;
        }
        let cut = shown.iter().filter(|h| **h < Shown::Problems).count();
        let without = shown.iter().zip(&self.parts).filter(|(h, p)| **h == Shown::Problems && p.bytes[2] > 0).count();
        if cut > 0 || without > 0 || (files > 1 && rows < files) {
            out.write_all(note(cut, without).as_bytes())?;
        }
        out.write_all(closing.as_bytes())
    }
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
