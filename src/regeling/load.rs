//! Loading rule sets: the built-in files compiled into the binary, the folders of `--rules DIR`,
//! each file read through [`crate::yaml`] and resolved against its `base:` by [`super::inherit`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::bronnen::{Bron, RawBronnen};
use super::inherit::resolve;
use super::model::{Lazy, Origin, Registry, RuleError};
use super::raw::{RawRuleSet, Source};
use crate::messages::Msg;
use crate::yaml::{self, pos};
#[cfg(test)]
use crate::yaml::Pos;

pub use crate::builtin::BUILTIN;


impl Registry {
    /// The built-in rule sets only.
    pub fn builtin() -> Result<Registry, Vec<RuleError>> {
        Registry::load(&[])
    }

    /// The built-in rule sets, with the `*.yaml` files of each folder in `dirs` added; a file with
    /// the id of a built-in set replaces it. Without folders the built-in sets come prepared
    /// ([`crate::prepared`]: loaded and validated ahead, no YAML read) when that preparation is
    /// fresh; a folder's files may derive from a built-in set, so with folders every file is read.
    pub fn load(dirs: &[PathBuf]) -> Result<Registry, Vec<RuleError>> {
        if dirs.is_empty()
            && let Some(reg) = Registry::builtin_prepared()
        {
            return Ok(reg);
        }
        Registry::load_yaml(dirs)
    }

    /// The built-in rule sets as prepared ahead ([`crate::prepared`]), when that preparation is
    /// fresh: nothing is parsed until a set is asked for.
    #[doc(hidden)]
    pub fn builtin_prepared() -> Option<Registry> {
        use crate::prepared::regels;
        if !crate::prepared::rules_fresh() {
            return None;
        }
        let vocabulary = serde_json::from_str(regels::VOCABULARY).ok()?;
        Some(Registry::from_prepared(regels::SETS, regels::ALIASES, vocabulary, regels::BRONNEN))
    }

