//! The HTML report (formaat.md §5.3): one self-contained page that a penvoerder can send to the
//! partners and the board. Its CSS is inline and its charts are SVG drawn here; it has no script
//! and fetches nothing (no font, no image, no style sheet), so it works offline and as an e-mail
//! attachment. Per file: the verdict and the head (region, regulation, kind, moment); a chart of
//! the money (the subsidy against the region's maximum, the cofinancing against what is
//! required, per year and in total) with the same figures as a table; the failures and warnings
//! first, each with its message (figures and fix), place, source and certainty; the counts per
//! module; the passes and skips folded away in `<details>`. With several files an overview table
//! comes first. Failures and warnings that a waiver covers (formaat.md §5.2) have their own table
//! after the problems, each with its waiver: visible, and said not to count. A4 print layout through `@media print` and `@page`.
//!
//! Readable without colour: every status carries a mark and a word (✔ ⚠ ✘ –), and what exceeds or
//! falls short in a chart is hatched as well as coloured. Readable by a screen reader: real
//! headings, tables with `<th scope>` and captions, and every chart a `role="img"` with a title
//! and a description holding its figures.
//!
//! Every text that comes from an application or a rule set goes through [`esc`]; the catalogue's
//! texts are escaped too, since their arguments carry application text. The chart's geometry uses
//! `f64` (pixels), never its figures: amounts are shown from their exact decimals.

use std::fmt::Write as _;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::model::{FileReport, Totals, Verdict};
use super::writer::{Layout, Spill, Stream, Writer};
use super::{Meta, error_text, visible, waiver_text, worst_first};
use crate::checks::module_of;
use crate::engine::{Finding, MomentFrom, Outcome};
use crate::messages::{Arg, Lang, Msg, euro, number, render, text};
use crate::module::Module;
use crate::regeling::Zekerheid;

/// Escapes text for HTML content and for attribute values (double or single quoted). Control
/// characters become visible control pictures first ([`visible`]), since HTML does not allow
/// them as text.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept as `<br>`.
fn esc_lines(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

/// A catalogue text, escaped.
fn t(id: &str, lang: Lang) -> String {
    esc(&text(id, lang))
}

/// A rendered message, escaped.
fn m(msg: &Msg, lang: Lang) -> String {
    esc_lines(&render(msg, lang))
}

fn eur(v: Decimal, lang: Lang) -> String {
    esc(&euro(v, lang))
}

fn pct(v: Decimal, lang: Lang) -> String {
    esc(&format!("{}%", number(v, lang)))
}

/// The mark of an outcome: the same in every language, and never the only sign (a word follows).
fn mark_of(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✔",
        Outcome::Warn => "⚠",
        Outcome::Fail => "✘",
        Outcome::Skip => "–",
    }
}

/// The status word with its mark (`✘ fout`), from the catalogue.
fn status(o: Outcome, lang: Lang) -> String {
    t(
        match o {
            Outcome::Pass => "rapport.status-pass",
            Outcome::Warn => "rapport.status-warn",
            Outcome::Fail => "rapport.status-fail",
            Outcome::Skip => "rapport.status-skip",
        },
        lang,
    )
}

fn verdict_word(v: Verdict, lang: Lang) -> String {
    t(
        match v {
            Verdict::Pass => "html.oordeel-pass",
            Verdict::Fail => "html.oordeel-fail",
            Verdict::Error => "html.oordeel-error",
        },
        lang,
    )
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Error => "error",
    }
}

fn certainty(c: Zekerheid, lang: Lang) -> String {
    t(
        match c {
            Zekerheid::Bevestigd => "html.zekerheid-bevestigd",
            Zekerheid::Afgeleid => "html.zekerheid-afgeleid",
            Zekerheid::Onbekend => "html.zekerheid-onbekend",
        },
        lang,
    )
}

