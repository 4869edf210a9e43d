//! `partners`: the region's kind is one of the rule set's, the penvoerder is a participating
//! (and, where required, signing) vmbo, the minimum numbers per partner kind, signatures, and the
//! form and uniqueness of vestiging codes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::aanvraag::{Aanvraag, Partner, S};
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, about_since, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::params::{Minimum, Penvoerder, Tel};
use crate::yaml::pos;

pub const REGIO_SOORT: Rule = Rule {
    id: "partners/regio-soort",
    module: Module::Partners,
    params: &[key::REGIO_SOORTEN.name],
    run: regio_soort,
};
pub const PENVOERDER: Rule = Rule {
    id: "partners/penvoerder",
    module: Module::Partners,
    params: &[key::PENVOERDER.name],
    run: penvoerder,
};
pub const MINIMA: Rule = Rule {
    id: "partners/minimum",
    module: Module::Partners,
    params: &[key::MINIMA.name, key::ALLEEN_ONDERTEKEND.name],
    run: minima,
};
pub const ONDERTEKENING: Rule = Rule {
    id: "partners/ondertekening",
    module: Module::Partners,
    params: &[key::ALLEEN_ONDERTEKEND.name],
    run: ondertekening,
};
pub const VESTIGINGEN: Rule = Rule {
    id: "partners/vestiging",
    module: Module::Partners,
    params: &[key::VESTIGING_FORMAAT.name],
    run: vestigingen,
};

fn regio_soort(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::REGIO_SOORTEN, REGIO_SOORT.id, out) else {
        return;
    };
    let s = &ctx.aanvraag.regio.value.soort;
    let ok = |list: &Vec<String>| list.contains(&s.value);
    let outcome = judge(ok(&band.mild), ok(&band.streng), p.ernst);
    let id = if outcome == Outcome::Pass { "partners.regio-soort-ok" } else { "partners.regio-soort-fout" };
    let msg = Msg::new(id)
        .arg("soort", s.value.as_str())
        .arg("regeling", ctx.set.id.as_str())
        .arg("soorten", Arg::Lijst(band.streng.clone()));
    out.push(Finding::new(REGIO_SOORT.id, outcome, msg).at(pos(s)).param(p));
}

fn penvoerder(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PENVOERDER, PENVOERDER.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let id = &a.penvoerder;
    // The loader guarantees the id refers to a partner.
    let Some(partner) = a.partner(&id.value) else {
        out.push(Finding::new(PENVOERDER.id, Outcome::Skip, Msg::new("skip.geen-gegevens")));
        return;
    };
    let partner = &partner.value;
    let meets = |r: &Penvoerder| {
        if partner.soort.value != r.soort {
            // The fix: the partners that could be penvoerder instead.
            let kandidaten: Vec<String> =
                a.partners().filter(|p| p.value.soort.value == r.soort).map(|p| p.value.id.value.clone()).collect();
            let kandidaten = if kandidaten.is_empty() {
                Msg::new("partners.geen-kandidaten")
            } else {
                Msg::new("partners.kandidaten").arg("ids", Arg::Lijst(kandidaten))
            };
            Err(Msg::new("partners.penvoerder-soort")
                .arg("id", id.value.as_str())
                .arg("soort", partner.soort.value.as_str())
                .arg("vereist", r.soort.as_str())
                .arg("kandidaten", kandidaten))
        } else if r.ondertekend && !partner.is_ondertekend() {
            Err(Msg::new("partners.penvoerder-niet-ondertekend").arg("id", id.value.as_str()))
        } else {
            Ok(())
        }
    };
    let (mild, streng) = (meets(&band.mild), meets(&band.streng));
    let outcome = judge(mild.is_ok(), streng.is_ok(), p.ernst);
    let msg = match (mild, streng) {
        (Err(m), _) | (Ok(()), Err(m)) => m,
        (Ok(()), Ok(())) => Msg::new("partners.penvoerder-ok")
            .arg("id", id.value.as_str())
            .arg("naam", partner.naam.value.as_str()),
    };
    out.push(Finding::new(PENVOERDER.id, outcome, msg).at(pos(id)).param(p));
}

