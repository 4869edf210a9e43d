//! The worked examples of regels.md §5 for the earlier regulations (1, 3, 4 and 5), run against
//! the built-in rule sets. Thresholds and dates come from the rule data wherever the point is the
//! rule, not the number; the amounts that *are* the example (a pupil count, a grant) are the
//! example's own.

use rust_decimal::Decimal;

use super::testutil::*;
use super::{begroting, cofinanciering, plafond, termijnen, uurtarieven};
use crate::engine::Outcome;
use crate::regeling::Band;
use crate::regeling::params::{Percentage, Plafond, Stap};

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

fn set_param<T: serde::de::DeserializeOwned + Clone>(set: &str, soort: Option<&str>, name: &str) -> Band<T> {
    let reg = registry();
    let s = reg.get(set).unwrap();
    s.param(soort, None, name).unwrap().get::<T>().unwrap()
}

/// Example 1 under sto-2020-2023: the percentage is dated by the moment (10% before 7 July 2022,
/// 7.5% from then), the base a band (strict the costs, lenient the subsidy).
#[test]
fn voorbeeld_1_cofinanciering_band_2020() {
    let pct = set_param::<Percentage>("sto-2020-2023", Some("aanvraag"), "cofinanciering_pct");
    let in_2019 = chrono::NaiveDate::from_ymd_opt(2019, 3, 25).unwrap();
    let p2019 = pct.streng.at(in_2019).unwrap().pct.0;
    let later = pct.streng.later(in_2019).expect("the 7.5% of 7 July 2022");
    assert_eq!((p2019, later.pct.0), (dec("10"), dec("7.5")));
    let kosten = dec("1000000.00");
    let streng = kosten * p2019 / Decimal::ONE_HUNDRED;
    // 905,000 + 95,000: the strict 100,000.00 is missed, the lenient 90,500.00 met.
    let t = cofin(&subsidie(BASIS_2020, "905000"), "95000");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.outcome, Outcome::Warn);
    assert_eq!(f.mild.as_deref(), Some(crate::values::cents_string(dec("905000") * p2019 / Decimal::ONE_HUNDRED).as_str()));
    assert_eq!(f.streng.as_deref(), Some(crate::values::cents_string(streng).as_str()));
    assert_eq!(f.mild.as_deref(), Some("90500.00"));
    // 935,000 + 65,000: even the lenient 93,500.00 is missed, and the note says that the 7.5%
    // since 7 July 2022 (70,125.00 of the subsidy) is not met either.
    let t = cofin(&subsidie(BASIS_2020, "935000"), "65000");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.required.as_deref(), Some("93500.00"));
    let note = crate::messages::render(f.note.as_ref().expect("the 7.5% note"), crate::messages::Lang::Nl);
    assert!(note.contains("7 juli 2022") && note.contains("€ 70.125,00") && note.contains("niet"), "{note}");
    // 900,000 + 100,000: both met.
    assert_eq!(outcomes(BASIS_2020, &cofinanciering::MINIMUM), vec![Outcome::Pass]);
}

/// regels.md §7 point 9: 920,000 + 80,000 submitted in 2019 is judged at 10% and misses even the
/// lenient 92,000.00 (the old band of 7.5% of the subsidy let it warn); judged on a moment from
/// 7 July 2022 on, 7.5% of either base is met.
#[test]
fn cofinanciering_2020_percentage_hangt_af_van_het_moment() {
    let t = cofin(&subsidie(BASIS_2020, "920000"), "80000");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.required.as_deref(), Some("92000.00"));
    let na = t.replace("moment: 2019-03-25T11:00:00+01:00", "moment: 2022-07-07T00:00:00+02:00");
    assert_eq!(outcomes(&na, &cofinanciering::MINIMUM), vec![Outcome::Pass]);
    let voor = t.replace("moment: 2019-03-25T11:00:00+01:00", "moment: 2022-07-06T23:59:59+02:00");
    assert_eq!(outcomes(&voor, &cofinanciering::MINIMUM), vec![Outcome::Fail]);
}