/// A rule's source text as HTML: escaped, with each `[ID]` marked as a source id: a link with
/// its title where the source registry (the finding's `sources`) has an address, else its title
/// as a tooltip where the registry knows it.
pub fn source_html(bron: &str, sources: &[crate::regeling::Bron]) -> String {
    let mut out = String::new();
    let mut rest = bron;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else { break };
        let id = &rest[open + 1..open + len];
        let is_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        out.push_str(&esc(&rest[..open]));
        if is_id {
            match sources.iter().find(|b| b.id == id) {
                Some(crate::regeling::Bron { titel, url: Some(url), .. }) => {
                    let _ = write!(out, "<a class=\"bron-id\" href=\"{}\" title=\"{}\">[{}]</a>", esc(url), esc(titel), esc(id));
                }
                Some(b) => {
                    let _ = write!(out, "<span class=\"bron-id\" title=\"{}\">[{}]</span>", esc(&b.titel), esc(id));
                }
                None => {
                    let _ = write!(out, "<span class=\"bron-id\">[{}]</span>", esc(id));
                }
            }
        } else {
            out.push_str(&esc(&rest[open..=open + len]));
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(&esc(rest));
    out
}

const CSS: &str = r#"
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --pass: #1d6b35; --warn: #8a5a00; --fail: #b00020; --bg-fail: #fdecee; --bg-warn: #fff6e0; --bg-pass: #eaf6ee; --sub: #2c5d8f; --cof: #6a4c93; }
* { box-sizing: border-box; }
/* Long reports: the browser lays out and paints only the plans in view, so fifty plans open at once. */
article { content-visibility: auto; contain-intrinsic-size: auto 1800px; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.problems, table.rest { table-layout: fixed; }
col.c-st { width: 10%; } col.c-regel { width: 16%; } col.c-plaats { width: 10%; } col.c-bron { width: 20%; } col.c-zekerheid { width: 10%; }
thead th { background: #f0f0f0; }
td.num, th.num { text-align: right; white-space: nowrap; }
/* A long path may break anywhere, so the overview's figures keep their room. */
section.overview th[scope=row], article > h2 { overflow-wrap: anywhere; }
section.overview table { table-layout: fixed; }
thead th.num, section.overview .st, table.figures .st, table.figures td.diff { white-space: normal; }
.verdict { display: inline-block; font-weight: 700; font-size: 1.1rem; padding: .3rem .7rem; border: 2px solid; border-radius: 4px; margin: .25rem 0 .75rem; }
.verdict.pass { color: var(--pass); background: var(--bg-pass); }
.verdict.fail, .verdict.error { color: var(--fail); background: var(--bg-fail); }
.st { white-space: nowrap; font-weight: 600; }
.st.fail { color: var(--fail); } .st.warn { color: var(--warn); } .st.pass { color: var(--pass); } .st.skip, .st.waived { color: var(--muted); }
tr.waived td:first-child { border-left: 4px dotted var(--muted); }
.waiver { font-style: italic; }
tr.fail td:first-child { border-left: 4px solid var(--fail); }
tr.warn td:first-child { border-left: 4px double var(--warn); }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .75rem; }
dl.head dt { font-weight: 600; }
dl.head dd { margin: 0; overflow-wrap: anywhere; }
.note { color: var(--muted); font-size: .9em; }
.bron-id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; white-space: nowrap; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; }
figure { margin: .5rem 0 1rem; }
svg.chart { width: 100%; max-width: 46rem; height: auto; display: block; font-family: inherit; }
svg.chart text { font-size: 12px; fill: var(--ink); }
svg.chart .bar-sub { fill: var(--sub); } svg.chart .bar-cof { fill: var(--cof); }
svg.chart .ref { stroke: var(--ink); stroke-width: 2; }
svg.chart .axis { stroke: var(--line); stroke-width: 1; }
svg.chart .grp { font-weight: 700; }
details { margin: .5rem 0 1rem; border: 1px solid var(--line); border-radius: 4px; padding: .3rem .6rem; }
details > summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted); }
nav a, td a { color: inherit; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  article { content-visibility: visible; }
  h2 { margin-top: 0; }
  table { font-size: 8.5pt; margin-bottom: .6rem; }
  th, td { padding: 2px 4px; }
  svg.chart { max-width: 125mm; }
  figure { margin: .25rem 0 .5rem; }
  article { break-before: page; }
  section.overview + article { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, figure, svg.chart { break-inside: avoid; }
  a { text-decoration: none; }
  thead { display: table-header-group; }
  section.overview table { font-size: 8.5pt; }
}
"#;

/// The HTML report (`--format html`).
pub struct Html;

impl Writer for Html {
    /// It opens with an overview: it keeps each file's overview row, writes each file's section
    /// to a spill when its turn comes, and writes the page at the end.
    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(HtmlStream { meta, rows: Vec::new(), summary: super::Summary::default(), spill: Spill::new() })
    }

    fn name(&self) -> &'static str {
        "html"
    }

    fn write(&self, files: &[FileReport], meta: &Meta, _layout: &Layout) -> String {
        write(files, meta)
    }
}

/// The report as one HTML document.
pub fn write(files: &[FileReport], meta: &Meta) -> String {
    let lang = meta.lang;
    let mut out = String::with_capacity(8192 + files.len() * 24_000);
    opening(&mut out, meta);
    if files.len() > 1 {
        overview(&mut out, files, lang);
    }
    for (i, f) in files.iter().enumerate() {
        file(&mut out, i + 1, f, lang);
    }
    closing(&mut out, &super::summary(files), lang);
    out
}

/// The page up to its files: the document's head, and the page's heading with the peildatum.
fn opening(out: &mut String, meta: &Meta) {
    let lang = meta.lang;
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"stocheck {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        t("html.titel", lang),
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", t("html.titel", lang));
    let sub = Msg::new("html.peildatum").arg("moment", Arg::Moment(meta.peildatum)).arg("versie", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "<p class=\"meta\">{}</p>\n</header>\n<main>", m(&sub, lang));
}

/// The page after its files: the counts in the footer.
fn closing(out: &mut String, s: &super::Summary, lang: Lang) {
    let line = super::summary_text_as("html.samenvatting", s, lang);
    let _ = writeln!(out, "</main>
<footer>
<p>{}</p>
</footer>
</body>
</html>", esc_lines(&line));
}

/// The HTML report being written: each file's section goes to the spill when its turn comes;
/// of each file only its overview row is kept, with the running counts.
struct HtmlStream<'a> {
    meta: &'a Meta,
    rows: Vec<String>,
    summary: super::Summary,
    spill: Spill,
}

impl Stream for HtmlStream<'_> {
    fn file(&mut self, f: &FileReport, _out: &mut String) {
        let lang = self.meta.lang;
        let n = self.rows.len() + 1;
        self.summary.add(f);
        let mut row = String::new();
        overview_row(&mut row, n, f, lang);
        self.rows.push(row);
        let mut section = String::new();
        file(&mut section, n, f, lang);
        self.spill.push(&section);
    }

    fn finish(mut self: Box<Self>, _skipped: &[super::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let lang = self.meta.lang;
        let mut text = String::new();
        opening(&mut text, self.meta);
        out.write_all(text.as_bytes())?;
        if self.rows.len() > 1 {
            text.clear();
            overview_head(&mut text, lang);
            out.write_all(text.as_bytes())?;
            for row in &self.rows {
                out.write_all(row.as_bytes())?;
            }
            out.write_all(OVERVIEW_END.as_bytes())?;
        }
        self.spill.copy_all(out)?;
        text.clear();
        closing(&mut text, &self.summary, lang);
        out.write_all(text.as_bytes())
    }
}

