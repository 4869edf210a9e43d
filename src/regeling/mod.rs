//! Rule sets (`rules/*.yaml`): every number, date and list of a regulation as data, each with its
//! source (`bron`), certainty (`zekerheid`), severity (`ernst`) and, where the facts are
//! unsettled, a lenient (`mild`) and a strict (`streng`) value. The built-in sets are compiled
//! into the binary; `--rules DIR` adds or replaces sets. A set may say `base: other-id` and then
//! replace or remove parameters and kinds of submission.
//!
//! Checks ask for a parameter by name ([`RuleSet::param`]) and get a [`Band`] of typed values;
//! what the kind of submission overrides is looked up first. No check names a regulation.

pub mod params;

pub use params::{PARAMETERS, ParamSpec, Plafond, Stap, Venster};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::aanvraag::{Keyed, Vocabulary, suggest};
use crate::yaml::{self, Pos, Spanned, pos};

/// The rule sets compiled into the binary, as (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("rules/sto-2020-2023.yaml", include_str!("../../rules/sto-2020-2023.yaml")),
    ("rules/sto-2024.yaml", include_str!("../../rules/sto-2024.yaml")),
    ("rules/sto-2025-2028.yaml", include_str!("../../rules/sto-2025-2028.yaml")),
];

/// How sure a fact is (regels.md §2.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zekerheid {
    // Ordered from weakest to strongest, so `min` gives the weaker of two.
    Onbekend,
    Afgeleid,
    Bevestigd,
}

impl Zekerheid {
    pub fn as_str(self) -> &'static str {
        match self {
            Zekerheid::Bevestigd => "bevestigd",
            Zekerheid::Afgeleid => "afgeleid",
            Zekerheid::Onbekend => "onbekend",
        }
    }
}

/// What missing a requirement means (regels.md §2.0): `fout` can fail, `waarschuwing` at most
/// warns, `info` is context only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ernst {
    #[default]
    Fout,
    Waarschuwing,
    Info,
}

/// Where a rule set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

/// The two readings of a parameter. For a settled value both are the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Band<T> {
    pub mild: T,
    pub streng: T,
}

impl<T: PartialEq> Band<T> {
    pub fn is_settled(&self) -> bool {
        self.mild == self.streng
    }
}

impl<T> Band<T> {
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Band<U> {
        Band {
            mild: f(&self.mild),
            streng: f(&self.streng),
        }
    }
}

/// A value that is either settled (`x`) or a band (`{ mild: x, streng: y }`), used inside
/// parameter values (a step's date, say).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum BandOr<T> {
    Band { mild: T, streng: T },
    Single(T),
}

impl<T: Clone> BandOr<T> {
    pub fn band(&self) -> Band<T> {
        match self {
            BandOr::Band { mild, streng } => Band {
                mild: mild.clone(),
                streng: streng.clone(),
            },
            BandOr::Single(v) => Band {
                mild: v.clone(),
                streng: v.clone(),
            },
        }
    }
}

/// A parameter as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    #[serde(default)]
    waarde: Option<serde_json::Value>,
    #[serde(default)]
    mild: Option<serde_json::Value>,
    #[serde(default)]
    streng: Option<serde_json::Value>,
    bron: String,
    zekerheid: Zekerheid,
    #[serde(default)]
    ernst: Ernst,
    /// Why the band is there, or what the value means; shown as a note.
    #[serde(default)]
    toelichting: Option<String>,
}

/// A kind of submission as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSoort {
    #[serde(default)]
    omschrijving: Option<String>,
    /// The modules that apply to this kind; absent means all.
    #[serde(default)]
    modules: Option<Vec<String>>,
    #[serde(default)]
    parameters: Keyed<RawParam>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verwijder {
    #[serde(default)]
    parameters: Vec<Spanned<String>>,
    #[serde(default)]
    soorten: Vec<Spanned<String>>,
}

/// A rule file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSet {
    id: Spanned<String>,
    naam: String,
    versie: String,
    #[serde(default)]
    aliassen: Vec<String>,
    #[serde(default)]
    base: Option<Spanned<String>>,
    #[serde(default)]
    verwijder: Verwijder,
    #[serde(default)]
    soorten: BTreeMap<String, Spanned<RawSoort>>,
    /// Parameters that differ for one kind of region.
    #[serde(default)]
    regios: BTreeMap<String, Spanned<RawRegio>>,
    #[serde(default)]
    parameters: Keyed<RawParam>,
}

/// Parameters of one kind of region, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegio {
    #[serde(default)]
    parameters: Keyed<RawParam>,
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
    pub modules: Option<Vec<String>>,
    pub parameters: BTreeMap<String, Param>,
}

