//! The table report for people (Dutch): per file a head line with region, regulation, kind and
//! verdict, then a table with a row per finding (status mark, rule, place, message, source), and
//! a summary line at the end.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{Meta, error_text, summary};
use crate::engine::{Msg, Outcome};
use crate::messages::{moment_nl, render};
use crate::run::{FileReport, Verdict};

/// Width used when the output is not a terminal, so piped output is stable.
const PIPE_WIDTH: u16 = 120;

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

fn new_table(width: Option<u16>, meta: &Meta) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(width.unwrap_or(PIPE_WIDTH));
    table.set_header(vec![
        t("rapport.kop-status", meta),
        t("rapport.kop-regel", meta),
        t("rapport.kop-plaats", meta),
        t("rapport.kop-melding", meta),
        t("rapport.kop-bron", meta),
    ]);
    // Status, rule id and place never wrap; the message gets the room, the source what is left.
    table.set_constraints([
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
        ColumnConstraint::LowerBoundary(Width::Percentage(34)),
        ColumnConstraint::LowerBoundary(Width::Percentage(20)),
    ]);
    table
}

/// The report as text. `width` is the terminal's, or `None` when not writing to one.
pub fn write(files: &[FileReport], meta: &Meta, width: Option<u16>) -> String {
    let mut out = String::new();
    for f in files {
        let head = match (&f.region, &f.regeling, &f.soort) {
            (Some(r), Some(g), Some(s)) => {
                let mut h = Msg::new("rapport.kop-bestand")
                    .arg("pad", f.path.as_str())
                    .arg("regio", r.as_str())
                    .arg("regeling", g.as_str())
                    .arg("soort", s.as_str())
                    .arg("oordeel", verdict(f.verdict, meta));
                if let Some((m, _)) = f.moment {
                    h = h.arg("moment", moment_nl(&m));
                }
                render(&h, meta.lang)
            }
            _ => render(
                &Msg::new("rapport.kop-bestand-kort")
                    .arg("pad", f.path.as_str())
                    .arg("oordeel", verdict(f.verdict, meta)),
                meta.lang,
            ),
        };
        out.push_str(&head);
        out.push('\n');
        let mut table = new_table(width, meta);
        for e in &f.errors {
            table.add_row(vec![
                mark(Outcome::Fail, meta),
                t("rapport.regel-laden", meta),
                e.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
                error_text(e, meta.lang),
                String::new(),
            ]);
        }
        for x in &f.findings {
            let mut melding = render(&x.message, meta.lang);
            if let Some(n) = &x.note {
                melding.push_str("\n↳ ");
                melding.push_str(&render(n, meta.lang));
            }
            let bron = match (&x.source, x.certainty) {
                (Some(s), Some(c)) => format!("{s} [{}]", c.as_str()),
                (Some(s), None) => s.clone(),
                _ => String::new(),
            };
            table.add_row(vec![
                mark(x.outcome, meta),
                x.rule.to_string(),
                x.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.column)),
                melding,
                bron,
            ]);
        }
        out.push_str(&table.to_string());
        out.push_str("\n\n");
    }
    let s = summary(files);
    let line = Msg::new("rapport.samenvatting")
        .arg("bestanden", s.files)
        .arg("goed", s.pass)
        .arg("fout", s.fail)
        .arg("onleesbaar", s.error)
        .arg("b_goed", s.f_pass)
        .arg("b_fout", s.f_fail)
        .arg("b_waarschuwing", s.f_warn)
        .arg("b_overgeslagen", s.f_skip);
    out.push_str(&render(&line, meta.lang));
    out.push('\n');
    out
}