/// The end of the overview.
const OVERVIEW_END: &str = "</tbody>\n</table>\n</section>\n";

fn overview(out: &mut String, files: &[FileReport], lang: Lang) {
    overview_head(out, lang);
    for (i, f) in files.iter().enumerate() {
        overview_row(out, i + 1, f, lang);
    }
    out.push_str(OVERVIEW_END);
}

/// The overview up to its rows: its heading and the table's head.
fn overview_head(out: &mut String, lang: Lang) {
    let _ = writeln!(out, "<section class=\"overview\" aria-labelledby=\"overzicht\">\n<h2 id=\"overzicht\">{}</h2>", t("html.overzicht", lang));
    // Fixed widths: a long path wraps instead of pushing the figures off the page.
    let _ = writeln!(out, "<table>\n<colgroup>{}</colgroup>\n<thead><tr>", [23, 11, 10, 10, 11, 5, 5, 14, 11].map(|w| format!("<col style=\"width: {w}%\">")).concat());
    for (id, num) in [
        ("rapport.kop-bestand-naam", false),
        ("rapport.kop-regio", false),
        ("rapport.kop-regeling", false),
        ("html.kop-soort", false),
        ("rapport.kop-oordeel", false),
        ("rapport.status-fail", true),
        ("rapport.status-warn", true),
        ("rapport.kop-subsidie", true),
        ("html.kop-cofinanciering-pct", true),
    ] {
        let label = t(id, lang);
        // A status column is headed by its mark (`⚠`), its word in `title` and `aria-label`: in a
        // column of a few digits "waarschuwing" would break into pieces.
        let status = matches!(id, "rapport.status-fail" | "rapport.status-warn");
        let head = match label.split_once(' ').filter(|_| status) {
            Some((mark, _)) => format!(" title=\"{l}\" aria-label=\"{l}\">{m}", l = esc(&label), m = esc(mark)),
            None => format!(">{}", label),
        };
        let _ = write!(out, "<th scope=\"col\"{}{head}</th>", if num { " class=\"num\"" } else { "" });
    }
    let _ = writeln!(out, "</tr></thead>\n<tbody>");
}

/// The overview's row of the `n`th file.
fn overview_row(out: &mut String, n: usize, f: &FileReport, lang: Lang) {
    let opt = |v: &Option<String>| v.as_deref().map(esc).unwrap_or_default();
    let (sub, cof) = match &f.totals {
        Some(tt) => (eur(tt.subsidie, lang), tt.cofinanciering_pct.map(|p| pct(p, lang)).unwrap_or_default()),
        None => (String::new(), String::new()),
    };
    let _ = writeln!(
        out,
        "<tr class=\"{cls}\"><th scope=\"row\"><a href=\"#f{n}\">{path}</a></th><td>{regio}</td><td>{regeling}</td><td>{soort}</td><td><span class=\"st {cls}\">{verdict}</span></td><td class=\"num\">{fails}</td><td class=\"num\">{warns}</td><td class=\"num\">{sub}</td><td class=\"num\">{cof}</td></tr>",
        cls = verdict_class(f.verdict),
        path = esc(&f.path),
        regio = opt(&f.region),
        regeling = opt(&f.regeling),
        soort = opt(&f.soort),
        verdict = verdict_word(f.verdict, lang),
        fails = f.count(Outcome::Fail),
        warns = f.count(Outcome::Warn),
    );
}

fn file(out: &mut String, n: usize, f: &FileReport, lang: Lang) {
    let _ = writeln!(out, "<article id=\"f{n}\" aria-labelledby=\"f{n}-h\">\n<h2 id=\"f{n}-h\">{}</h2>", esc(&f.path));
    let mut counts = Msg::new("html.tellingen")
        .arg("fout", f.count(Outcome::Fail))
        .arg("waarschuwing", f.count(Outcome::Warn))
        .arg("goed", f.count(Outcome::Pass))
        .arg("overgeslagen", f.count(Outcome::Skip));
    if f.waived() > 0 {
        counts = Msg::new("rapport.tellingen-en-uitgezonderd").arg("tellingen", counts).arg("uitgezonderd", f.waived());
    }
    let _ = writeln!(
        out,
        "<p class=\"verdict {}\">{}</p>\n<p>{}</p>",
        verdict_class(f.verdict),
        verdict_word(f.verdict, lang),
        m(&counts, lang)
    );
    head(out, f, lang);
    if !f.errors.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", t("html.leesfouten", lang));
        for e in &f.errors {
            let place = e.pos.map(|p| format!("{} ", m(&Msg::new("rapport.plaats").arg("regel", p.line).arg("kolom", p.column), lang)));
            let _ = writeln!(out, "<li><span class=\"st fail\">{}</span> {}{}</li>", status(Outcome::Fail, lang), place.unwrap_or_default(), esc_lines(&error_text(e, lang)));
        }
        let _ = writeln!(out, "</ul>");
    }
    if f.errors.is_empty() {
        problems(out, f, lang);
        waived(out, f, lang);
    }
    if let Some(tt) = &f.totals {
        money(out, n, f, tt, lang);
    }
    if f.errors.is_empty() {
        modules(out, f, lang);
        rest(out, f, lang);
    }
    let _ = writeln!(out, "</article>");
}