/// Example 1 under sto-2024: percentage and base both a band (strict 10% of the costs, lenient
/// 7.5% of the subsidy): 905,000 + 95,000 needs 67,875.00 leniently and warns.
#[test]
fn voorbeeld_1_cofinanciering_2024() {
    let t = BASIS_2024
        .replace("subsidie: { 2024: 900000 }", "subsidie: { 2024: 905000 }")
        .replace("vorm: geld, bedrag: 100000 }", "vorm: geld, bedrag: 95000 }");
    let f = &findings(&t, &cofinanciering::MINIMUM)[0];
    assert_eq!(f.outcome, Outcome::Warn);
    assert_eq!(f.mild.as_deref(), Some("67875.00"));
    assert_eq!(f.streng.as_deref(), Some("100000.00"));
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

    // A maximum with a fraction of a cent is shown rounded down: 25% of 3,732,000.01.
    let odd = ask(max + dec("0.01")).replace("beschikt_2020_2023: 3732000", "beschikt_2020_2023: 3732000.01");
    let f = findings(&odd, &plafond::PLAFOND);
    assert_eq!(f[0].outcome, Outcome::Fail);
    assert_eq!(f[0].required.as_deref(), Some("933000.00"));
    assert_eq!(f[0].difference.as_deref(), Some("0.01"));

    // The window: "uiterlijk 1 oktober 2023", a Sunday, so the Atw reading runs to the end of
    // Monday 2 October; the start is a band between publication (19 July) and force (20 July).
    let at = |m: &str| BASIS_2024.replace("moment: 2023-09-28T15:00:00+02:00", &format!("moment: {m}"));
    let cases = [
        ("2023-10-01T23:59:59+02:00", Outcome::Pass),
        ("2023-10-02T00:00:00+02:00", Outcome::Warn),
        ("2023-10-02T23:59:59+02:00", Outcome::Warn),
        ("2023-10-03T00:00:00+02:00", Outcome::Fail),
        ("2023-07-18T12:00:00+02:00", Outcome::Fail),
        ("2023-07-19T12:00:00+02:00", Outcome::Warn),
        ("2023-07-20T00:00:00+02:00", Outcome::Pass),
    ];
    for (m, want) in cases {
        assert_eq!(outcomes(&at(m), &termijnen::VENSTER), vec![want], "{m}");
    }

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

/// regels.md §7 point 8: in 2020–2023 a vso school may be the second school in the lenient
/// reading (vmbo + vso warns); a region with one school fails.
#[test]
fn vso_als_tweede_school_alleen_ruim_in_2020() {
    let vso = with("{ id: vmbo-b, naam: B, soort: vmbo,", "{ id: vmbo-b, naam: B, soort: vso,");
    let vmbo = |text: &str| findings(text, &super::partners::MINIMA).into_iter().find(|f| f.mild.is_some() || f.message.args.iter().any(|(_, v)| format!("{v:?}").contains("vmbo"))).map(|f| f.outcome);
    assert_eq!(vmbo(BASIS_2020), Some(Outcome::Pass));
    assert_eq!(vmbo(&vso), Some(Outcome::Warn));
    let alleen_een = with("  - { id: vmbo-b, naam: B, soort: vmbo, vestiging: 12AB01, ondertekend: true, leerlingen: { gl: 15 } }\n", "");
    assert_eq!(vmbo(&alleen_een), Some(Outcome::Fail));
}

/// regels.md §7 point 1: a vestiging listed on two partners counts its pupils once. Example 4's
/// school A listed twice used to double its part of the maximum; now 1,907,400.01 still fails.
/// Where the two listings differ, the strict reading takes the smaller count, the lenient one
/// the larger.
#[test]
fn leerlingen_tellen_een_keer_per_vestiging() {
    let twice = with(
        "  - { id: mbo, naam: M, soort: mbo, ondertekend: true }\n",
        "  - { id: vmbo-a2, naam: A bis, soort: vmbo, vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 60, kb: 40, gl: 25 } }\n  - { id: mbo, naam: M, soort: mbo, ondertekend: true }\n",
    );
    let over = |text: &str, total: &str| {
        let t = subsidie(text, total);
        let per = (dec(total) + dec("100000")) / Decimal::from(4);
        t.replace("bedrag: 250000 }", &format!("bedrag: {} }}", per.round_dp(2)))
    };
    let f = findings(&over(&twice, "1907400.01"), &plafond::PLAFOND);
    let fail = f.iter().find(|f| f.outcome == Outcome::Fail).expect("one cent over the maximum counted once");
    assert_eq!(fail.required.as_deref(), Some("1907400.00"));
    assert!(findings(&over(&twice, "1907400"), &plafond::PLAFOND).iter().all(|f| f.outcome == Outcome::Pass));
    // The second listing gives 10 more bb pupils: strict keeps 1,907,400.00, lenient 2,066,350.00.
    let differ = twice.replace("vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 60, kb: 40, gl: 25 } }\n  - { id: mbo", "vestiging: 12AB00, ondertekend: true, leerlingen: { bb: 70, kb: 40, gl: 25 } }\n  - { id: mbo");
    let f = findings(&over(&differ, "2000000"), &plafond::PLAFOND);
    let warn = f.iter().find(|f| f.outcome == Outcome::Warn).expect("between the readings");
    assert_eq!(warn.mild.as_deref(), Some("2066350.00"));
    assert_eq!(warn.streng.as_deref(), Some("1907400.00"));
}

/// regels.md §7 point 10: the derde tijdvak ends "31 mei" or "uiterlijk 1 juni 2020", and both
/// days were Whit Sunday and Whit Monday: leniently (Atw) it runs to the end of Tuesday 2 June.
/// The herindiening starts strictly on 1 July 2019, leniently right after the first window.
#[test]
fn derde_tijdvak_en_herindiening_2020() {
    let derde = |m: &str| BASIS_2020.replace("soort: aanvraag", "soort: derde-tijdvak").replace("moment: 2019-03-25T11:00:00+01:00", &format!("moment: {m}"));
    assert_eq!(outcomes(&derde("2020-05-31T23:59:59+02:00"), &termijnen::VENSTER), vec![Outcome::Pass]);
    assert_eq!(outcomes(&derde("2020-06-02T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Warn]);
    assert_eq!(outcomes(&derde("2020-06-03T00:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);
    let her = |m: &str| BASIS_2020.replace("soort: aanvraag", "soort: herindiening").replace("moment: 2019-03-25T11:00:00+01:00", &format!("moment: {m}"));
    assert_eq!(outcomes(&her("2019-04-01T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);
    assert_eq!(outcomes(&her("2019-05-15T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Warn]);
    assert_eq!(outcomes(&her("2019-07-01T00:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Pass]);
    assert_eq!(outcomes(&her("2019-10-01T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Warn]);
    // 1 October 2019 was a Tuesday: no Atw day beyond it.
    let eerste = |m: &str| BASIS_2020.replace("moment: 2019-03-25T11:00:00+01:00", &format!("moment: {m}"));
    assert_eq!(outcomes(&eerste("2019-04-01T12:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Warn]);
    assert_eq!(outcomes(&eerste("2019-04-02T00:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);
    assert_eq!(outcomes(&her("2019-10-02T00:00:00+02:00"), &termijnen::VENSTER), vec![Outcome::Fail]);
}

/// regels.md §7 point 14: the citations in the rule data say what the sources say, and cite the
/// source that says it.
#[test]
fn bronnen_volgens_regels_7_punt_14() {
    let reg = registry();
    let s20 = reg.get("sto-2020-2023").unwrap();
    let s25 = reg.get("sto-2025-2028").unwrap();
    let bron = |set: &crate::regeling::RuleSet, soort: Option<&str>, name: &str| set.param(soort, None, name).unwrap().bron.clone();
    // The €55 step: "gestegen tot € 55,-".
    let steps = set_param::<Vec<Stap>>("sto-2020-2023", None, "uurtarief_intern").streng;
    let step55 = steps.iter().find(|s| s.bedrag.0 == dec("55.00")).unwrap();
    let b55 = step55.bron.as_deref().unwrap();
    assert!(b55.contains("gestegen tot € 55,-") && !b55.contains("naar"), "{b55}");
    // The first window: "Die plannen moesten 1 april ingeleverd zijn" [ZWO].
    assert!(bron(s20, Some("aanvraag"), "venster").contains("'Die plannen moesten 1 april ingeleverd zijn' [ZWO]"));
    // No 2020 money spent in 2019 is [H19], not [DUSI20].
    let jaren = bron(s20, None, "begrotingsjaren");
    assert!(jaren.contains("geen geld van 2020 uitgeven in 2019 [H19]") && !jaren.contains("[DUSI20]"), "{jaren}");
    // The art. 1.1 "bedrijf" definition is the regulation's own [STCRT24], not [F24].
    for name in ["min_bedrijf", "cofinanciering_bijdragers"] {
        let b = bron(s25, None, name);
        assert!(b.contains("art. 1.1") && b.contains("[STCRT24]") && !b.contains("art. 1.1 [F24]"), "{name}: {b}");
    }
    // The per-pupil amounts and the 25% of beschikt are confirmed by the STO website's news.
    let items = set_param::<Vec<Plafond>>("sto-2020-2023", None, "plafonds").streng;
    assert_eq!(items.iter().find(|i| i.per_leerling.is_some()).unwrap().zekerheid, crate::regeling::Zekerheid::Bevestigd);
    let items = set_param::<Vec<Plafond>>("sto-2024", None, "plafonds").streng;
    assert_eq!(items[0].zekerheid, crate::regeling::Zekerheid::Bevestigd);
    assert!(bron(s20, None, "cofinanciering_bijdragers").contains("'10% cofinanciering van bedrijven' [FAQ]"));
}

/// regels.md §7 point 14: a window without a time of day is decided by its confirmed dates far
/// from its ends, and by the unknown time of day on its boundary day (derde tijdvak, sto-2024).
#[test]
fn zekerheid_van_een_termijn_zonder_tijdstip() {
    let derde = |m: &str| BASIS_2020.replace("soort: aanvraag", "soort: derde-tijdvak").replace("moment: 2019-03-25T11:00:00+01:00", &format!("moment: {m}"));
    let far = &findings(&derde("2020-04-15T12:00:00+02:00"), &termijnen::VENSTER)[0];
    assert_eq!((far.outcome, far.certainty), (Outcome::Pass, Some(crate::regeling::Zekerheid::Bevestigd)));
    let edge = &findings(&derde("2020-05-31T12:00:00+02:00"), &termijnen::VENSTER)[0];
    assert_eq!((edge.outcome, edge.certainty), (Outcome::Pass, Some(crate::regeling::Zekerheid::Onbekend)));
    let at = |m: &str| BASIS_2024.replace("moment: 2023-09-28T15:00:00+02:00", &format!("moment: {m}"));
    let edge = &findings(&at("2023-10-01T20:00:00+02:00"), &termijnen::VENSTER)[0];
    assert_eq!(edge.certainty, Some(crate::regeling::Zekerheid::Onbekend));
    let far = &findings(&at("2023-09-01T20:00:00+02:00"), &termijnen::VENSTER)[0];
    assert_eq!(far.certainty, Some(crate::regeling::Zekerheid::Bevestigd));
}
