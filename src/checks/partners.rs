//! `partners`: the region's kind is one of the rule set's, the penvoerder is a participating
//! (and, where required, signing) vmbo, the minimum numbers per partner kind, signatures, and the
//! form and uniqueness of vestiging codes.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::aanvraag::{Aanvraag, Partner, S};
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, about_since, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::params::{DubbeleRol, Minimum, Penvoerder, Tel};
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
pub const DUBBELE_ROL: Rule = Rule {
    id: "partners/dubbele-rol",
    module: Module::Partners,
    params: &[key::DUBBELE_ROL.name],
    run: dubbele_rol_check,
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

/// The texts that identify a partner as an organisation: its naam, bevoegd gezag and KvK number,
/// trimmed and case-insensitive.
fn identiteit(p: &Partner) -> Vec<(&'static str, String)> {
    let mut out = vec![("naam", p.naam.value.trim().to_lowercase())];
    if let Some(b) = &p.bevoegd_gezag {
        out.push(("bevoegd_gezag", b.value.trim().to_lowercase()));
    }
    if let Some(k) = &p.kvk {
        out.push(("kvk", k.value.trim().to_lowercase()));
    }
    out.retain(|(_, v)| !v.is_empty());
    out
}

/// One organisation in two roles: every partner of a `bedrijfsrol` kind that shares its naam,
/// bevoegd gezag or KvK number (in any of these fields) with a partner of a school kind, with
/// that school partner and the shared field of the bedrijf.
pub fn gedeelde_identiteit<'a>(a: &'a Aanvraag, r: &DubbeleRol) -> Vec<(&'a S<Partner>, &'a Partner, &'static str)> {
    let scholen: Vec<&Partner> = a.partners().map(|p| &p.value).filter(|p| r.scholen.contains(&p.soort.value)).collect();
    let mut out = Vec::new();
    for b in a.partners().filter(|p| r.bedrijfsrol.contains(&p.value.soort.value)) {
        let ids = identiteit(&b.value);
        let hit = scholen.iter().find_map(|s| {
            let theirs = identiteit(s);
            ids.iter().find(|(_, v)| theirs.iter().any(|(_, w)| w == v)).map(|(veld, _)| (*s, *veld))
        });
        if let Some((school, veld)) = hit {
            out.push((b, school, veld));
        }
    }
    out
}

/// The partners left out as a bedrijf in a reading (`telt: false`), by id; empty when they count.
pub fn dubbele_rol(a: &Aanvraag, r: &DubbeleRol) -> BTreeMap<String, String> {
    if r.telt {
        return BTreeMap::new();
    }
    gedeelde_identiteit(a, r).into_iter().map(|(b, s, _)| (b.value.id.value.clone(), s.id.value.clone())).collect()
}

/// How many partners count toward a minimum: partners of the listed kinds (only signed ones
/// when `alleen_ondertekend`, none of those in `uit`), vmbo counted as distinct vestiging codes
/// plus those without one; two partners of one kind with the same KvK number count once.
pub fn count(a: &Aanvraag, m: &Minimum, alleen_ondertekend: bool, uit: &BTreeSet<String>) -> usize {
    let matching = a
        .partners()
        .map(|p| &p.value)
        .filter(|p| m.soorten.contains(&p.soort.value))
        .filter(|p| !uit.contains(&p.id.value))
        .filter(|p| !alleen_ondertekend || p.is_ondertekend());
    let mut codes = BTreeSet::new();
    let mut kvk = BTreeSet::new();
    let mut without = 0;
    for p in matching {
        match &p.vestiging {
            Some(v) if m.tel == Some(Tel::Vestigingen) && !v.value.trim().is_empty() => {
                codes.insert(v.value.trim().to_uppercase());
            }
            _ => match p.kvk.as_ref().map(|k| k.value.trim()).filter(|k| !k.is_empty()) {
                Some(k) => {
                    kvk.insert((p.soort.value.clone(), k.to_string()));
                }
                None => without += 1,
            },
        }
    }
    codes.len() + kvk.len() + without
}

