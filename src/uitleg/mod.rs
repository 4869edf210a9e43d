//! `stocheck rules` and `stocheck explain`: the rule data and the registry of rules made readable.
//! Per rule its parameters per regulation with their values (dated values with their dates,
//! bands as `mild` / `streng`), source and certainty; `explain` adds what the rule checks and why
//! (catalogue entries `uitleg.<rule>.*`) and a failing and a passing example
//! (`messages/voorbeelden.yaml`, tested to do what they claim). As a table for people or as JSON.

mod bronnen;
mod explain;
mod params;
mod rules;

pub use bronnen::sources;
pub use explain::*;
pub use rules::{rules, sets};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{RULES, Rule};
    use crate::messages::Lang;
    use crate::regeling::Registry;
    use crate::report::style::Style;
    use serde_json::Value;
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
        let ctx = Ctx::new(&a, set, a.indiening.value.moment.as_ref().map(|m| m.value).unwrap_or_else(|| Moment::parse("2024-09-30T12:00:00+02:00").unwrap()), MomentFrom::Indiening, Some(d.path()));
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
        assert!(nl.contains("mild: 1 vestiging (vmbo, vso) · streng: 2 vestigingen (vmbo)"), "{nl}");
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
