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
pub mod uitzonderingen;
pub mod uurtarieven;
pub mod rule;
#[cfg(test)]
pub(crate) mod testutil;
#[cfg(test)]
mod voorbeelden;

use std::path::Path;

use rust_decimal::Decimal;

use crate::aanvraag::{Aanvraag, LoadError};
use crate::engine::{Ctx, Finding, MomentFrom, Outcome};
use crate::regeling::RuleSet;
use crate::report::model::{JaarTotaal, Totals};
use crate::values::Moment;
use crate::messages::{Arg, Msg};
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

/// The module of a rule id, when it is a registered rule or a rule of the waivers.
pub fn module_of(rule: &str) -> Option<Module> {
    if uitzonderingen::IDS.contains(&rule) {
        return Some(Module::Uitzonderingen);
    }
    RULES.iter().find(|r| r.id == rule).map(|r| r.module)
}

/// The pseudo-rule under which the reports list load errors (`report::LADEN`); a waiver that
/// names it is refused with its own message.
const LADEN: &str = "laden";

/// The reader's rules for `uitzonderingen` (formaat.md §5.2), each a load error: `regel` names a
/// rule of the registry (the nearest suggested), or a finding's key `rule#subject` of one (a
/// subject that does not occur in a run is not an error: the waiver is then unused); the waivers'
/// own rules and load errors cannot be waived; `reden` and `kenmerk` are not empty; `tot` is not
/// before `datum`. Here, not in the reader: it needs the registry of rules, which the reader
/// does not know.
pub fn waiver_errors(a: &Aanvraag) -> Vec<LoadError> {
    use crate::yaml::pos;
    let mut errors = Vec::new();
    let ids = || RULES.iter().map(|r| r.id);
    for u in a.uitzonderingen() {
        let w = &u.value;
        let at = pos(&w.regel);
        let written = w.regel.value.trim();
        let (rule, subject) = match written.split_once('#') {
            Some((r, s)) => (r, Some(s)),
            None => (written, None),
        };
        if rule == LADEN || rule.starts_with("laden.") {
            errors.push(LoadError::new(Msg::new("laden.uitzondering-laden"), at));
        } else if uitzonderingen::IDS.contains(&rule) || rule == Module::Uitzonderingen.as_str() {
            errors.push(LoadError::new(Msg::new("laden.uitzondering-op-uitzondering"), at));
        } else if !ids().any(|id| id == rule) {
            let msg = |id: &'static str| Msg::new(id).arg("regel", rule);
            match crate::aanvraag::suggest(rule, ids()) {
                Some(s) => errors.push(LoadError::new(msg("laden.uitzondering-regel-bedoeld").arg("bedoeld", s.as_str()), at).suggest(rule, &s)),
                None => errors.push(LoadError::new(msg("laden.uitzondering-regel"), at)),
            }
        } else if subject.is_some_and(|s| s.trim().is_empty()) {
            errors.push(LoadError::new(Msg::new("laden.uitzondering-onderwerp-leeg").arg("regel", rule), at));
        }
        for (field, value) in [("reden", &w.reden), ("kenmerk", &w.kenmerk)] {
            if value.value.trim().is_empty() {
                errors.push(LoadError::new(Msg::new("laden.uitzondering-leeg").arg("veld", field), pos(value)));
            }
        }
        if let Some(tot) = &w.tot
            && tot.value.0 < w.datum.value.0
        {
            errors.push(LoadError::new(
                Msg::new("laden.uitzondering-tot-voor-datum").arg("tot", Arg::Datum(tot.value.0)).arg("datum", Arg::Datum(w.datum.value.0)),
                pos(tot),
            ));
        }
    }
    errors
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

    fn waiver_error_ids(regel: &str, extra: &str) -> Vec<&'static str> {
        let text = format!("{}\nuitzonderingen:\n  - regel: \"{regel}\"\n    reden: r\n    kenmerk: K\n    datum: 2024-01-01\n{extra}", testutil::BASIS);
        waiver_errors(&testutil::parse(&text)).iter().map(|e| e.id()).collect()
    }

    #[test]
    fn a_waiver_names_a_rule_or_a_key_of_one() {
        assert!(waiver_error_ids("cofinanciering/minimum", "").is_empty());
        assert!(waiver_error_ids("partners/minimum#soort:mbo", "").is_empty());
        // A subject that this run does not have is not an error (the waiver is unused).
        assert!(waiver_error_ids("partners/minimum#soort:bestaat-niet", "").is_empty());
        assert_eq!(waiver_error_ids("cofinanciering/minimun", ""), ["laden.uitzondering-regel-bedoeld"]);
        assert_eq!(waiver_error_ids("cofinanciering/minimun#x", ""), ["laden.uitzondering-regel-bedoeld"]);
        assert_eq!(waiver_error_ids("iets/heel-anders", ""), ["laden.uitzondering-regel"]);
        assert_eq!(waiver_error_ids("laden", ""), ["laden.uitzondering-laden"]);
        assert_eq!(waiver_error_ids("uitzonderingen/verlopen", ""), ["laden.uitzondering-op-uitzondering"]);
        assert_eq!(waiver_error_ids("partners/minimum#", ""), ["laden.uitzondering-onderwerp-leeg"]);
        assert_eq!(waiver_error_ids("partners/minimum", "    tot: 2023-12-31\n"), ["laden.uitzondering-tot-voor-datum"]);
    }

    #[test]
    fn a_waiver_with_an_empty_reason_or_reference_is_refused() {
        let text = format!("{}\nuitzonderingen:\n  - regel: partners/minimum\n    reden: \" \"\n    kenmerk: \"\"\n    datum: 2024-01-01\n", testutil::BASIS);
        let ids: Vec<&str> = waiver_errors(&testutil::parse(&text)).iter().map(|e| e.id()).collect();
        assert_eq!(ids, ["laden.uitzondering-leeg", "laden.uitzondering-leeg"]);
    }

    #[test]
    fn rule_ids_are_unique_and_in_their_module() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(r.id.starts_with(&format!("{}/", r.module.as_str())), "{}", r.id);
        }
    }
}
