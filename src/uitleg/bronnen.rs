//! `stocheck rules --sources`: the source registry (every key the rule data cite, with its title,
//! publisher, date and address where known), and per rule set when it is in force, when it lapses
//! and when its facts were last checked.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::messages::{Lang, Msg, datum, render};
use crate::regeling::Registry;
use crate::report::style::{Paint, Style};
use crate::report::table::wrap;

use super::params::t;

/// `stocheck rules --sources`, as a table or as JSON.
pub fn sources(reg: &Registry, lang: Lang, as_json: bool, style: Style, width: usize) -> String {
    let bronnen = reg.bronnen();
    if as_json {
        let sets: Vec<Value> = reg
            .sets()
            .map(|s| {
                json!({
                    "id": s.id,
                    "geldig": s.geldig.as_ref().map(|g| json!({
                        "vanaf": g.vanaf.map(|d| d.to_string()),
                        "vervalt": g.vervalt.map(|d| d.to_string()),
                        "bron": g.bron,
                        "toelichting": g.toelichting,
                    })),
                    "gecontroleerd": s.gecontroleerd.as_ref().map(|c| json!({ "datum": c.datum.to_string(), "bron": c.bron })),
                })
            })
            .collect();
        let list: Vec<Value> = bronnen
            .values()
            .map(|b| serde_json::to_value(b).unwrap_or(Value::Null))
            .collect();
        let v = json!({ "version": 1, "sets": sets, "sources": list });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.paint(Paint::Heading, &t("bronnen.sets-kop", lang)));
    let unknown = t("bronnen.onbekend", lang);
    for s in reg.sets() {
        let _ = writeln!(out, "\n  {}  {}", style.paint(Paint::Heading, &s.id), s.naam);
        match &s.geldig {
            Some(g) => {
                let vanaf = g.vanaf.map_or(unknown.clone(), |d| datum(d, lang));
                let vervalt = g.vervalt.map_or(unknown.clone(), |d| datum(d, lang));
                let _ = writeln!(out, "    {}", render(&Msg::new("bronnen.geldig").arg("van", vanaf).arg("tot", vervalt), lang));
                for l in wrap(&render(&Msg::new("bronnen.bron").arg("bron", g.bron.as_str()), lang), width.saturating_sub(6)) {
                    let _ = writeln!(out, "      {}", style.paint(Paint::Dim, &l));
                }
                if let Some(n) = &g.toelichting {
                    for l in wrap(n, width.saturating_sub(6)) {
                        let _ = writeln!(out, "      {l}");
                    }
                }
            }
            None => {
                let _ = writeln!(out, "    {}", t("bronnen.geldig-onbekend", lang));
            }
        }
        match &s.gecontroleerd {
            Some(c) => {
                let _ = writeln!(out, "    {}", render(&Msg::new("bronnen.gecontroleerd").arg("datum", datum(c.datum, lang)), lang));
                for l in wrap(&render(&Msg::new("bronnen.bron").arg("bron", c.bron.as_str()), lang), width.saturating_sub(6)) {
                    let _ = writeln!(out, "      {}", style.paint(Paint::Dim, &l));
                }
            }
            None => {
                let _ = writeln!(out, "    {}", t("bronnen.gecontroleerd-onbekend", lang));
            }
        }
    }
    let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, &t("bronnen.kop", lang)));
    for b in bronnen.values() {
        let key = format!("[{}]", b.id);
        let _ = writeln!(out);
        let mut first = true;
        for l in wrap(&b.titel, width.saturating_sub(12)) {
            let label = if first { key.as_str() } else { "" };
            let _ = writeln!(out, "  {:<9} {l}", style.paint(Paint::Heading, label));
            first = false;
        }
        // A full date is shown as the language writes dates; a year or "medio 2024" as written.
        let when = b.datum.as_deref().map(|d| match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(date) => datum(date, lang),
            Err(_) => d.to_string(),
        });
        let wie: Vec<&str> = [b.uitgever.as_deref(), when.as_deref()].into_iter().flatten().collect();
        if !wie.is_empty() {
            let _ = writeln!(out, "  {:<9} {}", "", wie.join(", "));
        }
        match &b.url {
            Some(u) => {
                let _ = writeln!(out, "  {:<9} {u}", "");
            }
            None => {
                let _ = writeln!(out, "  {:<9} {}", "", style.paint(Paint::Dim, &t("bronnen.geen-adres", lang)));
            }
        }
    }
    out
}
