//! The table report for people. Per file a head (region, regulation, kind and moment, the key
//! totals, the verdict), then the findings grouped by module, each with a clear status mark, the
//! rule, the place in the file, the message with its numbers and fix, and for failures and
//! warnings the source of the rule. Two layouts from one writer: on a wide terminal (at least
//! [`WIDE`] columns) rule and place stand in columns beside the message; narrower (80 columns), the
//! message goes under its mark line. Load errors are drawn like rustc's. Colour only through
//! [`Style`]. A failure or warning that a waiver covers (formaat.md §5.2) is listed in full,
//! marked as waived (never as a pass), with the waiver under its message.

use std::fmt::Write as _;

use super::diagnostic::draw;
use super::model::OverviewRow;
use super::writer::{Detail, Stream, Writer};
use super::style::{Paint, Style};
use super::{Meta, Summary, status_id, waiver_text};
use crate::checks::module_of;
use crate::module::Module;
use crate::engine::{Finding, MomentFrom, Outcome};
use rust_decimal::Decimal;
use crate::messages::Msg;
use crate::text_filter::visible;
use crate::messages::{Lang, text};
use crate::report::model::{FileReport, Verdict};

/// A message as text for the terminal: control characters from an application (an escape code
/// in a partner's name, say) are shown as control pictures, never sent to the terminal.
fn shown(msg: &Msg, lang: Lang) -> String {
    visible(&crate::messages::render(msg, lang))
}

/// From this width on, rule and place stand in their own columns.
pub const WIDE: usize = 110;
/// Never narrower than this, whatever the terminal says.
const MIN_WIDTH: usize = 40;

pub use super::writer::{Layout, PIPE_WIDTH};

/// The table report, for people at a terminal.
pub struct Table;

impl Writer for Table {
    fn name(&self) -> &'static str {
        "table"
    }

    fn stream<'a>(&'a self, meta: &'a Meta, layout: &'a Layout) -> Box<dyn Stream + 'a> {
        let layout = Layout { width: layout.width.max(MIN_WIDTH), ..*layout };
        Box::new(TableStream { meta, layout, rows: Vec::new(), summary: Summary::default() })
    }

    fn draws_errors(&self) -> bool {
        true
    }
}

/// The columns `s` takes on a terminal: a wide character (CJK, most emoji) takes two, a combining
/// one none.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Breaks `text` into lines of at most `w` columns at spaces (existing line breaks kept; runs of
/// spaces count as one), filling each line before starting the next. A euro sign stays with its
/// amount (`€ 12.345,67` is never split), and a word longer than a line is cut.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let options = textwrap::Options::new(w.max(10))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::Custom(words_keeping_euros))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.split(' ').filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" ");
        out.extend(textwrap::wrap(&para, &options).into_iter().map(|l| l.into_owned()));
    }
    out
}

