//! A loaded, validated rule set: its parameters per kind of submission and per kind of region,
//! and the registry of every set known in a run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::bronnen::Bron;
use super::params::spec_of;
use super::waarde::{Band, Ernst, Zekerheid};
use crate::messages::Msg;
use crate::yaml::Pos;
use crate::aanvraag::Vocabulary;
use crate::module::Module;

/// Where a rule set came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

/// A parameter ready for the checks.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Param {
    pub name: String,
    pub mild: Json,
    pub streng: Json,
    pub bron: String,
    pub zekerheid: Zekerheid,
    pub ernst: Ernst,
    pub toelichting: Option<String>,
    /// The typed band, read from `mild`/`streng` the first time a check asks ([`Param::band`]).
    #[serde(skip)]
    pub typed: Typed,
}

/// A parameter's value as compact JSON text, read into a type only when a check asks for it: a
/// rule set is made ready without building a tree of every value it holds. Equal values have
/// equal text (serde_json writes a value's keys in order).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Json(Box<serde_json::value::RawValue>);

impl Json {
    pub fn new(v: &serde_json::Value) -> Json {
        // Writing a value that was read from JSON or YAML cannot fail: its keys are strings.
        Json(serde_json::value::to_raw_value(v).unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned()))
    }

    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The value as a tree, for those who show it.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.text()).unwrap_or_default()
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.text() == other.text()
    }
}

/// A parameter's band as the type its checks read it in, made once per run instead of once per
/// file. Not part of the parameter's value: clones start empty, and any two compare equal.
#[derive(Default)]
pub struct Typed(OnceLock<Box<dyn std::any::Any + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>>);

/// What a parameter's typed band may be: read from JSON, and kept for the run in [`Typed`].
pub trait Typ: DeserializeOwned + Clone + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe + 'static {}
impl<T: DeserializeOwned + Clone + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe + 'static> Typ for T {}

impl Clone for Typed {
    fn clone(&self) -> Typed {
        Typed::default()
    }
}

impl PartialEq for Typed {
    fn eq(&self, _: &Typed) -> bool {
        true
    }
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Typed")
    }
}

impl Param {
    /// The typed band, as [`Param::get`], read once and then lent: every file of a run asks the
    /// same parameters. A parameter read as a second type (no check does) is read afresh.
    pub fn band<T: Typ>(&self) -> Result<std::borrow::Cow<'_, Band<T>>, String> {
        use std::borrow::Cow;
        if self.typed.0.get().is_none() {
            // Another thread may set it first, to the same value.
            let _ = self.typed.0.set(Box::new(self.get::<T>()?));
        }
        match self.typed.0.get().and_then(|b| (&**b as &dyn std::any::Any).downcast_ref::<Band<T>>()) {
            Some(b) => Ok(Cow::Borrowed(b)),
            None => self.get().map(Cow::Owned),
        }
    }

    /// The typed band. Parameters are validated when the rule set loads, so this fails only on
    /// a check asking for the wrong type, which the tests of the built-in sets would show.
    pub fn get<T: DeserializeOwned + Clone>(&self) -> Result<Band<T>, String> {
        let read = |v: &Json| serde_json::from_str::<T>(v.text()).map_err(|e| format!("{}: {e}", self.name));
        let mild = read(&self.mild)?;
        // Most parameters are settled: one reading serves both.
        let streng = if self.is_band() { read(&self.streng)? } else { mild.clone() };
        Ok(Band { mild, streng })
    }

    pub fn is_band(&self) -> bool {
        self.mild != self.streng
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// A loaded, validated rule set; serialisable, so the built-in ones can be prepared ahead
/// ([`crate::prepared`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Geldig {
    pub vanaf: Option<chrono::NaiveDate>,
    pub vervalt: Option<chrono::NaiveDate>,
    pub bron: String,
    pub toelichting: Option<String>,
}

/// When the facts of a rule set were last checked, against what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    pub(super) sets: BTreeMap<String, Lazy<RuleSet>>,
    pub(super) aliases: BTreeMap<String, String>,
    /// The shared source registry.
    pub(super) bronnen: Lazy<BTreeMap<String, Bron>>,
    /// The vocabulary, when it was prepared ahead with the sets.
    pub(super) vocabulary: Option<Vocabulary>,
}