/// How many partners count toward a minimum: partners of the listed kinds (only signed ones
/// when `alleen_ondertekend`), vmbo counted as distinct vestiging codes plus those without one.
pub fn count(a: &Aanvraag, m: &Minimum, alleen_ondertekend: bool) -> usize {
    let matching = a
        .partners()
        .map(|p| &p.value)
        .filter(|p| m.soorten.contains(&p.soort.value))
        .filter(|p| !alleen_ondertekend || p.is_ondertekend());
    if m.tel == Some(Tel::Vestigingen) {
        let mut codes = std::collections::BTreeSet::new();
        let mut without = 0;
        for p in matching {
            match &p.vestiging {
                Some(v) if !v.value.trim().is_empty() => {
                    codes.insert(v.value.trim().to_uppercase());
                }
                _ => without += 1,
            }
        }
        codes.len() + without
    } else {
        matching.count()
    }
}

fn minima(ctx: &Ctx, out: &mut Vec<Finding>) {
    let signed = ctx.optional(&key::ALLEEN_ONDERTEKEND, MINIMA.id, out);
    let (signed_mild, signed_streng) = signed.as_ref().map_or((false, false), |(b, _)| (b.mild, b.streng));
    // Every `min_<kind>` parameter of the rule set is a minimum: a new one is data, not code.
    let names = ctx.members(&key::MINIMA);
    if names.is_empty() {
        out.push(ctx.missing(MINIMA.id, key::MINIMA.name, &crate::regeling::Missing::NotInRuleSet));
        return;
    }
    for name in names {
        // `min_mbo` counts mbo partners: the finding is about that kind.
        let subject = Subject::soort(name.strip_prefix("min_").unwrap_or(name));
        let before = out.len();
        let Some((band, p)) = ctx.need_member(&key::MINIMA, name, MINIMA.id, out) else {
            about_since(out, before, &subject);
            continue;
        };
        let a = ctx.aanvraag;
        let n_mild = count(a, &band.mild, signed_mild);
        let n_streng = count(a, &band.streng, signed_streng);
        let ok_mild = n_mild >= band.mild.aantal as usize;
        let ok_streng = n_streng >= band.streng.aantal as usize;
        let outcome = judge(ok_mild, ok_streng, p.ernst);
        // Speak of the reading that decides: the lenient one when even that fails.
        let (r, n) = if ok_mild { (&band.streng, n_streng) } else { (&band.mild, n_mild) };
        let unsigned_left_out = count(a, r, false) - n;
        // The message follows which readings are met; the outcome (capped by `ernst`) is apart.
        let id = match (ok_mild, ok_streng) {
            (true, true) => "partners.minimum-ok",
            // Same minimum in both readings: only the signatures make the difference.
            (true, false) if band.mild == band.streng => "partners.minimum-ondertekening",
            (true, false) => "partners.minimum-alleen-ruim",
            _ => "partners.minimum-fout",
        };
        let mut msg = Msg::new(id)
            .arg("soorten", Arg::Lijst(r.soorten.clone()))
            .arg("gevonden", n)
            .arg("gevonden_alle", n_mild)
            .arg("vereist", r.aantal)
            .arg("tekort", (r.aantal as usize).saturating_sub(n))
            .arg("vereist_mild", band.mild.aantal)
            .arg("soorten_mild", Arg::Lijst(band.mild.soorten.clone()));
        if r.tel == Some(Tel::Vestigingen) {
            msg = msg.arg("eenheid", Msg::new("partners.eenheid-vestigingen"));
        } else {
            msg = msg.arg("eenheid", Msg::new("partners.eenheid-partners"));
        }
        let mut f = Finding::new(MINIMA.id, outcome, msg)
            .about(subject.clone())
            .at(pos(&a.partners))
            .param(p)
            .numbers(Decimal::from(n as u64), Decimal::from(r.aantal))
            .direction(Direction::Min)
            .band(band.mild.aantal, band.streng.aantal);
        if let Some((_, sp)) = &signed {
            f = f.param(sp);
            f.source = Some(p.bron.clone());
        }
        if unsigned_left_out > 0 && outcome != Outcome::Pass {
            f = f.note(Msg::new("partners.noot-niet-ondertekend").arg("aantal", unsigned_left_out));
        }
        out.push(f);
        about_since(out, before, &subject);
    }
}