fn head(out: &mut String, f: &FileReport, lang: Lang) {
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(r) = &f.region {
        rows.push((t("rapport.kop-regio", lang), esc(r)));
    }
    if let Some(r) = &f.regeling {
        rows.push((t("rapport.kop-regeling", lang), format!("<code>{}</code>", esc(r))));
    }
    if let Some(s) = &f.soort {
        rows.push((t("html.kop-soort", lang), format!("<code>{}</code>", esc(s))));
    }
    if let Some((mo, from)) = f.moment {
        let id = match from {
            MomentFrom::Indiening => "html.moment-indiening",
            MomentFrom::Peildatum => "html.moment-peildatum",
        };
        rows.push((t("html.kop-moment", lang), m(&Msg::new(id).arg("moment", Arg::Moment(mo)), lang)));
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "<dl class=\"head\">");
    for (k, v) in rows {
        let _ = writeln!(out, "<dt>{k}</dt><dd>{v}</dd>");
    }
    let _ = writeln!(out, "</dl>");
}

/// One line of a money chart: an amount against its limit (a maximum it must stay under, or a
/// requirement it must reach).
struct Line {
    /// The year, or the catalogue's "total" (not escaped).
    label: String,
    amount: Decimal,
    limit: Option<Decimal>,
    /// The outcome of the comparison: from the rule's finding where there is one.
    outcome: Outcome,
    /// The line of the whole period (the last of a chart).
    total: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Subsidy against a maximum: more is a problem.
    Maximum,
    /// Cofinancing against a requirement: less is a problem.
    Requirement,
}

impl Kind {
    fn bad(self, amount: Decimal, limit: Decimal) -> bool {
        match self {
            Kind::Maximum => amount > limit,
            Kind::Requirement => amount < limit,
        }
    }

    /// The difference between amount and limit, in words.
    fn difference(self, amount: Decimal, limit: Decimal, lang: Lang) -> String {
        let (id, v) = match self {
            Kind::Maximum if amount > limit => ("html.verschil-over", crate::money::sub(amount, limit)),
            Kind::Maximum => ("html.verschil-ruimte", crate::money::sub(limit, amount)),
            Kind::Requirement if amount < limit => ("html.verschil-tekort", crate::money::sub(limit, amount)),
            Kind::Requirement => ("html.verschil-meer", crate::money::sub(amount, limit)),
        };
        m(&Msg::new(id).euro("bedrag", v), lang)
    }

    /// The standing of a line in words (not escaped).
    fn state(self, line: &Line, lang: Lang) -> String {
        let Some(limit) = line.limit else {
            return text(if self == Kind::Maximum && !line.total { "html.stand-geen-jaarmaximum" } else { "html.stand-onbekend" }, lang);
        };
        let id = match (self, self.bad(line.amount, limit)) {
            (Kind::Maximum, false) => "html.stand-binnen",
            (Kind::Maximum, true) => "html.stand-boven",
            (Kind::Requirement, false) => "html.stand-genoeg",
            (Kind::Requirement, true) => "html.stand-tekort",
        };
        text(id, lang)
    }
}

/// The named argument of a message that is itself a message, by id.
fn sub_msg<'a>(msg: &'a Msg, name: &str) -> Option<&'a Msg> {
    msg.args.iter().find(|(n, _)| *n == name).and_then(|(_, a)| match a {
        Arg::Bericht(b) => Some(b.as_ref()),
        _ => None,
    })
}

fn text_arg<'a>(msg: &'a Msg, name: &str) -> Option<&'a str> {
    msg.args.iter().find(|(n, _)| *n == name).and_then(|(_, a)| match a {
        Arg::Tekst(s) => Some(s.as_str()),
        _ => None,
    })
}

fn dec(s: &Option<String>) -> Option<Decimal> {
    s.as_deref().and_then(|s| Decimal::from_str(s).ok())
}

/// `begroting/plafond`'s findings about a ceiling per year or in total (not those about the
/// inputs of a ceiling).
fn ceiling_findings<'a>(f: &'a FileReport, per: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
    f.findings
        .iter()
        .filter(move |x| x.rule == "begroting/plafond" && sub_msg(&x.message, "maximum").is_some_and(|s| s.id == per))
}

/// The lines of the subsidy chart: each year against the yearly maximum where the rule set has
/// one, and the total against the region's maximum. The limits are those the checks used.
fn subsidy_lines(f: &FileReport, tt: &Totals, lang: Lang) -> Vec<Line> {
    let yearly: Vec<&Finding> = ceiling_findings(f, "begroting.maximum-jaar").collect();
    let per_year = yearly.iter().find_map(|x| dec(&x.required));
    let mut lines: Vec<Line> = tt
        .jaren
        .iter()
        .filter(|j| !j.subsidie.is_zero() || !j.kosten.is_zero())
        .map(|j| {
            let year = j.jaar.to_string();
            let found = yearly
                .iter()
                .find(|x| sub_msg(&x.message, "waar").and_then(|w| text_arg(w, "jaar")) == Some(year.as_str()));
            let outcome = match (found, per_year) {
                (Some(x), _) => x.outcome,
                (None, Some(p)) if j.subsidie > p => Outcome::Warn,
                (None, Some(_)) => Outcome::Pass,
                (None, None) => Outcome::Skip,
            };
            Line { label: year, amount: j.subsidie, limit: per_year, outcome, total: false }
        })
        .collect();
    let total = ceiling_findings(f, "begroting.maximum-totaal").next();
    let limit = tt.plafond.or_else(|| total.and_then(|x| dec(&x.required)));
    let outcome = match (total, limit) {
        (Some(x), _) => x.outcome,
        (None, Some(l)) if tt.subsidie > l => Outcome::Fail,
        (None, Some(_)) => Outcome::Pass,
        (None, None) => Outcome::Skip,
    };
    lines.push(Line { label: text("html.totaal", lang), amount: tt.subsidie, limit, outcome, total: true });
    lines
}

