//! `stocheck rules` and `stocheck explain`: the rule data and the registry of rules made readable.
//! Per rule its parameters per regulation with their values (dated values with their dates,
//! bands as `mild` / `streng`), source and certainty; `explain` adds what the rule checks and why
//! (catalogue entries `uitleg.<rule>.*`) and a failing and a passing example
//! (`messages/voorbeelden.yaml`, tested to do what they claim). As a table for people or as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::checks::{RULES, Rule};
use crate::messages::{Lang, datum, euro, moment, render_positional, text};
use crate::regeling::params::{self as key, Minimum, Penvoerder, Per, Plafond, Stap, Tel};
use crate::regeling::{Ernst, Origin, Param, Registry, RuleSet, Venster};
use crate::report::style::{Paint, Style};
use crate::report::table::wrap;

/// The examples' source.
pub const VOORBEELDEN_SOURCE: &str = include_str!("../messages/voorbeelden.yaml");

/// A rule's two examples.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorbeeld {
    /// The outcome the failing fragment gives: `fail`, or `warn` for a rule that can only warn.
    #[serde(default)]
    pub uitkomst: Option<String>,
    pub faalt: Option<String>,
    pub slaagt: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorbeelden {
    /// The application the fragments are embedded in.
    pub basis: String,
    pub regels: BTreeMap<String, Voorbeeld>,
}

/// The examples, read once.
pub fn voorbeelden() -> &'static Voorbeelden {
    static V: OnceLock<Voorbeelden> = OnceLock::new();
    // Compiled in and tested; unreadable is a build defect.
    V.get_or_init(|| crate::yaml::from_str(VOORBEELDEN_SOURCE).unwrap_or_else(|e| panic!("messages/voorbeelden.yaml: {e:?}")))
}

/// The top-level sections of a YAML text: (key, the lines of the section).
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let top = !line.starts_with([' ', '#', '\t']) && !line.trim().is_empty();
        if top {
            let key = line.split(':').next().unwrap_or("").trim().to_string();
            out.push((key, String::new()));
        }
        if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// An application: `base` with each top-level section of `fragment` in place of its own (or
/// added at the end).
pub fn embed(base: &str, fragment: &str) -> String {
    let mut secs = sections(base);
    for (k, body) in sections(fragment) {
        match secs.iter_mut().find(|(x, _)| *x == k) {
            Some(s) => s.1 = body,
            None => secs.push((k, body)),
        }
    }
    secs.into_iter().map(|(_, b)| b).collect()
}

fn t(id: &str, lang: Lang) -> String {
    text(id, lang)
}

fn zekerheid_ernst(p: &Param, lang: Lang) -> String {
    let ernst = match p.ernst {
        Ernst::Fout => "regels.ernst-fout",
        Ernst::Waarschuwing => "regels.ernst-waarschuwing",
        Ernst::Info => "regels.ernst-info",
    };
    format!("{} · {}", crate::messages::zekerheid(p.zekerheid.as_str(), lang), t(ernst, lang))
}

