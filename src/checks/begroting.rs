//! `begroting`: the budget itself. Amounts agree with hours × rate, every year lies inside the
//! rule set's years (and each has a subsidy), financing covers the costs, the requested subsidy
//! stays under the region's ceilings, no line is also paid from another subsidy, and fields of
//! other regulations are pointed out. Ceilings compare the requested subsidy only: a higher hourly
//! rate never raises them (regels.md §2.3).

use std::collections::BTreeSet;

use chrono::Datelike;
use rust_decimal::Decimal;

use super::plafond::subsidie_pos;
use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::aanvraag::{Kostenregel, non_empty};
use crate::engine::{Ctx, Finding, Outcome, Subject, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::params::Veld;
use crate::yaml::{Pos, pos};

pub const BEDRAGEN: Rule = Rule {
    id: "begroting/bedragen",
    module: Module::Begroting,
    params: &[key::BEDRAG_UREN_TARIEF.name],
    run: bedragen,
};
pub const JAREN: Rule = Rule {
    id: "begroting/jaren",
    module: Module::Begroting,
    params: &[key::BEGROTINGSJAREN.name],
    run: jaren,
};
pub const DEKKING: Rule = Rule {
    id: "begroting/dekking",
    module: Module::Begroting,
    params: &[key::DEKKING.name],
    run: dekking,
};
pub const DUBBELE_FINANCIERING: Rule = Rule {
    id: "begroting/dubbele-financiering",
    module: Module::Begroting,
    params: &[key::DUBBELE_FINANCIERING.name],
    run: dubbele_financiering,
};
pub const ONGEBRUIKTE_VELDEN: Rule = Rule {
    id: "begroting/ongebruikte-velden",
    module: Module::Begroting,
    params: &[key::VELDEN_ONGEBRUIKT.name],
    run: ongebruikte_velden,
};

/// How a cost line is named in messages: its number in the file, its activity and year.
fn regel(i: usize, r: &Kostenregel) -> Msg {
    let m = match non_empty(&r.omschrijving) {
        Some(o) => Msg::new("begroting.regel-omschrijving").arg("omschrijving", o),
        None => Msg::new("begroting.regel"),
    };
    m.arg("nr", i + 1)
        .arg("activiteit", r.activiteit.value.as_str())
        .arg("jaar", r.jaar.value.to_string())
}

fn jaartallen(v: &[i32]) -> Vec<String> {
    v.iter().map(i32::to_string).collect()
}

fn bedragen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::BEDRAG_UREN_TARIEF, BEDRAGEN.id, out) else {
        return;
    };
    let lines = ctx.aanvraag.begroting();
    if lines.is_empty() {
        out.push(Finding::new(BEDRAGEN.id, Outcome::Skip, Msg::new("begroting.geen-regels")).param(p));
        return;
    }
    // A reading that does not ask for the check is met whatever the line says.
    let outcome = judge(!band.mild, !band.streng, p.ernst);
    let mut checked = 0usize;
    let mut bad = false;
    for (i, line) in lines.iter().enumerate() {
        let r = &line.value;
        let amount = match (&r.bedrag, r.berekend()) {
            (Some(b), Some(calc)) => {
                checked += 1;
                (b.value != calc).then(|| {
                    let (u, t) = (r.uren.as_ref().map(|u| u.value.0), r.uurtarief.as_ref().map(|t| t.value.0));
                    let msg = Msg::new("begroting.bedrag-fout")
                        .arg("regel", regel(i, r))
                        .euro("bedrag", b.value.0)
                        .getal("uren", u.unwrap_or_default())
                        .euro("uurtarief", t.unwrap_or_default())
                        .euro("berekend", calc.0)
                        .euro("verschil", crate::money::sub(b.value.0, calc.0));
                    Finding::new(BEDRAGEN.id, outcome, msg).at(pos(b)).money(b.value.0, calc.0)
                })
            }
            _ => None,
        };
        let date = r.uren_vanaf.as_ref().filter(|v| v.value.0.year() != r.jaar.value).map(|v| {
            (
                pos(v),
                Msg::new("begroting.uren-vanaf-buiten-jaar")
                    .arg("regel", regel(i, r))
                    .arg("datum", Arg::Datum(v.value.0))
                    .arg("jaar", r.jaar.value.to_string()),
            )
        });
        // One finding per bad line: a wrong amount first, a start date outside the year as its note.
        let f = match (amount, date) {
            (Some(f), Some((_, d))) => Some(f.note(d)),
            (Some(f), None) => Some(f),
            (None, Some((at, d))) => Some(Finding::new(BEDRAGEN.id, outcome, d).at(at)),
            (None, None) => None,
        };
        if let Some(f) = f.filter(|_| outcome != Outcome::Pass) {
            bad = true;
            out.push(f.about(Subject::begroting(i + 1)).param(p));
        }
    }
    if !bad {
        let msg = Msg::new("begroting.bedragen-ok").arg("gecontroleerd", checked).arg("aantal", lines.len());
        out.push(Finding::new(BEDRAGEN.id, Outcome::Pass, msg).at(ctx.aanvraag.begroting.as_ref().and_then(pos)).param(p));
    }
}

