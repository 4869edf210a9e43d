//! What `rules` and `explain` both print about a rule's parameters: each value in words, per
//! kind of submission or region, with its source and certainty.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::checks::Rule;
use crate::messages::{Lang, Msg, datum, euro, moment, render, text};
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
    format!("{} · {}", crate::messages::zekerheid(p.zekerheid.as_str(), lang), t(ernst, lang))
}

/// One value of a parameter in words, formatted for the language.
pub(super) fn waarde(name: &str, v: &Value, lang: Lang) -> String {
    let yes_no = |b: bool| t(if b { "regels.ja" } else { "regels.nee" }, lang);
    match name {
        n if n == key::COFINANCIERING_PCT.name => match serde_json::from_value::<crate::regeling::params::Percentage>(v.clone()) {
            Ok(crate::regeling::params::Percentage::Vast(d)) => format!("{}%", crate::messages::number(d.0, lang)),
            Ok(crate::regeling::params::Percentage::Gedateerd(steps)) => steps
                .iter()
                .map(|s| {
                    let pct = format!("{}%", crate::messages::number(s.pct.0, lang));
                    match s.vanaf {
                        Some(d) => render(&Msg::new("regels.stap").arg("vanaf", datum(d.0, lang)).arg("waarde", pct), lang),
                        None => pct,
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(_) => v.to_string(),
        },
        n if n == key::UURTARIEF_INTERN.name || n == key::UURTARIEF_EXTERN.name => match serde_json::from_value::<Vec<Stap>>(v.clone()) {
            Ok(steps) => steps
                .iter()
                .map(|s| {
                    let b = s.vanaf.band();
                    let vanaf = if b.is_settled() {
                        datum(b.mild.0, lang)
                    } else {
                        render(&Msg::new("regels.datum-band").arg("mild", datum(b.mild.0, lang)).arg("streng", datum(b.streng.0, lang)), lang)
                    };
                    render(&Msg::new("regels.stap").arg("vanaf", vanaf).arg("waarde", euro(s.bedrag.0, lang)), lang)
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
                render(&Msg::new(id).arg("begin", begin).arg("eind", eind), lang)
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
                            if b.mild == b.streng { f(&b.mild) } else { render(&Msg::new("regels.band-kort").arg("mild", f(&b.mild)).arg("streng", f(&b.streng)), lang) }
                        }
                        (None, true) => t("regels.uit-bestand", lang),
                        (None, false) => t("regels.formule", lang),
                    };
                    let per = t(if p.per == Per::Jaar { "regels.per-jaar" } else { "regels.per-totaal" }, lang);
                    format!("{}: {bedrag} {per} [{}]", p.regio_soort.as_deref().unwrap_or("*"), crate::messages::zekerheid(p.zekerheid.as_str(), lang))
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(_) => v.to_string(),
        },
        n if key::MINIMA.contains(n) => match serde_json::from_value::<Minimum>(v.clone()) {
            Ok(m) => {
                let unit = if m.tel == Some(Tel::Vestigingen) { "partners.eenheid-vestigingen" } else { "partners.eenheid-partners" };
                let unit = render(&Msg::new(unit).arg("n", m.aantal), lang);
                format!("{} {} ({})", m.aantal, unit, m.soorten.join(", "))
            }
            Err(_) => v.to_string(),
        },
        n if n == key::PENVOERDER.name => match serde_json::from_value::<Penvoerder>(v.clone()) {
            Ok(p) => render(&Msg::new("regels.penvoerder").arg("soort", p.soort).arg("ondertekend", yes_no(p.ondertekend)), lang),
            Err(_) => v.to_string(),
        },
        n if n == key::FEESTDAGEN.name => match serde_json::from_value::<Vec<crate::regeling::params::Feestdag>>(v.clone()) {
            Ok(days) => days.iter().map(|d| format!("{} ({})", datum(d.datum.0, lang), d.naam)).collect::<Vec<_>>().join(", "),
            Err(_) => v.to_string(),
        },
        n if n == key::PLAATSHOUDERS.name => match serde_json::from_value::<crate::regeling::params::Plaatshouders>(v.clone()) {
            Ok(p) => render(&Msg::new("regels.plaatshouders").arg("fout", p.fout.join(", ")).arg("waarschuwing", p.waarschuwing.join(", ")), lang),
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
        render(&Msg::new("regels.band").arg("mild", waarde(&p.name, &p.mild.value(), lang)).arg("streng", waarde(&p.name, &p.streng.value(), lang)), lang)
    } else {
        waarde(&p.name, &p.mild.value(), lang)
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
        o["mild"] = p.mild.value();
        o["streng"] = p.streng.value();
    } else {
        o["waarde"] = p.mild.value();
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
                Voor::Soort(s) => render(&Msg::new("regels.alleen-soort").arg("soort", s.to_string()), lang),
                Voor::Regio(r) => render(&Msg::new("regels.alleen-regio").arg("regio", r.to_string()), lang),
            };
            let head = format!("{} ({})", style.paint(Paint::Heading, &visible(&name)), visible(&voor));
            let _ = writeln!(out, "{pad}{head}");
            let inner = " ".repeat(indent + 2);
            let w = width.saturating_sub(indent + 2);
            let lines = [
                render(&Msg::new("regels.regel-waarde").arg("waarde", waarde_band(p, lang)), lang),
                render(&Msg::new("regels.regel-zekerheid").arg("zekerheid", zekerheid_ernst(p, lang)), lang),
                render(&Msg::new("regels.regel-bron").arg("bron", p.bron.as_str()), lang),
            ];
            for l in lines.iter().chain(p.toelichting.as_ref().map(|x| render(&Msg::new("regels.regel-toelichting").arg("toelichting", x.as_str()), lang)).iter()) {
                for wl in wrap(&visible(l), w) {
                    let _ = writeln!(out, "{inner}{wl}");
                }
            }
        }
    }
}