fn ondertekening(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((_, p)) = ctx.need(&key::ALLEEN_ONDERTEKEND, ONDERTEKENING.id, out) else {
        return;
    };
    let unsigned: Vec<&S<Partner>> = ctx.aanvraag.partners().filter(|p| !p.value.is_ondertekend()).collect();
    if unsigned.is_empty() {
        let n = ctx.aanvraag.partners.value.len();
        out.push(
            Finding::new(ONDERTEKENING.id, Outcome::Pass, Msg::new("partners.ondertekend-ok").arg("aantal", n))
                .at(pos(&ctx.aanvraag.partners))
                .param(p),
        );
        return;
    }
    // Unsigned partners are left out of the minima (partners/minimum fails where that matters);
    // here each one is a reminder to get the signature.
    for u in unsigned {
        let at = u.value.ondertekend.as_ref().and_then(pos).or(pos(u));
        out.push(
            Finding::new(
                ONDERTEKENING.id,
                Outcome::Warn,
                Msg::new("partners.niet-ondertekend")
                    .arg("id", u.value.id.value.as_str())
                    .arg("naam", u.value.naam.value.as_str()),
            )
            .about(Subject::partner(&u.value.id.value))
            .at(at)
            .param(p),
        );
    }
}

/// Whether a code has the shape of `pattern`: `N` a digit, `X` a digit or capital letter.
fn matches_pattern(code: &str, pattern: &str) -> bool {
    code.chars().count() == pattern.chars().count()
        && code.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'N' => c.is_ascii_digit(),
            'X' => c.is_ascii_digit() || c.is_ascii_uppercase(),
            other => c == other,
        })
}

