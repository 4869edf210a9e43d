//! The worked examples of regels.md §5 for the earlier regulations (1, 3, 4 and 5), run against
//! the built-in rule sets. Thresholds and dates come from the rule data wherever the point is the
//! rule, not the number; the amounts that *are* the example (a pupil count, a grant) are the
//! example's own.

use rust_decimal::Decimal;

use super::testutil::*;
use super::{begroting, cofinanciering, plafond, termijnen, uurtarieven};
use crate::engine::Outcome;
use crate::regeling::Band;
use crate::regeling::params::{Dec, Plafond, Stap};

/// A complete 2020–2023 aanvraag of a techniekregio: costs 1,000,000.00 over four years.
const BASIS_2020: &str = r#"
regeling: sto-2020-2023
indiening:
  soort: aanvraag
  moment: 2019-03-25T11:00:00+01:00
regio:
  naam: Regio Twintig
  soort: techniekregio
penvoerder: vmbo-a
partners:
  - { id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 60, kb: 40, gl: 25 } }
  - { id: vmbo-b, naam: B, soort: vmbo, vestiging: 12AB01, ondertekend: true, leerlingen: { gl: 15 } }
  - { id: mbo, naam: M, soort: mbo, ondertekend: true }
  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }
activiteiten:
  - { id: lab, naam: Lab, doelgroepen: [vmbo-bb, vmbo-kb], profielen: [PIE] }
begroting:
  - { activiteit: lab, jaar: 2020, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2021, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2022, soort: materieel, bedrag: 250000 }
  - { activiteit: lab, jaar: 2023, soort: materieel, bedrag: 250000 }
financiering:
  subsidie: { 2020: 225000, 2021: 225000, 2022: 225000, 2023: 225000 }
  cofinanciering:
    - { partner: bedrijf, jaar: 2020, vorm: geld, bedrag: 100000 }
"#;

fn with(from: &str, to: &str) -> String {
    edit_in(BASIS_2020, from, to)
}

/// The subsidy spread as the example gives its total; the last year takes the remainder.
fn subsidie(text: &str, total: &str) -> String {
    let total = dec(total);
    let year = (total / Decimal::from(4)).trunc();
    let last = total - year * Decimal::from(3);
    edit_in(
        text,
        "subsidie: { 2020: 225000, 2021: 225000, 2022: 225000, 2023: 225000 }",
        &format!("subsidie: {{ 2020: {year}, 2021: {year}, 2022: {year}, 2023: {last} }}"),
    )
}

fn cofin(text: &str, amount: &str) -> String {
    edit_in(text, "vorm: geld, bedrag: 100000 }", &format!("vorm: geld, bedrag: {amount} }}"))
}

fn set_param<T: serde::de::DeserializeOwned>(set: &str, soort: Option<&str>, name: &str) -> Band<T> {
    let reg = registry();
    let s = reg.get(set).unwrap();
    s.param(soort, None, name).unwrap().get::<T>().unwrap()
}

/// Example 1 under sto-2020-2023: the band of 10% of the costs (strict) and 7.5% of the subsidy
/// (lenient).
#[test]
fn voorbeeld_1_cofinanciering_band_2020() {
    let pct = set_param::<Dec>("sto-2020-2023", Some("aanvraag"), "cofinanciering_pct");
    assert!(pct.mild.0 < pct.streng.0);
    let kosten = dec("1000000.00");
    let streng = kosten * pct.streng.0 / Decimal::ONE_HUNDRED;
    // 905,000 + 95,000: the strict 100,000.00 is missed, the lenient 67,875.00 met.
    let t = cofin(&subsidie(BASIS_2020, "905000"), "95000");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.outcome, Outcome::Warn);
    assert_eq!(f.mild.as_deref(), Some(crate::values::cents_string(dec("905000") * pct.mild.0 / Decimal::ONE_HUNDRED).as_str()));
    assert_eq!(f.streng.as_deref(), Some(crate::values::cents_string(streng).as_str()));
    assert_eq!(f.mild.as_deref(), Some("67875.00"));
    // 935,000 + 65,000: even the lenient 70,125.00 is missed.
    let t = cofin(&subsidie(BASIS_2020, "935000"), "65000");
    assert_eq!(outcomes(&t, &cofinanciering::MINIMUM), vec![Outcome::Fail]);
    // 900,000 + 100,000: both met.
    assert_eq!(outcomes(BASIS_2020, &cofinanciering::MINIMUM), vec![Outcome::Pass]);
}