/// Words end at a space, except the space after a euro sign.
fn words_keeping_euros(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, _) in line.match_indices(' ') {
        if !line[..i].ends_with('€') {
            words.push(textwrap::core::Word::from(&line[start..=i]));
            start = i + 1;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

fn mark(x: &Finding, meta: &Meta) -> String {
    text(status_id(x), meta.lang)
}

fn paint_of(x: &Finding) -> Paint {
    match x.outcome {
        // Waived: neither red nor green.
        _ if x.waiver.is_some() => Paint::Skip,
        Outcome::Pass => Paint::Pass,
        Outcome::Warn => Paint::Warn,
        Outcome::Fail => Paint::Fail,
        Outcome::Skip => Paint::Skip,
    }
}

fn verdict(v: Verdict, meta: &Meta) -> (String, Paint) {
    match v {
        Verdict::Pass => (text("rapport.oordeel-pass", meta.lang), Paint::Pass),
        Verdict::Fail => (text("rapport.oordeel-fail", meta.lang), Paint::Fail),
        Verdict::Error => (text("rapport.oordeel-error", meta.lang), Paint::Fail),
    }
}

/// A labelled line of the head, wrapped under its value.
fn head_line(out: &mut String, label: &str, value: &str, label_w: usize, layout: &Layout, paint: Option<Paint>) {
    let indent = 2 + label_w + 2;
    // Wrapped as shown: control characters from a plan as their pictures, each a column wide.
    let lines = wrap(&visible(value), layout.width.saturating_sub(indent));
    for (i, l) in lines.iter().enumerate() {
        let l = match paint {
            Some(p) => layout.style.paint(p, l),
            None => l.clone(),
        };
        let lab = if i == 0 { pad(label, label_w) } else { " ".repeat(label_w) };
        let _ = writeln!(out, "  {}  {l}", layout.style.paint(Paint::Heading, &lab));
    }
}

fn head(out: &mut String, f: &FileReport, meta: &Meta, layout: &Layout) {
    let rule = "━".repeat(2);
    let _ = writeln!(out, "{} {}", layout.style.paint(Paint::Heading, &rule), layout.style.paint(Paint::Heading, &visible(&f.path)));
    let lang = meta.lang;
    let labels = ["rapport.kop-regio", "rapport.kop-regeling", "rapport.kop-subsidie", "rapport.kop-cofinanciering", "rapport.kop-oordeel"];
    let label_w = labels.iter().map(|l| width(&text(l, lang))).max().unwrap_or(8);
    if let (Some(regio), Some(regeling), Some(soort)) = (&f.region, &f.regeling, &f.soort) {
        head_line(out, &text("rapport.kop-regio", lang), &visible(regio), label_w, layout, None);
        let mut m = Msg::new("rapport.regeling-soort").arg("regeling", regeling.as_str()).arg("soort", soort.as_str());
        m = match f.moment {
            Some((mo, MomentFrom::Indiening)) => m.arg("moment", Msg::new("rapport.moment-indiening").arg("moment", crate::messages::Arg::Moment(mo))),
            Some((mo, MomentFrom::Peildatum)) => m.arg("moment", Msg::new("rapport.moment-peildatum").arg("moment", crate::messages::Arg::Moment(mo))),
            None => m.arg("moment", ""),
        };
        head_line(out, &text("rapport.kop-regeling", lang), &shown(&m, lang), label_w, layout, None);
    }
    if let Some(t) = &f.totals {
        let plafond = match (t.plafond, t.plafond_gebruikt) {
            (Some(p), Some(g)) if t.subsidie > p => shown(
                &Msg::new("rapport.plafond-over").euro("plafond", p).pct("gebruikt", g).euro("over", crate::money::sub(t.subsidie, p)),
                lang,
            ),
            (Some(p), Some(g)) => shown(
                &Msg::new("rapport.plafond-gebruikt").euro("plafond", p).pct("gebruikt", g).euro("ruimte", crate::money::sub(p, t.subsidie)),
                lang,
            ),
            // No percentage of a € 0 maximum (regels.md §2.0).
            (Some(p), None) if p.is_zero() => shown(&Msg::new("rapport.plafond-nul").euro("over", t.subsidie), lang),
            _ => text("rapport.plafond-onbekend", lang),
        };
        let sub = shown(&Msg::new("rapport.subsidie").euro("subsidie", t.subsidie).arg("plafond", plafond), lang);
        head_line(out, &text("rapport.kop-subsidie", lang), &sub, label_w, layout, None);
        let cof = match t.cofinanciering_pct {
            Some(pct) => shown(
                &Msg::new("rapport.cofinanciering").euro("cofinanciering", t.cofinanciering).pct("pct", pct).euro("kosten", t.kosten),
                lang,
            ),
            None => shown(&Msg::new("rapport.cofinanciering-geen-kosten").euro("cofinanciering", t.cofinanciering), lang),
        };
        head_line(out, &text("rapport.kop-cofinanciering", lang), &cof, label_w, layout, None);
    }
    let (v, paint) = verdict(f.verdict, meta);
    let counts = shown(&counts(f), lang);
    let line = if f.errors.is_empty() { format!("{v} · {counts}") } else { v };
    head_line(out, &text("rapport.kop-oordeel", lang), &line, label_w, layout, Some(paint));
}

/// The rule's name within its module (`cofinanciering/minimum` → `minimum`).
fn short(rule: &str) -> &str {
    rule.split_once('/').map_or(rule, |(_, n)| n)
}

fn place(x: &Finding) -> String {
    x.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column))
}

