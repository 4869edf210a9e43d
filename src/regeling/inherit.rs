//! Inheritance and validation: a set with `base: other-id` starts from that set, removes what
//! `verwijder` names and replaces what it gives; every parameter is checked against its declared
//! kind ([`super::params`]) on the way.

use std::collections::BTreeMap;

use super::bronnen::{Bron, keys_in, nested_bron_texts};
use super::model::{Gecontroleerd, Geldig, Param, RuleError, RuleSet, Soort};
use super::params::{PARAMETERS, spec_of};
use super::raw::{RawParam, Source};
use crate::aanvraag::suggest;
use crate::messages::Msg;
use crate::module::Module;
use crate::yaml::{Pos, Spanned, pos};

pub(super) fn resolve(
    id: &str,
    sources: &BTreeMap<String, Source>,
    shared: &BTreeMap<String, Bron>,
    chain: &mut Vec<String>,
) -> Result<RuleSet, RuleError> {
    let src = &sources[id];
    let err = |pos: Option<Pos>, msg: Msg| RuleError {
        file: src.file.clone(),
        pos,
        msg,
    };
    if chain.iter().any(|c| c == id) {
        return Err(err(None, Msg::new("regelbestand.cyclus").arg("keten", format!("{} → {id}", chain.join(" → ")))));
    }
    chain.push(id.to_string());
    let raw = &src.raw;
    let mut set = match &raw.base {
        None => RuleSet {
            id: id.to_string(),
            naam: String::new(),
            naam_en: None,
            versie: String::new(),
            aliassen: Vec::new(),
            origin: src.origin.clone(),
            parameters: BTreeMap::new(),
            soorten: BTreeMap::new(),
            regios: BTreeMap::new(),
            bronnen: shared.clone(),
            geldig: None,
            gecontroleerd: None,
        },
        Some(base) => {
            if !sources.contains_key(&base.value) {
                let msg = match suggest(&base.value, sources.keys().map(String::as_str)) {
                    Some(s) => Msg::new("regelbestand.base-onbekend-bedoeld").arg("bedoeld", s),
                    None => Msg::new("regelbestand.base-onbekend"),
                };
                return Err(err(pos(base), msg.arg("base", base.value.as_str())));
            }
            resolve(&base.value, sources, shared, chain)?
        }
    };
    set.id = id.to_string();
    set.naam = raw.naam.clone();
    set.naam_en = raw.naam_en.clone();
    set.versie = raw.versie.clone();
    set.aliassen = raw.aliassen.clone();
    set.origin = src.origin.clone();
    for (key, b) in &raw.bronnen {
        if set.bronnen.contains_key(key) {
            return Err(err(pos(b), Msg::new("regelbestand.bron-dubbel").arg("sleutel", key.as_str())));
        }
        if !keys_in(&format!("[{key}]")).contains(&key.as_str()) {
            return Err(err(pos(b), Msg::new("regelbestand.bron-sleutel").arg("sleutel", key.as_str())));
        }
        if let Some(u) = b.value.url.as_deref().filter(|u| !super::bronnen::plain_url(u)) {
            return Err(err(pos(b), Msg::new("regelbestand.bron-adres").arg("sleutel", key.as_str()).arg("adres", u)));
        }
        set.bronnen.insert(key.clone(), Bron::from_raw(key, &b.value));
    }
    let known = set.bronnen.clone();
    let cited = |text: &Spanned<String>| check_keys(&text.value, pos(text), &known, &err);
    if let Some(g) = &raw.geldig {
        cited(&g.value.bron)?;
        let date = |d: &Option<Spanned<String>>| -> Result<Option<chrono::NaiveDate>, RuleError> {
            d.as_ref().map(|d| parse_date(d, &err)).transpose()
        };
        set.geldig = Some(Geldig {
            vanaf: date(&g.value.vanaf)?,
            vervalt: date(&g.value.vervalt)?,
            bron: g.value.bron.value.clone(),
            toelichting: g.value.toelichting.clone(),
        });
    }
    if let Some(c) = &raw.gecontroleerd {
        cited(&c.value.bron)?;
        set.gecontroleerd = Some(Gecontroleerd {
            datum: parse_date(&c.value.datum, &err)?,
            bron: c.value.bron.value.clone(),
        });
    }
    for name in &raw.verwijder.parameters {
        if set.parameters.remove(&name.value).is_none() {
            return Err(err(pos(name), Msg::new("regelbestand.verwijder-parameter").arg("naam", name.value.as_str())));
        }
    }
    for name in &raw.verwijder.soorten {
        if set.soorten.remove(&name.value).is_none() {
            return Err(err(pos(name), Msg::new("regelbestand.verwijder-soort").arg("naam", name.value.as_str())));
        }
    }
    for (name, p) in &raw.parameters.entries {
        set.parameters.insert(name.value.clone(), finish(name, p, &known, &err)?);
    }
    for (sid, s) in &raw.soorten {
        let mut parameters = BTreeMap::new();
        for (name, p) in &s.value.parameters.entries {
            parameters.insert(name.value.clone(), finish(name, p, &known, &err)?);
        }
        let modules = match &s.value.modules {
            None => None,
            Some(mods) => {
                let mut known = Vec::new();
                for m in mods {
                    let Ok(module) = m.value.parse::<Module>() else {
                        let msg = match suggest(&m.value, Module::ALL.iter().map(|x| x.as_str())) {
                            Some(s) => Msg::new("regelbestand.module-onbekend-bedoeld").arg("bedoeld", s),
                            None => Msg::new("regelbestand.module-onbekend"),
                        };
                        return Err(err(pos(m).or(pos(s)), msg.arg("soort", sid.as_str()).arg("module", m.value.as_str())));
                    };
                    known.push(module);
                }
                Some(known)
            }
        };
        set.soorten.insert(
            sid.clone(),
            Soort {
                id: sid.clone(),
                omschrijving: s.value.omschrijving.clone(),
                omschrijving_en: s.value.omschrijving_en.clone(),
                modules,
                parameters,
            },
        );
    }
    for (rid, r) in &raw.regios {
        let mut parameters = BTreeMap::new();
        for (name, p) in &r.value.parameters.entries {
            parameters.insert(name.value.clone(), finish(name, p, &known, &err)?);
        }
        set.regios.insert(rid.clone(), parameters);
    }
    chain.pop();
    Ok(set)
}