/// The subsidy's years with the place of each key (`2025:`).
fn subsidie_jaren(ctx: &Ctx) -> Vec<(i32, Option<Pos>, Decimal)> {
    let Some(s) = ctx.aanvraag.financiering.as_ref().and_then(|f| f.value.subsidie.as_ref()) else {
        return Vec::new();
    };
    s.value
        .entries
        .iter()
        .filter_map(|(k, v)| Some((k.value.trim().parse().ok()?, pos(k), v.value.0)))
        .collect()
}


fn jaren(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::BEGROTINGSJAREN, JAREN.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let (mild, streng) = (jaartallen(&band.mild), jaartallen(&band.streng));
    let mut bad = false;
    // `waar` is built only for a year that is reported: most lines of a plan pass.
    let mut outside = |jaar: i32, bedrag: Decimal, waar: &dyn Fn() -> Msg, subject: Subject, at: Option<Pos>, out: &mut Vec<Finding>| {
        let mut outcome = judge(band.mild.contains(&jaar), band.streng.contains(&jaar), p.ernst);
        if outcome == Outcome::Pass {
            return;
        }
        bad = true;
        // An amount of exactly 0 requests or costs nothing: remove it, but it does not fail.
        let nul = bedrag.is_zero();
        if nul {
            outcome = outcome.min(Outcome::Warn);
        }
        let id = if nul {
            "begroting.jaar-buiten-nul"
        } else if band.mild.contains(&jaar) {
            "begroting.jaar-alleen-ruim"
        } else {
            "begroting.jaar-buiten"
        };
        let msg = Msg::new(id)
            .arg("waar", waar())
            .arg("jaar", jaar.to_string())
            .arg("jaren", Arg::Lijst(streng.clone()))
            .arg("jaren_mild", Arg::Lijst(mild.clone()));
        out.push(Finding::new(JAREN.id, outcome, msg).about(subject).at(at).param(p).band(mild.join(", "), streng.join(", ")));
    };
    for (i, r) in a.begroting().iter().enumerate() {
        outside(r.value.jaar.value, r.value.kosten().0, &|| regel(i, &r.value), Subject::begroting(i + 1), pos(&r.value.jaar), out);
    }
    let subsidie = subsidie_jaren(ctx);
    for (jaar, at, bedrag) in &subsidie {
        outside(*jaar, *bedrag, &|| Msg::new("begroting.waar-subsidie"), Subject::subsidie_jaar(*jaar), *at, out);
    }
    for (i, c) in a.cofinanciering().iter().enumerate() {
        let waar = || Msg::new("begroting.waar-cofinanciering").arg("partner", c.value.partner.value.as_str());
        outside(c.value.jaar.value, c.value.bedrag.value.0, &waar, Subject::cofinanciering(i + 1), pos(&c.value.jaar), out);
    }
    // Every year of the period needs a subsidy entry (an explicit 0 counts as given).
    let given: BTreeSet<i32> = subsidie.iter().map(|(j, _, _)| *j).collect();
    let missing = |list: &[i32]| -> Vec<i32> { list.iter().copied().filter(|j| !given.contains(j)).collect() };
    let (missing_mild, missing_streng) = (missing(&band.mild), missing(&band.streng));
    let outcome = judge(missing_mild.is_empty(), missing_streng.is_empty(), p.ernst);
    if outcome != Outcome::Pass {
        bad = true;
        let shown = if missing_mild.is_empty() { &missing_streng } else { &missing_mild };
        let msg = Msg::new("begroting.jaren-ontbreken")
            .arg("ontbrekend", Arg::Lijst(jaartallen(shown)))
            .arg("jaren", Arg::Lijst(streng.clone()));
        out.push(
            Finding::new(JAREN.id, outcome, msg)
                .about(Subject::subsidie())
                .at(subsidie_pos(ctx))
                .param(p)
                .band(mild.join(", "), streng.join(", ")),
        );
    }
    if !bad {
        let msg = Msg::new("begroting.jaren-ok").arg("jaren", Arg::Lijst(streng));
        out.push(Finding::new(JAREN.id, Outcome::Pass, msg).at(subsidie_pos(ctx)).param(p));
    }
}