fn minima(ctx: &Ctx, out: &mut Vec<Finding>) {
    let signed = ctx.optional(&key::ALLEEN_ONDERTEKEND, MINIMA.id, out);
    let (signed_mild, signed_streng) = signed.as_ref().map_or((false, false), |(b, _)| (b.mild, b.streng));
    // Several bands in one count: the lenient reading takes every lenient value, the strict one
    // every strict value (regels.md §2.0).
    let rol = ctx.optional(&key::DUBBELE_ROL, MINIMA.id, out);
    let (uit_mild, uit_streng): (BTreeSet<String>, BTreeSet<String>) = match &rol {
        Some((b, _)) => (dubbele_rol(ctx.aanvraag, &b.mild).into_keys().collect(), dubbele_rol(ctx.aanvraag, &b.streng).into_keys().collect()),
        None => (BTreeSet::new(), BTreeSet::new()),
    };
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
        let n_mild = count(a, &band.mild, signed_mild, &uit_mild);
        let n_streng = count(a, &band.streng, signed_streng, &uit_streng);
        let ok_mild = n_mild >= band.mild.aantal as usize;
        let ok_streng = n_streng >= band.streng.aantal as usize;
        let outcome = judge(ok_mild, ok_streng, p.ernst);
        // Speak of the reading that decides: the lenient one when even that fails.
        let (r, n) = if ok_mild { (&band.streng, n_streng) } else { (&band.mild, n_mild) };
        let uit = if ok_mild { &uit_streng } else { &uit_mild };
        let unsigned_left_out = count(a, r, false, uit).saturating_sub(n);
        // The message follows which readings are met; the outcome (capped by `ernst`) is apart.
        let id = match (ok_mild, ok_streng) {
            (true, true) => "partners.minimum-ok",
            // Same minimum in both readings: the signatures or a partner in two roles make the
            // difference; name the one that does (regels.md §2.0: never the same requirement twice).
            (true, false) if count(a, &band.streng, signed_streng, &BTreeSet::new()) >= band.streng.aantal as usize => {
                "partners.minimum-dubbele-rol"
            }
            (true, false) if band.mild == band.streng => "partners.minimum-ondertekening",
            (true, false) => "partners.minimum-alleen-ruim",
            // Enough partners are listed, but not enough have signed: the fix is a signature.
            _ if count(a, r, false, if ok_mild { &uit_streng } else { &uit_mild }) >= r.aantal as usize => "partners.minimum-fout-ondertekening",
            _ => "partners.minimum-fout",
        };
        let mut msg = Msg::new(id)
            .arg("soorten", Arg::Of(r.soorten.clone()))
            .arg("gevonden", n)
            .arg("gevonden_alle", n_mild)
            .arg("vereist", r.aantal)
            .arg("tekort", (r.aantal as usize).saturating_sub(n))
            .arg("vereist_mild", band.mild.aantal)
            .arg("soorten_mild", Arg::Of(band.mild.soorten.clone()));
        // The unit follows the count it stands after: all listed partners in the messages about
        // signatures and double roles, else the partners counted.
        let n_unit = if matches!(id, "partners.minimum-ondertekening" | "partners.minimum-dubbele-rol") { n_mild } else { n };
        let unit = if r.tel == Some(Tel::Vestigingen) { "partners.eenheid-vestigingen" } else { "partners.eenheid-partners" };
        msg = msg.arg("eenheid", Msg::new(unit).arg("n", n_unit));
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
    let Some((band, p)) = ctx.need(&key::ALLEEN_ONDERTEKEND, ONDERTEKENING.id, out) else {
        // A kind without signatures (a vooraanmelding reports the composition of the region
        // before any agreement is due): say so in the skip.
        if let Some(f) = out.last_mut()
            && f.rule == ONDERTEKENING.id
            && f.message.id == "skip.niet-voor-soort"
        {
            f.message = Msg::new("partners.ondertekening-niet-nodig").arg("soort", ctx.soort.unwrap_or("?"));
        }
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
                Msg::new(match (band.mild, band.streng) {
                    (true, _) => "partners.niet-ondertekend",
                    (false, true) => "partners.niet-ondertekend-alleen-ruim",
                    (false, false) => "partners.niet-ondertekend-telt-mee",
                })
                    .arg("id", u.value.id.value.as_str())
                    .arg("naam", u.value.naam.value.as_str()),
            )
            .about(Subject::partner(&u.value.id.value))
            .at(at)
            .param(p),
        );
    }
}

