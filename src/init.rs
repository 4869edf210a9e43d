//! `stocheck init`: a commented template application for a regulation, in the reader's language
//! (the comments; the keys are the format's Dutch words either way). The templates are data in
//! `templates/<regeling>.<lang>.yaml`, compiled in, one per regulation and language, and tested:
//! the raw template loads, fails on purpose for the reasons its header gives (for 2025–2028:
//! nothing signed, no themes, no attachments; for 2020–2023 and 2024, whose windows have closed:
//! no moment of submission, no attachments), and the template filled in as its comments say passes.

use std::io::Write;
use std::path::Path;

use crate::messages::Lang;
use crate::regeling::Registry;

pub use crate::builtin::TEMPLATES;

/// Why no template was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitError {
    /// The file is already there; it is never overwritten.
    Bestaat,
    /// No template for that regulation; the ones there are.
    GeenSjabloon(Vec<String>),
    Io(String),
}

/// The template for a regulation (id or alias) in a language, with the regulation's real id.
pub fn template(regeling: &str, registry: &Registry, lang: Lang) -> Result<(String, &'static str), InitError> {
    let id = registry.get(regeling).map_or(regeling.to_string(), |s| s.id.clone());
    TEMPLATES
        .iter()
        .find(|(r, l, _)| *r == id && *l == lang)
        .map(|(_, _, t)| (id.clone(), *t))
        .ok_or_else(|| {
            let mut known: Vec<String> = TEMPLATES.iter().map(|(r, _, _)| r.to_string()).collect();
            known.dedup();
            InitError::GeenSjabloon(known)
        })
}

