//! `stocheck rules`: the rule sets, and every rule of one set with its parameters.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::checks::RULES;
use crate::messages::{Lang, render_positional};
use crate::regeling::{Origin, Registry, RuleSet};
use crate::report::style::{Paint, Style};
use crate::report::table::wrap;
use crate::text_filter::visible;

use super::params::*;

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
        let _ = writeln!(out, "\n  {}  {}", style.paint(Paint::Heading, &visible(&s.id)), visible(&s.naam));
        let alias = if s.aliassen.is_empty() { String::new() } else { render_positional("regels.aliassen", &[s.aliassen.join(", ")], lang) };
        let _ = writeln!(out, "    {}", visible(&format!("{}{alias}", render_positional("regels.versie", std::slice::from_ref(&s.versie), lang))));
        for k in s.soorten.values() {
            let _ = writeln!(out, "    - {}", visible(&format!("{}: {}", k.id, k.omschrijving.clone().unwrap_or_default())));
        }
    }
    out.push('\n');
    for l in wrap(&t("regels.sets-verder", lang), 100) {
        let _ = writeln!(out, "{l}");
    }
    out
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
    let _ = writeln!(out, "{}  {}", style.paint(Paint::Heading, &visible(&set.id)), visible(&format!("{}  ({})", set.naam, render_positional("regels.versie", std::slice::from_ref(&set.versie), lang))));
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

