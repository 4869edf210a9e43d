//! `cofinanciering`: the minimum percentage on the rule set's base, over the whole period; who
//! may contribute; the forms of contribution. Base, percentage and contributors may each be a
//! band; the two readings are evaluated whole (mild base with mild percentage).

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

/// Cofinancing counted under one reading: contributions of partners whose kind is listed, or
/// every contribution when no list is given.
fn counted(ctx: &Ctx, soorten: Option<&[String]>) -> Decimal {
    ctx.aanvraag
        .cofinanciering()
        .iter()
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
    let a = ctx.aanvraag;
    let kosten = a.kosten_totaal().0;
    let subsidie = a.subsidie_totaal().0;
    let reading = |pct: Decimal, basis: &str, soorten: Option<&Vec<String>>| -> Option<Reading> {
        let base = match basis {
            "subsidiabele-kosten" => kosten,
            "aangevraagde-subsidie" => subsidie,
            _ => return None,
        };
        let found = counted(ctx, soorten.map(Vec::as_slice));
        // Exact: no rounding of the requirement (regels.md §2.0).
        Some(Reading {
            basis_naam: basis.to_string(),
            basis: base,
            pct,
            required: crate::money::percent_of(base, pct),
            found,
        })
    };
    let soorten = bijdragers.as_ref().map(|(b, _)| b);
    let mild = reading(pct.mild.0, &basis.mild, soorten.map(|b| &b.mild));
    let streng = reading(pct.streng.0, &basis.streng, soorten.map(|b| &b.streng));
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
    let id = match (mild.meets(), streng.meets()) {
        (true, true) => "cofinanciering.minimum-ok",
        (true, false) => "cofinanciering.minimum-alleen-ruim",
        _ => "cofinanciering.minimum-tekort",
    };
    // The share found, rounded down so that 9.999% never shows as 10%.
    let pct_gevonden = crate::money::share(r.found, r.basis).unwrap_or(Decimal::ZERO);
    let msg = Msg::new(id)
        .euro("gevonden", r.found)
        .pct("pct_gevonden", pct_gevonden)
        .euro("vereist", r.required)
        .pct("pct", r.pct)
        .arg("basis_naam", Msg::new(basis_msg(&r.basis_naam)))
        .euro("basis", r.basis)
        .euro("tekort", crate::money::sub(r.required, r.found).max(Decimal::ZERO))
        .euro("vereist_mild", mild.required)
        .pct("pct_mild", mild.pct)
        .arg("basis_naam_mild", Msg::new(basis_msg(&mild.basis_naam)))
        .euro("vereist_streng", streng.required)
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
        .money(r.found, r.required)
        .direction(Direction::Min)
        .band(crate::values::cents_string(mild.required), crate::values::cents_string(streng.required));
    f.source = Some(p_pct.bron.clone());
    if let Some((b, p)) = &bijdragers {
        f = f.param(p);
        f.source = Some(p_pct.bron.clone());
        let all = counted(ctx, None);
        let left_out = crate::money::sub(all, counted(ctx, Some(&b.streng)));
        if left_out > Decimal::ZERO {
            // Left out in both readings, or only in the strict one.
            let id = if crate::money::sub(all, counted(ctx, Some(&b.mild))) > Decimal::ZERO {
                "cofinanciering.noot-telt-niet"
            } else {
                "cofinanciering.noot-niet-meegeteld"
            };
            f = f.note(Msg::new(id).euro("bedrag", left_out).arg("toegestaan", Arg::Lijst(b.streng.clone())));
        }
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
                    .arg("toegestaan", Arg::Lijst(band.streng.clone())),
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

    #[test]
    fn contributions_of_other_kinds_count_only_leniently() {
        // 90,000 from the company and 10,000 from an overheid: only the lenient reading reaches 10%.
        let t = edit(
            "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n",
            "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n  - { id: gemeente, naam: G, soort: overheid, ondertekend: true }\n",
        );
        let t = edit_in(
            &t,
            "    - { partner: bedrijf, jaar: 2025, vorm: geld, bedrag: 100000 }\n",
            "    - { partner: bedrijf, jaar: 2025, vorm: geld, bedrag: 90000 }\n    - { partner: gemeente, jaar: 2025, vorm: natura, bedrag: 10000 }\n",
        );
        assert_eq!(outcomes(&t, &MINIMUM), vec![Outcome::Warn]);
        assert_eq!(outcomes(&t, &BIJDRAGERS), vec![Outcome::Warn]);
    }

    #[test]
    fn uitgewerkt_plan_shortfall_is_a_warning() {
        let t = edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        let t = edit_in(&t, "vorm: geld, bedrag: 100000 }", "vorm: geld, bedrag: 1000 }");
        assert_eq!(outcomes(&t, &MINIMUM), vec![Outcome::Warn]);
    }

    #[test]
    fn no_costs_is_a_skip() {
        let t = BASIS.replace("bedrag: 250000", "bedrag: 0");
        assert_eq!(outcomes(&t, &MINIMUM), vec![Outcome::Skip]);
    }

    #[test]
    fn forms() {
        assert_eq!(outcomes(BASIS, &VORMEN), vec![Outcome::Pass]);
    }
}