/// Writes the template to `path`, which must not exist yet (the check and the creation are one
/// step, so a file that appears in between is not overwritten either). Returns the regulation's id.
pub fn write(path: &Path, regeling: &str, registry: &Registry, lang: Lang) -> Result<String, InitError> {
    let (id, text) = template(regeling, registry, lang)?;
    let mut f = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(InitError::Bestaat),
        Err(e) => return Err(InitError::Io(e.to_string())),
    };
    f.write_all(text.as_bytes()).map_err(|e| InitError::Io(e.to_string()))?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aanvraag::load_text;
    use crate::engine::{Ctx, MomentFrom, Outcome};
    use crate::values::Moment;
    use rust_decimal::Decimal;

    /// Why each raw template does not meet the rules, as its header says: (regeling, rules that fail, rules
    /// that only warn). A raw template is checked in an empty folder, as right after `stocheck
    /// init`, so its attachments are missing. The 2025–2028 one fails because nothing is signed
    /// and the themes are empty. Every one also fails on the placeholders it asks to replace
    /// (`documenten/plaatshouders`: names and descriptions say VUL-IN). In 2020–2023 and 2024 whether unsigned partners count is open (a
    /// warning), so those fail because no moment of submission is filled in: judged as of the
    /// check, their windows (2019–2020, 2023) have long closed.
    const RAW: &[(&str, &[&str], &[&str])] = &[
        ("sto-2020-2023", &["termijnen/venster", "documenten/onderdelen", "documenten/plaatshouders"], &["partners/minimum", "partners/ondertekening"]),
        ("sto-2024", &["termijnen/venster", "documenten/onderdelen", "documenten/plaatshouders"], &["partners/minimum", "partners/ondertekening"]),
        ("sto-2025-2028", &["partners/minimum", "partners/penvoerder", "documenten/themas", "documenten/onderdelen", "documenten/plaatshouders"], &[]),
    ];

    /// The template filled in the way its comments ask a user to: every marked placeholder
    /// replaced, the commented-out moment switched on (the template's own example, which lies in
    /// the window of the kind it sets), partners signed, amounts that add up, themes described.
    /// The same figures for every regulation: costs 1,000,000 (the personnel line's 400 hours at
    /// the template's rate, the rest on the next line); cofinancing 100,000 (10% of the costs,
    /// 11.1% of the subsidy); subsidy 900,000, spread evenly over the years the template lists.
    /// Ceilings leave room: a regio.maximum of 2,000,000 (2025–2028); two vmbo partners with bb 30,
    /// kb 20, gl 10 each, so 100 × 15,895.00 + 20 × 7,947.50 = 1,748,450.00 (2020–2023); a grant of
    /// 3,732,000 for 2020–2023, so 25% = 933,000 (2024).
    pub(crate) fn filled(t: &str) -> String {
        let kosten = Decimal::from(1_000_000);
        let uren = Decimal::from(400);
        let cofinanciering = Decimal::from(100_000);
        let subsidie = Decimal::from(900_000);
        let mut section = "";
        let mut uurtarief: Option<Decimal> = None;
        let mut begroot = Decimal::ZERO;
        let mut moment = false;
        let mut ingevuld = 0;
        let mut out = String::new();
        for line in t.lines() {
            let (code, comment) = match line.find(" #") {
                Some(i) if !line.trim_start().starts_with('#') => (&line[..i], &line[i..]),
                _ => (line, ""),
            };
            let marked = !line.trim_start().starts_with('#') && (line.contains("VUL-IN") || line.contains("FILL-IN"));
            let key = code.trim().trim_start_matches("- ").split(':').next().unwrap_or("").trim();
            let indent = &code[..code.len() - code.trim_start().len()];
            let dash = if code.trim_start().starts_with("- ") { "- " } else { "" };
            if indent.is_empty() && !code.starts_with('#') && !key.is_empty() {
                section = key;
            }
            let new = if code.trim_start().starts_with("# moment:") {
                moment = true;
                format!("{indent}{}", code.trim_start().trim_start_matches("# "))
            } else if key == "ondertekend" {
                code.replace("false", "true")
            } else if key == "maximum" {
                format!("{indent}maximum: 2000000")
            } else if key == "leerlingen" {
                format!("{indent}leerlingen: {{ bb: 30, kb: 20, gl: 10 }}")
            } else if key == "beschikt_2020_2023" {
                format!("{indent}beschikt_2020_2023: 3732000")
            } else if key == "uren" && marked {
                format!("{indent}uren: {uren}")
            } else if key == "uurtarief" {
                uurtarief = crate::values::parse_decimal(code.split_once(':').unwrap().1.trim());
                code.to_string()
            } else if key == "bedrag" {
                let bedrag = match (section, uurtarief.take()) {
                    ("begroting", Some(tarief)) => uren * tarief,
                    ("begroting", None) => kosten - begroot,
                    ("financiering", _) => cofinanciering,
                    other => panic!("a bedrag in {other:?}"),
                };
                if section == "begroting" {
                    begroot += bedrag;
                }
                format!("{indent}{dash}bedrag: {}", bedrag.normalize())
            } else if key == "subsidie" {
                let (_, map) = code.split_once(':').unwrap();
                // The years the template lists, `{ 2020: 0, 2021: 0 }`, each with an equal share.
                let jaren: Vec<&str> = map.trim().trim_matches(['{', '}']).split(',').map(|kv| kv.split(':').next().unwrap().trim()).collect();
                let per_jaar = subsidie / Decimal::from(jaren.len());
                let map: Vec<String> = jaren.iter().map(|j| format!("{j}: {}", per_jaar.normalize())).collect();
                format!("{indent}subsidie: {{ {} }}", map.join(", "))
            } else if key == "vestiging" {
                code.replace("00AA", "12AB")
            } else if key == "kvk" {
                code.replace("00000000", "12345678")
            } else if matches!(key, "klimaat" | "meiden_in_de_techniek" | "diversiteit_onderwijspersoneel") {
                format!("{indent}{key}: Beschreven in het activiteitenplan")
            } else if marked && code.contains('"') {
                // Each text its own, as a user writes them: two partners with one name would be
                // one organisation (partners/dubbele-rol).
                let (k, _) = code.split_once(':').unwrap();
                ingevuld += 1;
                format!("{k}: Ingevuld {ingevuld}")
            } else {
                code.to_string()
            };
            out.push_str(&new);
            if !marked {
                out.push_str(comment);
            }
            out.push('\n');
        }
        assert!(moment, "the template offers no moment to switch on");
        assert_eq!(begroot, kosten, "the cost lines do not add up:\n{out}");
        let code = out.lines().filter(|l| !l.trim_start().starts_with('#'));
        assert!(code.clone().all(|l| !l.contains("VUL-IN") && !l.contains("FILL-IN")), "placeholders left:\n{out}");
        out
    }

    fn check(text: &str, folder: Option<&Path>) -> Vec<crate::engine::Finding> {
        let reg = Registry::builtin().unwrap();
        let a = load_text(text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}\n{text}"));
        let set = reg.get(&a.regeling.value).unwrap();
        let moment = a.indiening.value.moment.as_ref().map(|m| m.value).unwrap_or_else(|| Moment::parse("2026-11-23T12:00:00+01:00").unwrap());
        let ctx = Ctx::new(&a, set, moment, MomentFrom::Indiening, folder);
        crate::checks::run(&ctx)
    }

    fn rules_with(f: &[crate::engine::Finding], outcome: Outcome) -> Vec<&'static str> {
        f.iter().filter(|x| x.outcome == outcome).map(|x| x.rule).collect()
    }

    #[test]
    fn every_regulation_has_a_template_in_both_languages() {
        let reg = Registry::builtin().unwrap();
        for set in reg.sets() {
            for lang in [Lang::Nl, Lang::En] {
                let (id, t) = template(&set.id, &reg, lang).unwrap_or_else(|e| panic!("{} {lang:?}: {e:?}", set.id));
                assert_eq!(id, set.id);
                assert!(t.contains(&format!("\nregeling: {}\n", set.id)), "{} {lang:?} names another regulation", set.id);
            }
        }
        assert_eq!(TEMPLATES.len(), 2 * reg.sets().count());
    }

    #[test]
    fn raw_template_loads_and_fails_on_purpose() {
        for (regeling, lang, t) in TEMPLATES {
            let (_, fails, warns) = RAW.iter().find(|(r, _, _)| r == regeling).unwrap_or_else(|| panic!("{regeling}: no entry in RAW"));
            let d = tempfile::tempdir().unwrap();
            let f = check(t, Some(d.path()));
            let (failed, warned) = (rules_with(&f, Outcome::Fail), rules_with(&f, Outcome::Warn));
            assert!(!failed.is_empty(), "{regeling} {lang:?}: the raw template passes");
            for rule in *fails {
                assert!(failed.contains(rule), "{regeling} {lang:?}: {rule} does not fail: {failed:?}");
            }
            for rule in *warns {
                assert!(warned.contains(rule), "{regeling} {lang:?}: {rule} does not warn: {warned:?}");
            }
        }
    }

    #[test]
    fn template_filled_in_as_its_comments_say_passes() {
        for (regeling, lang, t) in TEMPLATES {
            let text = filled(t);
            let d = tempfile::tempdir().unwrap();
            // Every part the template names, as a small non-empty file where it says.
            let reg = Registry::builtin().unwrap();
            let a = load_text(&text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}\n{text}"));
            for (_, path) in &a.onderdelen.as_ref().expect("onderdelen").value.entries {
                let path = d.path().join(&path.value);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, b"%PDF-1.7 plan").unwrap();
            }
            let f = check(&text, Some(d.path()));
            let bad: Vec<String> = f
                .iter()
                .filter(|x| matches!(x.outcome, Outcome::Fail | Outcome::Warn))
                .map(|x| format!("{} {:?}: {}", x.rule, x.outcome, crate::messages::render(&x.message, *lang)))
                .collect();
            assert!(bad.is_empty(), "{regeling} {lang:?}:\n{}\n{text}", bad.join("\n"));
        }
    }

    #[test]
    fn both_languages_have_the_same_yaml() {
        // Only comments and placeholder texts differ: the same fields in the same order.
        let keys = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split(':').next().unwrap().to_string())
                .collect()
        };
        for pair in TEMPLATES.chunks(2) {
            let [(r1, Lang::Nl, nl), (r2, Lang::En, en)] = pair else { panic!("{pair:?}: not a Dutch and an English template") };
            assert_eq!(r1, r2);
            assert_eq!(keys(nl), keys(en), "{r1}");
        }
    }

    #[test]
    fn never_overwrites() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("aanvraag.yaml");
        let reg = Registry::builtin().unwrap();
        assert_eq!(write(&p, "sto-2025-2029", &reg, Lang::Nl), Ok("sto-2025-2028".to_string()));
        std::fs::write(&p, "mijn werk").unwrap();
        assert_eq!(write(&p, "sto-2025-2028", &reg, Lang::Nl), Err(InitError::Bestaat));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "mijn werk");
        assert_eq!(
            write(&d.path().join("x.yaml"), "sto-1999", &reg, Lang::Nl),
            Err(InitError::GeenSjabloon(vec!["sto-2020-2023".into(), "sto-2024".into(), "sto-2025-2028".into()]))
        );
        assert!(!d.path().join("x.yaml").exists());
    }

    #[test]
    fn every_file_of_the_data_folders_is_compiled_in() {
        // build.rs lists the folders, so a new regulation's files need no Rust edit.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let listed = |dir: &str| -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect();
            v.sort();
            v
        };
        let mut templates: Vec<String> = TEMPLATES.iter().map(|(r, l, _)| format!("{r}.{}.yaml", l.code())).collect();
        templates.sort();
        assert_eq!(templates, listed("templates"));
        // Every file of rules/ is a rule set, except the source registry they share.
        let mut rules: Vec<String> = crate::regeling::BUILTIN.iter().map(|(f, _)| f.trim_start_matches("rules/").to_string()).collect();
        rules.push(crate::builtin::BRONNEN.0.trim_start_matches("rules/").to_string());
        rules.sort();
        assert_eq!(rules, listed("rules"));
        assert_eq!(crate::builtin::BRONNEN.1, std::fs::read_to_string(root.join(crate::builtin::BRONNEN.0)).unwrap());
        for (f, text) in crate::regeling::BUILTIN {
            assert_eq!(*text, std::fs::read_to_string(root.join(f)).unwrap(), "{f}");
        }
    }
}
