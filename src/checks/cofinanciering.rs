//! `cofinanciering`: the minimum percentage on the rule set's base, over the whole period; who
//! may contribute; the forms of contribution. Base, percentage and contributors may each be a
//! band; the two readings are evaluated whole (mild base with mild percentage).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::engine::{Ctx, Direction, Finding, Outcome, Subject, judge};
use crate::messages::{Arg, Msg};
use crate::yaml::pos;

pub const MINIMUM: Rule = Rule {
    id: "cofinanciering/minimum",
    module: Module::Cofinanciering,
    params: &[key::COFINANCIERING_PCT.name, key::COFINANCIERING_BASIS.name, key::COFINANCIERING_BIJDRAGERS.name],
    run: minimum,
};
pub const BIJDRAGERS: Rule = Rule {
    id: "cofinanciering/bijdragers",
    module: Module::Cofinanciering,
    params: &[key::COFINANCIERING_BIJDRAGERS.name],
    run: bijdragers,
};
pub const VORMEN: Rule = Rule {
    id: "cofinanciering/vorm",
    module: Module::Cofinanciering,
    params: &[key::COFINANCIERING_VORMEN.name],
    run: vormen,
};

/// Cofinancing counted under one reading: contributions of partners whose kind is listed (every
/// contribution when no list is given), leaving out the partners in `uitgesloten` (one
/// organisation in a school role and the bedrijf role, in the reading that does not count it).
fn counted(ctx: &Ctx, soorten: Option<&[String]>, uitgesloten: &BTreeSet<String>) -> Decimal {
    ctx.aanvraag
        .cofinanciering()
        .iter()
        .filter(|c| !uitgesloten.contains(&c.value.partner.value))
        .filter(|c| {
            soorten.is_none_or(|s| {
                ctx.aanvraag
                    .partner(&c.value.partner.value)
                    .is_some_and(|p| s.contains(&p.value.soort.value))
            })
        })
        .map(|c| c.value.bedrag.value.0)
        .fold(Decimal::ZERO, crate::money::add)
}

struct Reading {
    basis_naam: String,
    basis: Decimal,
    pct: Decimal,
    required: Decimal,
    found: Decimal,
}

impl Reading {
    fn meets(&self) -> bool {
        self.found >= self.required
    }
}