#[test]
fn voorbeeld_1_overheid_telt_niet_in_2020() {
    // An extra 10,000 from an overheid on top of 95,000 from the company: not counted, so the
    // strict reading still misses (and the contribution itself is reported).
    let t = with(
        "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n",
        "  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }\n  - { id: gemeente, naam: G, soort: overheid, ondertekend: true }\n",
    );
    let t = edit_in(
        &t,
        "    - { partner: bedrijf, jaar: 2020, vorm: geld, bedrag: 100000 }\n",
        "    - { partner: bedrijf, jaar: 2020, vorm: geld, bedrag: 95000 }\n    - { partner: gemeente, jaar: 2020, vorm: geld, bedrag: 10000 }\n",
    );
    let t = subsidie(&t, "895000");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.found.as_deref(), Some("95000.00"), "the overheid's 10,000 is left out");
    assert_eq!(f.outcome, Outcome::Warn);
    assert_eq!(worst(&t, &cofinanciering::BIJDRAGERS), Outcome::Warn);
}

/// Example 3: the €60 step with two candidate dates, read from the rule data.
#[test]
fn voorbeeld_3_cao_datum() {
    let steps = set_param::<Vec<Stap>>("sto-2020-2023", None, "uurtarief_intern");
    let step60 = steps.streng.iter().find(|s| s.bedrag.0 == dec("60.00") && s.vanaf.band().mild != s.vanaf.band().streng).unwrap();
    let (mild, streng) = (step60.vanaf.band().mild.0, step60.vanaf.band().streng.0);
    let day_before_mild = mild.pred_opt().unwrap();
    let day_before_streng = streng.pred_opt().unwrap();
    let line = |vanaf: chrono::NaiveDate, tarief: &str, motivatie: &str| {
        let t = with(
            "  - { activiteit: lab, jaar: 2023, soort: materieel, bedrag: 250000 }\n",
            &format!(
                "  - {{ activiteit: lab, jaar: 2023, soort: materieel, bedrag: 247600 }}\n  - {{ activiteit: lab, jaar: 2023, soort: personeel-intern, uren: 40, uurtarief: {tarief}, uren_vanaf: {vanaf}, motivatie: \"{motivatie}\" }}\n"
            ),
        );
        findings(&t, &uurtarieven::INTERN)
    };
    // Before both candidate dates: €55.00, so €5.00/h and €200.00 over, no motivation: fail.
    let f = &line(day_before_mild.with_day(1).unwrap().with_month(3).unwrap(), "60", "")[0];
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.required.as_deref(), Some("55.00"));
    assert_eq!(f.difference.as_deref(), Some("5.00"));
    let text = crate::messages::render(&f.message, crate::messages::Lang::Nl);
    assert!(text.contains("€ 5,00") && text.contains("€ 200,00"), "{text}");
    // Between the candidates: only the lenient date allows €60: warn.
    assert!(day_before_streng >= mild);
    assert_eq!(line(day_before_streng, "60", "")[0].outcome, Outcome::Warn);
    // From the strict date on: pass.
    for d in [streng, streng.with_month(9).unwrap()] {
        assert!(line(d, "60", "").iter().all(|f| f.outcome == Outcome::Pass), "{d}");
    }
    // €62.00 from September without motivation: €2.00/h above €60.00.
    let f = &line(streng.with_month(9).unwrap(), "62", "")[0];
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.difference.as_deref(), Some("2.00"));
    // With a motivation: pass, with the note that the subsidy does not rise.
    let f = &line(streng.with_month(9).unwrap(), "62", "Schaarste aan docenten techniek")[0];
    assert_eq!(f.outcome, Outcome::Pass);
    assert!(f.note.is_some());
}

use chrono::Datelike;

