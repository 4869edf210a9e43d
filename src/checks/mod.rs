//! The rule modules (formaat.md §2). Each rule is one entry in [`RULES`]: its stable id
//! `module/name`, and a function that reads the application and the rule set's parameters
//! through [`Ctx`] and pushes findings. Every rule yields at least one finding for every file:
//! `pass`, `warn`, `fail` or `skip` with a reason, never silence.

pub mod begroting;
pub mod cofinanciering;
pub mod documenten;
pub mod partners;
pub mod plaatshouders;
pub mod plafond;
pub mod sectoren;
pub mod termijnen;
pub mod uurtarieven;
pub mod rule;
#[cfg(test)]
pub(crate) mod testutil;
#[cfg(test)]
mod voorbeelden;

use std::path::Path;

use rust_decimal::Decimal;

use crate::aanvraag::Aanvraag;
use crate::engine::{Ctx, Finding, MomentFrom, Outcome};
use crate::regeling::RuleSet;
use crate::report::model::{JaarTotaal, Totals};
use crate::values::Moment;
use crate::messages::Msg;
use crate::module::Module;

pub use rule::Rule;

/// Every rule, in report order.
pub const RULES: &[Rule] = &[
    termijnen::SOORT,
    termijnen::VENSTER,
    partners::REGIO_SOORT,
    partners::PENVOERDER,
    partners::MINIMA,
    partners::ONDERTEKENING,
    partners::DUBBELE_ROL,
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
    plafond::PLAFOND,
    begroting::DUBBELE_FINANCIERING,
    begroting::ONGEBRUIKTE_VELDEN,
    documenten::ONDERDELEN,
    documenten::THEMAS,
    documenten::PO_SAMENWERKING,
    documenten::PLANVORMING,
    plaatshouders::PLAATSHOUDERS,
];

/// Rules that apply to every kind of submission, whatever modules the kind restricts otherwise:
/// a placeholder left behind is wrong in a vooraanmelding too (formaat.md §5.7).
pub const ALWAYS: &[&str] = &[plaatshouders::PLAATSHOUDERS.id];

/// What checking one application gives: every finding, and the key figures for the report's head.
#[derive(Debug, Clone)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub totals: Totals,
}

/// Checks an application against a rule set at a moment: the library's one entry point.
/// `folder` is where attachments are looked for (`None` for stdin).
pub fn check(
    aanvraag: &Aanvraag,
    set: &RuleSet,
    moment: Moment,
    moment_from: MomentFrom,
    folder: Option<&Path>,
) -> Checked {
    let ctx = Ctx::new(aanvraag, set, moment, moment_from, folder);
    let mut findings = run(&ctx);
    for f in &mut findings {
        if let Some(text) = &f.source {
            f.sources = crate::regeling::bronnen::resolve(text, &set.bronnen);
        }
    }
    let cofinanciering: Decimal = crate::money::sum(aanvraag.cofinanciering().iter().map(|c| c.value.bedrag.value.0));
    let mut totals = Totals::new(
        aanvraag.kosten_totaal().0,
        aanvraag.subsidie_totaal().0,
        cofinanciering,
        aanvraag.eigen_bijdrage().0,
        plafond::plafond_totaal(&ctx),
    );
    totals.jaren = aanvraag
        .jaren()
        .into_keys()
        .map(|jaar| JaarTotaal {
            jaar,
            kosten: crate::money::sum(aanvraag.begroting().iter().filter(|r| r.value.jaar.value == jaar).map(|r| r.value.kosten().0)),
            subsidie: crate::money::sum(aanvraag.subsidie().iter().filter(|(j, _, _)| *j == jaar).map(|(_, m, _)| m.0)),
            cofinanciering: crate::money::sum(aanvraag.cofinanciering().iter().filter(|c| c.value.jaar.value == jaar).map(|c| c.value.bedrag.value.0)),
        })
        .collect();
    Checked { findings, totals }
}

/// The module of a rule id, when it is a registered rule.
pub fn module_of(rule: &str) -> Option<Module> {
    RULES.iter().find(|r| r.id == rule).map(|r| r.module)
}

/// Whether no two of these findings (of one rule) are about the same subject, counting "no
/// subject" as one: so `rule#subject` names one finding (formaat.md §5.1).
pub fn subjects_unique(findings: &[Finding]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    findings.iter().all(|f| seen.insert(f.subject.as_ref()))
}

/// Runs every rule on one application.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    let mut all = Vec::new();
    for rule in RULES {
        if let Some(soort) = ctx.soort.and_then(|s| ctx.set.soorten.get(s))
            && !soort.applies(rule.module)
            && !ALWAYS.contains(&rule.id)
        {
            all.push(Finding::new(
                rule.id,
                Outcome::Skip,
                Msg::new("skip.module-niet-voor-soort")
                    .arg("module", rule.module.as_str())
                    .arg("soort", soort.id.as_str()),
            ));
            continue;
        }
        let before = all.len();
        (rule.run)(ctx, &mut all);
        debug_assert!(all.len() > before, "rule {} gave no finding", rule.id);
        debug_assert!(subjects_unique(&all[before..]), "rule {} gave two findings about one subject", rule.id);
        if all.len() == before {
            all.push(Finding::new(rule.id, Outcome::Skip, Msg::new("skip.geen-gegevens")));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_in_their_module() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(r.id.starts_with(&format!("{}/", r.module.as_str())), "{}", r.id);
        }
    }
}