fn dekking(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::DEKKING, DEKKING.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let kosten = a.kosten_totaal().0;
    let subsidie = a.subsidie_totaal().0;
    let cofin: Decimal = crate::money::sum(a.cofinanciering().iter().map(|c| c.value.bedrag.value.0));
    let eigen = a.eigen_bijdrage().0;
    let financiering = crate::money::sum([subsidie, cofin, eigen]);
    if kosten.is_zero() && financiering.is_zero() {
        out.push(Finding::new(DEKKING.id, Outcome::Skip, Msg::new("begroting.dekking-leeg")).param(p));
        return;
    }
    // A shortfall is a requirement; a surplus is guidance (regels.md §2.6), so at most a warning.
    let (id, outcome) = if financiering < kosten {
        ("begroting.dekking-tekort", judge(!band.mild, !band.streng, p.ernst))
    } else if financiering > kosten {
        // Usually natura that is not costed: the advice is to cost it, not to ask for less.
        let natura = a.cofinanciering().iter().any(|c| c.value.vorm.value == "natura");
        (if natura { "begroting.dekking-overschot-natura" } else { "begroting.dekking-overschot" }, judge(true, !band.streng, p.ernst))
    } else {
        ("begroting.dekking-ok", Outcome::Pass)
    };
    let msg = Msg::new(id)
        .euro("financiering", financiering)
        .euro("subsidie", subsidie)
        .euro("cofinanciering", cofin)
        .euro("eigen", eigen)
        .euro("kosten", kosten)
        .euro("verschil", crate::money::sub(financiering, kosten).abs());
    out.push(Finding::new(DEKKING.id, outcome, msg).at(a.financiering_pos()).param(p).money(financiering, kosten));
}

fn dubbele_financiering(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::DUBBELE_FINANCIERING, DUBBELE_FINANCIERING.id, out) else {
        return;
    };
    let outcome = judge(!band.mild, !band.streng, p.ernst);
    let mut bad = false;
    let lines = ctx.aanvraag.begroting();
    for (i, line) in lines.iter().enumerate() {
        let r = &line.value;
        let Some(andere) = r.andere_subsidie() else { continue };
        if outcome == Outcome::Pass {
            continue;
        }
        bad = true;
        let msg = Msg::new("begroting.dubbele-financiering")
            .arg("regel", regel(i, r))
            .euro("bedrag", r.kosten().0)
            .arg("andere", andere);
        out.push(
            Finding::new(DUBBELE_FINANCIERING.id, outcome, msg)
                .about(Subject::begroting(i + 1))
                .at(r.andere_subsidie.as_ref().and_then(pos))
                .param(p),
        );
    }
    if !bad {
        let msg = Msg::new("begroting.dubbele-financiering-ok").arg("aantal", lines.len());
        out.push(
            Finding::new(DUBBELE_FINANCIERING.id, Outcome::Pass, msg)
                .at(ctx.aanvraag.begroting.as_ref().and_then(pos))
                .param(p),
        );
    }
}