/// The body lines of a finding: message, note, and for failures and warnings the source.
fn body(x: &Finding, meta: &Meta, w: usize, style: Style) -> Vec<String> {
    let mut lines = wrap(&shown(&x.message, meta.lang), w);
    if let Some(n) = &x.note {
        for (i, l) in wrap(&shown(n, meta.lang), w.saturating_sub(2)).into_iter().enumerate() {
            lines.push(format!("{}{l}", if i == 0 { "↳ " } else { "  " }));
        }
    }
    // The waiver under the message, marked as the status column marks it.
    if let Some(waiver) = waiver_text(x, meta.lang) {
        for (i, l) in wrap(&visible(&waiver), w.saturating_sub(2)).into_iter().enumerate() {
            lines.push(format!("{}{l}", if i == 0 { "⊘ " } else { "  " }));
        }
    }
    if matches!(x.outcome, Outcome::Fail | Outcome::Warn)
        && let Some(s) = &x.source
    {
        let certainty = x.certainty.map_or(String::new(), |c| format!(" [{}]", crate::messages::zekerheid(c.as_str(), meta.lang)));
        let src = shown(&Msg::new("rapport.bron").arg("bron", format!("{s}{certainty}")), meta.lang);
        lines.extend(wrap(&src, w).into_iter().map(|l| style.paint(Paint::Dim, &l)));
    }
    lines
}

/// The count line of a module's passes and skips, when only the problems are listed in full:
/// `2 goed, 1 overgeslagen`, each part only when there is one.
fn counted(of: &[&Finding], meta: &Meta, st: Style) -> String {
    let n = |o: Outcome| of.iter().filter(|x| x.outcome == o).count();
    let mut parts = Vec::new();
    if n(Outcome::Pass) > 0 {
        parts.push(st.paint(Paint::Pass, &shown(&Msg::new("rapport.module-goed").arg("aantal", n(Outcome::Pass)), meta.lang)));
    }
    if n(Outcome::Skip) > 0 {
        parts.push(st.paint(Paint::Skip, &shown(&Msg::new("rapport.module-overgeslagen").arg("aantal", n(Outcome::Skip)), meta.lang)));
    }
    parts.join(", ")
}