#[test]
fn voorbeeld_3_extern_2024() {
    let t = BASIS_2024.replace(
        "  - { activiteit: plan, jaar: 2024, soort: materieel, bedrag: 1000000 }\n",
        "  - { activiteit: plan, jaar: 2024, soort: materieel, bedrag: 998650 }\n  - { activiteit: plan, jaar: 2024, soort: personeel-extern, uren: 10, uurtarief: 135.00, bedrag: 1350 }\n",
    );
    let steps = set_param::<Vec<Stap>>("sto-2024", None, "uurtarief_extern");
    assert_eq!(steps.streng.last().unwrap().bedrag.0, dec("135.00"));
    assert!(findings(&t, &uurtarieven::EXTERN).iter().all(|f| f.outcome == Outcome::Pass));
    let t = t.replace("uurtarief: 135.00, bedrag: 1350 }", "uurtarief: 135.01, bedrag: 1350.10 }");
    let f = &findings(&t, &uurtarieven::EXTERN)[0];
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.difference.as_deref(), Some("0.01"));
}

/// Example 4: the per-pupil maximum, € 1.907.400,00 for these pupils.
#[test]
fn voorbeeld_4_maximum_per_leerling() {
    let items = set_param::<Vec<Plafond>>("sto-2020-2023", None, "plafonds").streng;
    let pl = items.iter().find_map(|i| i.per_leerling.clone()).unwrap();
    let max = Decimal::from(60 + 40) * pl.bb.0 + Decimal::from(25 + 15) * pl.gl.0;
    assert_eq!(max, dec("1907400.00"));
    let costs = |total: Decimal| {
        // Costs follow the subsidy so that only the ceiling is at stake.
        let t = subsidie(BASIS_2020, &total.to_string());
        let per = (total + dec("100000")) / Decimal::from(4);
        t.replace("bedrag: 250000 }", &format!("bedrag: {} }}", per.round_dp(2)))
    };
    let f = findings(&costs(max), &plafond::PLAFOND);
    assert!(f.iter().all(|f| f.outcome == Outcome::Pass), "{f:#?}");
    let f = findings(&costs(max + dec("0.01")), &plafond::PLAFOND);
    let fail = f.iter().find(|f| f.outcome == Outcome::Fail).expect("one cent over fails");
    assert_eq!(fail.difference.as_deref(), Some("0.01"));
    // The same plan as a techniekarme regio: no formula, the €4 M is only the strict reading.
    let arm = costs(dec("4400000")).replace("soort: techniekregio", "soort: techniekarme-regio");
    assert_eq!(worst(&arm, &plafond::PLAFOND), Outcome::Warn);
}

/// A 2024 aanvullende aanvraag: costs 1,000,000.00, beschikt 3,732,000.00.
const BASIS_2024: &str = r#"
regeling: sto-2024
indiening:
  soort: aanvullende-aanvraag
  moment: 2023-09-28T15:00:00+02:00
regio:
  naam: Regio Vierentwintig
  soort: techniekregio
penvoerder: vmbo-a
partners:
  - { id: vmbo-a, naam: A, soort: vmbo, vestiging: 12AB00, ondertekend: true }
  - { id: vmbo-b, naam: B, soort: vmbo, vestiging: 12AB01, ondertekend: true }
  - { id: mbo, naam: M, soort: mbo, ondertekend: true }
  - { id: bedrijf, naam: Bedrijf, soort: bedrijf, ondertekend: true }
activiteiten:
  - { id: plan, naam: Plan 2025, doelgroepen: [vmbo-bb], planvorming: true }
begroting:
  - { activiteit: plan, jaar: 2024, soort: materieel, bedrag: 1000000 }
financiering:
  subsidie: { 2024: 900000 }
  beschikt_2020_2023: 3732000
  cofinanciering:
    - { partner: bedrijf, jaar: 2024, vorm: geld, bedrag: 100000 }
"#;