/// One value of a parameter in words, formatted for the language.
fn waarde(name: &str, v: &Value, lang: Lang) -> String {
    let yes_no = |b: bool| t(if b { "regels.ja" } else { "regels.nee" }, lang);
    match name {
        n if n == key::COFINANCIERING_PCT.name => match serde_json::from_value::<crate::regeling::params::Percentage>(v.clone()) {
            Ok(crate::regeling::params::Percentage::Vast(d)) => format!("{}%", crate::messages::number(d.0, lang)),
            Ok(crate::regeling::params::Percentage::Gedateerd(steps)) => steps
                .iter()
                .map(|s| {
                    let pct = format!("{}%", crate::messages::number(s.pct.0, lang));
                    match s.vanaf {
                        Some(d) => render_positional("regels.stap", &[datum(d.0, lang), pct], lang),
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
                            if b.mild == b.streng { f(&b.mild) } else { render_positional("regels.band-kort", &[f(&b.mild), f(&b.streng)], lang) }
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
fn waarde_band(p: &Param, lang: Lang) -> String {
    if p.is_band() {
        render_positional("regels.band", &[waarde(&p.name, &p.mild, lang), waarde(&p.name, &p.streng, lang)], lang)
    } else {
        waarde(&p.name, &p.mild, lang)
    }
}

/// The parameter names a rule reads in a set: its own list, a family (`min_*`) as its usual
/// members, and then every other member the set has (a new minimum is data, not code).
fn names(rule: &Rule, set: &RuleSet) -> Vec<String> {
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
enum Voor<'s> {
    /// Every kind of submission and region.
    Alle,
    /// One kind of submission.
    Soort(&'s str),
    /// One kind of region.
    Regio(&'s str),
}

/// Each value a parameter has in a set, with what it holds for.
fn values<'s>(set: &'s RuleSet, name: &str) -> Vec<(Voor<'s>, &'s Param)> {
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

fn param_json(set: &RuleSet, voor: Voor, p: &Param, lang: Lang) -> Value {
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
fn param_lines(out: &mut String, rule: &Rule, set: &RuleSet, lang: Lang, style: Style, width: usize, indent: usize) {
    let pad = " ".repeat(indent);
    let names = names(rule, set);
    if names.is_empty() {
        let _ = writeln!(out, "{pad}{}", t("regels.geen-parameters", lang));
    }
    for name in names {
        let vals = values(set, &name);
        if vals.is_empty() {
            let _ = writeln!(out, "{pad}{}: {}", style.paint(Paint::Heading, &name), t("regels.niet-in-set", lang));
            continue;
        }
        for (voor, p) in vals {
            let voor = match voor {
                Voor::Alle => t("regels.alle-soorten", lang),
                Voor::Soort(s) => render_positional("regels.alleen-soort", &[s.to_string()], lang),
                Voor::Regio(r) => render_positional("regels.alleen-regio", &[r.to_string()], lang),
            };
            let head = format!("{} ({voor})", style.paint(Paint::Heading, &name));
            let _ = writeln!(out, "{pad}{head}");
            let inner = " ".repeat(indent + 2);
            let w = width.saturating_sub(indent + 2);
            let lines = [
                render_positional("regels.regel-waarde", &[waarde_band(p, lang)], lang),
                render_positional("regels.regel-zekerheid", &[zekerheid_ernst(p, lang)], lang),
                render_positional("regels.regel-bron", std::slice::from_ref(&p.bron), lang),
            ];
            for l in lines.iter().chain(p.toelichting.as_ref().map(|x| render_positional("regels.regel-toelichting", std::slice::from_ref(x), lang)).iter()) {
                for wl in wrap(l, w) {
                    let _ = writeln!(out, "{inner}{wl}");
                }
            }
        }
    }
}

/// `stocheck rules`: every rule set.
pub fn sets(reg: &Registry, lang: Lang, as_json: bool, style: Style) -> String {
    if as_json {
        let list: Vec<Value> = reg
            .sets()
            .map(|s| {
                json!({
                    "id": s.id, "naam": s.naam, "versie": s.versie, "aliassen": s.aliassen,
                    "origin": match &s.origin { Origin::Builtin => "builtin".to_string(), Origin::File(p) => p.display().to_string() },
                    "soorten": s.soorten.values().map(|k| json!({"id": k.id, "omschrijving": k.omschrijving, "modules": k.modules})).collect::<Vec<_>>(),
                })
            })
            .collect();
        return format!("{}\n", serde_json::to_string_pretty(&json!({ "version": 1, "sets": list })).unwrap_or_default());
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.paint(Paint::Heading, &t("regels.sets-kop", lang)));
    for s in reg.sets() {
        let _ = writeln!(out, "\n  {}  {}", style.paint(Paint::Heading, &s.id), set_naam(s, lang));
        let alias = if s.aliassen.is_empty() { String::new() } else { render_positional("regels.aliassen", &[s.aliassen.join(", ")], lang) };
        let _ = writeln!(out, "    {}{alias}", render_positional("regels.versie", std::slice::from_ref(&s.versie), lang));
        for k in s.soorten.values() {
            let omschrijving = if lang == Lang::En { k.omschrijving_en.as_ref().or(k.omschrijving.as_ref()) } else { k.omschrijving.as_ref() };
            let _ = writeln!(out, "    - {}: {}", k.id, omschrijving.cloned().unwrap_or_default());
        }
    }
    out.push('\n');
    for l in wrap(&t("regels.sets-verder", lang), 100) {
        let _ = writeln!(out, "{l}");
    }
    out
}

/// The name of a rule set in the reader's language, where the rule data gives one.
fn set_naam(s: &RuleSet, lang: Lang) -> &str {
    match (&s.naam_en, lang) {
        (Some(en), Lang::En) => en,
        _ => &s.naam,
    }
}

/// `stocheck rules REGELING`: every rule of a set with its parameters.
pub fn rules(set: &RuleSet, lang: Lang, as_json: bool, style: Style, width: usize) -> String {
    if as_json {
        let list: Vec<Value> = RULES
            .iter()
            .map(|r| {
                let params: Vec<Value> = names(r, set)
                    .iter()
                    .flat_map(|n| values(set, n).into_iter().map(|(s, p)| param_json(set, s, p, lang)))
                    .collect();
                json!({ "id": r.id, "module": r.module, "wat": t(&format!("uitleg.{}.wat", r.id), lang), "parameters": params })
            })
            .collect();
        let v = json!({ "version": 1, "regeling": set.id, "naam": set.naam, "versie": set.versie, "rules": list });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}  ({})", style.paint(Paint::Heading, &set.id), set_naam(set, lang), render_positional("regels.versie", std::slice::from_ref(&set.versie), lang));
    let mut module = None;
    for r in RULES {
        if module != Some(r.module) {
            module = Some(r.module);
            let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, r.module.as_str()));
        }
        let _ = writeln!(out, "  {}", style.paint(Paint::Heading, r.id));
        for l in wrap(&t(&format!("uitleg.{}.wat", r.id), lang), width.saturating_sub(4)) {
            let _ = writeln!(out, "    {l}");
        }
        param_lines(&mut out, r, set, lang, style, width, 4);
    }
    let _ = writeln!(out, "\n{}", t("regels.rules-verder", lang));
    out
}

/// `stocheck explain RULE`.
pub fn explain(rule: &Rule, reg: &Registry, lang: Lang, as_json: bool, style: Style, width: usize) -> String {
    let id = rule.id;
    let vb = voorbeelden().regels.get(id);
    let wat = t(&format!("uitleg.{id}.wat"), lang);
    let waarom = t(&format!("uitleg.{id}.waarom"), lang);
    let faalt_uitleg = t(&format!("uitleg.{id}.faalt"), lang);
    let slaagt_uitleg = t(&format!("uitleg.{id}.slaagt"), lang);
    let faalt = vb.and_then(|v| v.faalt.clone());
    let slaagt = vb.and_then(|v| v.slaagt.clone());
    let uitkomst = vb.and_then(|v| v.uitkomst.clone()).unwrap_or_else(|| "fail".to_string());
    if as_json {
        let params: Vec<Value> = reg
            .sets()
            .flat_map(|set| names(rule, set).into_iter().flat_map(move |n| values(set, &n).into_iter().map(move |(s, p)| param_json(set, s, p, lang))))
            .collect();
        let v = json!({
            "version": 1,
            "rule": id,
            "module": rule.module,
            "wat": wat,
            "waarom": waarom,
            "parameters": params,
            "voorbeelden": {
                "faalt": { "uitleg": faalt_uitleg, "uitkomst": uitkomst, "yaml": faalt },
                "slaagt": { "uitleg": slaagt_uitleg, "uitkomst": "pass", "yaml": slaagt },
            },
        });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = String::new();
    let para = |out: &mut String, head: &str, body: &str| {
        let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, head));
        for l in wrap(body, width.saturating_sub(2)) {
            let _ = writeln!(out, "  {l}");
        }
    };
    let _ = writeln!(out, "{}  ({})", style.paint(Paint::Heading, id), render_positional("uitleg.module", &[rule.module.to_string()], lang));
    para(&mut out, &t("uitleg.kop-wat", lang), &wat);
    para(&mut out, &t("uitleg.kop-waarom", lang), &waarom);
    let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, &t("uitleg.kop-parameters", lang)));
    for set in reg.sets() {
        let _ = writeln!(out, "  {}", style.paint(Paint::Heading, &set.id));
        param_lines(&mut out, rule, set, lang, style, width, 4);
    }
    let kop_faalt = t(if uitkomst == "warn" { "uitleg.kop-faalt-waarschuwing" } else { "uitleg.kop-faalt" }, lang);
    for (head, uitleg, yaml, paint) in [(kop_faalt, faalt_uitleg, faalt, Paint::Fail), (t("uitleg.kop-slaagt", lang), slaagt_uitleg, slaagt, Paint::Pass)] {
        let _ = writeln!(out, "\n{}", style.paint(paint, &head));
        for l in wrap(&uitleg, width.saturating_sub(2)) {
            let _ = writeln!(out, "  {l}");
        }
        if let Some(y) = yaml {
            out.push('\n');
            for l in y.lines() {
                let _ = writeln!(out, "    {l}");
            }
        }
    }
    // The rule holds in every regulation shown above, so the pointer names them all.
    let ids: Vec<String> = reg.sets().map(|s| s.id.clone()).collect();
    let _ = writeln!(out, "\n{}", render_positional("uitleg.verder", &[ids.join(", ")], lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aanvraag::load_text;
    use crate::engine::{Ctx, MomentFrom, Outcome};
    use crate::values::Moment;

    /// Runs one rule on an application in a folder that holds the base's attachments.
    fn outcomes(text: &str, rule: &Rule) -> Vec<Outcome> {
        let reg = Registry::builtin().unwrap();
        let a = load_text(text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{}: {e:#?}\n{text}", rule.id));
        let set = reg.get(&a.regeling.value).unwrap();
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("bijlagen")).unwrap();
        for part in ["regiovisie", "activiteitenplan", "samenwerkingsovereenkomst"] {
            std::fs::write(d.path().join(format!("bijlagen/{part}.pdf")), b"%PDF-1.7").unwrap();
        }
        let ctx = Ctx {
            aanvraag: &a,
            set,
            soort: Some(a.indiening.value.soort.value.as_str()).filter(|s| set.soorten.contains_key(*s)),
            moment: a.indiening.value.moment.as_ref().map(|m| m.value).unwrap_or_else(|| Moment::parse("2024-09-30T12:00:00+02:00").unwrap()),
            moment_from: MomentFrom::Indiening,
            folder: Some(d.path()),
        };
        let mut out = Vec::new();
        (rule.run)(&ctx, &mut out);
        out.iter().map(|f| f.outcome).collect()
    }

    fn worst(o: &[Outcome]) -> Outcome {
        [Outcome::Fail, Outcome::Warn, Outcome::Pass, Outcome::Skip].into_iter().find(|x| o.contains(x)).unwrap_or(Outcome::Skip)
    }

    #[test]
    fn the_base_passes_every_rule() {
        let v = voorbeelden();
        for r in RULES {
            let w = worst(&outcomes(&v.basis, r));
            assert!(matches!(w, Outcome::Pass | Outcome::Skip), "{}: {w:?}", r.id);
        }
    }

    /// Every rule has an entry; every failing fragment fails (or warns, where it says so) the
    /// rule it belongs to, every passing one passes it. A missing fragment is only allowed where
    /// the built-in rule data make it impossible, and then the rule must show that.
    #[test]
    fn every_example_does_what_it_claims() {
        let v = voorbeelden();
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        for k in v.regels.keys() {
            assert!(ids.contains(&k.as_str()), "example for unknown rule {k}");
        }
        for r in RULES {
            let e = v.regels.get(r.id).unwrap_or_else(|| panic!("no examples for {}", r.id));
            let base_worst = worst(&outcomes(&v.basis, r));
            match &e.slaagt {
                Some(f) => assert_eq!(worst(&outcomes(&embed(&v.basis, f), r)), Outcome::Pass, "{}: passing example", r.id),
                // Only a rule the built-in data never apply may lack a passing example.
                None => assert_eq!(base_worst, Outcome::Skip, "{}: no passing example", r.id),
            }
            if let Some(f) = &e.faalt {
                let want = match e.uitkomst.as_deref() {
                    Some("warn") => Outcome::Warn,
                    None | Some("fail") => Outcome::Fail,
                    Some(x) => panic!("{}: uitkomst {x}", r.id),
                };
                assert_eq!(worst(&outcomes(&embed(&v.basis, f), r)), want, "{}: failing example", r.id);
            }
        }
    }

    #[test]
    fn every_rule_is_explained_in_both_languages() {
        for r in RULES {
            for lang in Lang::ALL {
                for part in ["wat", "waarom", "faalt", "slaagt"] {
                    let id = format!("uitleg.{}.{part}", r.id);
                    assert!(crate::messages::template(&id, lang).is_some(), "{id} ({})", lang.code());
                }
                let text = explain(r, &Registry::builtin().unwrap(), lang, false, Style::PLAIN, 80);
                assert!(!text.contains("[[") && !text.contains("{0}"), "{}:\n{text}", r.id);
                let j: Value = serde_json::from_str(&explain(r, &Registry::builtin().unwrap(), lang, true, Style::PLAIN, 80)).unwrap();
                assert_eq!(j["rule"], r.id);
            }
        }
    }

    #[test]
    fn rules_show_dated_values_bands_sources() {
        let reg = Registry::builtin().unwrap();
        let set = reg.get("sto-2025-2028").unwrap();
        let nl = rules(set, Lang::Nl, false, Style::PLAIN, 100);
        assert!(nl.contains("vanaf 1 januari 2025: € 60,00"), "{nl}");
        assert!(nl.contains("mild: 1 vestiging(en) (vmbo, vso) · streng: 2 vestiging(en) (vmbo)"), "{nl}");
        assert!(nl.contains("1 september 2024 09:00 t/m 1 oktober 2024 16:00"), "{nl}");
        assert!(nl.contains("bevestigd"));
        let en = rules(set, Lang::En, false, Style::PLAIN, 100);
        assert!(en.contains("from 1 January 2025: €60.00"), "{en}");
        let j: Value = serde_json::from_str(&rules(set, Lang::En, true, Style::PLAIN, 100)).unwrap();
        let minimum = j["rules"].as_array().unwrap().iter().find(|r| r["id"] == "partners/minimum").unwrap();
        let vmbo = minimum["parameters"].as_array().unwrap().iter().find(|p| p["parameter"] == "min_vmbo").unwrap();
        assert_eq!(vmbo["mild"]["aantal"], 1);
        assert_eq!(vmbo["streng"]["aantal"], 2);
        assert!(sets(&reg, Lang::Nl, false, Style::PLAIN).contains("sto-2025-2029"));
    }

    #[test]
    fn embedding_replaces_whole_sections() {
        let base = "a: 1\nb:\n  c: 2\nd: 3\n";
        assert_eq!(embed(base, "b:\n  c: 9\n"), "a: 1\nb:\n  c: 9\nd: 3\n");
        assert_eq!(embed(base, "e: 5\n"), "a: 1\nb:\n  c: 2\nd: 3\ne: 5\n");
    }
}