/// The lines of the cofinancing chart. In total: what counts against what is required, as
/// `cofinanciering/minimum` worked them out. The requirement holds for the whole period, so a
/// year is shown against its share of it in proportion to that year's costs: a guide to where a
/// shortfall sits, never a verdict of its own (a year below its share is `warn` at most).
fn cofinancing_lines(f: &FileReport, tt: &Totals, lang: Lang) -> Vec<Line> {
    let rule = f.findings.iter().find(|x| x.rule == "cofinanciering/minimum" && x.outcome != Outcome::Skip);
    let required = rule.and_then(|x| dec(&x.required));
    let counted = rule.and_then(|x| dec(&x.found)).unwrap_or(tt.cofinanciering);
    let mut lines: Vec<Line> = tt
        .jaren
        .iter()
        .filter(|j| !j.cofinanciering.is_zero() || !j.kosten.is_zero())
        .map(|j| {
            let limit = match required {
                Some(r) if !tt.kosten.is_zero() => crate::money::mul(r, j.kosten).checked_div(tt.kosten).map(|v| v.round_dp(2)),
                _ => None,
            };
            let outcome = match limit {
                Some(l) if j.cofinanciering < l => Outcome::Warn,
                Some(_) => Outcome::Pass,
                None => Outcome::Skip,
            };
            Line { label: j.jaar.to_string(), amount: j.cofinanciering, limit, outcome, total: false }
        })
        .collect();
    let outcome = match (rule, required) {
        (Some(x), _) => x.outcome,
        (None, _) => Outcome::Skip,
    };
    lines.push(Line { label: text("html.totaal", lang), amount: counted, limit: required, outcome, total: true });
    lines
}

fn money(out: &mut String, n: usize, f: &FileReport, tt: &Totals, lang: Lang) {
    let subsidy = subsidy_lines(f, tt, lang);
    let cofinancing = cofinancing_lines(f, tt, lang);
    let _ = writeln!(out, "<section aria-labelledby=\"f{n}-geld\">\n<h3 id=\"f{n}-geld\">{}</h3>", t("html.geld", lang));
    // Captions not escaped: each place escapes them.
    let groups = [
        (Kind::Maximum, text("html.geld-subsidie", lang), &subsidy),
        (Kind::Requirement, text("html.geld-cofinanciering", lang), &cofinancing),
    ];
    chart(out, n, &groups, lang);
    for (i, (kind, caption, lines)) in groups.iter().enumerate() {
        figures(out, &format!("f{n}-t{i}"), *kind, caption, lines, lang);
    }
    let mut notes = Vec::new();
    if let Some(r) = cofinancing.last().and_then(|l| l.limit) {
        notes.push(m(&Msg::new("html.noot-evenredig").euro("vereist", r), lang));
    }
    let counted = cofinancing.last().map_or(tt.cofinanciering, |l| l.amount);
    if counted != tt.cofinanciering {
        notes.push(m(&Msg::new("html.noot-meetellend").euro("alle", tt.cofinanciering).euro("meetellend", counted), lang));
    }
    if subsidy.len() > 1 && subsidy[0].limit.is_none() {
        notes.push(t("html.noot-geen-jaarmaximum", lang));
    }
    for note in notes {
        let _ = writeln!(out, "<p class=\"note\">{note}</p>");
    }
    let _ = writeln!(out, "</section>");
}