/// Example 5: 25% of the 2020–2023 grant, the window's last second, the years.
#[test]
fn voorbeeld_5_verlengingsjaar() {
    let items = set_param::<Vec<Plafond>>("sto-2024", None, "plafonds").streng;
    let share = items.iter().find_map(|i| i.aandeel.clone()).unwrap();
    let max = dec("3732000") * share.pct.0 / Decimal::ONE_HUNDRED;
    assert_eq!(max, dec("933000"));
    let ask = |amount: Decimal| {
        BASIS_2024
            .replace("subsidie: { 2024: 900000 }", &format!("subsidie: {{ 2024: {amount} }}"))
            .replace("bedrag: 1000000 }", &format!("bedrag: {} }}", amount + dec("100000")))
    };
    assert_eq!(worst(&ask(max), &plafond::PLAFOND), Outcome::Pass);
    let f = findings(&ask(max + dec("0.01")), &plafond::PLAFOND);
    assert_eq!(f[0].outcome, Outcome::Fail);
    assert_eq!(f[0].difference.as_deref(), Some("0.01"));

    let at = |m: &str| BASIS_2024.replace("moment: 2023-09-28T15:00:00+02:00", &format!("moment: {m}"));
    assert_eq!(outcomes(&at("2023-10-01T23:59:59+02:00"), &termijnen::VENSTER), vec![Outcome::Pass]);
    assert_eq!(outcomes(&at("2023-10-02T00:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);
    assert_eq!(outcomes(&at("2023-07-18T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);

    let t = BASIS_2024.replace(
        "  - { activiteit: plan, jaar: 2024, soort: materieel, bedrag: 1000000 }\n",
        "  - { activiteit: plan, jaar: 2024, soort: materieel, bedrag: 990000 }\n  - { activiteit: plan, jaar: 2025, soort: materieel, bedrag: 10000 }\n",
    );
    assert_eq!(worst(&t, &begroting::JAREN), Outcome::Fail);
}

#[test]
fn verlengingsjaar_neemt_over_en_vervangt() {
    let reg = registry();
    let s = reg.get("sto-2024").unwrap();
    assert_eq!(s.soorten.keys().collect::<Vec<_>>(), vec!["aanvullende-aanvraag"]);
    // Inherited unchanged from 2020–2023.
    assert!(s.parameters.contains_key("havo_vwo_exclusief"));
    // Replaced: only the 25% ceiling.
    let items = set_param::<Vec<Plafond>>("sto-2024", None, "plafonds").streng;
    assert_eq!(items.len(), 1);
    assert!(items[0].per_leerling.is_none());
    // The planning reservation only warns.
    let no_plan = BASIS_2024.replace(", planvorming: true }", " }");
    assert_eq!(worst(&no_plan, &super::documenten::PLANVORMING), Outcome::Warn);
    assert_eq!(worst(BASIS_2024, &super::documenten::PLANVORMING), Outcome::Pass);
}

#[test]
fn alleen_leerlingen_van_vmbo_en_vso_tellen() {
    // Pupils given on an mbo partner do not raise the maximum.
    let t = subsidie(BASIS_2020, "1907400.01").replace(
        "{ id: mbo, naam: M, soort: mbo, ondertekend: true }",
        "{ id: mbo, naam: M, soort: mbo, ondertekend: true, leerlingen: { bb: 100 } }",
    );
    let t = t.replace("bedrag: 250000 }", "bedrag: 501850 }");
    let f = findings(&t, &plafond::PLAFOND);
    let fail = f.iter().find(|f| f.outcome == Outcome::Fail).expect("still over the vmbo/vso maximum");
    assert_eq!(fail.required.as_deref(), Some("1907400.00"));
}

#[test]
fn niet_ondertekende_partner_telt_alleen_ruim_in_2020() {
    // 2020–2023: whether unsigned partners count is a band; the mbo did not sign.
    let t = with("{ id: mbo, naam: M, soort: mbo, ondertekend: true }", "{ id: mbo, naam: M, soort: mbo, ondertekend: false }");
    let f = findings(&t, &super::partners::MINIMA);
    let mbo = f.iter().find(|f| f.message.id == "partners.minimum-ondertekening").expect("the signature message");
    assert_eq!(mbo.outcome, Outcome::Warn);
    assert_eq!(mbo.found.as_deref(), Some("0"));
}
