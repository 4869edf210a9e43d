//! The rule modules (formaat.md §2). Each rule is one entry in [`RULES`]: its stable id
//! `module/name`, and a function that reads the application and the rule set's parameters
//! through [`Ctx`] and pushes findings. Every rule yields at least one finding for every file:
//! `pass`, `warn`, `fail` or `skip` with a reason, never silence.

pub mod begroting;
pub mod cofinanciering;
pub mod documenten;
pub mod partners;
pub mod sectoren;
pub mod termijnen;
pub mod uurtarieven;
#[cfg(test)]
mod voorbeelden;

use crate::engine::{Ctx, Finding, Msg, Outcome};

/// The modules, in report order.
pub const MODULES: &[&str] = &[
    "termijnen",
    "partners",
    "cofinanciering",
    "uurtarieven",
    "sectoren",
    "begroting",
    "documenten",
];

/// One rule: its id, its module and its check.
pub struct Rule {
    pub id: &'static str,
    pub module: &'static str,
    /// The rule-set parameters it reads, for `stocheck rules` and the docs.
    pub params: &'static [&'static str],
    pub run: fn(&Ctx, &mut Vec<Finding>),
}

/// Every rule, in report order.
pub const RULES: &[Rule] = &[
    termijnen::SOORT,
    termijnen::VENSTER,
    partners::REGIO_SOORT,
    partners::PENVOERDER,
    partners::MINIMA,
    partners::ONDERTEKENING,
    partners::VESTIGINGEN,
    cofinanciering::MINIMUM,
    cofinanciering::BIJDRAGERS,
    cofinanciering::VORMEN,
    uurtarieven::INTERN,
    uurtarieven::EXTERN,
    sectoren::DOELGROEPEN,
    sectoren::HAVO_VWO,
    sectoren::PROFIELEN,
    begroting::BEDRAGEN,
    begroting::JAREN,
    begroting::DEKKING,
    begroting::PLAFOND,
    begroting::DUBBELE_FINANCIERING,
    begroting::ONGEBRUIKTE_VELDEN,
    documenten::ONDERDELEN,
    documenten::THEMAS,
    documenten::PO_SAMENWERKING,
    documenten::PLANVORMING,
];

/// Runs every rule on one application.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    let mut all = Vec::new();
    for rule in RULES {
        if let Some(soort) = ctx.soort.and_then(|s| ctx.set.soorten.get(s))
            && !soort.applies(rule.module)
        {
            all.push(Finding::new(
                rule.id,
                Outcome::Skip,
                Msg::new("skip.module-niet-voor-soort")
                    .arg("module", rule.module)
                    .arg("soort", soort.id.as_str()),
            ));
            continue;
        }
        let before = all.len();
        (rule.run)(ctx, &mut all);
        debug_assert!(all.len() > before, "rule {} gave no finding", rule.id);
        if all.len() == before {
            all.push(Finding::new(rule.id, Outcome::Skip, Msg::new("skip.geen-gegevens")));
        }
    }
    all
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers for the unit tests beside each check: a small valid application, edited per test.
    use super::*;
    use crate::aanvraag::{Aanvraag, load_text};
    use crate::engine::MomentFrom;
    use crate::regeling::Registry;
    use crate::values::Moment;

    pub const BASIS: &str = r#"
regeling: sto-2025-2028
indiening:
  soort: aanvraag
  moment: 2024-09-30T14:30:00+02:00
regio:
  naam: Regio Test
  soort: techniekregio
  maximum: 2000000
penvoerder: vmbo-a
partners:
  - { id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }
  - { id: vmbo-b, naam: B, soort: vmbo, vestiging: 12AB01, ondertekend: true }
  - { id: mbo, naam: M, soort: mbo, ondertekend: true }
  - { id: po, naam: P, soort: po, ondertekend: true }
  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }
activiteiten:
  - { id: lab, naam: Lab, doelgroepen: [po, vmbo-bb], profielen: [PIE] }
begroting:
  - { activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2026, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2027, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }
financiering:
  subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }
  cofinanciering:
    - { partner: bedrijf, jaar: 2025, vorm: geld, bedrag: 100000 }
themas:
  klimaat: Duurzaam
  meiden_in_de_techniek: Girls day
  diversiteit_onderwijspersoneel: Zij-instroom
"#;

    pub fn registry() -> Registry {
        Registry::builtin().expect("built-in rule sets load")
    }

    pub fn parse(text: &str) -> Aanvraag {
        let reg = registry();
        load_text(text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    /// Runs one rule on the application text and returns its findings.
    pub fn findings(text: &str, rule: &Rule) -> Vec<Finding> {
        findings_at(text, rule, None)
    }

    pub fn findings_at(text: &str, rule: &Rule, folder: Option<&std::path::Path>) -> Vec<Finding> {
        let reg = registry();
        let a = parse(text);
        let set = reg.get(&a.regeling.value).expect("rule set");
        let soort = Some(a.indiening.value.soort.value.as_str()).filter(|s| set.soorten.contains_key(*s));
        let moment = a
            .indiening
            .value
            .moment
            .as_ref()
            .map(|m| m.value)
            .unwrap_or_else(|| Moment::parse("2024-09-30T12:00:00+02:00").unwrap());
        let ctx = Ctx {
            aanvraag: &a,
            set,
            soort,
            moment,
            moment_from: MomentFrom::Indiening,
            folder,
        };
        let mut out = Vec::new();
        (rule.run)(&ctx, &mut out);
        out
    }

    /// The outcomes of one rule, in order.
    pub fn outcomes(text: &str, rule: &Rule) -> Vec<Outcome> {
        findings(text, rule).iter().map(|f| f.outcome).collect()
    }

    /// The worst outcome of one rule (fail > warn > pass > skip).
    pub fn worst(text: &str, rule: &Rule) -> Outcome {
        let o = outcomes(text, rule);
        [Outcome::Fail, Outcome::Warn, Outcome::Pass, Outcome::Skip]
            .into_iter()
            .find(|x| o.contains(x))
            .unwrap_or(Outcome::Skip)
    }

    /// A decimal from the rule data's text form.
    pub fn dec(s: &str) -> rust_decimal::Decimal {
        s.parse().unwrap()
    }

    /// Replaces exactly one occurrence of `from` in the base application.
    pub fn edit(from: &str, to: &str) -> String {
        edit_in(BASIS, from, to)
    }

    pub fn edit_in(text: &str, from: &str, to: &str) -> String {
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text.replacen(from, to, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, template};

    #[test]
    fn every_rule_is_described_in_the_catalogue() {
        for id in RULES.iter().map(|r| r.id).chain(std::iter::once(crate::report::LADEN)) {
            for part in ["kort", "lang"] {
                let key = format!("regel.{id}.{part}");
                assert!(template(&key, Lang::Nl).is_some_and(|t| !t.trim().is_empty()), "messages/nl.yaml lacks {key}");
            }
        }
    }

    #[test]
    fn rule_ids_are_unique_and_in_their_module() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(r.id.starts_with(&format!("{}/", r.module)), "{}", r.id);
            assert!(MODULES.contains(&r.module), "{}", r.module);
        }
    }
}
