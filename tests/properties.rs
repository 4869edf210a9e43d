//! Properties that hold for every application, tested on generated ones (proptest):
//!
//! - no valid application makes any check or writer panic, and none of the terminal's texts
//!   carries a control character, whatever the names hold;
//! - the verdict and every finding's figures do not change with the order of keys, the quoting
//!   of amounts, comments or white space;
//! - money is exact: the costs total equals the sum of the lines however it is split.

mod common;
use common::quoted;

use proptest::prelude::*;
use rust_decimal::Decimal;
use stocheck::regeling::Registry;

fn registry() -> &'static Registry {
    static R: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    R.get_or_init(|| Registry::load(&[]).expect("built-in rule sets"))
}

/// An amount in cents up to the format's bound (€ 1.000.000.000.000).
fn cents() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..=100_000_000, 0u64..=100_000_000_000_000]
}

fn money(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

#[derive(Debug, Clone)]
struct Line {
    jaar: i32,
    soort: &'static str,
    /// Either an amount in cents, or hours (in hundredths) and a rate in cents.
    bedrag: Option<u64>,
    uren: Option<(u64, u64)>,
}

#[derive(Debug, Clone)]
struct App {
    naam: String,
    partner_naam: String,
    signed: Vec<bool>,
    lines: Vec<Line>,
    subsidie: [u64; 4],
    cofin: Vec<(usize, i32, u64)>,
    moment_day: u32,
}

fn line() -> impl Strategy<Value = Line> {
    (2024i32..=2029, prop::sample::select(vec!["personeel-intern", "personeel-extern", "materieel", "investering", "overig"]), cents(), prop::option::of((0u64..=100_000_000, 0u64..=100_000_000)))
        .prop_map(|(jaar, soort, c, uren)| Line { jaar, soort, bedrag: if uren.is_some() { None } else { Some(c) }, uren })
}

fn app() -> impl Strategy<Value = App> {
    (
        any::<String>(),
        any::<String>(),
        prop::collection::vec(any::<bool>(), 4),
        prop::collection::vec(line(), 0..12),
        [cents(), cents(), cents(), cents()],
        prop::collection::vec((0usize..4, 2025i32..=2028, cents()), 0..6),
        1u32..=30,
    )
        .prop_map(|(naam, partner_naam, signed, lines, subsidie, cofin, moment_day)| App { naam, partner_naam, signed, lines, subsidie, cofin, moment_day })
}

/// How a file is written, which must not change what it means.
#[derive(Debug, Clone)]
struct Style {
    quote_amounts: bool,
    comments: bool,
    indent: usize,
    reverse_keys: bool,
    blank_lines: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), 1usize..=4, any::<bool>(), any::<bool>())
        .prop_map(|(quote_amounts, comments, indent, reverse_keys, blank_lines)| Style { quote_amounts, comments, indent, reverse_keys, blank_lines })
}

const PARTNERS: [(&str, &str, &str); 4] = [("v1", "vmbo", "vestiging: 12AB00"), ("v2", "vmbo", "vestiging: 12AB01"), ("m", "mbo", ""), ("b", "bedrijf", "")];

fn render(a: &App, s: &Style) -> String {
    let amount = |c: u64| if s.quote_amounts { format!("\"{}\"", money(c)) } else { money(c) };
    let pad = " ".repeat(s.indent);
    let comment = |t: &str| if s.comments { format!("  # {t}") } else { String::new() };
    let q = |t: &str| quoted(t);
    let mut sections: Vec<String> = Vec::new();
    sections.push(format!("regeling: sto-2025-2028{}\n", comment("de regeling")));
    sections.push(format!("indiening:\n{pad}soort: aanvraag\n{pad}moment: 2024-09-{:02}T12:00:00+02:00\n", a.moment_day));
    sections.push(format!("regio:\n{pad}naam: {}\n{pad}soort: techniekregio\n{pad}maximum: {}\n", q(&a.naam), amount(150_000_000)));
    sections.push("penvoerder: v1\n".to_string());
    let mut partners = String::from("partners:\n");
    for (i, (id, soort, extra)) in PARTNERS.iter().enumerate() {
        let naam = if i == 3 { q(&a.partner_naam) } else { q(id) };
        let mut fields = vec![format!("id: {id}"), format!("naam: {naam}"), format!("soort: {soort}"), format!("ondertekend: {}", a.signed[i])];
        if !extra.is_empty() {
            fields.push(extra.to_string());
        }
        if s.reverse_keys {
            fields.reverse();
        }
        partners.push_str(&format!("{pad}- {}\n", fields.join(&format!("\n{pad}  "))));
    }
    sections.push(partners);
    sections.push(format!("activiteiten:\n{pad}- {{ id: lab, naam: Lab, doelgroepen: [po, vmbo-bb] }}{}\n", comment("één activiteit")));
    if !a.lines.is_empty() {
        let mut b = String::from("begroting:\n");
        for l in &a.lines {
            let mut fields = vec!["activiteit: lab".to_string(), format!("jaar: {}", l.jaar), format!("soort: {}", l.soort)];
            if let Some(c) = l.bedrag {
                fields.push(format!("bedrag: {}", amount(c)));
            }
            if let Some((u, t)) = l.uren {
                fields.push(format!("uren: {}", if s.quote_amounts { format!("\"{}\"", money(u)) } else { money(u) }));
                fields.push(format!("uurtarief: {}", amount(t)));
            }
            if s.reverse_keys {
                fields.reverse();
            }
            b.push_str(&format!("{pad}- {}\n", fields.join(&format!("\n{pad}  "))));
            if s.blank_lines {
                b.push('\n');
            }
        }
        sections.push(b);
    }
    let mut f = format!("financiering:\n{pad}subsidie:\n");
    for (i, c) in a.subsidie.iter().enumerate() {
        f.push_str(&format!("{pad}{pad}{}: {}\n", 2025 + i, amount(*c)));
    }
    if !a.cofin.is_empty() {
        f.push_str(&format!("{pad}cofinanciering:\n"));
        for (p, jaar, c) in &a.cofin {
            f.push_str(&format!("{pad}{pad}- {{ partner: {}, jaar: {jaar}, vorm: geld, bedrag: {} }}\n", PARTNERS[*p].0, amount(*c)));
        }
    }
    sections.push(f);
    if s.reverse_keys {
        sections.reverse();
    }
    let sep = if s.blank_lines { "\n" } else { "" };
    let head = if s.comments { "# Gegenereerd\n\n" } else { "" };
    format!("{head}{}", sections.join(sep))
}