impl Soort {
    pub fn applies(&self, module: &str) -> bool {
        self.modules.as_ref().is_none_or(|m| m.iter().any(|x| x == module))
    }
}

/// A loaded, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub id: String,
    pub naam: String,
    pub versie: String,
    pub aliassen: Vec<String>,
    pub origin: Origin,
    pub parameters: BTreeMap<String, Param>,
    pub soorten: BTreeMap<String, Soort>,
    /// Per kind of region, the parameters that differ for it.
    pub regios: BTreeMap<String, BTreeMap<String, Param>>,
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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{}: {message}", pos.map_or("?".to_string(), |p| format!("{}:{}", p.line, p.column)))]
pub struct RuleError {
    pub file: String,
    pub pos: Option<Pos>,
    /// In English: rule files are written by maintainers, not by penvoerders.
    pub message: String,
}

/// All rule sets known in a run, by id, with their aliases.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    sets: BTreeMap<String, RuleSet>,
    aliases: BTreeMap<String, String>,
}

struct Source {
    file: String,
    origin: Origin,
    raw: RawRuleSet,
}

impl Registry {
    /// The built-in rule sets only.
    pub fn builtin() -> Result<Registry, Vec<RuleError>> {
        Registry::load(&[])
    }

    /// The built-in rule sets, with the `*.yaml` files of each folder in `dirs` added; a file with
    /// the id of a built-in set replaces it.
    pub fn load(dirs: &[PathBuf]) -> Result<Registry, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut sources: BTreeMap<String, Source> = BTreeMap::new();
        for (file, text) in BUILTIN {
            match parse(file, text) {
                Ok(raw) => {
                    sources.insert(
                        raw.id.value.clone(),
                        Source {
                            file: file.to_string(),
                            origin: Origin::Builtin,
                            raw,
                        },
                    );
                }
                Err(e) => errors.push(e),
            }
        }
        for dir in dirs {
            for path in rule_files(dir, &mut errors) {
                let file = path.display().to_string();
                // Not a regular file, or over the size limit: refused before it is read.
                let text = match crate::safe_read::read_regular(&path, yaml::MAX_BYTES as u64) {
                    Ok(b) => b,
                    Err(e) => {
                        errors.push(RuleError {
                            file,
                            pos: None,
                            message: e.to_string(),
                        });
                        continue;
                    }
                };
                let parsed = yaml::text_of(&text)
                    .map_err(|e| yaml_rule_error(&file, e))
                    .and_then(|t| parse(&file, t));
                match parsed {
                    Ok(raw) => {
                        let id = raw.id.value.clone();
                        if let Some(prev) = sources.get(&id).filter(|s| s.origin != Origin::Builtin) {
                            errors.push(RuleError {
                                file: file.clone(),
                                pos: pos(&raw.id),
                                message: format!("rule set `{id}` is also defined in {}", prev.file),
                            });
                            continue;
                        }
                        sources.insert(
                            id,
                            Source {
                                file,
                                origin: Origin::File(path),
                                raw,
                            },
                        );
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        let mut reg = Registry::default();
        let ids: Vec<String> = sources.keys().cloned().collect();
        for id in ids {
            let mut chain = Vec::new();
            match resolve(&id, &sources, &mut chain) {
                Ok(set) => {
                    reg.sets.insert(id, set);
                }
                Err(e) => errors.push(e),
            }
        }
        for set in reg.sets.values() {
            for a in &set.aliassen {
                reg.aliases.insert(a.clone(), set.id.clone());
            }
        }
        errors.dedup();
        if errors.is_empty() { Ok(reg) } else { Err(errors) }
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
                let spec = PARAMETERS.iter().find(|s| s.name == p.name);
                let Some(spec) = spec else { continue };
                for value in [&p.mild, &p.streng] {
                    (spec.vocabulary)(value, &mut v);
                }
            }
        }
        v
    }
}

fn rule_files(dir: &Path, errors: &mut Vec<RuleError>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(RuleError {
                file: dir.display().to_string(),
                pos: None,
                message: e.to_string(),
            });
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !p.is_dir() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn yaml_rule_error(file: &str, e: yaml::YamlError) -> RuleError {
    let message = match e.kind {
        yaml::YamlErrorKind::UnknownField { field, expected } => {
            match suggest(&field, expected.iter().map(String::as_str)) {
                Some(s) => format!("unknown key `{field}`; did you mean `{s}`?"),
                None => format!("unknown key `{field}`; expected one of {}", expected.join(", ")),
            }
        }
        yaml::YamlErrorKind::MissingField { field } => format!("missing key `{field}`"),
        yaml::YamlErrorKind::DuplicateKey { key } => format!("duplicate key `{key}`"),
        yaml::YamlErrorKind::InvalidType { expected, found } => {
            format!("expected {expected}, found {found}")
        }
        // In words, never the reader's Debug text; rule-file errors are in English, as above.
        yaml::YamlErrorKind::Invalid { id, args } => crate::messages::render_positional(&id, &args, crate::messages::Lang::En),
        yaml::YamlErrorKind::Limit { what } => crate::messages::text(what.id_and_figure().0, crate::messages::Lang::En),
        yaml::YamlErrorKind::Syntax { message } => message,
        yaml::YamlErrorKind::Empty => "the file holds no rule set".to_string(),
        yaml::YamlErrorKind::MultipleDocuments => "more than one YAML document".to_string(),
        yaml::YamlErrorKind::InvalidBoolean => "write true or false".to_string(),
        yaml::YamlErrorKind::NotUtf8 => "not UTF-8".to_string(),
    };
    RuleError {
        file: file.to_string(),
        pos: e.pos,
        message,
    }
}

fn parse(file: &str, text: &str) -> Result<RawRuleSet, RuleError> {
    yaml::from_str::<RawRuleSet>(text).map_err(|e| yaml_rule_error(file, e))
}

fn resolve(id: &str, sources: &BTreeMap<String, Source>, chain: &mut Vec<String>) -> Result<RuleSet, RuleError> {
    let src = &sources[id];
    let err = |pos: Option<Pos>, message: String| RuleError {
        file: src.file.clone(),
        pos,
        message,
    };
    if chain.iter().any(|c| c == id) {
        return Err(err(None, format!("`base` forms a cycle: {} → {id}", chain.join(" → "))));
    }
    chain.push(id.to_string());
    let raw = &src.raw;
    let mut set = match &raw.base {
        None => RuleSet {
            id: id.to_string(),
            naam: String::new(),
            versie: String::new(),
            aliassen: Vec::new(),
            origin: src.origin.clone(),
            parameters: BTreeMap::new(),
            soorten: BTreeMap::new(),
            regios: BTreeMap::new(),
        },
        Some(base) => {
            if !sources.contains_key(&base.value) {
                let hint = suggest(&base.value, sources.keys().map(String::as_str))
                    .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                return Err(err(pos(base), format!("base `{}` is not a known rule set{hint}", base.value)));
            }
            resolve(&base.value, sources, chain)?
        }
    };
    set.id = id.to_string();
    set.naam = raw.naam.clone();
    set.versie = raw.versie.clone();
    set.aliassen = raw.aliassen.clone();
    set.origin = src.origin.clone();
    for name in &raw.verwijder.parameters {
        if set.parameters.remove(&name.value).is_none() {
            return Err(err(pos(name), format!("cannot remove parameter `{}`: the base does not have it", name.value)));
        }
    }
    for name in &raw.verwijder.soorten {
        if set.soorten.remove(&name.value).is_none() {
            return Err(err(pos(name), format!("cannot remove kind `{}`: the base does not have it", name.value)));
        }
    }
    for (name, p) in &raw.parameters.entries {
        set.parameters.insert(name.value.clone(), finish(name, p, &err)?);
    }
    for (sid, s) in &raw.soorten {
        let mut parameters = BTreeMap::new();
        for (name, p) in &s.value.parameters.entries {
            parameters.insert(name.value.clone(), finish(name, p, &err)?);
        }
        if let Some(mods) = &s.value.modules {
            for m in mods {
                if !crate::checks::MODULES.contains(&m.as_str()) {
                    let hint = suggest(m, crate::checks::MODULES.iter().copied())
                        .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                    return Err(err(pos(s), format!("kind `{sid}`: unknown module `{m}`{hint}")));
                }
            }
        }
        set.soorten.insert(
            sid.clone(),
            Soort {
                id: sid.clone(),
                omschrijving: s.value.omschrijving.clone(),
                modules: s.value.modules.clone(),
                parameters,
            },
        );
    }
    for (rid, r) in &raw.regios {
        let mut parameters = BTreeMap::new();
        for (name, p) in &r.value.parameters.entries {
            parameters.insert(name.value.clone(), finish(name, p, &err)?);
        }
        set.regios.insert(rid.clone(), parameters);
    }
    chain.pop();
    Ok(set)
}

fn finish(
    name: &Spanned<String>,
    p: &Spanned<RawParam>,
    err: &dyn Fn(Option<Pos>, String) -> RuleError,
) -> Result<Param, RuleError> {
    let at = pos(name);
    let name = name.value.as_str();
    let Some(spec) = PARAMETERS.iter().find(|s| s.name == name) else {
        let hint = suggest(name, PARAMETERS.iter().map(|s| s.name))
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        return Err(err(at, format!("unknown parameter `{name}`{hint}")));
    };
    let raw = &p.value;
    let (mild, streng) = match (&raw.waarde, &raw.mild, &raw.streng) {
        (Some(w), None, None) => (w.clone(), w.clone()),
        (None, Some(m), Some(s)) => (m.clone(), s.clone()),
        _ => {
            return Err(err(
                at,
                format!("parameter `{name}`: give either `waarde`, or both `mild` and `streng`"),
            ));
        }
    };
    for (reading, v) in [("mild", &mild), ("streng", &streng)] {
        (spec.validate)(v).map_err(|e| err(at, format!("parameter `{name}` ({reading}): {e}")))?;
    }
    if raw.bron.trim().is_empty() {
        return Err(err(at, format!("parameter `{name}`: `bron` is empty")));
    }
    Ok(Param {
        name: name.to_string(),
        mild,
        streng,
        bron: raw.bron.clone(),
        zekerheid: raw.zekerheid,
        ernst: raw.ernst,
        toelichting: raw.toelichting.clone(),
    })
}

/// Every id and alias, for messages.
pub fn known_ids(reg: &Registry) -> BTreeSet<String> {
    reg.vocabulary().regelingen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_sets_load() {
        let reg = Registry::builtin().unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(reg.get("sto-2025-2028").is_some());
        assert_eq!(reg.get("sto-2025-2029").map(|s| s.id.as_str()), Some("sto-2025-2028"));
    }

    #[test]
    fn every_parameter_has_a_source_and_certainty() {
        let reg = Registry::builtin().unwrap();
        for set in reg.sets() {
            let all = set
                .parameters
                .values()
                .chain(set.soorten.values().flat_map(|s| s.parameters.values()))
                .chain(set.regios.values().flat_map(|r| r.values()));
            for p in all {
                assert!(p.bron.trim().len() > 3, "{}: {} has no real source", set.id, p.name);
            }
        }
    }

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(d.path().join(name), text).unwrap();
        }
        d
    }