fn findings(out: &mut String, f: &FileReport, meta: &Meta, layout: &Layout) {
    let st = layout.style;
    let verbose = layout.detail == Detail::Verbose;
    // Without --verbose only failures and warnings are listed; the rest is counted per module.
    let listed = |x: &&Finding| verbose || matches!(x.outcome, Outcome::Fail | Outcome::Warn);
    let mut marks: Vec<String> = ["rapport.status-pass", "rapport.status-warn", "rapport.status-fail", "rapport.status-skip"].iter().map(|id| text(id, meta.lang)).collect();
    // The waived mark is wider: it widens the column only in a file that has one.
    if f.waived() > 0 {
        marks.push(text("rapport.status-waived", meta.lang));
    }
    let mark_w = marks.iter().map(|m| width(m)).max().unwrap_or(6);
    let rule_w = f.findings.iter().filter(listed).map(|x| width(short(x.rule))).max().unwrap_or(8);
    let place_w = f.findings.iter().filter(listed).map(|x| width(&place(x))).max().unwrap_or(0);
    let module_w = Module::ALL.iter().map(|m| width(m.as_str())).max().unwrap_or(0);
    let wide = layout.width >= WIDE;
    if !verbose && !f.findings.is_empty() {
        out.push('\n');
    }
    for module in Module::ALL {
        let of: Vec<&Finding> = f.findings.iter().filter(|x| module_of(x.rule) == Some(module)).collect();
        if of.is_empty() {
            continue;
        }
        if verbose {
            let _ = writeln!(out, "\n{}", st.paint(Paint::Heading, module.as_str()));
        } else {
            let counts = counted(&of, meta, st);
            let name = if counts.is_empty() { module.as_str().to_string() } else { pad(module.as_str(), module_w) };
            let _ = writeln!(out, "{}{}{counts}", st.paint(Paint::Heading, &name), if counts.is_empty() { "" } else { "  " });
        }
        for x in of.into_iter().filter(listed) {
            let m = st.paint(paint_of(x), &pad(&mark(x, meta), mark_w));
            if wide {
                let indent = 2 + mark_w + 2 + rule_w + 2 + place_w + 2;
                let lines = body(x, meta, layout.width.saturating_sub(indent), st);
                for (i, l) in lines.iter().enumerate() {
                    if i == 0 {
                        let _ = writeln!(
                            out,
                            "  {m}  {}  {}  {l}",
                            pad(short(x.rule), rule_w),
                            st.paint(Paint::Dim, &pad(&place(x), place_w))
                        );
                    } else {
                        let _ = writeln!(out, "{}{l}", " ".repeat(indent));
                    }
                }
            } else {
                let p = place(x);
                let _ = writeln!(out, "  {m}  {}{}", short(x.rule), if p.is_empty() { String::new() } else { format!("  {}", st.paint(Paint::Dim, &p)) });
                let indent = 2 + mark_w + 2;
                for l in body(x, meta, layout.width.saturating_sub(indent), st) {
                    let _ = writeln!(out, "{}{l}", " ".repeat(indent));
                }
            }
        }
    }
}

/// The sources the listed failures and warnings cite, each once with its title and address, so a
/// key such as `[DUSI25]` can be looked up (`stocheck rules --sources` lists them all).
fn sources(out: &mut String, f: &FileReport, meta: &Meta, layout: &Layout) {
    let mut seen: Vec<&crate::regeling::Bron> = Vec::new();
    for x in f.findings.iter().filter(|x| matches!(x.outcome, Outcome::Fail | Outcome::Warn)) {
        for b in &x.sources {
            if !seen.iter().any(|s| s.id == b.id) {
                seen.push(b);
            }
        }
    }
    if seen.is_empty() {
        return;
    }
    let st = layout.style;
    let _ = writeln!(out, "\n{}", st.paint(Paint::Heading, &shown(&Msg::new("rapport.bronnen-kop"), meta.lang)));
    let key_w = seen.iter().map(|b| width(&b.id) + 2).max().unwrap_or(0);
    let indent = 2 + key_w + 1;
    for b in seen {
        let mut lines = wrap(&crate::text_filter::visible(&b.titel), layout.width.saturating_sub(indent));
        if let Some(u) = b.url.as_deref().filter(|u| crate::regeling::bronnen::plain_url(u)) {
            lines.push(st.paint(Paint::Dim, &crate::text_filter::visible(u)));
        }
        for (i, l) in lines.iter().enumerate() {
            let key = if i == 0 { format!("[{}]", crate::text_filter::visible(&b.id)) } else { String::new() };
            let _ = writeln!(out, "  {} {l}", pad(&key, key_w));
        }
    }
}

/// `--quiet`: one line per file (painted by its verdict), and the load errors drawn under it.
fn quiet(out: &mut String, f: &FileReport, meta: &Meta, layout: &Layout) {
    let (v, paint) = verdict(f.verdict, meta);
    let line = shown(
        &Msg::new("rapport.kort").arg("pad", visible(&f.path)).arg("oordeel", v).arg("tellingen", counts(f)),
        meta.lang,
    );
    let _ = writeln!(out, "{}", layout.style.paint(paint, &line));
    for e in &f.errors {
        out.push_str(&draw(&f.path, f.source.as_deref(), e, meta.lang, layout.style));
        out.push('\n');
    }
}