/// A rule set or the shared sources, or their prepared JSON ([`crate::prepared`]), read the
/// first time they are asked for: a run reads only the sets its files name, and the shared
/// sources only when a report lists them all (a check finds its sources in its set).
#[derive(Debug, Clone)]
pub(super) struct Lazy<T> {
    value: OnceLock<T>,
    json: &'static str,
}

impl<T: Default> Default for Lazy<T> {
    fn default() -> Lazy<T> {
        Lazy::ready(T::default())
    }
}

impl<T> Lazy<T> {
    pub(super) fn ready(value: T) -> Lazy<T> {
        Lazy { value: OnceLock::from(value), json: "" }
    }

    pub(super) fn prepared(json: &'static str) -> Lazy<T> {
        Lazy { value: OnceLock::new(), json }
    }
}

impl<T: serde::de::DeserializeOwned> Lazy<T> {
    pub(super) fn get(&self) -> &T {
        // The prepared JSON was written from sets that loaded, and is only used while its
        // fingerprint matches the rule files compiled in (tests/prepared.rs reads every one).
        self.value.get_or_init(|| serde_json::from_str(self.json).unwrap_or_else(|e| panic!("src/prepared/regels.rs: {e}")))
    }
}

impl PartialEq for Registry {
    fn eq(&self, other: &Registry) -> bool {
        self.aliases == other.aliases
            && self.bronnen.get() == other.bronnen.get()
            && self.sets().eq(other.sets())
            && self.vocabulary() == other.vocabulary()
    }
}

impl Registry {
    /// Every source known in this run: the shared registry and each set's own, by key.
    pub fn bronnen(&self) -> BTreeMap<String, Bron> {
        let mut all = self.bronnen.get().clone();
        for set in self.sets() {
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
            .map(Lazy::get)
    }

    pub fn sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.sets.values().map(Lazy::get)
    }

    /// The values any loaded rule set knows, for the reader of applications.
    pub fn vocabulary(&self) -> Vocabulary {
        if let Some(v) = &self.vocabulary {
            return v.clone();
        }
        self.vocabulary_of_sets()
    }

    /// The vocabulary worked out from every set: what [`crate::prepared`] writes down.
    pub(crate) fn vocabulary_of_sets(&self) -> Vocabulary {
        let mut v = Vocabulary::default();
        for set in self.sets() {
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
                for value in [p.mild.value(), p.streng.value()] {
                    (spec.vocabulary)(&value, &mut v);
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


#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn param(mild: serde_json::Value, streng: serde_json::Value) -> Param {
        Param {
            name: "p".to_string(),
            mild: Json::new(&mild),
            streng: Json::new(&streng),
            bron: "bron".to_string(),
            zekerheid: Zekerheid::Bevestigd,
            ernst: Ernst::Fout,
            toelichting: None,
            typed: Typed::default(),
        }
    }

    #[test]
    fn a_band_is_read_once_and_lent_after() {
        let p = param(serde_json::json!([2024, 2025]), serde_json::json!([2025]));
        let first = p.band::<Vec<i32>>().unwrap();
        assert!(matches!(first, Cow::Borrowed(_)), "kept from the first read");
        assert_eq!(*first, Band { mild: vec![2024, 2025], streng: vec![2025] });
        let again = p.band::<Vec<i32>>().unwrap();
        assert!(std::ptr::eq(&*first, &*again), "the same band, not a second read");
        // Another type is read afresh, from the same text.
        let other = p.band::<Vec<i64>>().unwrap();
        assert!(matches!(other, Cow::Owned(_)));
        assert_eq!(other.streng, vec![2025_i64]);
        // A clone starts without the cache, and equals its original.
        assert_eq!(p.clone(), p);
        assert!(p.clone().typed.0.get().is_none());
    }

    #[test]
    fn values_compare_by_their_compact_text() {
        let a = Json::new(&serde_json::json!({"b": 1, "a": [1, 2]}));
        let b: Json = serde_json::from_str(r#"{"a":[1,2],"b":1}"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.text(), r#"{"a":[1,2],"b":1}"#);
        assert_eq!(a.value()["a"][1], 2);
        assert!(param(serde_json::json!(1), serde_json::json!(2)).is_band());
        assert!(!param(serde_json::json!(1), serde_json::json!(1)).is_band());
    }
}
