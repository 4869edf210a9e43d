//! A loaded, validated rule set: its parameters per kind of submission and per kind of region,
//! and the registry of every set known in a run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::de::DeserializeOwned;

use super::bronnen::Bron;
use super::params::spec_of;
use super::waarde::{Band, Ernst, Zekerheid};
use crate::messages::Msg;
use crate::yaml::Pos;
use crate::aanvraag::Vocabulary;
use crate::module::Module;

/// Where a rule set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

/// A parameter ready for the checks.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub mild: serde_json::Value,
    pub streng: serde_json::Value,
    pub bron: String,
    pub zekerheid: Zekerheid,
    pub ernst: Ernst,
    pub toelichting: Option<String>,
}

impl Param {
    /// The typed band. Parameters are validated when the rule set loads, so this fails only on
    /// a check asking for the wrong type, which the tests of the built-in sets would show.
    pub fn get<T: DeserializeOwned>(&self) -> Result<Band<T>, String> {
        let mild = serde_json::from_value(self.mild.clone()).map_err(|e| format!("{}: {e}", self.name))?;
        let streng =
            serde_json::from_value(self.streng.clone()).map_err(|e| format!("{}: {e}", self.name))?;
        Ok(Band { mild, streng })
    }

    pub fn is_band(&self) -> bool {
        self.mild != self.streng
    }
}

#[derive(Debug, Clone)]
pub struct Soort {
    pub id: String,
    pub omschrijving: Option<String>,
    pub omschrijving_en: Option<String>,
    pub modules: Option<Vec<Module>>,
    pub parameters: BTreeMap<String, Param>,
}

impl Soort {
    pub fn applies(&self, module: Module) -> bool {
        self.modules.as_ref().is_none_or(|m| m.contains(&module))
    }
}

/// A loaded, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub id: String,
    pub naam: String,
    pub naam_en: Option<String>,
    pub versie: String,
    pub aliassen: Vec<String>,
    pub origin: Origin,
    pub parameters: BTreeMap<String, Param>,
    pub soorten: BTreeMap<String, Soort>,
    /// Per kind of region, the parameters that differ for it.
    pub regios: BTreeMap<String, BTreeMap<String, Param>>,
    /// Every source this set may cite: the shared registry, its base's and its own.
    pub bronnen: BTreeMap<String, Bron>,
    /// When the regulation is in force and lapses.
    pub geldig: Option<Geldig>,
    /// When its facts were last checked.
    pub gecontroleerd: Option<Gecontroleerd>,
}

/// When a regulation is in force (`vanaf`) and when it lapses (`vervalt`), with the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geldig {
    pub vanaf: Option<chrono::NaiveDate>,
    pub vervalt: Option<chrono::NaiveDate>,
    pub bron: String,
    pub toelichting: Option<String>,
}

/// When the facts of a rule set were last checked, against what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gecontroleerd {
    pub datum: chrono::NaiveDate,
    pub bron: String,
}

/// Why a parameter is not there for a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Other kinds of submission have it; this one does not.
    NotForSoort,
    /// The rule set does not have it at all.
    NotInRuleSet,
}

impl RuleSet {
    /// The parameter as it holds for a kind of submission and a kind of region: the
    /// submission kind's own value first, then the region kind's, then the set's.
    pub fn param(&self, soort: Option<&str>, regio: Option<&str>, name: &str) -> Result<&Param, Missing> {
        if let Some(p) = soort.and_then(|s| self.soorten.get(s)).and_then(|s| s.parameters.get(name)) {
            return Ok(p);
        }
        if let Some(p) = regio.and_then(|r| self.regios.get(r)).and_then(|r| r.get(name)) {
            return Ok(p);
        }
        if let Some(p) = self.parameters.get(name) {
            return Ok(p);
        }
        if self.soorten.values().any(|s| s.parameters.contains_key(name)) {
            Err(Missing::NotForSoort)
        } else {
            Err(Missing::NotInRuleSet)
        }
    }

    /// Every parameter name that holds for a kind of submission and a kind of region, sorted.
    pub fn names(&self, soort: Option<&str>, regio: Option<&str>) -> Vec<&str> {
        let soort = soort.and_then(|s| self.soorten.get(s)).map(|s| &s.parameters);
        let regio = regio.and_then(|r| self.regios.get(r));
        let mut names: Vec<&str> = self
            .parameters
            .keys()
            .chain(soort.into_iter().flat_map(|p| p.keys()))
            .chain(regio.into_iter().flat_map(|p| p.keys()))
            .map(String::as_str)
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// A problem in a rule file: which file, where, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub pos: Option<Pos>,
    /// What is wrong, as a catalogue message.
    pub msg: Msg,
}

impl RuleError {
    /// `file:line:column` (or `file` when there is no place): where editors and CI logs link from.
    pub fn place(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

/// All rule sets known in a run, by id, with their aliases.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub(super) sets: BTreeMap<String, RuleSet>,
    pub(super) aliases: BTreeMap<String, String>,
    /// The shared source registry.
    pub(super) bronnen: BTreeMap<String, Bron>,
}

impl Registry {
    /// Every source known in this run: the shared registry and each set's own, by key.
    pub fn bronnen(&self) -> BTreeMap<String, Bron> {
        let mut all = self.bronnen.clone();
        for set in self.sets.values() {
            for (k, b) in &set.bronnen {
                all.entry(k.clone()).or_insert_with(|| b.clone());
            }
        }
        all
    }

    /// A rule set by id or alias.
    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.sets
            .get(id)
            .or_else(|| self.aliases.get(id).and_then(|real| self.sets.get(real)))
    }

    pub fn sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.sets.values()
    }

    /// The values any loaded rule set knows, for the reader of applications.
    pub fn vocabulary(&self) -> Vocabulary {
        let mut v = Vocabulary::default();
        for set in self.sets.values() {
            v.regelingen.insert(set.id.clone());
            v.regelingen.extend(set.aliassen.iter().cloned());
            v.indiening_soorten.extend(set.soorten.keys().cloned());
            let all_params = set
                .parameters
                .values()
                .chain(set.soorten.values().flat_map(|s| s.parameters.values()))
                .chain(set.regios.values().flat_map(|r| r.values()));
            for p in all_params {
                let spec = spec_of(&p.name);
                let Some(spec) = spec else { continue };
                for value in [&p.mild, &p.streng] {
                    (spec.vocabulary)(value, &mut v);
                }
            }
        }
        v
    }
}

/// Every id and alias, for messages.
pub fn known_ids(reg: &Registry) -> BTreeSet<String> {
    reg.vocabulary().regelingen
}