/// A file's findings counted, the waived ones apart when there are any.
fn counts(f: &FileReport) -> Msg {
    let m = Msg::new("rapport.tellingen")
        .arg("fout", f.count(Outcome::Fail))
        .arg("waarschuwing", f.count(Outcome::Warn))
        .arg("goed", f.count(Outcome::Pass))
        .arg("overgeslagen", f.count(Outcome::Skip));
    match f.waived() {
        0 => m,
        n => Msg::new("rapport.tellingen-en-uitgezonderd").arg("tellingen", m).arg("uitgezonderd", n),
    }
}

/// A percentage in the reader's language (`12,5%`).
fn pct(v: Decimal, lang: Lang) -> String {
    format!("{}%", crate::messages::number(v, lang))
}

/// The overview of several files (formaat.md §5.4), drawn by comfy-table to the width of the
/// report; coloured only when the report is.
fn overview(rows: &[OverviewRow], meta: &Meta, layout: &Layout) -> String {
    let lang = meta.lang;
    let mut t = comfy_table::Table::new();
    // The width and colour are the report's, never what comfy-table finds on stdout itself, so
    // the same files give the same bytes wherever the report goes.
    t.force_no_tty();
    if layout.style.color {
        t.enforce_styling();
    }
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(u16::try_from(layout.width).unwrap_or(u16::MAX));
    // Failures and warnings are headed by their marks, as in the rest of the table. Narrower
    // than [`WIDE`], region, regulation and kind share one column, a line each, so the file
    // keeps room.
    let wide = layout.width >= WIDE;
    let mut head = vec![text("rapport.kop-bestand-naam", lang), text("rapport.kop-regio", lang)];
    if wide {
        head.push(text("rapport.kop-regeling", lang));
        head.push(text("rapport.kop-soort", lang));
    }
    // The mark alone (`✘`, `⚠`): the word after it ("waarschuwing") would take the file's room.
    let mark = |id: &str| text(id, lang).split_whitespace().next().unwrap_or_default().to_string();
    head.push(text("rapport.kop-oordeel", lang));
    head.extend(["rapport.status-fail", "rapport.status-warn"].map(mark));
    for id in ["rapport.kop-subsidie", "rapport.kop-cofinanciering-pct"] {
        head.push(text(id, lang));
    }
    t.set_header(head);
    let right = |c: comfy_table::Cell| c.set_alignment(comfy_table::CellAlignment::Right);
    for r in rows {
        let (v, paint) = verdict(r.verdict, meta);
        let colour = match paint {
            Paint::Pass => comfy_table::Color::Green,
            _ => comfy_table::Color::Red,
        };
        let opt = |s: Option<&str>| visible(s.unwrap_or(""));
        let mut row = vec![comfy_table::Cell::new(visible(&r.path))];
        if wide {
            row.extend([opt(r.regio.as_deref()), opt(r.regeling.as_deref()), opt(r.soort.as_deref())].map(comfy_table::Cell::new));
        } else {
            let lines: Vec<String> = [&r.regio, &r.regeling, &r.soort].into_iter().flatten().map(|s| visible(s)).collect();
            row.push(comfy_table::Cell::new(lines.join("\n")));
        }
        row.extend([
            comfy_table::Cell::new(v).fg(colour),
            right(comfy_table::Cell::new(r.fail)),
            right(comfy_table::Cell::new(r.warn)),
            right(comfy_table::Cell::new(r.subsidie.map_or(String::new(), |s| crate::messages::euro(s, lang)))),
            right(comfy_table::Cell::new(r.cofinanciering_pct.map_or(String::new(), |p| pct(p, lang)))),
        ]);
        t.add_row(row);
    }
    // Figures, ids and the words of a verdict are never broken (their headers may wrap); the
    // file and the region wrap in the width that is left.
    let n = t.column_count();
    let whole: Vec<(usize, bool)> = if wide { vec![(2, false), (3, false)] } else { Vec::new() }
        .into_iter()
        .chain([(n - 5, true), (n - 4, false), (n - 3, false), (n - 2, false), (n - 1, false)])
        .collect();
    for (i, words) in whole {
        let w = t
            .column_cells_iter(i)
            .flatten()
            .map(|c| {
                let s = c.content();
                if words { s.split(' ').map(width).max().unwrap_or(0) } else { width(&s) }
            })
            .max()
            .unwrap_or(0);
        if let Some(c) = t.column_mut(i) {
            // The boundary counts the cell's padding, one space either side.
            let lower = comfy_table::Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX));
            c.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(lower));
        }
    }
    let mut out = format!("{}\n", layout.style.paint(Paint::Heading, &text("rapport.overzicht", lang)));
    for l in t.lines() {
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out
}