fn vestigingen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::VESTIGING_FORMAAT, VESTIGINGEN.id, out) else {
        return;
    };
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut problems = 0;
    for partner in ctx.aanvraag.partners() {
        let Some(v) = &partner.value.vestiging else { continue };
        let code = v.value.trim();
        let ok = |pat: &String| matches_pattern(code, pat);
        let outcome = judge(ok(&band.mild), ok(&band.streng), p.ernst);
        if outcome != Outcome::Pass {
            problems += 1;
            out.push(
                Finding::new(
                    VESTIGINGEN.id,
                    outcome,
                    Msg::new("partners.vestiging-vorm").arg("code", code).arg("id", partner.value.id.value.as_str()),
                )
                .about(Subject::partner(&partner.value.id.value))
                .at(pos(v))
                .param(p),
            );
        }
        if let Some(first) = seen.insert(code.to_uppercase(), partner.value.id.value.as_str()) {
            problems += 1;
            out.push(
                Finding::new(
                    VESTIGINGEN.id,
                    judge(false, false, p.ernst),
                    Msg::new("partners.vestiging-dubbel")
                        .arg("code", code)
                        .arg("id", partner.value.id.value.as_str())
                        .arg("eerste", first),
                )
                .about(Subject::vestiging(&code.to_uppercase()).within(Subject::partner(&partner.value.id.value)))
                .at(pos(v))
                .param(p),
            );
        }
    }
    if problems == 0 {
        out.push(
            Finding::new(VESTIGINGEN.id, Outcome::Pass, Msg::new("partners.vestiging-ok").arg("aantal", seen.len()))
                .at(pos(&ctx.aanvraag.partners))
                .param(p),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testutil::*;

    fn minimum_outcomes(text: &str) -> Vec<(String, Outcome)> {
        findings(text, &MINIMA)
            .into_iter()
            .map(|f| {
                let soorten = f.message.args.iter().find(|(k, _)| *k == "soorten").map(|(_, v)| format!("{v:?}"));
                (soorten.unwrap_or_default(), f.outcome)
            })
            .collect()
    }

    #[test]
    fn complete_region_passes() {
        assert!(minimum_outcomes(BASIS).iter().all(|(_, o)| *o == Outcome::Pass));
        assert_eq!(worst(BASIS, &REGIO_SOORT), Outcome::Pass);
        assert_eq!(worst(BASIS, &PENVOERDER), Outcome::Pass);
    }

    #[test]
    fn missing_po_fails() {
        let text = edit("  - { id: po, naam: P, soort: po, ondertekend: true }\n", "");
        assert_eq!(worst(&text, &MINIMA), Outcome::Fail);
    }

    #[test]
    fn one_vmbo_vestiging_is_a_warning_two_pass_none_fails() {
        let reg = registry();
        let p = reg.get("sto-2025-2028").unwrap().parameters["min_vmbo"].get::<Minimum>().unwrap();
        assert!(p.mild.aantal < p.streng.aantal, "the band of regels.md §2.1");
        // Same vestiging twice counts once.
        let one = edit("vestiging: 12AB01", "vestiging: 12AB00");
        let f = findings(&one, &MINIMA);
        let vmbo = f.iter().find(|f| f.mild.is_some()).expect("the vmbo finding carries the band");
        assert_eq!(vmbo.outcome, Outcome::Warn);
        assert_eq!(vmbo.mild.as_deref(), Some("1"));
        assert_eq!(vmbo.streng.as_deref(), Some("2"));
    }

    #[test]
    fn unsigned_partner_does_not_count() {
        let text = edit("{ id: mbo, naam: M, soort: mbo, ondertekend: true }", "{ id: mbo, naam: M, soort: mbo, ondertekend: false }");
        assert_eq!(worst(&text, &MINIMA), Outcome::Fail);
        assert_eq!(worst(&text, &ONDERTEKENING), Outcome::Warn);
    }

    #[test]
    fn penvoerder_must_be_vmbo_and_signed() {
        let text = edit("penvoerder: vmbo-a", "penvoerder: mbo");
        assert_eq!(worst(&text, &PENVOERDER), Outcome::Fail);
        let text = edit("{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }", "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00 }");
        assert_eq!(worst(&text, &PENVOERDER), Outcome::Fail);
    }

    #[test]
    fn vestiging_codes_shape_and_duplicates() {
        assert_eq!(worst(BASIS, &VESTIGINGEN), Outcome::Pass);
        assert_eq!(worst(&edit("vestiging: 12AB01", "vestiging: 12ab1"), &VESTIGINGEN), Outcome::Warn);
        assert_eq!(worst(&edit("vestiging: 12AB01", "vestiging: 12AB00"), &VESTIGINGEN), Outcome::Warn);
        assert!(matches_pattern("12AB00", "NNXXNN"));
        assert!(!matches_pattern("1AB000", "NNXXNN"));
    }

    #[test]
    fn region_kind_of_the_rule_set() {
        assert_eq!(worst(&edit("soort: techniekregio", "soort: techniekluwe-regio"), &REGIO_SOORT), Outcome::Pass);
    }

    #[test]
    fn a_new_minimum_in_the_rule_data_is_checked() {
        let rules = "id: met-vso\nnaam: Met vso\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  min_vso:\n    \
                     waarde: { aantal: 1, soorten: [vso] }\n    bron: testbron\n    zekerheid: onbekend\n";
        let of_vso = |fs: &[Finding]| -> Vec<Outcome> {
            let vso = Arg::Lijst(vec!["vso".to_string()]);
            fs.iter().filter(|f| f.message.args.iter().any(|(k, v)| *k == "soorten" && *v == vso)).map(|f| f.outcome).collect()
        };
        let plan = edit("regeling: sto-2025-2028", "regeling: met-vso");
        let f = crate::checks::begroting::tests::findings_in_set(rules, &plan, &MINIMA, None);
        assert_eq!(of_vso(&f), vec![Outcome::Fail], "{f:#?}");
        let with = edit_in(
            &plan,
            "  - { id: po, naam: P, soort: po, ondertekend: true }\n",
            "  - { id: po, naam: P, soort: po, ondertekend: true }\n  - { id: vso, naam: V, soort: vso, ondertekend: true }\n",
        );
        let f = crate::checks::begroting::tests::findings_in_set(rules, &with, &MINIMA, None);
        assert_eq!(of_vso(&f), vec![Outcome::Pass], "{f:#?}");
    }
}
