//! Helpers for the unit tests beside each check: a small valid application, edited per test.

use super::rule::Rule;
use crate::engine::{Ctx, Finding, Outcome};
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
    let moment = a
        .indiening
        .value
        .moment
        .as_ref()
        .map(|m| m.value)
        .unwrap_or_else(|| Moment::parse("2024-09-30T12:00:00+02:00").unwrap());
    let ctx = Ctx::new(&a, set, moment, MomentFrom::Indiening, folder);
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