/// A finding without its place: rule, outcome, found, required, difference.
type Figures = (String, String, Option<String>, Option<String>, Option<String>);

/// What a file means: verdict, and per finding its rule, outcome and figures (not positions).
fn meaning(r: &stocheck::run::FileReport) -> (String, Vec<Figures>, Vec<String>) {
    let mut f: Vec<_> = r
        .findings
        .iter()
        .map(|x| (x.rule.to_string(), format!("{:?}", x.outcome), x.found.clone(), x.required.clone(), x.difference.clone()))
        .collect();
    f.sort();
    (r.verdict.as_str().to_string(), f, r.errors.iter().map(|e| e.id().to_string()).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_applications_never_panic_and_never_steer_the_terminal(a in app(), s in style()) {
        let text = render(&a, &s);
        let out = stocheck::harness::run_all(registry(), text.as_bytes());
        prop_assert!(out.report.errors.is_empty(), "not read: {:?}\n{text}", out.report.errors);
        for (name, t) in &out.texts {
            if *name == "table" {
                prop_assert!(stocheck::harness::unsafe_char(t).is_none(), "table:\n{t}");
            }
            if *name == "json" {
                prop_assert!(serde_json::from_str::<serde_json::Value>(t).is_ok(), "json:\n{t}");
            }
        }
    }

    #[test]
    fn the_verdict_does_not_depend_on_how_the_file_is_written(a in app(), s1 in style(), s2 in style()) {
        let vocab = registry().vocabulary();
        let opts = stocheck::harness::options();
        let r1 = stocheck::run::check_text(render(&a, &s1).into_bytes(), registry(), &vocab, &opts);
        let r2 = stocheck::run::check_text(render(&a, &s2).into_bytes(), registry(), &vocab, &opts);
        prop_assert!(r1.errors.is_empty(), "{:?}", r1.errors);
        prop_assert_eq!(meaning(&r1), meaning(&r2));
    }

    #[test]
    fn money_is_exact_however_it_is_split(total in cents(), cuts in prop::collection::vec(any::<u64>(), 0..40)) {
        // Split `total` cents into parts at the given cut points.
        let mut points: Vec<u64> = cuts.iter().map(|c| if total == 0 { 0 } else { c % (total + 1) }).collect();
        points.push(0);
        points.push(total);
        points.sort_unstable();
        let parts: Vec<u64> = points.windows(2).map(|w| w[1] - w[0]).collect();
        let mut a = App { naam: "R".into(), partner_naam: "B".into(), signed: vec![true; 4], lines: Vec::new(), subsidie: [0; 4], cofin: Vec::new(), moment_day: 20 };
        for p in &parts {
            a.lines.push(Line { jaar: 2025, soort: "materieel", bedrag: Some(*p), uren: None });
        }
        let vocab = registry().vocabulary();
        let r = stocheck::run::check_text(render(&a, &Style { quote_amounts: false, comments: false, indent: 2, reverse_keys: false, blank_lines: false }).into_bytes(), registry(), &vocab, &stocheck::harness::options());
        prop_assert!(r.errors.is_empty(), "{:?}", r.errors);
        let kosten = r.totals.as_ref().unwrap().kosten;
        prop_assert_eq!(kosten, Decimal::new(total as i64, 2));
    }
}