/// The table being written: each file's section as its turn comes; kept for the end only the
/// overview's row of each file and the counts of the closing line.
struct TableStream<'a> {
    meta: &'a Meta,
    layout: Layout,
    rows: Vec<OverviewRow>,
    summary: Summary,
}

impl Stream for TableStream<'_> {
    fn file(&mut self, f: &FileReport, out: &mut String) {
        let (meta, layout) = (self.meta, &self.layout);
        if layout.detail == Detail::Quiet {
            quiet(out, f, meta, layout);
            return;
        }
        self.summary.add(f);
        self.rows.push(OverviewRow::of(f));
        head(out, f, meta, layout);
        if !f.errors.is_empty() {
            out.push('\n');
            for e in &f.errors {
                out.push_str(&draw(&f.path, f.source.as_deref(), e, meta.lang, layout.style));
                out.push('\n');
            }
        }
        findings(out, f, meta, layout);
        sources(out, f, meta, layout);
        out.push('\n');
    }

    fn finish(self: Box<Self>, _skipped: &[super::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = String::new();
        (*self).rest(&mut text);
        out.write_all(text.as_bytes())
    }
}

impl TableStream<'_> {
    /// The end of the report: the overview of several files and the closing line.
    fn rest(self, out: &mut String) {
        let (meta, layout) = (self.meta, &self.layout);
        if layout.detail == Detail::Quiet {
            return;
        }
        if self.rows.len() > 1 {
            out.push_str(&overview(&self.rows, meta, layout));
            out.push('\n');
        }
        let s = self.summary;
        let line = super::summary_text(&s, meta.lang);
        let paint = if s.error > 0 || s.fail > 0 { Paint::Fail } else { Paint::Pass };
        for l in wrap(&visible(&line), layout.width) {
            out.push_str(&layout.style.paint(paint, &l));
            out.push('\n');
        }
    }
}

/// The report as text.
pub fn write(files: &[FileReport], meta: &Meta, layout: &Layout) -> String {
    Table.write(files, meta, layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_euros_whole() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        let l = wrap("er ontbreekt € 1.425,07 aan cofinanciering", 16);
        assert!(l.iter().any(|x| x.contains("€ 1.425,07")), "{l:?}");
        assert!(l.iter().all(|x| width(x) <= 16), "{l:?}");
        assert_eq!(wrap("een\ntwee", 20), vec!["een", "twee"]);
        assert_eq!(wrap("abcdefghijklmnop", 10), vec!["abcdefghij", "klmnop"]);
        assert_eq!(wrap("een  twee\n\ndrie", 20), vec!["een twee", "", "drie"]);
        // By display width: a wide character takes two columns.
        assert_eq!(wrap("日本語 日本語 日本語", 14), vec!["日本語 日本語", "日本語"]);
        assert_eq!(width("日本"), 4);
    }
}
