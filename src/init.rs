//! `stocheck init`: a commented template application for a regulation, in the reader's language
//! (the comments; the keys are the format's Dutch words either way). The templates are data in
//! `templates/<regeling>.<lang>.yaml`, compiled in, and tested: the raw template loads, fails on
//! purpose (nothing signed, no amounts, no attachments, no themes), and the template filled in as
//! its comments say passes.

use std::io::Write;
use std::path::Path;

use crate::messages::Lang;
use crate::regeling::Registry;

/// The templates, as (regeling, language, text).
pub const TEMPLATES: &[(&str, Lang, &str)] = &[
    ("sto-2025-2028", Lang::Nl, include_str!("../templates/sto-2025-2028.nl.yaml")),
    ("sto-2025-2028", Lang::En, include_str!("../templates/sto-2025-2028.en.yaml")),
];

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

    /// The template filled in the way its comments ask a user to: every marked placeholder
    /// replaced, partners signed, amounts that add up, themes described, the moment set.
    pub(crate) fn filled(t: &str) -> String {
        let mut out = String::new();
        // Amounts in the order the template asks for them: 400 hours, then the bedragen, the
        // subsidy and the contribution. Costs: 400 × 60 = 24,000 + 976,000 = 1,000,000;
        // cofinancing 100,000 (10%); subsidy 900,000 in four years; maximum 2,000,000.
        let mut bedragen = ["24000", "976000", "100000"].into_iter();
        for line in t.lines() {
            let (code, comment) = match line.find(" #") {
                Some(i) if !line.trim_start().starts_with('#') => (&line[..i], &line[i..]),
                _ => (line, ""),
            };
            let marked = !line.trim_start().starts_with('#') && (line.contains("VUL-IN") || line.contains("FILL-IN"));
            let key = code.trim().trim_start_matches("- ").split(':').next().unwrap_or("").trim();
            let indent = &code[..code.len() - code.trim_start().len()];
            let dash = if code.trim_start().starts_with("- ") { "- " } else { "" };
            let new = if code.trim_start().starts_with("# moment:") {
                format!("{indent}moment: 2024-09-30T14:30:00+02:00")
            } else if key == "ondertekend" {
                code.replace("false", "true")
            } else if key == "maximum" {
                format!("{indent}maximum: 2000000")
            } else if key == "uren" && marked {
                format!("{indent}uren: 400")
            } else if key == "bedrag" {
                format!("{indent}{dash}bedrag: {}", bedragen.next().expect("three amounts"))
            } else if key == "subsidie" {
                format!("{indent}subsidie: {{ 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }}")
            } else if key == "vestiging" {
                code.replace("00AA", "12AB")
            } else if key == "kvk" {
                code.replace("00000000", "12345678")
            } else if matches!(key, "klimaat" | "meiden_in_de_techniek" | "diversiteit_onderwijspersoneel") {
                format!("{indent}{key}: Beschreven in het activiteitenplan")
            } else if marked && code.contains('"') {
                let (k, _) = code.split_once(':').unwrap();
                format!("{k}: Ingevuld")
            } else {
                code.to_string()
            };
            out.push_str(&new);
            if !marked {
                out.push_str(comment);
            }
            out.push('\n');
        }
        let code = out.lines().filter(|l| !l.trim_start().starts_with('#'));
        assert!(code.clone().all(|l| !l.contains("VUL-IN") && !l.contains("FILL-IN")), "placeholders left:\n{out}");
        out
    }

    fn check(text: &str, folder: Option<&Path>) -> Vec<crate::engine::Finding> {
        let reg = Registry::builtin().unwrap();
        let a = load_text(text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}\n{text}"));
        let set = reg.get(&a.regeling.value).unwrap();
        let moment = a.indiening.value.moment.as_ref().map(|m| m.value).unwrap_or_else(|| Moment::parse("2026-11-23T12:00:00+01:00").unwrap());
        let ctx = Ctx {
            aanvraag: &a,
            set,
            soort: Some(a.indiening.value.soort.value.as_str()).filter(|s| set.soorten.contains_key(*s)),
            moment,
            moment_from: MomentFrom::Indiening,
            folder,
        };
        crate::checks::run(&ctx)
    }

    #[test]
    fn raw_template_loads_and_fails_on_purpose() {
        for (_, lang, t) in TEMPLATES {
            let f = check(t, None);
            let failed: Vec<&str> = f.iter().filter(|x| x.outcome == Outcome::Fail).map(|x| x.rule).collect();
            for rule in ["partners/minimum", "partners/penvoerder", "documenten/themas"] {
                assert!(failed.contains(&rule), "{lang:?}: {rule} does not fail: {failed:?}");
            }
        }
    }

    #[test]
    fn template_filled_in_as_its_comments_say_passes() {
        for (_, lang, t) in TEMPLATES {
            let text = filled(t);
            let d = tempfile::tempdir().unwrap();
            std::fs::create_dir(d.path().join("bijlagen")).unwrap();
            for part in ["regiovisie", "activiteitenplan", "samenwerkingsovereenkomst"] {
                std::fs::write(d.path().join(format!("bijlagen/{part}.pdf")), b"%PDF-1.7 plan").unwrap();
            }
            let f = check(&text, Some(d.path()));
            let bad: Vec<String> = f
                .iter()
                .filter(|x| matches!(x.outcome, Outcome::Fail | Outcome::Warn))
                .map(|x| format!("{} {:?}: {}", x.rule, x.outcome, crate::messages::render(&x.message, *lang)))
                .collect();
            assert!(bad.is_empty(), "{lang:?}:\n{}\n{text}", bad.join("\n"));
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
        assert_eq!(keys(TEMPLATES[0].2), keys(TEMPLATES[1].2));
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
        assert!(matches!(write(&d.path().join("x.yaml"), "sto-2020-2023", &reg, Lang::Nl), Err(InitError::GeenSjabloon(_))));
    }
}