/// The figures of one chart group as a table: the chart's text for everyone.
fn figures(out: &mut String, id: &str, kind: Kind, caption: &str, lines: &[Line], lang: Lang) {
    let limit_head = match kind {
        Kind::Maximum => "html.kop-maximum",
        Kind::Requirement => "html.kop-vereist",
    };
    let _ = writeln!(
        out,
        "<table class=\"figures\" id=\"{id}\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        esc(caption),
        t("html.kop-jaar", lang),
        t("html.kop-bedrag", lang),
        t(limit_head, lang),
        t("html.kop-verschil", lang),
        t("html.kop-stand", lang),
    );
    for l in lines {
        let (limit, diff) = match l.limit {
            Some(x) => (eur(x, lang), kind.difference(l.amount, x, lang)),
            None => ("—".to_string(), String::new()),
        };
        let cls = l.outcome.as_str();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{limit}</td><td class=\"num diff\">{diff}</td><td><span class=\"st {cls}\">{} {}</span></td></tr>",
            esc(&l.label),
            eur(l.amount, lang),
            mark_of(l.outcome),
            esc(&kind.state(l, lang)),
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

/// Pixels, for the chart's geometry only.
fn px(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// The money chart: one bar per line, the limit as a vertical rule; what goes over a maximum
/// or falls short of a requirement is hatched. The years of a group share one scale, the total
/// has its own (it is several times a year).
fn chart(out: &mut String, n: usize, groups: &[(Kind, String, &Vec<Line>)], lang: Lang) {
    const W: f64 = 640.0;
    const LABEL: f64 = 70.0;
    const BAR: f64 = 400.0;
    const ROW: f64 = 24.0;
    const GROUP: f64 = 26.0;
    let rows: usize = groups.iter().map(|(_, _, l)| l.len()).sum();
    let height = groups.len() as f64 * GROUP + rows as f64 * ROW + 8.0;
    let title = format!("f{n}-ct");
    let desc = format!("f{n}-cd");
    let mut description = Vec::new();
    for (kind, caption, lines) in groups {
        let items: Vec<String> = lines
            .iter()
            .map(|l| {
                let id = match (kind, l.limit) {
                    (_, None) => "html.grafiek-regel-zonder",
                    (Kind::Maximum, Some(_)) => "html.grafiek-regel-maximum",
                    (Kind::Requirement, Some(_)) => "html.grafiek-regel-vereist",
                };
                let mut msg = Msg::new(id).arg("label", l.label.as_str()).euro("bedrag", l.amount).arg("stand", kind.state(l, lang));
                if let Some(x) = l.limit {
                    msg = msg.euro("grens", x);
                }
                render(&msg, lang)
            })
            .collect();
        description.push(format!("{caption}: {}", items.join("; ")));
    }
    let _ = writeln!(
        out,
        "<figure>\n<svg class=\"chart\" role=\"img\" aria-labelledby=\"{title} {desc}\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{title}\">{}</title>\n<desc id=\"{desc}\">{}</desc>",
        t("html.grafiek-titel", lang),
        esc(&description.join(". ")),
    );
    let _ = writeln!(
        out,
        "<defs><pattern id=\"f{n}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b00020\" stroke-width=\"3\"/></pattern></defs>"
    );
    let mut y = 4.0;
    for (kind, caption, lines) in groups {
        let _ = writeln!(out, "<text class=\"grp\" x=\"0\" y=\"{:.0}\">{}</text>", y + 16.0, esc(caption));
        y += GROUP;
        let years = &lines[..lines.len().saturating_sub(1)];
        let scale_of = |ls: &[Line]| ls.iter().flat_map(|l| [px(l.amount), l.limit.map_or(0.0, px)]).fold(0.0_f64, f64::max);
        let year_scale = scale_of(years);
        for (i, l) in lines.iter().enumerate() {
            let is_total = i + 1 == lines.len();
            let scale = if is_total { scale_of(std::slice::from_ref(l)) } else { year_scale };
            let x = |v: Decimal| if scale > 0.0 { LABEL + BAR * px(v) / scale } else { LABEL };
            let bar_class = if *kind == Kind::Maximum { "bar-sub" } else { "bar-cof" };
            if is_total {
                let _ = writeln!(out, "<line class=\"axis\" x1=\"0\" x2=\"{W}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>");
            }
            let _ = writeln!(out, "<text x=\"0\" y=\"{:.1}\"{}>{}</text>", y + 16.0, if is_total { " class=\"grp\"" } else { "" }, esc(&l.label));
            let end = x(l.amount);
            match l.limit {
                Some(limit) if kind.bad(l.amount, limit) => {
                    let lx = x(limit);
                    let (solid, from, to) = match kind {
                        Kind::Maximum => (lx, lx, end),
                        Kind::Requirement => (end, end, lx),
                    };
                    let _ = writeln!(out, "<rect class=\"{bar_class}\" x=\"{LABEL}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\"/>", y + 5.0, solid - LABEL);
                    let _ = writeln!(
                        out,
                        "<rect x=\"{from:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" fill=\"url(#f{n}-hatch)\" stroke=\"#b00020\" stroke-dasharray=\"3 2\"/>",
                        y + 5.0,
                        (to - from).max(1.0)
                    );
                }
                _ => {
                    let _ = writeln!(out, "<rect class=\"{bar_class}\" x=\"{LABEL}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\"/>", y + 5.0, end - LABEL);
                }
            }
            if let Some(limit) = l.limit {
                let lx = x(limit);
                let _ = writeln!(out, "<line class=\"ref\" x1=\"{lx:.1}\" x2=\"{lx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>", y + 1.0, y + 23.0);
            }
            // No mark where there is nothing to hold the amount against: a dash before an
            // amount would read as a minus.
            let mark = if l.outcome == Outcome::Skip { String::new() } else { format!("{} ", mark_of(l.outcome)) };
            let _ = writeln!(out, "<text x=\"{:.0}\" y=\"{:.1}\">{mark}{}</text>", LABEL + BAR + 14.0, y + 16.0, eur(l.amount, lang));
            y += ROW;
        }
    }
    let _ = writeln!(out, "</svg>\n<figcaption class=\"note\">{}</figcaption>\n</figure>", t("html.grafiek-uitleg", lang));
}

fn place(x: &Finding, lang: Lang) -> String {
    x.pos.map_or(String::new(), |p| m(&Msg::new("rapport.plaats").arg("regel", p.line).arg("kolom", p.column), lang))
}

fn finding_cells(x: &Finding, lang: Lang, with_source: bool) -> String {
    let mut body = m(&x.message, lang);
    if let Some(note) = &x.note {
        let _ = write!(body, "<br><span class=\"note\">↳ {}</span>", m(note, lang));
    }
    if let Some(w) = waiver_text(x, lang) {
        let _ = write!(body, "<br><span class=\"waiver\">⊘ {}</span>", esc_lines(&w));
    }
    let (class, word) = match x.waiver {
        Some(_) => ("waived", t("rapport.status-waived", lang)),
        None => (x.outcome.as_str(), status(x.outcome, lang)),
    };
    let mut cells = format!(
        "<td><span class=\"st {class}\">{word}</span></td><th scope=\"row\"><code>{}</code></th><td class=\"place\">{}</td><td>{body}</td>",
        esc(x.rule).replacen('/', "/<wbr>", 1),
        place(x, lang),
    );
    if with_source {
        let src = x.source.as_deref().map(|b| source_html(b, &x.sources)).unwrap_or_else(|| t("rapport.geen-bron", lang));
        let cert = x.certainty.map(|c| certainty(c, lang)).unwrap_or_default();
        let _ = write!(cells, "<td>{src}</td><td>{cert}</td>");
    }
    cells
}

fn finding_head(lang: Lang, with_source: bool) -> String {
    let mut h = String::from("<colgroup><col class=\"c-st\"><col class=\"c-regel\"><col class=\"c-plaats\"><col class=\"c-bevinding\">");
    if with_source {
        h.push_str("<col class=\"c-bron\"><col class=\"c-zekerheid\">");
    }
    h.push_str("</colgroup>\n<thead><tr>");
    let mut cols = vec!["html.kop-status", "html.kop-regel", "html.kop-plaats", "html.kop-bevinding"];
    if with_source {
        cols.extend(["html.kop-bron", "html.kop-zekerheid"]);
    }
    for c in cols {
        let _ = write!(h, "<th scope=\"col\">{}</th>", t(c, lang));
    }
    h.push_str("</tr></thead>");
    h
}

/// Failures, then warnings, each with its figures (in the message), fix, source and certainty.
fn problems(out: &mut String, f: &FileReport, lang: Lang) {
    let bad: Vec<&Finding> = worst_first(&f.findings).into_iter().filter(|x| x.counts_against()).collect();
    let heading = m(&Msg::new("html.problemen").arg("aantal", bad.len()), lang);
    let _ = writeln!(out, "<h3>{heading}</h3>");
    if bad.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t("html.geen-problemen", lang));
        return;
    }
    let _ = writeln!(out, "<table class=\"problems\">\n{}\n<tbody>", finding_head(lang, true));
    for x in bad {
        let _ = writeln!(out, "<tr class=\"{}\">{}</tr>", x.outcome.as_str(), finding_cells(x, lang, true));
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

/// Failures and warnings a waiver covers: each with its outcome, message, source and the waiver.
fn waived(out: &mut String, f: &FileReport, lang: Lang) {
    let covered: Vec<&Finding> = worst_first(&f.findings).into_iter().filter(|x| x.waiver.is_some()).collect();
    if covered.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<p class=\"note\">{}</p>", m(&Msg::new("html.uitgezonderd").arg("aantal", covered.len()), lang), t("html.uitgezonderd-uitleg", lang));
    let _ = writeln!(out, "<table class=\"problems waived\">\n{}\n<tbody>", finding_head(lang, true));
    for x in covered {
        let _ = writeln!(out, "<tr class=\"waived\">{}</tr>", finding_cells(x, lang, true));
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

fn modules(out: &mut String, f: &FileReport, lang: Lang) {
    let _ = writeln!(out, "<table class=\"modules\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>", t("html.per-module", lang), t("html.kop-module", lang));
    let order = [Outcome::Fail, Outcome::Warn, Outcome::Pass, Outcome::Skip];
    for o in order {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", status(o, lang));
    }
    // Waived findings have a column of their own, in a file that has them.
    let waived = f.waived() > 0;
    if waived {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", t("rapport.status-waived", lang));
    }
    let _ = writeln!(out, "</tr></thead>\n<tbody>");
    for module in Module::ALL {
        let of: Vec<&Finding> = f.findings.iter().filter(|x| module_of(x.rule) == Some(module)).collect();
        if of.is_empty() {
            continue;
        }
        let _ = write!(out, "<tr><th scope=\"row\"><code>{}</code></th>", esc(module.as_str()));
        for o in order {
            let _ = write!(out, "<td class=\"num\">{}</td>", of.iter().filter(|x| x.outcome == o && x.waiver.is_none()).count());
        }
        if waived {
            let _ = write!(out, "<td class=\"num\">{}</td>", of.iter().filter(|x| x.waiver.is_some()).count());
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

/// Passes and skips, folded away.
fn rest(out: &mut String, f: &FileReport, lang: Lang) {
    let ok: Vec<&Finding> = worst_first(&f.findings).into_iter().filter(|x| matches!(x.outcome, Outcome::Pass | Outcome::Skip)).collect();
    if ok.is_empty() {
        return;
    }
    let summary = Msg::new("html.goed-en-nvt").arg("goed", f.count(Outcome::Pass)).arg("overgeslagen", f.count(Outcome::Skip));
    let _ = writeln!(out, "<details>\n<summary>{}</summary>\n<table class=\"rest\">\n{}\n<tbody>", m(&summary, lang), finding_head(lang, false));
    for x in ok {
        let _ = writeln!(out, "<tr class=\"{}\">{}</tr>", x.outcome.as_str(), finding_cells(x, lang, false));
    }
    let _ = writeln!(out, "</tbody>\n</table>\n</details>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(esc("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(esc("</td> & \"'"), "&lt;/td&gt; &amp; &quot;&#39;");
        assert_eq!(esc("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(esc("€ 1.425,07"), "€ 1.425,07");
    }

    /// The report of an application text, checked as `stocheck check` would.
    fn checked(text: &str) -> FileReport {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("aanvraag.yaml");
        std::fs::write(&f, text).unwrap();
        let reg = crate::checks::testutil::registry();
        let opts = crate::run::Options { peildatum: crate::values::Moment::parse("2024-09-30T12:00:00+02:00").unwrap(), fail_on: Default::default(), no_waivers: false };
        crate::run::check_input(&crate::run::Input::File(f), &reg, &reg.vocabulary(), &opts)
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_yearly_maximum_and_the_share_of_the_requirement_per_year() {
        use crate::checks::testutil::{BASIS, edit_in};
        // A techniekluwe regio: at most € 4 miljoen in total and € 1 miljoen a year (a warning).
        // Costs and financing agree (the cofinancing base is never smaller than the financing,
        // regels.md §2.2): € 2.080.000 of costs, € 1.872.000 subsidy and € 208.000 cofinancing.
        let text = edit_in(BASIS, "soort: techniekregio\n  maximum: 2000000", "soort: techniekluwe-regio");
        let text = edit_in(&text, "2025: 225000, 2026: 225000", "2025: 1197000, 2026: 225000");
        let text = edit_in(&text, "jaar: 2025, soort: materieel, bedrag: 250000", "jaar: 2025, soort: materieel, bedrag: 1330000");
        let text = edit_in(&text, "vorm: geld, bedrag: 100000 }", "vorm: geld, bedrag: 208000 }");
        let f = checked(&text);
        let tt = f.totals.as_ref().unwrap();
        let sub = subsidy_lines(&f, tt, Lang::Nl);
        let got: Vec<(&str, Decimal, Option<Decimal>, Outcome)> = sub.iter().map(|l| (l.label.as_str(), l.amount, l.limit, l.outcome)).collect();
        let m = Some(d("1000000"));
        assert_eq!(
            got,
            vec![
                ("2025", d("1197000"), m, Outcome::Warn),
                ("2026", d("225000"), m, Outcome::Pass),
                ("2027", d("225000"), m, Outcome::Pass),
                ("2028", d("225000"), m, Outcome::Pass),
                ("Totaal", d("1872000"), Some(d("4000000")), Outcome::Pass),
            ]
        );
        assert_eq!(Kind::Maximum.difference(d("1200000.50"), d("1000000"), Lang::Nl), "€ 200.000,50 te veel");
        // Costs of € 1.330.000 in 2025 and € 250.000 in each later year: the requirement (10% of
        // € 2.080.000) is € 133.000 for 2025 and € 25.000 for each later year; all cofinancing is
        // in 2025, so the later years fall short of their share (a warning at most: the
        // requirement is for the whole period, and the total meets it).
        let cof = cofinancing_lines(&f, tt, Lang::Nl);
        let got: Vec<(Decimal, Option<Decimal>, Outcome)> = cof.iter().map(|l| (l.amount, l.limit, l.outcome)).collect();
        let share = Some(d("25000"));
        assert_eq!(
            got,
            vec![
                (d("208000"), Some(d("133000")), Outcome::Pass),
                (d("0"), share, Outcome::Warn),
                (d("0"), share, Outcome::Warn),
                (d("0"), share, Outcome::Warn),
                (d("208000"), Some(d("208000")), Outcome::Pass),
            ]
        );
    }

    #[test]
    fn a_share_of_the_requirement_is_exact_to_the_cent() {
        use crate::checks::testutil::{BASIS, edit_in};
        // Costs of 1/3 and 2/3 of € 1.000,00: shares € 33,33 and € 66,67 of a € 100,00 requirement.
        let text = edit_in(BASIS, "jaar: 2025, soort: materieel, bedrag: 250000", "jaar: 2025, soort: materieel, bedrag: \"333.33\"");
        let text = edit_in(&text, "jaar: 2026, soort: materieel, bedrag: 250000", "jaar: 2026, soort: materieel, bedrag: \"666.67\"");
        let text = edit_in(&text, "  - { activiteit: lab, jaar: 2027, soort: materieel, bedrag: 250000 }\n  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }\n", "");
        // Financing that matches the € 1.000,00 of costs (the base is never smaller than it).
        let text = edit_in(&text, "subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }", "subsidie: { 2025: 300, 2026: 600, 2027: 0, 2028: 0 }");
        let text = edit_in(&text, "vorm: geld, bedrag: 100000 }", "vorm: geld, bedrag: 100 }");
        let f = checked(&text);
        let cof = cofinancing_lines(&f, f.totals.as_ref().unwrap(), Lang::En);
        let limits: Vec<Option<Decimal>> = cof.iter().map(|l| l.limit).collect();
        assert_eq!(limits[..2], [Some(d("33.33")), Some(d("66.67"))]);
        assert_eq!(cof.last().unwrap().label, "Total");
        assert_eq!(cof.last().unwrap().limit, Some(d("100")));
    }

    #[test]
    fn source_ids_are_marked_and_the_rest_escaped() {
        assert_eq!(
            source_html("DUS-I <b> [DUSI25]; zie [F24] en [geen id!]", &[]),
            "DUS-I &lt;b&gt; <span class=\"bron-id\">[DUSI25]</span>; zie <span class=\"bron-id\">[F24]</span> en [geen id!]"
        );
        assert_eq!(source_html("open [ zonder einde", &[]), "open [ zonder einde");
    }

    #[test]
    fn registered_sources_link_with_their_title() {
        let reg = crate::regeling::Registry::builtin().unwrap();
        let all = reg.bronnen();
        let sources: Vec<crate::regeling::Bron> = ["DUSI25", "F24"].iter().map(|k| all[*k].clone()).collect();
        assert_eq!(
            source_html("DUS-I [DUSI25]; [F24]", &sources),
            "DUS-I <a class=\"bron-id\" href=\"https://www.dus-i.nl/subsidies/sterk-techniekonderwijs-2025\" title=\"DUS-I, subsidiepagina Sterk techniekonderwijs 2025\">[DUSI25]</a>; \
             <span class=\"bron-id\" title=\"STO-website, actueel en veelgestelde vragen (medio 2024)\">[F24]</span>"
        );
    }
}
