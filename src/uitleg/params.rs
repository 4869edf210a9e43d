//! What `rules` and `explain` both print about a rule's parameters: each value in words, per
//! kind of submission or region, with its source and certainty.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::checks::Rule;
use crate::messages::{Lang, datum, euro, moment, render_positional, text};
use crate::regeling::params::{self as key, Minimum, Penvoerder, Per, Plafond, Stap, Tel};
use crate::regeling::{Ernst, Param, RuleSet, Venster};
use crate::report::style::{Paint, Style};
use crate::report::table::wrap;
use crate::text_filter::visible;

pub(super) fn t(id: &str, lang: Lang) -> String {
    text(id, lang)
}

pub(super) fn zekerheid_ernst(p: &Param, lang: Lang) -> String {
    let ernst = match p.ernst {
        Ernst::Fout => "regels.ernst-fout",
        Ernst::Waarschuwing => "regels.ernst-waarschuwing",
        Ernst::Info => "regels.ernst-info",
    };
    format!("{} · {}", p.zekerheid.as_str(), t(ernst, lang))
}

/// One value of a parameter in words, formatted for the language.
pub(super) fn waarde(name: &str, v: &Value, lang: Lang) -> String {
    let yes_no = |b: bool| t(if b { "regels.ja" } else { "regels.nee" }, lang);
    match name {
        n if n == key::COFINANCIERING_PCT.name => serde_json::from_value::<crate::regeling::params::Dec>(v.clone())
            .map(|d| format!("{}%", crate::messages::number(d.0, lang)))
            .unwrap_or_else(|_| v.to_string()),
        n if n == key::UURTARIEF_INTERN.name || n == key::UURTARIEF_EXTERN.name => match serde_json::from_value::<Vec<Stap>>(v.clone()) {
            Ok(steps) => steps
                .iter()
                .map(|s| {
                    let b = s.vanaf.band();
                    let vanaf = if b.is_settled() {
                        datum(b.mild.0, lang)
                    } else {
                        render_positional("regels.datum-band", &[datum(b.mild.0, lang), datum(b.streng.0, lang)], lang)
                    };
                    render_positional("regels.stap", &[vanaf, euro(s.bedrag.0, lang)], lang)
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(_) => v.to_string(),
        },
        n if n == key::VENSTER.name => match serde_json::from_value::<Venster>(v.clone()) {
            Ok(w) => {
                // An exclusive end is shown as the last second still inside: "t/m 15 april 2025
                // 23:59:59" says what a user needs to know.
                let last = if w.tot_en_met { w.eind } else { crate::values::Moment(w.eind.0 - chrono::Duration::seconds(1)) };
                let eind = moment(&last, lang);
                let id = if w.begin.is_some() { "regels.venster-tm" } else { "regels.venster-tot-tm" };
                let begin = w.begin.map(|b| moment(&b, lang)).unwrap_or_default();
                render_positional(id, &[begin, eind], lang)
            }
            Err(_) => v.to_string(),
        },
        n if n == key::PLAFONDS.name => match serde_json::from_value::<Vec<Plafond>>(v.clone()) {
            Ok(items) => items
                .iter()
                .map(|p| {
                    let bedrag = match (&p.bedrag, p.uit_bestand) {
                        (Some(b), _) => {
                            let b = b.band();
                            let f = |o: &Option<crate::regeling::params::Dec>| o.as_ref().map_or(t("regels.geen-maximum", lang), |d| euro(d.0, lang));
                            if b.mild == b.streng { f(&b.mild) } else { format!("mild {} / streng {}", f(&b.mild), f(&b.streng)) }
                        }
                        (None, true) => t("regels.uit-bestand", lang),
                        (None, false) => t("regels.formule", lang),
                    };
                    let per = t(if p.per == Per::Jaar { "regels.per-jaar" } else { "regels.per-totaal" }, lang);
                    format!("{}: {bedrag} {per} [{}]", p.regio_soort.as_deref().unwrap_or("*"), p.zekerheid.as_str())
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(_) => v.to_string(),
        },
        n if key::MINIMA.contains(n) => match serde_json::from_value::<Minimum>(v.clone()) {
            Ok(m) => {
                let unit = t(if m.tel == Some(Tel::Vestigingen) { "partners.eenheid-vestigingen" } else { "partners.eenheid-partners" }, lang);
                format!("{} {} ({})", m.aantal, unit, m.soorten.join(", "))
            }
            Err(_) => v.to_string(),
        },
        n if n == key::PENVOERDER.name => match serde_json::from_value::<Penvoerder>(v.clone()) {
            Ok(p) => render_positional("regels.penvoerder", &[p.soort, yes_no(p.ondertekend)], lang),
            Err(_) => v.to_string(),
        },
        n if n == key::PROFIELEN.name => v.as_array().map_or(v.to_string(), |a| {
            a.iter().filter_map(|p| p.get("id").and_then(Value::as_str)).collect::<Vec<_>>().join(", ")
        }),
        _ => match v {
            Value::Bool(b) => yes_no(*b),
            Value::String(s) => s.clone(),
            Value::Array(a) if a.is_empty() => t("regels.leeg", lang),
            Value::Array(a) => a.iter().map(|x| x.as_str().map_or(x.to_string(), str::to_string)).collect::<Vec<_>>().join(", "),
            other => other.to_string(),
        },
    }
}

/// The parameter's value as text: one value, or both readings of a band.
pub(super) fn waarde_band(p: &Param, lang: Lang) -> String {
    if p.is_band() {
        format!("mild: {} · streng: {}", waarde(&p.name, &p.mild, lang), waarde(&p.name, &p.streng, lang))
    } else {
        waarde(&p.name, &p.mild, lang)
    }
}

/// The parameter names a rule reads in a set: its own list, a family (`min_*`) as its usual
/// members, and then every other member the set has (a new minimum is data, not code).
pub(super) fn names(rule: &Rule, set: &RuleSet) -> Vec<String> {
    let family = |name: &str| (name == key::MINIMA.name).then_some(&key::MINIMA);
    let mut n: Vec<String> = Vec::new();
    for name in rule.params {
        match family(name) {
            Some(f) => n.extend(f.usual_names()),
            None => n.push(name.to_string()),
        }
    }
    for f in rule.params.iter().filter_map(|name| family(name)) {
        let all = set
            .parameters
            .keys()
            .chain(set.soorten.values().flat_map(|s| s.parameters.keys()))
            .chain(set.regios.values().flat_map(|r| r.keys()));
        for k in all.filter(|k| f.contains(k)) {
            if !n.contains(k) {
                n.push(k.clone());
            }
        }
    }
    n
}

/// What a parameter's value holds for.
#[derive(Clone, Copy)]
pub(super) enum Voor<'s> {
    /// Every kind of submission and region.
    Alle,
    /// One kind of submission.
    Soort(&'s str),
    /// One kind of region.
    Regio(&'s str),
}

/// Each value a parameter has in a set, with what it holds for.
pub(super) fn values<'s>(set: &'s RuleSet, name: &str) -> Vec<(Voor<'s>, &'s Param)> {
    let mut out = Vec::new();
    if let Some(p) = set.parameters.get(name) {
        out.push((Voor::Alle, p));
    }
    for (sid, s) in &set.soorten {
        if let Some(p) = s.parameters.get(name) {
            out.push((Voor::Soort(sid.as_str()), p));
        }
    }
    for (rid, r) in &set.regios {
        if let Some(p) = r.get(name) {
            out.push((Voor::Regio(rid.as_str()), p));
        }
    }
    out
}

pub(super) fn param_json(set: &RuleSet, voor: Voor, p: &Param, lang: Lang) -> Value {
    let mut o = json!({
        "regeling": set.id,
        "parameter": p.name,
        "text": waarde_band(p, lang),
        "bron": p.bron,
        "zekerheid": p.zekerheid.as_str(),
        "ernst": match p.ernst { Ernst::Fout => "fout", Ernst::Waarschuwing => "waarschuwing", Ernst::Info => "info" },
    });
    match voor {
        Voor::Alle => {}
        Voor::Soort(s) => o["soort"] = json!(s),
        Voor::Regio(r) => o["regio_soort"] = json!(r),
    }
    if p.is_band() {
        o["mild"] = p.mild.clone();
        o["streng"] = p.streng.clone();
    } else {
        o["waarde"] = p.mild.clone();
    }
    if let Some(x) = &p.toelichting {
        o["toelichting"] = json!(x);
    }
    o
}

/// Lines describing a rule's parameters in one set, indented by `indent`, wrapped to `width`.
pub(super) fn param_lines(out: &mut String, rule: &Rule, set: &RuleSet, lang: Lang, style: Style, width: usize, indent: usize) {
    let pad = " ".repeat(indent);
    let names = names(rule, set);
    if names.is_empty() {
        let _ = writeln!(out, "{pad}{}", t("regels.geen-parameters", lang));
    }
    for name in names {
        let vals = values(set, &name);
        if vals.is_empty() {
            let _ = writeln!(out, "{pad}{}: {}", style.paint(Paint::Heading, &visible(&name)), t("regels.niet-in-set", lang));
            continue;
        }
        for (voor, p) in vals {
            let voor = match voor {
                Voor::Alle => t("regels.alle-soorten", lang),
                Voor::Soort(s) => render_positional("regels.alleen-soort", &[s.to_string()], lang),
                Voor::Regio(r) => render_positional("regels.alleen-regio", &[r.to_string()], lang),
            };
            let head = format!("{} ({})", style.paint(Paint::Heading, &visible(&name)), visible(&voor));
            let _ = writeln!(out, "{pad}{head}");
            let inner = " ".repeat(indent + 2);
            let w = width.saturating_sub(indent + 2);
            let lines = [
                render_positional("regels.regel-waarde", &[waarde_band(p, lang)], lang),
                render_positional("regels.regel-zekerheid", &[zekerheid_ernst(p, lang)], lang),
                render_positional("regels.regel-bron", std::slice::from_ref(&p.bron), lang),
            ];
            for l in lines.iter().chain(p.toelichting.as_ref().map(|x| render_positional("regels.regel-toelichting", std::slice::from_ref(x), lang)).iter()) {
                for wl in wrap(&visible(l), w) {
                    let _ = writeln!(out, "{inner}{wl}");
                }
            }
        }
    }
}