    #[test]
    fn inheritance_replaces_and_removes() {
        let d = dir_with(&[(
            "kind.yaml",
            "id: test-kind\nnaam: Test\nversie: '1'\nbase: sto-2025-2028\n\
             verwijder:\n  parameters: [min_po]\n  soorten: [vooraanmelding]\n\
             parameters:\n  min_mbo:\n    waarde: { aantal: 2, soorten: [mbo] }\n    bron: test bron\n    zekerheid: onbekend\n",
        )]);
        let reg = Registry::load(&[d.path().to_path_buf()]).unwrap_or_else(|e| panic!("{e:#?}"));
        let set = reg.get("test-kind").unwrap();
        assert!(!set.parameters.contains_key("min_po"));
        assert!(!set.soorten.contains_key("vooraanmelding"));
        assert!(set.soorten.contains_key("aanvraag"));
        assert_eq!(set.parameters["min_mbo"].mild["aantal"], 2);
        assert!(set.parameters.contains_key("cofinanciering_pct"));
    }

    #[test]
    fn broken_rule_file_names_file_line_and_column() {
        let d = dir_with(&[(
            "kapot.yaml",
            "id: kapot\nnaam: K\nversie: '1'\nparameters:\n  min_mbbo:\n    waarde: 1\n    bron: x y z\n    zekerheid: bevestigd\n",
        )]);
        let errs = Registry::load(&[d.path().to_path_buf()]).unwrap_err();
        let e = &errs[0];
        assert!(e.file.ends_with("kapot.yaml"));
        assert_eq!(e.pos.map(|p| p.line), Some(5));
        assert!(e.message.contains("min_mbo"), "{}", e.message);
    }

    #[test]
    fn wrong_value_type_is_refused() {
        let d = dir_with(&[(
            "kapot.yaml",
            "id: kapot\nnaam: K\nversie: '1'\nparameters:\n  cofinanciering_pct:\n    waarde: 7.5\n    bron: x y z\n    zekerheid: bevestigd\n",
        )]);
        let errs = Registry::load(&[d.path().to_path_buf()]).unwrap_err();
        assert!(errs[0].message.contains("cofinanciering_pct"), "{errs:?}");
    }

    #[test]
    fn base_cycle_is_an_error() {
        let d = dir_with(&[
            ("a.yaml", "id: a\nnaam: A\nversie: '1'\nbase: b\n"),
            ("b.yaml", "id: b\nnaam: B\nversie: '1'\nbase: a\n"),
        ]);
        let errs = Registry::load(&[d.path().to_path_buf()]).unwrap_err();
        assert!(errs.iter().any(|e| e.message.contains("cycle")), "{errs:?}");
    }
}