/// Where a field of another regulation is filled in: the place of the first occurrence, for
/// fields that repeat (per partner, per activity) the ids that carry it, and whether it is.
fn ingevuld(ctx: &Ctx, veld: &Veld) -> (Option<Pos>, Vec<String>, bool) {
    let a = ctx.aanvraag;
    match veld {
        Veld::PartnersLeerlingen => {
            let with: Vec<_> = a.partners().filter_map(|p| p.value.leerlingen.as_ref().map(|l| (p, l))).collect();
            let at = with.first().and_then(|(_, l)| pos(*l));
            (at, with.iter().map(|(p, _)| p.value.id.value.clone()).collect(), !with.is_empty())
        }
        Veld::ActiviteitenPlanvorming => {
            let with: Vec<_> =
                a.activiteiten().iter().filter_map(|x| x.value.planvorming.as_ref().map(|v| (x, v))).collect();
            let at = with.first().and_then(|(_, v)| pos(*v));
            (at, with.iter().map(|(x, _)| x.value.id.value.clone()).collect(), !with.is_empty())
        }
        Veld::FinancieringBeschikt => {
            let b = a.financiering.as_ref().and_then(|f| f.value.beschikt_2020_2023.as_ref());
            (b.and_then(pos), Vec::new(), b.is_some())
        }
        Veld::Onderdeel(part) => {
            let v = a.onderdelen.as_ref().and_then(|o| o.value.get(part)).filter(|v| !v.value.trim().is_empty());
            (v.and_then(pos), Vec::new(), v.is_some())
        }
    }
}