fn minimum(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((pct, p_pct)) = ctx.need(&key::COFINANCIERING_PCT, MINIMUM.id, out) else {
        return;
    };
    let Some((basis, p_basis)) = ctx.need(&key::COFINANCIERING_BASIS, MINIMUM.id, out) else {
        return;
    };
    // Without a list of contributors every contribution counts.
    let bijdragers = ctx.optional(&key::COFINANCIERING_BIJDRAGERS, MINIMUM.id, out);
    let rol = ctx.optional(&key::DUBBELE_ROL, MINIMUM.id, out);
    let a = ctx.aanvraag;
    let kosten = a.kosten_totaal().0;
    let subsidie = a.subsidie_totaal().0;
    // The project is never smaller than its financing (regels.md §2.2): uncosted natura makes
    // the financing exceed the costs, and begroting/dekking asks to cost it.
    let financiering = subsidie + counted(ctx, None, &BTreeSet::new()) + a.eigen_bijdrage().0;
    let project = kosten.max(financiering);
    // The percentage in force on the moment judged (a dated value in 2020–2023).
    let dag = ctx.moment.local_date();
    let (Some(pct_mild), Some(pct_streng)) = (pct.mild.at(dag), pct.streng.at(dag)) else {
        out.push(Finding::new(MINIMUM.id, Outcome::Skip, Msg::new("skip.regeldata").arg("fout", "cofinanciering_pct: geen waarde op deze datum")));
        return;
    };
    let reading = |pct: Decimal, basis: &str, soorten: Option<&Vec<String>>, uit: &BTreeSet<String>| -> Option<Reading> {
        let base = match basis {
            "subsidiabele-kosten" => project,
            "aangevraagde-subsidie" => subsidie,
            _ => return None,
        };
        let found = counted(ctx, soorten.map(Vec::as_slice), uit);
        // The comparison is exact (regels.md §2.0); only what is shown is rounded, up for a minimum.
        Some(Reading {
            basis_naam: basis.to_string(),
            basis: base,
            pct,
            required: crate::money::percent_of(base, pct),
            found,
        })
    };
    let soorten = bijdragers.as_ref().map(|(b, _)| b);
    let (uit_mild, uit_streng) = match &rol {
        Some((b, _)) => (super::partners::dubbele_rol(a, &b.mild), super::partners::dubbele_rol(a, &b.streng)),
        None => Default::default(),
    };
    let uit_mild: BTreeSet<String> = uit_mild.into_keys().collect();
    let uit_streng: BTreeSet<String> = uit_streng.into_keys().collect();
    let mild = reading(pct_mild.pct.0, &basis.mild, soorten.map(|b| &b.mild), &uit_mild);
    let streng = reading(pct_streng.pct.0, &basis.streng, soorten.map(|b| &b.streng), &uit_streng);
    let (Some(mild), Some(streng)) = (mild, streng) else {
        out.push(Finding::new(
            MINIMUM.id,
            Outcome::Skip,
            Msg::new("skip.regeldata").arg("fout", format!("cofinanciering_basis: {:?}", basis)),
        ));
        return;
    };
    if streng.basis.is_zero() && mild.basis.is_zero() {
        out.push(
            Finding::new(MINIMUM.id, Outcome::Skip, Msg::new("cofinanciering.geen-basis"))
                .at(ctx.aanvraag.financiering_pos())
                .param(p_basis),
        );
        return;
    }
    let outcome = judge(mild.meets(), streng.meets(), p_pct.ernst);
    let r = if mild.meets() { &streng } else { &mild };
    // Shown rounded up to the cent, since these are minima; a shortfall is then at least € 0,01.
    let up = |d: Decimal| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero);
    let (vereist, vereist_mild, vereist_streng) = (up(r.required), up(mild.required), up(streng.required));
    let id = match (mild.meets(), streng.meets()) {
        (true, true) => "cofinanciering.minimum-ok",
        // The same requirement in both readings: they differ in whose contributions count.
        (true, false) if vereist_mild == vereist_streng => "cofinanciering.minimum-alleen-ruim-bijdragers",
        // Both differ: the requirement and whose contributions count; name both found amounts.
        (true, false) if mild.found != streng.found => "cofinanciering.minimum-alleen-ruim-beide",
        (true, false) => "cofinanciering.minimum-alleen-ruim",
        _ => "cofinanciering.minimum-tekort",
    };
    // The share found, rounded down so that 9.999% never shows as 10%.
    let pct_gevonden = crate::money::share(r.found, r.basis).unwrap_or(Decimal::ZERO);
    let msg = Msg::new(id)
        .euro("gevonden", r.found)
        .euro("gevonden_mild", mild.found)
        .euro("gevonden_streng", streng.found)
        .pct("pct_gevonden", pct_gevonden)
        .euro("vereist", vereist)
        .pct("pct", r.pct)
        .arg("basis_naam", Msg::new(basis_msg(&r.basis_naam)))
        .euro("basis", r.basis)
        .euro("tekort", crate::money::sub(vereist, r.found).max(Decimal::ZERO))
        .euro("vereist_mild", vereist_mild)
        .pct("pct_mild", mild.pct)
        .arg("basis_naam_mild", Msg::new(basis_msg(&mild.basis_naam)))
        .euro("vereist_streng", vereist_streng)
        .pct("pct_streng", streng.pct)
        .arg("basis_naam_streng", Msg::new(basis_msg(&streng.basis_naam)));
    let at = a
        .financiering
        .as_ref()
        .and_then(|f| f.value.cofinanciering.as_ref())
        .and_then(pos)
        .or(a.financiering_pos());
    let mut f = Finding::new(MINIMUM.id, outcome, msg)
        .at(at)
        .param(p_pct)
        .param(p_basis)
        .money(r.found, vereist)
        .direction(Direction::Min)
        .band(crate::values::cents_string(vereist_mild), crate::values::cents_string(vereist_streng));
    if let Some(z) = pct_streng.zekerheid {
        f.certainty = f.certainty.map(|c| c.min(z));
    }
    f.source = Some(pct_streng.bron.clone().unwrap_or_else(|| p_pct.bron.clone()));
    let mut notes: Vec<Msg> = f.note.take().into_iter().collect();
    if let Some((b, p)) = &bijdragers {
        let source = f.source.clone();
        f = f.param(p);
        f.source = source;
        let none = BTreeSet::new();
        let all = counted(ctx, None, &none);
        let left_out = crate::money::sub(all, counted(ctx, Some(&b.streng), &none));
        if left_out > Decimal::ZERO {
            // Left out in both readings, or only in the strict one.
            let id = if crate::money::sub(all, counted(ctx, Some(&b.mild), &none)) > Decimal::ZERO {
                "cofinanciering.noot-telt-niet"
            } else {
                "cofinanciering.noot-niet-meegeteld"
            };
            notes.push(Msg::new(id).euro("bedrag", left_out).arg("toegestaan", Arg::Of(b.streng.clone())));
        }
    }
    if let Some((_, p)) = &rol
        && !uit_streng.is_empty()
    {
        let source = f.source.clone();
        f = f.param(p);
        f.source = source;
        notes.push(Msg::new("cofinanciering.noot-dubbele-rol").arg("partners", Arg::Lijst(uit_streng.iter().cloned().collect())));
    }
    // A later step of a dated percentage (the 7.5% of 7 July 2022 for the whole 2020–2023
    // period): say what it asks of this plan, in the lenient reading.
    if let Some(later) = pct.mild.later(dag) {
        let later_required = up(mild.basis * later.pct.0 / Decimal::ONE_HUNDRED);
        let id = if mild.found >= later_required { "cofinanciering.noot-later-pct-gehaald" } else { "cofinanciering.noot-later-pct-niet" };
        notes.push(
            Msg::new(id)
                .arg("datum", Arg::Datum(later.vanaf.map_or(dag, |v| v.0)))
                .pct("pct", later.pct.0)
                .arg("basis_naam", Msg::new(basis_msg(&mild.basis_naam)))
                .euro("vereist", later_required),
        );
    }
    if kosten < financiering {
        notes.push(Msg::new("cofinanciering.noot-basis-financiering").euro("kosten", kosten).euro("financiering", financiering));
    }
    let mut notes = notes.into_iter();
    if let Some(first) = notes.next() {
        f = f.note(notes.fold(first, |a, b| Msg::new("uurtarieven.noot-twee").arg("een", a).arg("twee", b)));
    }
    out.push(f);
}