fn dubbele_rol_check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::DUBBELE_ROL, DUBBELE_ROL.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let mut gevonden: BTreeMap<&str, (&S<Partner>, &Partner, &'static str)> = BTreeMap::new();
    for r in [&band.mild, &band.streng] {
        for (b, s, veld) in gedeelde_identiteit(a, r) {
            gevonden.entry(b.value.id.value.as_str()).or_insert((b, s, veld));
        }
    }
    if gevonden.is_empty() {
        out.push(Finding::new(DUBBELE_ROL.id, Outcome::Pass, Msg::new("partners.dubbele-rol-ok")).at(pos(&a.partners)).param(p));
        return;
    }
    for (b, school, veld) in gevonden.into_values() {
        let telt = |r: &DubbeleRol| r.telt || !gedeelde_identiteit(a, r).iter().any(|(x, _, _)| x.value.id.value == b.value.id.value);
        // At least a warning: even where the organisation still counts, the double role is worth a look.
        let outcome = match judge(telt(&band.mild), telt(&band.streng), p.ernst) {
            Outcome::Pass => Outcome::Warn,
            o => o,
        };
        let veld_msg = match veld {
            "kvk" => "partners.veld-kvk",
            "bevoegd_gezag" => "partners.veld-bevoegd-gezag",
            _ => "partners.veld-naam",
        };
        out.push(
            Finding::new(
                DUBBELE_ROL.id,
                outcome,
                Msg::new("partners.dubbele-rol")
                    .arg("id", b.value.id.value.as_str())
                    .arg("soort", crate::messages::partnersoort(&b.value.soort.value))
                    .arg("school", school.id.value.as_str())
                    .arg("schoolsoort", crate::messages::partnersoort(&school.soort.value))
                    .arg("veld", Msg::new(veld_msg)),
            )
            .at(pos(b))
            .param(p)
            .band(band.mild.telt, band.streng.telt),
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
        // regels.md §7 point 13: the advice is to have it signed, not to add a partner.
        let f = findings(&text, &MINIMA);
        let mbo = f.iter().find(|f| f.outcome == Outcome::Fail).unwrap();
        assert_eq!(mbo.message.id, "partners.minimum-fout-ondertekening");
        let nl = crate::messages::render(&mbo.message, crate::messages::Lang::Nl);
        assert!(nl.contains("tekenen") && !nl.contains("Voeg"), "{nl}");
        let missing = edit("  - { id: mbo, naam: M, soort: mbo, ondertekend: true }\n", "");
        let f = findings(&missing, &MINIMA);
        assert_eq!(f.iter().find(|f| f.outcome == Outcome::Fail).unwrap().message.id, "partners.minimum-fout");
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
            let vso = Arg::Of(vec!["vso".to_string()]);
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

    fn soort(text: &str, soort: &str) -> String {
        edit_in(text, "soort: aanvraag", &format!("soort: {soort}"))
    }

    fn unsigned_mbo(text: &str) -> String {
        edit_in(text, "{ id: mbo, naam: M, soort: mbo, ondertekend: true }", "{ id: mbo, naam: M, soort: mbo, ondertekend: false }")
    }

    /// regels.md §7 point 2: a vooraanmelding needs no signatures: unsigned partners count, the
    /// penvoerder need not have signed, and the signature rule is a skip that says why. The
    /// aanvraag still counts only signed partners.
    #[test]
    fn vooraanmelding_needs_no_signatures() {
        let voor = soort(&unsigned_mbo(BASIS), "vooraanmelding");
        let voor = edit_in(&voor, "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }", "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00 }");
        assert_eq!(worst(&voor, &MINIMA), Outcome::Pass);
        assert_eq!(worst(&voor, &PENVOERDER), Outcome::Pass);
        let f = findings(&voor, &ONDERTEKENING);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Skip);
        assert_eq!(f[0].message.id, "partners.ondertekening-niet-nodig");
        // The same partners in an aanvraag: the unsigned mbo does not count.
        assert_eq!(worst(&unsigned_mbo(BASIS), &MINIMA), Outcome::Fail);
    }

    /// regels.md §7 point 2: an uitgewerkt plan counts every listed partner and warns on an
    /// unsigned one, advising to have it signed.
    #[test]
    fn uitgewerkt_plan_counts_unsigned_partners_and_warns() {
        for kind in ["uitgewerkt-plan-2025-2026", "uitgewerkt-plan-2027-2028"] {
            let t = soort(&unsigned_mbo(BASIS), kind);
            assert_eq!(worst(&t, &MINIMA), Outcome::Pass, "{kind}");
            let f = findings(&t, &ONDERTEKENING);
            assert_eq!(f[0].outcome, Outcome::Warn, "{kind}");
            let text = crate::messages::render(&f[0].message, crate::messages::Lang::Nl);
            assert!(text.contains("Laat mbo tekenen") && !text.contains("telt niet mee"), "{text}");
            assert_eq!(worst(&soort(BASIS, kind), &ONDERTEKENING), Outcome::Pass, "{kind}");
        }
    }

    /// regels.md §7 point 8: in 2025–2028 the lenient minimum is one vestiging of a vmbo or a vso
    /// school, so a region with one vso school and no vmbo warns instead of failing.
    #[test]
    fn vso_counts_toward_the_lenient_vmbo_minimum() {
        let t = edit("  - { id: vmbo-b, naam: B, soort: vmbo, vestiging: 12AB01, ondertekend: true }\n", "");
        let vso_only = edit_in(&t, "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }", "{ id: vmbo-a, naam: A, soort: vso, vestiging: 12AB00, ondertekend: true }");
        let vmbo = |text: &str| findings(text, &MINIMA).into_iter().find(|f| f.mild.is_some()).map(|f| f.outcome);
        assert_eq!(vmbo(&vso_only), Some(Outcome::Warn));
        let none = edit_in(&vso_only, "soort: vso, vestiging: 12AB00", "soort: mbo, vestiging: 12AB00");
        assert_eq!(vmbo(&none), Some(Outcome::Fail));
    }

    /// regels.md §7 point 5: a bedrijf that is the same organisation as a school partner (same
    /// bevoegd gezag, name or KvK number, across fields) warns; strictly it is no bedrijf, so a
    /// region with no other bedrijf only meets the lenient minimum.
    #[test]
    fn one_organisation_in_two_roles() {
        assert_eq!(outcomes(BASIS, &DUBBELE_ROL), vec![Outcome::Pass]);
        let same_board = edit(
            "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }",
            "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, bevoegd_gezag: \" bedrijf \", ondertekend: true }",
        );
        assert_eq!(outcomes(&same_board, &DUBBELE_ROL), vec![Outcome::Warn]);
        let bedrijf = |text: &str| {
            findings(text, &MINIMA)
                .into_iter()
                .find(|f| f.message.args.iter().any(|(k, v)| *k == "soorten" && *v == Arg::Of(vec!["bedrijf".into()])))
                .map(|f| f.outcome)
        };
        assert_eq!(bedrijf(BASIS), Some(Outcome::Pass));
        assert_eq!(bedrijf(&same_board), Some(Outcome::Warn));
        let f = findings(&same_board, &MINIMA);
        assert!(f.iter().any(|f| f.message.id == "partners.minimum-dubbele-rol"), "{f:#?}");
        // The same KvK number on a school and a bedrijf.
        let kvk = edit(
            "{ id: mbo, naam: M, soort: mbo, ondertekend: true }",
            "{ id: mbo, naam: M, soort: mbo, kvk: \"12345678\", ondertekend: true }",
        );
        let kvk = edit_in(&kvk, "{ id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }", "{ id: bedrijf, naam: Bedrijf, soort: bedrijf, kvk: \"12345678\", ondertekend: true }");
        assert_eq!(outcomes(&kvk, &DUBBELE_ROL), vec![Outcome::Warn]);
    }

    /// regels.md §7 point 5: two partners of one kind with the same KvK number count once.
    #[test]
    fn two_partners_with_one_kvk_number_count_once() {
        let rules = "id: twee-bedrijven\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  min_bedrijf:\n    \
                     waarde: { aantal: 2, soorten: [bedrijf] }\n    bron: testbron\n    zekerheid: onbekend\n";
        let plan = edit("regeling: sto-2025-2028", "regeling: twee-bedrijven");
        let two = |kvk_b: &str| {
            edit_in(
                &plan,
                "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n",
                &format!("  - {{ id: bedrijf, naam: Bedrijf, soort: bedrijf, kvk: \"12345678\", ondertekend: true }}\n  - {{ id: filiaal, naam: Filiaal, soort: bedrijf, kvk: \"{kvk_b}\", ondertekend: true }}\n"),
            )
        };
        let of_bedrijf = |fs: &[Finding]| -> Vec<Outcome> {
            let b = Arg::Of(vec!["bedrijf".to_string()]);
            fs.iter().filter(|f| f.message.args.iter().any(|(k, v)| *k == "soorten" && *v == b)).map(|f| f.outcome).collect()
        };
        let f = crate::checks::begroting::tests::findings_in_set(rules, &two("12345678"), &MINIMA, None);
        assert_eq!(of_bedrijf(&f), vec![Outcome::Fail], "{f:#?}");
        let f = crate::checks::begroting::tests::findings_in_set(rules, &two("87654321"), &MINIMA, None);
        assert_eq!(of_bedrijf(&f), vec![Outcome::Pass], "{f:#?}");
    }

    /// regels.md §7 point 3: in 2025–2028 an overig partner meets the bedrijf minimum only
    /// leniently, an overheid never.
    #[test]
    fn bedrijf_minimum_band_2025() {
        let bedrijf = |text: &str| {
            findings(text, &MINIMA)
                .into_iter()
                .find(|f| f.message.args.iter().any(|(k, v)| *k == "soorten" && matches!(v, Arg::Of(l) if l.contains(&"bedrijf".to_string()))))
                .map(|f| f.outcome)
        };
        let als = |soort: &str| edit("{ id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }", &format!("{{ id: bedrijf, naam: Bedrijf, soort: {soort}, ondertekend: true }}"));
        assert_eq!(bedrijf(&als("overig")), Some(Outcome::Warn));
        assert_eq!(bedrijf(&als("overheid")), Some(Outcome::Fail));
        assert_eq!(bedrijf(BASIS), Some(Outcome::Pass));
    }
}
