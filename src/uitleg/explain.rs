//! `stocheck explain RULE`: what a rule checks and why, its parameters per regulation, and a
//! failing and a passing example (`messages/voorbeelden.yaml`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::checks::{RULES, Rule};
use crate::module::Module;
use crate::messages::{Lang, Msg, render};
use crate::regeling::Registry;
use crate::report::style::{Paint, Style};
use crate::report::table::wrap;
use crate::text_filter::visible;

use super::params::*;

/// The examples' source.
pub const VOORBEELDEN_SOURCE: &str = include_str!("../../messages/voorbeelden.yaml");

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

/// `stocheck explain MODULE`: the module's rules, each with its one-line description, and how to
/// explain one of them.
pub fn explain_module(module: Module, lang: Lang, as_json: bool, style: Style, width: usize) -> String {
    // The registry's rules of the module; for `uitzonderingen`, the waivers' own rules.
    let mut ids: Vec<&str> = RULES.iter().filter(|r| r.module == module).map(|r| r.id).collect();
    if module == Module::Uitzonderingen {
        ids.extend(crate::checks::uitzonderingen::IDS);
    }
    if as_json {
        let v = json!({
            "version": 1,
            "module": module,
            "rules": ids.iter().map(|id| json!({ "rule": id, "kort": crate::report::rule_short(id, lang) })).collect::<Vec<_>>(),
        });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.paint(Paint::Heading, &render(&Msg::new("uitleg.module").arg("module", module.to_string()), lang)));
    let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, &t("uitleg.kop-regels", lang)));
    let id_width = ids.iter().map(|id| crate::report::table::width(id)).max().unwrap_or(0);
    for id in &ids {
        let pad = " ".repeat(id_width - crate::report::table::width(id));
        let body = wrap(&crate::report::rule_short(id, lang), width.saturating_sub(id_width + 6));
        for (i, l) in body.iter().enumerate() {
            let head = if i == 0 { format!("{id}{pad}") } else { " ".repeat(id_width) };
            let _ = writeln!(out, "  {head}  {l}");
        }
    }
    let first = ids.first().copied().unwrap_or("");
    let _ = writeln!(out, "\n{}", render(&Msg::new("uitleg.module-verder").arg("regel", first), lang));
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
    let _ = writeln!(out, "{}  ({})", style.paint(Paint::Heading, id), render(&Msg::new("uitleg.module").arg("module", rule.module.to_string()), lang));
    para(&mut out, &t("uitleg.kop-wat", lang), &wat);
    para(&mut out, &t("uitleg.kop-waarom", lang), &waarom);
    let _ = writeln!(out, "\n{}", style.paint(Paint::Heading, &t("uitleg.kop-parameters", lang)));
    for set in reg.sets() {
        let _ = writeln!(out, "  {}", style.paint(Paint::Heading, &visible(&set.id)));
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
    let _ = writeln!(out, "\n{}", render(&Msg::new("uitleg.verder").arg("regelingen", ids.join(", ")), lang));
    out
}


/// `stocheck explain RULE` for a rule of the waivers (`uitzonderingen/*`): it has no parameters
/// and no example fragments (it judges the file's waivers, not the plan), so its description.
pub fn explain_waiver_rule(id: &str, lang: Lang, as_json: bool, style: Style, width: usize) -> String {
    let kort = crate::report::rule_short(id, lang);
    let lang_text = crate::report::rule_long(id, lang);
    if as_json {
        let v = json!({ "version": 1, "rule": id, "module": Module::Uitzonderingen, "kort": kort, "wat": lang_text });
        return format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    let mut out = format!("{}  {}\n\n", style.paint(Paint::Heading, id), kort);
    for l in wrap(&lang_text, width.saturating_sub(2)) {
        let _ = writeln!(out, "  {l}");
    }
    out
}