fn basis_msg(basis: &str) -> &'static str {
    match basis {
        "aangevraagde-subsidie" => "cofinanciering.basis-subsidie",
        _ => "cofinanciering.basis-kosten",
    }
}

fn bijdragers(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::COFINANCIERING_BIJDRAGERS, BIJDRAGERS.id, out) else {
        return;
    };
    let mut any = false;
    for (i, c) in ctx.aanvraag.cofinanciering().iter().enumerate() {
        let Some(partner) = ctx.aanvraag.partner(&c.value.partner.value) else { continue };
        let soort = &partner.value.soort.value;
        let outcome = judge(band.mild.contains(soort), band.streng.contains(soort), p.ernst);
        if outcome == Outcome::Pass {
            continue;
        }
        any = true;
        let id = if band.mild.contains(soort) { "cofinanciering.bijdrager-alleen-ruim" } else { "cofinanciering.bijdrager-telt-niet" };
        out.push(
            Finding::new(
                BIJDRAGERS.id,
                outcome,
                Msg::new(id)
                    .arg("partner", c.value.partner.value.as_str())
                    .arg("soort", soort.as_str())
                    .euro("bedrag", c.value.bedrag.value.0)
                    .arg("toegestaan", Arg::Of(band.streng.clone())),
            )
            .about(Subject::cofinanciering(i + 1))
            .at(pos(&c.value.partner))
            .param(p)
            .band(band.mild.join(", "), band.streng.join(", ")),
        );
    }
    if !any {
        let n = ctx.aanvraag.cofinanciering().len();
        let msg = if n == 0 { Msg::new("cofinanciering.geen-bijdragen") } else { Msg::new("cofinanciering.bijdragers-ok").arg("aantal", n) };
        out.push(Finding::new(BIJDRAGERS.id, Outcome::Pass, msg).at(ctx.aanvraag.financiering_pos()).param(p));
    }
}