/// A date `YYYY-MM-DD` of the rule data.
fn parse_date(d: &Spanned<String>, err: &dyn Fn(Option<Pos>, Msg) -> RuleError) -> Result<chrono::NaiveDate, RuleError> {
    chrono::NaiveDate::parse_from_str(d.value.trim(), "%Y-%m-%d")
        .map_err(|_| err(pos(d), Msg::new("regelbestand.geen-datum").arg("waarde", d.value.as_str())))
}

/// Every key a `bron` text cites must be in the registry, so a reader can look it up.
fn check_keys(
    text: &str,
    at: Option<Pos>,
    known: &BTreeMap<String, Bron>,
    err: &dyn Fn(Option<Pos>, Msg) -> RuleError,
) -> Result<(), RuleError> {
    for key in keys_in(text) {
        if !known.contains_key(key) {
            let msg = match suggest(key, known.keys().map(String::as_str)) {
                Some(s) => Msg::new("regelbestand.bron-onbekend-bedoeld").arg("bedoeld", s),
                None => Msg::new("regelbestand.bron-onbekend"),
            };
            return Err(err(at, msg.arg("sleutel", key)));
        }
    }
    Ok(())
}

fn finish(
    name: &Spanned<String>,
    p: &Spanned<RawParam>,
    known: &BTreeMap<String, Bron>,
    err: &dyn Fn(Option<Pos>, Msg) -> RuleError,
) -> Result<Param, RuleError> {
    let at = pos(name);
    let name = name.value.as_str();
    let Some(spec) = spec_of(name) else {
        let names: Vec<String> = PARAMETERS.iter().flat_map(|s| s.names()).collect();
        let msg = match suggest(name, names.iter().map(String::as_str)) {
            Some(s) => Msg::new("regelbestand.parameter-onbekend-bedoeld").arg("bedoeld", s),
            None => Msg::new("regelbestand.parameter-onbekend"),
        };
        return Err(err(at, msg.arg("naam", name)));
    };
    let raw = &p.value;
    let (mild, streng) = match (&raw.waarde, &raw.mild, &raw.streng) {
        (Some(w), None, None) => (w.clone(), w.clone()),
        (None, Some(m), Some(s)) => (m.clone(), s.clone()),
        _ => {
            return Err(err(at, Msg::new("regelbestand.waarde-of-band").arg("naam", name)));
        }
    };
    for (reading, v) in [("mild", &mild), ("streng", &streng)] {
        // The detail is the deserializer's own description of the shape it wanted.
        (spec.validate)(v).map_err(|e| err(at, Msg::new("regelbestand.ongeldig").arg("naam", name).arg("lezing", reading).arg("fout", e)))?;
    }
    if raw.bron.value.trim().is_empty() {
        return Err(err(at, Msg::new("regelbestand.bron-leeg").arg("naam", name)));
    }
    check_keys(&raw.bron.value, pos(&raw.bron).or(at), known, err)?;
    let mut inner = Vec::new();
    for v in [&mild, &streng] {
        nested_bron_texts(v, &mut inner);
    }
    for text in &inner {
        check_keys(text, at, known, err)?;
    }
    Ok(Param {
        name: name.to_string(),
        mild: super::model::Json::new(&mild),
        streng: super::model::Json::new(&streng),
        bron: raw.bron.value.clone(),
        zekerheid: raw.zekerheid,
        ernst: raw.ernst,
        toelichting: raw.toelichting.clone(),
        typed: super::model::Typed::default(),
    })
}