    /// A registry of prepared sets: each set's JSON by id, read when first asked for; the
    /// aliases, the vocabulary and the shared sources worked out ahead.
    fn from_prepared(
        sets: &[(&str, &'static str)],
        aliases: &[(&str, &str)],
        vocabulary: crate::aanvraag::Vocabulary,
        bronnen: &'static str,
    ) -> Registry {
        Registry {
            sets: sets.iter().map(|(id, json)| (id.to_string(), Lazy::prepared(json))).collect(),
            aliases: aliases.iter().map(|(a, id)| (a.to_string(), id.to_string())).collect(),
            bronnen: Lazy::prepared(bronnen),
            vocabulary: Some(vocabulary),
        }
    }

    /// The shared source registry, by key.
    pub(crate) fn shared_bronnen(&self) -> &BTreeMap<String, Bron> {
        self.bronnen.get()
    }

    /// The aliases, each with the id it stands for.
    pub(crate) fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().map(|(a, id)| (a.as_str(), id.as_str()))
    }

    /// [`Registry::load`], always reading the YAML: the loader the preparation itself uses.
    #[doc(hidden)]
    pub fn load_yaml(dirs: &[PathBuf]) -> Result<Registry, Vec<RuleError>> {
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
                            msg: Msg::new("regelbestand.io").arg("fout", e.to_string()),
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
                                msg: Msg::new("regelbestand.dubbel").arg("id", id.as_str()).arg("bestand", prev.file.as_str()),
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
        match shared_bronnen() {
            Ok(b) => reg.bronnen = Lazy::ready(b),
            Err(e) => errors.push(e),
        }
        let ids: Vec<String> = sources.keys().cloned().collect();
        for id in ids {
            let mut chain = Vec::new();
            match resolve(&id, &sources, reg.bronnen.get(), &mut chain) {
                Ok(set) => {
                    reg.sets.insert(id, Lazy::ready(set));
                }
                Err(e) => errors.push(e),
            }
        }
        let aliases: Vec<(String, String)> = reg.sets().flat_map(|s| s.aliassen.iter().map(|a| (a.clone(), s.id.clone()))).collect();
        reg.aliases.extend(aliases);
        errors.dedup();
        if errors.is_empty() { Ok(reg) } else { Err(errors) }
    }
}

/// The shared source registry compiled in (`rules/bronnen.yaml`).
fn shared_bronnen() -> Result<BTreeMap<String, Bron>, RuleError> {
    let (file, text) = crate::builtin::BRONNEN;
    let raw: RawBronnen = yaml::from_str(text).map_err(|e| yaml_rule_error(file, e))?;
    let mut out = BTreeMap::new();
    for (key, b) in &raw.bronnen {
        if let Some(u) = b.value.url.as_deref().filter(|u| !super::bronnen::plain_url(u)) {
            return Err(RuleError { file: file.to_string(), pos: pos(b), msg: Msg::new("regelbestand.bron-adres").arg("sleutel", key.as_str()).arg("adres", u) });
        }
        out.insert(key.clone(), Bron::from_raw(key, &b.value));
    }
    Ok(out)
}

fn rule_files(dir: &Path, errors: &mut Vec<RuleError>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(RuleError {
                file: dir.display().to_string(),
                pos: None,
                msg: Msg::new("regelbestand.io").arg("fout", e.to_string()),
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

/// A rule file's YAML error: the same messages as an application's (unknown keys with the
/// nearest one, types in words), at the rule file's place.
fn yaml_rule_error(file: &str, e: yaml::YamlError) -> RuleError {
    let e = crate::aanvraag::from_yaml(e);
    RuleError {
        file: file.to_string(),
        pos: e.pos,
        msg: e.msg,
    }
}

fn parse(file: &str, text: &str) -> Result<RawRuleSet, RuleError> {
    yaml::from_str::<RawRuleSet>(text).map_err(|e| yaml_rule_error(file, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule-file error in English, as the assertions read it.
    fn en(e: &RuleError) -> String {
        crate::messages::render(&e.msg, crate::messages::Lang::En)
    }

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
        assert_eq!(set.parameters["min_mbo"].mild.value()["aantal"], 2);
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
        assert!(en(e).contains("min_mbo"), "{}", en(e));
    }

    #[test]
    fn wrong_value_type_is_refused() {
        let d = dir_with(&[(
            "kapot.yaml",
            "id: kapot\nnaam: K\nversie: '1'\nparameters:\n  cofinanciering_pct:\n    waarde: 7.5\n    bron: x y z\n    zekerheid: bevestigd\n",
        )]);
        let errs = Registry::load(&[d.path().to_path_buf()]).unwrap_err();
        assert!(en(&errs[0]).contains("cofinanciering_pct"), "{errs:?}");
    }

    #[test]
    fn base_cycle_is_an_error() {
        let d = dir_with(&[
            ("a.yaml", "id: a\nnaam: A\nversie: '1'\nbase: b\n"),
            ("b.yaml", "id: b\nnaam: B\nversie: '1'\nbase: a\n"),
        ]);
        let errs = Registry::load(&[d.path().to_path_buf()]).unwrap_err();
        assert!(errs.iter().any(|e| en(e).contains("cycle")), "{errs:?}");
    }

    /// A rule file deriving from sto-2025-2028 with one parameter replaced.
    fn with_param(name: &str, body: &str) -> String {
        format!("id: kapot\nnaam: K\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  {name}:\n{body}    bron: x y z\n    zekerheid: bevestigd\n")
    }

    fn load_one(text: &str) -> Result<Registry, Vec<RuleError>> {
        let d = dir_with(&[("kapot.yaml", text)]);
        Registry::load(&[d.path().to_path_buf()])
    }

    #[test]
    fn fixed_meanings_are_checked_when_the_rule_file_loads() {
        let cases = [
            ("plafonds", "    waarde: [{ per: maand, bedrag: \"10.00\", bron: b, zekerheid: onbekend }]\n", "maand"),
            (
                "plafonds",
                "    waarde: [{ per: totaal, aandeel: { van: beschikt_2019, pct: \"25\" }, bron: b, zekerheid: onbekend }]\n",
                "beschikt_2019",
            ),
            ("velden_ongebruikt", "    waarde: [partners.leeftijd]\n", "partners.leeftijd"),
            ("min_mbo", "    waarde: { aantal: 1, soorten: [mbo], tel: scholen }\n", "scholen"),
        ];
        for (name, body, wrong) in cases {
            let errs = load_one(&with_param(name, body)).expect_err(wrong);
            assert_eq!(errs.len(), 1, "{errs:?}");
            let e = &errs[0];
            assert!(e.file.ends_with("kapot.yaml"), "{e:?}");
            // The place of the parameter, line 6 column 3.
            assert_eq!(e.pos, Some(Pos::new(6, 3)), "{e:?}");
            assert!(en(e).contains(name) && en(e).contains(wrong), "{}", en(e));
        }
        // The same shapes with known values load.
        load_one(&with_param("velden_ongebruikt", "    waarde: [partners.leerlingen, onderdelen.addendum]\n")).unwrap();
    }

    #[test]
    fn an_unknown_source_key_is_a_load_error_at_its_place() {
        let text = "id: kapot\nnaam: K\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  min_mbo:\n    waarde: { aantal: 1, soorten: [mbo] }\n    bron: \"STO-nieuws [BEDRR]\"\n    zekerheid: bevestigd\n";
        let errs = load_one(text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].file.ends_with("kapot.yaml"));
        assert_eq!(errs[0].pos, Some(Pos::new(8, 11)), "{errs:?}");
        assert!(en(&errs[0]).contains("[BEDRR]") && en(&errs[0]).contains("did you mean `[BEDR]`"), "{}", en(&errs[0]));
        // A key in a dated step's own `bron` is checked too.
        let nested = with_param("uurtarief_intern", "    waarde: [{ vanaf: 2025-01-01, bedrag: \"60.00\", bron: \"cao [CAO25]\" }]\n");
        let errs = load_one(&nested).unwrap_err();
        assert!(en(&errs[0]).contains("[CAO25]"), "{errs:?}");
    }

    #[test]
    fn a_rule_file_defines_its_own_sources_once() {
        let own = "id: eigen\nnaam: E\nversie: '1'\nbase: sto-2025-2028\n\
                   bronnen:\n  MIJN:\n    titel: Eigen notitie\n    url: https://example.org/notitie\n\
                   parameters:\n  min_mbo:\n    waarde: { aantal: 2, soorten: [mbo] }\n    bron: \"Eigen afspraak [MIJN]; [F24]\"\n    zekerheid: afgeleid\n";
        let reg = load_one(own).unwrap_or_else(|e| panic!("{e:#?}"));
        let set = reg.get("eigen").unwrap();
        assert_eq!(set.bronnen["MIJN"].url.as_deref(), Some("https://example.org/notitie"));
        assert!(set.bronnen.contains_key("DUSI25"), "the shared registry is inherited");
        // Defining a shared key again is refused.
        let twice = own.replace("MIJN", "F24");
        let errs = load_one(&twice).unwrap_err();
        assert!(en(&errs[0]).contains("[F24]") && en(&errs[0]).contains("already defined"), "{errs:?}");
        // An address that could break out of a link is refused.
        let bad = own.replace("https://example.org/notitie", "\"javascript:alert(1)\"");
        assert!(en(&load_one(&bad).unwrap_err()[0]).contains("not a plain http(s) address"));
    }

    #[test]
    fn builtin_sets_say_when_they_hold_and_were_checked() {
        let reg = Registry::builtin().unwrap();
        for set in reg.sets() {
            let g = set.geldig.as_ref().unwrap_or_else(|| panic!("{}: no geldig", set.id));
            assert!(g.vervalt.is_some(), "{}", set.id);
            assert!(set.gecontroleerd.is_some(), "{}", set.id);
        }
        let s25 = reg.get("sto-2025-2028").unwrap().geldig.clone().unwrap();
        assert_eq!(s25.vanaf.map(|d| d.to_string()).as_deref(), Some("2024-04-03"));
        assert_eq!(s25.vervalt.map(|d| d.to_string()).as_deref(), Some("2029-03-30"));
    }

    #[test]
    fn a_minimum_for_any_partner_kind_is_data() {
        let reg = load_one(&with_param("min_vso", "    waarde: { aantal: 1, soorten: [vso] }\n")).unwrap();
        assert!(reg.get("kapot").unwrap().parameters.contains_key("min_vso"));
        // A name that is no partner kind is still a typo, with the nearest name suggested.
        let errs = load_one(&with_param("min_vsoo", "    waarde: { aantal: 1, soorten: [vso] }\n")).unwrap_err();
        assert!(en(&errs[0]).contains("did you mean `min_vso`"), "{}", en(&errs[0]));
    }
}