fn vormen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::COFINANCIERING_VORMEN, VORMEN.id, out) else {
        return;
    };
    let mut bad = false;
    for (i, c) in ctx.aanvraag.cofinanciering().iter().enumerate() {
        let v = &c.value.vorm;
        let outcome = judge(band.mild.contains(&v.value), band.streng.contains(&v.value), p.ernst);
        if outcome != Outcome::Pass {
            bad = true;
            out.push(
                Finding::new(
                    VORMEN.id,
                    outcome,
                    Msg::new("cofinanciering.vorm-fout").arg("vorm", v.value.as_str()).arg("vormen", Arg::Lijst(band.streng.clone())),
                )
                .about(Subject::cofinanciering(i + 1))
                .at(pos(v))
                .param(p),
            );
        }
    }
    if !bad {
        out.push(
            Finding::new(VORMEN.id, Outcome::Pass, Msg::new("cofinanciering.vorm-ok").arg("vormen", Arg::Lijst(band.streng.clone())))
                .at(ctx.aanvraag.financiering_pos())
                .param(p),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testutil::*;

    /// A plan whose costs total 1,000,000.00 with the given cofinancing and subsidy.
    fn plan(cofin: &str, subsidie_per_jaar: [&str; 4]) -> String {
        let t = edit(
            "subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }",
            &format!(
                "subsidie: {{ 2025: {}, 2026: {}, 2027: {}, 2028: {} }}",
                subsidie_per_jaar[0], subsidie_per_jaar[1], subsidie_per_jaar[2], subsidie_per_jaar[3]
            ),
        );
        edit_in(&t, "vorm: geld, bedrag: 100000 }", &format!("vorm: geld, bedrag: {cofin} }}"))
    }

    fn pct() -> Decimal {
        let reg = registry();
        reg.get("sto-2025-2028").unwrap().soorten["aanvraag"].parameters["cofinanciering_pct"]
            .get::<crate::regeling::params::Dec>()
            .unwrap()
            .streng
            .0
    }

    /// regels.md §5 example 1 (2025–2028): exactly the percentage passes, one cent under fails.
    #[test]
    fn exact_boundary() {
        let kosten = dec("1000000.00");
        let need = kosten * pct() / Decimal::ONE_HUNDRED;
        let cent = dec("0.01");
        let short = plan(&(need - cent).to_string(), ["225000.01", "225000", "225000", "225000"]);
        let f = &findings(&short, &MINIMUM)[0];
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.difference.as_deref(), Some("-0.01"));
        assert_eq!(f.required.as_deref(), Some(crate::values::cents_string(need).as_str()));
        let exact = plan(&need.to_string(), ["225000", "225000", "225000", "225000"]);
        assert_eq!(outcomes(&exact, &MINIMUM), vec![Outcome::Pass]);
    }

    /// 90,000 from the company and 10,000 from a partner of another kind.
    fn with_other(soort: &str) -> String {
        let t = edit(
            "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n",
            &format!("  - {{ id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }}\n  - {{ id: ander, naam: Ander, soort: {soort}, ondertekend: true }}\n"),
        );
        edit_in(
            &t,
            "    - { partner: bedrijf, jaar: 2025, vorm: geld, bedrag: 100000 }\n",
            "    - { partner: bedrijf, jaar: 2025, vorm: geld, bedrag: 90000 }\n    - { partner: ander, jaar: 2025, vorm: natura, bedrag: 10000 }\n",
        )
    }

    /// regels.md §7 point 3: in 2025–2028 a contribution of soort `overig` counts only in the
    /// lenient reading; one of an overheid or a school never counts (it used to in the lenient
    /// reading, which made these plans a warning instead of a failure).
    #[test]
    fn only_bedrijf_and_leniently_overig_cofinance() {
        assert_eq!(outcomes(&with_other("overig"), &MINIMUM), vec![Outcome::Warn]);
        assert_eq!(outcomes(&with_other("overig"), &BIJDRAGERS), vec![Outcome::Warn]);
        for soort in ["overheid", "mbo", "vmbo", "po"] {
            let f = &findings(&with_other(soort), &MINIMUM)[0];
            assert_eq!(f.outcome, Outcome::Fail, "{soort}");
            assert_eq!(f.found.as_deref(), Some("90000.00"), "{soort}");
        }
        // The same 10,000 from a second company passes.
        assert_eq!(outcomes(&with_other("bedrijf"), &MINIMUM), vec![Outcome::Pass]);
    }

    /// regels.md §7 point 5: a company that is the school board of a vmbo school in the file is
    /// one organisation in two roles: strictly its contribution is no cofinancing.
    #[test]
    fn a_school_in_the_bedrijf_role_cofinances_only_leniently() {
        let t = edit(
            "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }",
            "{ id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, bevoegd_gezag: Bedrijf, ondertekend: true }",
        );
        let f = &findings(&t, &MINIMUM)[0];
        assert_eq!(f.outcome, Outcome::Warn);
        assert_eq!(f.found.as_deref(), Some("0.00"));
        assert_eq!(outcomes(BASIS, &MINIMUM), vec![Outcome::Pass]);
    }

    #[test]
    fn uitgewerkt_plan_shortfall_is_a_warning() {
        let t = edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        let t = edit_in(&t, "vorm: geld, bedrag: 100000 }", "vorm: geld, bedrag: 1000 }");
        assert_eq!(outcomes(&t, &MINIMUM), vec![Outcome::Warn]);
    }

    #[test]
    fn no_costs_and_no_financing_is_a_skip() {
        let t = BASIS.replace("bedrag: 250000", "bedrag: 0").replace("bedrag: 100000", "bedrag: 0");
        let t = t.replace("subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }", "subsidie: { 2025: 0, 2026: 0, 2027: 0, 2028: 0 }");
        assert_eq!(outcomes(&t, &MINIMUM), vec![Outcome::Skip]);
    }

    /// regels.md §7 point 4: the base is never smaller than the financing. Costs of 500,000.00
    /// with 900,000.00 subsidy and 100,000.00 uncosted natura: the base is 1,000,000.00, so
    /// 99,999.99 fails (against 50,000.00 of the costs alone it passed), and the note says to
    /// cost the natura.
    #[test]
    fn base_is_never_smaller_than_the_financing() {
        let t = BASIS.replace("bedrag: 250000", "bedrag: 125000").replace("vorm: geld, bedrag: 100000", "vorm: natura, bedrag: 99999.99");
        let f = &findings(&t, &MINIMUM)[0];
        assert_eq!(f.outcome, Outcome::Fail);
        // 10% of 999,999.99 is 99,999.999: shown rounded up, and the shortfall is a cent, not € 0,00.
        assert_eq!(f.required.as_deref(), Some("100000.00"));
        assert_eq!(f.difference.as_deref(), Some("-0.01"));
        let t = t.replace("bedrag: 99999.99", "bedrag: 100000");
        let f = &findings(&t, &MINIMUM)[0];
        assert_eq!(f.outcome, Outcome::Pass);
        assert_eq!(f.required.as_deref(), Some("100000.00"));
        let note = crate::messages::render(f.note.as_ref().expect("the note on the base"), crate::messages::Lang::Nl);
        assert!(note.contains("kostenregel"), "{note}");
        let dekking = &findings(&t, &crate::checks::begroting::DEKKING)[0];
        let text = crate::messages::render(&dekking.message, crate::messages::Lang::Nl);
        assert!(text.contains("natura") && !text.contains("minder subsidie") && !text.contains("niet meer subsidie"), "{text}");
    }

    #[test]
    fn forms() {
        assert_eq!(outcomes(BASIS, &VORMEN), vec![Outcome::Pass]);
    }
}