fn ongebruikte_velden(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::VELDEN_ONGEBRUIKT, ONGEBRUIKTE_VELDEN.id, out) else {
        return;
    };
    let mut velden: Vec<&Veld> = band.streng.iter().collect();
    velden.extend(band.mild.iter().filter(|v| !band.streng.contains(v)));
    let mut any = false;
    for veld in velden {
        let (at, bij, filled) = ingevuld(ctx, veld);
        let outcome = judge(!(filled && band.mild.contains(veld)), !(filled && band.streng.contains(veld)), p.ernst);
        if outcome == Outcome::Pass {
            continue;
        }
        any = true;
        let msg = if bij.is_empty() {
            Msg::new("begroting.veld-ongebruikt")
        } else {
            Msg::new("begroting.veld-ongebruikt-bij").arg("bij", Arg::Lijst(bij))
        };
        let msg = msg.arg("veld", veld.path()).arg("regeling", ctx.set.id.as_str());
        out.push(Finding::new(ONGEBRUIKTE_VELDEN.id, outcome, msg).about(Subject::veld(&veld.path())).at(at).param(p));
    }
    if !any {
        let msg = Msg::new("begroting.velden-ok")
            .arg("regeling", ctx.set.id.as_str())
            .arg("velden", Arg::Lijst(band.streng.iter().map(Veld::path).collect()));
        out.push(Finding::new(ONGEBRUIKTE_VELDEN.id, Outcome::Pass, msg).param(p));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checks::plafond::PLAFOND;
    use crate::regeling::Plafond;
    use crate::regeling::params::Per;
    use crate::values::cents_string;
    use crate::aanvraag::load_text;
    use crate::checks::testutil::*;
    use crate::engine::MomentFrom;
    use crate::messages::{Lang, render};
    use crate::regeling::Registry;
    use crate::values::Moment;

    /// Every finding renders fully: its message id is in the catalogue, every argument is given.
    pub(crate) fn assert_rendered(fs: &[Finding]) {
        for f in fs {
            for m in std::iter::once(&f.message).chain(f.note.as_ref()) {
                let text = render(m, Lang::Nl);
                assert!(!text.contains("[[") && !text.contains('{'), "{}: {text}", f.rule);
            }
        }
    }

    /// Runs a rule under an extra rule set (written to a scratch folder), for parameters the
    /// built-in set does not have.
    pub(crate) fn findings_in_set(rules: &str, text: &str, rule: &Rule, folder: Option<&std::path::Path>) -> Vec<Finding> {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("test.yaml"), rules).unwrap();
        let reg = Registry::load(&[d.path().to_path_buf()]).unwrap_or_else(|e| panic!("{e:#?}"));
        let a = load_text(text, &reg.vocabulary()).unwrap_or_else(|e| panic!("{e:#?}"));
        let set = reg.get(&a.regeling.value).unwrap();
        let ctx = Ctx::new(&a, set, Moment::parse("2024-09-30T12:00:00+02:00").unwrap(), MomentFrom::Indiening, folder);
        let mut out = Vec::new();
        (rule.run)(&ctx, &mut out);
        assert_rendered(&out);
        out
    }

    fn checked(text: &str, rule: &Rule) -> Vec<Finding> {
        let f = findings(text, rule);
        assert_rendered(&f);
        f
    }

    fn subsidie(years: &str) -> String {
        edit("subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }", &format!("subsidie: {{ {years} }}"))
    }

    fn luwe(years: &str) -> String {
        edit_in(&subsidie(years), "soort: techniekregio", "soort: techniekluwe-regio")
    }

    /// The techniekluwe ceilings of the built-in rule data: (total, per year).
    fn luwe_plafonds() -> (Decimal, Decimal) {
        let reg = registry();
        let items = reg.get("sto-2025-2028").unwrap().parameters["plafonds"].get::<Vec<Plafond>>().unwrap().streng;
        let amount = |per: Per| {
            let it = items
                .iter()
                .find(|i| i.regio_soort.as_deref() == Some("techniekluwe-regio") && i.per == per)
                .unwrap_or_else(|| panic!("a techniekluwe ceiling per {per:?}"));
            it.bedrag.as_ref().unwrap().band().streng.unwrap().0
        };
        (amount(Per::Totaal), amount(Per::Jaar))
    }

    /// The findings about the ceiling per `totaal` or per `jaar`.
    fn per<'a>(fs: &'a [Finding], per: &str) -> Vec<&'a Finding> {
        let id = format!("begroting.maximum-{per}");
        fs.iter()
            .filter(|f| f.message.args.iter().any(|(k, v)| *k == "maximum" && matches!(v, Arg::Bericht(m) if m.id == id)))
            .collect()
    }

    fn per_rule(fs: &[Finding], p: &str) -> Vec<Outcome> {
        per(fs, p).iter().map(|f| f.outcome).collect()
    }

    #[test]
    fn basis_passes_every_rule() {
        for rule in [&BEDRAGEN, &JAREN, &DEKKING, &PLAFOND, &DUBBELE_FINANCIERING, &ONGEBRUIKTE_VELDEN] {
            assert_eq!(outcomes(BASIS, rule), vec![Outcome::Pass], "{}", rule.id);
        }
        checked(BASIS, &PLAFOND);
    }

    #[test]
    fn amount_must_equal_hours_times_rate_rounded_half_up() {
        // 12.5 h × € 10.01 = 125.125: half up gives 125.13 (banker's rounding would give 125.12).
        let line = "{ activiteit: lab, jaar: 2025, soort: personeel-intern, uren: 12.5, uurtarief: \"10.01\", bedrag: BEDRAG }";
        let with = |b: &str| edit("{ activiteit: lab, jaar: 2025, soort: materieel, bedrag: 250000 }", &line.replace("BEDRAG", b));
        let ok = findings(&with("125.13"), &BEDRAGEN);
        assert_eq!(ok.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Pass], "{ok:#?}");
        let f = checked(&with("125.12"), &BEDRAGEN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].found.as_deref(), Some("125.12"));
        assert_eq!(f[0].required.as_deref(), Some("125.13"));
        assert_eq!(f[0].difference.as_deref(), Some("-0.01"));
        assert!(f[0].pos.is_some());
    }

    #[test]
    fn start_date_must_lie_in_the_year() {
        let t = edit(
            "{ activiteit: lab, jaar: 2026, soort: materieel, bedrag: 250000 }",
            "{ activiteit: lab, jaar: 2026, soort: personeel-intern, uren: 10, uurtarief: 60, bedrag: 600, uren_vanaf: 2025-12-01 }",
        );
        let f = checked(&t, &BEDRAGEN);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Fail]);
        assert_eq!(f[0].message.id, "begroting.uren-vanaf-buiten-jaar");
        // Both wrong on one line: one finding, the date as its note.
        let t = t.replace("bedrag: 600,", "bedrag: 601,");
        let f = checked(&t, &BEDRAGEN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message.id, "begroting.bedrag-fout");
        assert!(f[0].note.is_some());
    }

    /// regels.md §5 example 6: only 2025–2027 given fails, naming 2028.
    #[test]
    fn every_year_of_the_period_needs_a_subsidy() {
        let t = subsidie("2025: 300000, 2026: 300000, 2027: 300000");
        let f = checked(&t, &JAREN);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Fail]);
        let jaren = registry().get("sto-2025-2028").unwrap().soorten["aanvraag"].parameters["begrotingsjaren"]
            .get::<Vec<i32>>()
            .unwrap()
            .streng;
        let last = jaren.last().unwrap().to_string();
        assert!(render(&f[0].message, Lang::Nl).contains(&last));
    }

    #[test]
    fn years_outside_the_period_fail_one_by_one() {
        let t = edit("{ activiteit: lab, jaar: 2028, soort: materieel", "{ activiteit: lab, jaar: 2029, soort: materieel");
        let t = edit_in(&t, "jaar: 2025, vorm: geld", "jaar: 2024, vorm: geld");
        let t = edit_in(&t, "2028: 225000 }", "2028: 225000, 2029: 1 }");
        let f = checked(&t, &JAREN);
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(|f| f.outcome == Outcome::Fail && f.pos.is_some()));
        // An uitgewerkt plan covers only its own two years.
        let t = edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        assert_eq!(worst(&t, &JAREN), Outcome::Fail);
    }

    #[test]
    fn financing_must_cover_the_costs() {
        let f = checked(BASIS, &DEKKING);
        assert_eq!((f[0].outcome, f[0].difference.as_deref()), (Outcome::Pass, Some("0.00")));
        let short = subsidie("2025: 225000, 2026: 225000, 2027: 225000, 2028: 224999.99");
        let f = checked(&short, &DEKKING);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].difference.as_deref(), Some("-0.01"));
        let more = subsidie("2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000.01");
        assert_eq!(outcomes(&more, &DEKKING), vec![Outcome::Warn]);
    }

    /// regels.md §5 example 6, techniekluwe regio: the amounts come from the rule data.
    #[test]
    fn techniekluwe_ceilings() {
        let (totaal, per_jaar) = luwe_plafonds();
        // Exactly the total passes.
        let f = checked(&luwe("2025: 1000000, 2026: 1000000, 2027: 1000000, 2028: 1000000"), &PLAFOND);
        assert_eq!(totaal, dec("4000000"), "regels.md §2.6: € 4 M over 2025–2028");
        assert_eq!(per_rule(&f, "totaal"), vec![Outcome::Pass]);
        assert_eq!(per(&f, "totaal")[0].required, Some(cents_string(totaal)));
        assert_eq!(per(&f, "totaal")[0].difference.as_deref(), Some("0.00"));
        assert_eq!(per_rule(&f, "jaar"), vec![Outcome::Pass]);

        // One cent over in 2025: the total fails by the cent, 2025 warns.
        let f = checked(&luwe("2025: 1000000.01, 2026: 1000000, 2027: 1000000, 2028: 1000000"), &PLAFOND);
        let total = per(&f, "totaal")[0];
        assert_eq!(total.outcome, Outcome::Fail);
        assert_eq!(total.difference, Some(cents_string(dec("4000000.01") - totaal)));
        assert_eq!(per_rule(&f, "jaar"), vec![Outcome::Warn]);

        // 1.2 M, 1 M, 0.9 M, 0.9 M: the total passes, 2025 warns by what it exceeds the year's ceiling.
        let f = checked(&luwe("2025: 1200000, 2026: 1000000, 2027: 900000, 2028: 900000"), &PLAFOND);
        assert_eq!(per_rule(&f, "totaal"), vec![Outcome::Pass]);
        assert_eq!(per_rule(&f, "jaar"), vec![Outcome::Warn]);
        let warn = f.iter().find(|f| f.outcome == Outcome::Warn).unwrap();
        assert_eq!(warn.difference, Some(cents_string(dec("1200000") - per_jaar)));
        assert!(render(&warn.message, Lang::Nl).contains("2025"));
    }

    /// regels.md §5 example 6: a techniekregio without `regio.maximum` is skipped with the
    /// reason from the rule data, never passed.
    #[test]
    fn techniekregio_without_maximum_is_skipped() {
        let t = edit("  maximum: 2000000\n", "");
        let f = checked(&t, &PLAFOND);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Skip]);
        let reg = registry();
        let items = reg.get("sto-2025-2028").unwrap().parameters["plafonds"].get::<Vec<Plafond>>().unwrap().streng;
        let reden = items.iter().find(|i| i.uit_bestand).and_then(|i| i.ontbreekt.clone()).unwrap();
        assert!(render(&f[0].message, Lang::Nl).contains(&reden));
        // With the maximum from the file, over it fails.
        let over = subsidie("2025: 500000, 2026: 500000, 2027: 500000, 2028: 500000.01");
        let f = checked(&over, &PLAFOND);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].difference.as_deref(), Some("0.01"));
    }

    #[test]
    fn region_kind_without_ceiling_is_skipped() {
        let rules = "id: test-plafond\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  plafonds:\n    waarde:\n      - { regio_soort: techniekluwe-regio, per: totaal, bedrag: \"4000000\", bron: test bron, zekerheid: bevestigd }\n    bron: test bron\n    zekerheid: bevestigd\n";
        let t = edit("regeling: sto-2025-2028", "regeling: test-plafond");
        let f = findings_in_set(rules, &t, &PLAFOND, None);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Skip]);
    }

    const LEERLINGEN: &str = "id: test-leerlingen\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  plafonds:\n    waarde:\n      - regio_soort: techniekregio\n        per: totaal\n        per_leerling: { bb: \"15895.00\", kb: \"15895.00\", gl: \"7947.50\" }\n        bron: test bron\n        zekerheid: bevestigd\n      - regio_soort: techniekluwe-regio\n        per: totaal\n        bedrag: { mild: ~, streng: \"4000000\" }\n        bron: test bron\n        zekerheid: afgeleid\n    bron: test bron\n    zekerheid: bevestigd\n";

    fn leerlingen_plan(maximum: &str, subsidie_2025: &str) -> String {
        let t = edit("regeling: sto-2025-2028", "regeling: test-leerlingen");
        let t = edit_in(&t, "  maximum: 2000000\n", maximum);
        let t = edit_in(&t, "vestiging: 12AB00, ondertekend: true }", "vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 60, kb: 40, gl: 25 } }");
        let t = edit_in(&t, "vestiging: 12AB01, ondertekend: true }", "vestiging: 12AB01, ondertekend: true, leerlingen: { gl: 15 } }");
        edit_in(&t, "2025: 225000,", &format!("2025: {subsidie_2025},"))
    }

    /// regels.md §5 example 4, the per-pupil formula (here in a test rule set): 100 × 15,895.00
    /// + 40 × 7,947.50 = 1,907,400.00.
    #[test]
    fn per_pupil_ceiling() {
        // 1,907,400.00 − 3 × 225,000 = 1,232,400.00 in 2025.
        let f = findings_in_set(LEERLINGEN, &leerlingen_plan("", "1232400"), &PLAFOND, None);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Pass]);
        assert_eq!(f[0].required.as_deref(), Some("1907400.00"));
        let f = findings_in_set(LEERLINGEN, &leerlingen_plan("", "1232400.01"), &PLAFOND, None);
        assert_eq!(f[0].outcome, Outcome::Fail);
        assert_eq!(f[0].difference.as_deref(), Some("0.01"));
        // Pupils and a different regio.maximum: the formula decides, the difference warns.
        let f = findings_in_set(LEERLINGEN, &leerlingen_plan("  maximum: 2000000\n", "1232400"), &PLAFOND, None);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Pass, Outcome::Warn]);
    }

    #[test]
    fn no_ceiling_in_the_lenient_reading_warns_at_most() {
        let t = edit("regeling: sto-2025-2028", "regeling: test-leerlingen");
        let t = edit_in(&t, "soort: techniekregio", "soort: techniekluwe-regio");
        let t = edit_in(&t, "2025: 225000,", "2025: 4000000,");
        let f = findings_in_set(LEERLINGEN, &t, &PLAFOND, None);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Warn]);
        assert_eq!(f[0].message.id, "begroting.plafond-alleen-ruim");
    }

    /// regels.md §5 example 5, the share of the earlier grant (in a test rule set).
    #[test]
    fn share_of_earlier_grant() {
        let rules = "id: test-aandeel\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  plafonds:\n    waarde:\n      - { per: totaal, aandeel: { van: beschikt_2020_2023, pct: \"25\" }, bron: test bron, zekerheid: bevestigd }\n    bron: test bron\n    zekerheid: bevestigd\n";
        let t = edit("regeling: sto-2025-2028", "regeling: test-aandeel");
        let t = edit_in(&t, "subsidie: { 2025: 225000, 2026: 225000, 2027: 225000, 2028: 225000 }", "subsidie: { 2025: 933000 }");
        assert_eq!(findings_in_set(rules, &t, &PLAFOND, None)[0].outcome, Outcome::Skip);
        let with = edit_in(&t, "  cofinanciering:\n", "  beschikt_2020_2023: 3732000\n  cofinanciering:\n");
        let f = findings_in_set(rules, &with, &PLAFOND, None);
        assert_eq!((f[0].outcome, f[0].required.as_deref()), (Outcome::Pass, Some("933000.00")));
        let f = findings_in_set(rules, &with.replace("2025: 933000", "2025: 933000.01"), &PLAFOND, None);
        assert_eq!(f[0].outcome, Outcome::Fail);
    }

    #[test]
    fn other_subsidy_on_a_line_fails_per_line() {
        let t = edit(
            "{ activiteit: lab, jaar: 2026, soort: materieel, bedrag: 250000 }",
            "{ activiteit: lab, jaar: 2026, soort: materieel, bedrag: 250000, andere_subsidie: RIF mbo }",
        );
        let t = edit_in(
            &t,
            "{ activiteit: lab, jaar: 2027, soort: materieel, bedrag: 250000 }",
            "{ activiteit: lab, jaar: 2027, soort: materieel, bedrag: 250000, andere_subsidie: \"  \" }",
        );
        let f = checked(&t, &DUBBELE_FINANCIERING);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Fail]);
        assert!(render(&f[0].message, Lang::Nl).contains("RIF mbo"));
    }

    #[test]
    fn fields_of_other_regulations_warn() {
        let t = edit(
            "vestiging: 12AB00, ondertekend: true }",
            "vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 10 } }",
        );
        let t = edit_in(&t, "profielen: [PIE] }", "profielen: [PIE], planvorming: true }");
        let t = t.replace("  cofinanciering:\n", "  beschikt_2020_2023: 1000\n  cofinanciering:\n");
        let f = checked(&t, &ONGEBRUIKTE_VELDEN);
        assert_eq!(f.iter().map(|f| f.outcome).collect::<Vec<_>>(), vec![Outcome::Warn; 3]);
        assert!(f.iter().all(|f| f.pos.is_some()));
        let t = format!("{BASIS}onderdelen:\n  addendum: bijlagen/addendum.pdf\n");
        assert_eq!(outcomes(&t, &ONGEBRUIKTE_VELDEN), vec![Outcome::Warn]);
    }

    /// regels.md §7 point 11: an amount of exactly 0 in a year outside the period requests
    /// nothing: a warning to remove it, where any other amount there fails.
    #[test]
    fn zero_amounts_outside_the_period_only_warn() {
        let zero = edit("subsidie: { 2025: 225000,", "subsidie: { 2024: 0, 2025: 225000,");
        assert_eq!(worst(&zero, &JAREN), Outcome::Warn);
        let cent = edit("subsidie: { 2025: 225000,", "subsidie: { 2024: 0.01, 2025: 225000,");
        assert_eq!(worst(&cent, &JAREN), Outcome::Fail);
        let line = edit(
            "  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }\n",
            "  - { activiteit: lab, jaar: 2028, soort: materieel, bedrag: 250000 }\n  - { activiteit: lab, jaar: 2029, soort: materieel, bedrag: 0 }\n",
        );
        assert_eq!(worst(&line, &JAREN), Outcome::Warn);
    }

    /// regels.md §7 point 12: no percentage of a € 0 maximum; the message says the maximum is
    /// € 0,00.
    #[test]
    fn a_zero_maximum_has_no_percentage() {
        let t = edit("  maximum: 2000000\n", "  maximum: 0\n");
        let f = &findings(&t, &PLAFOND)[0];
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.message.id, "begroting.plafond-boven-nul");
        let text = crate::messages::render(&f.message, crate::messages::Lang::Nl);
        assert!(text.contains("€ 0,00") && !text.contains('%'), "{text}");
    }
}
