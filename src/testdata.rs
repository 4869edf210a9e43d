//! Generated applications for the limit tests and the benchmark (not part of the tool's
//! behaviour; public only so both can share one generator).

/// The head of a valid 2025–2028 aanvraag of a large techniekregio: everything up to the budget.
pub const HEAD: &str = "regeling: sto-2025-2028
indiening: { soort: aanvraag, moment: 2024-09-30T14:30:00+02:00 }
regio: { naam: Groot, soort: techniekregio, maximum: 900000000 }
penvoerder: v1
partners:
  - { id: v1, naam: V1, soort: vmbo, vestiging: 12AB00, ondertekend: true }
  - { id: v2, naam: V2, soort: vmbo, vestiging: 12AB01, ondertekend: true }
  - { id: m, naam: M, soort: mbo, ondertekend: true }
  - { id: p, naam: P, soort: po, ondertekend: true }
  - { id: b, naam: B, soort: bedrijf, ondertekend: true }
activiteiten:
  - { id: lab, naam: Lab, doelgroepen: [po, vmbo-bb] }
";

/// A valid 2025–2028 aanvraag with `lines` personnel cost lines of eight YAML lines each, so
/// `lines = 12_500` gives a budget of 100,000 lines. Costs are 600.00 per line; the subsidy
/// and cofinancing are balanced so that the plan passes.
pub fn large_application(lines: usize) -> String {
    let mut text = String::from(HEAD);
    text.push_str("begroting:\n");
    for i in 0..lines {
        let jaar = 2025 + (i % 4);
        text.push_str(&format!(
            "  - activiteit: lab\n    jaar: {jaar}\n    soort: personeel-intern\n    omschrijving: regel {i}\n    uren: 10\n    uurtarief: 60\n    bedrag: 600\n    motivatie: \"\"\n"
        ));
    }
    let total = 600 * lines;
    let cofin = total / 10;
    let per_year = (total - cofin) / 4;
    let last = total - cofin - 3 * per_year;
    text.push_str(&format!(
        "financiering:\n  subsidie: {{ 2025: {per_year}, 2026: {per_year}, 2027: {per_year}, 2028: {last} }}\n  cofinanciering:\n    - {{ partner: b, jaar: 2025, vorm: geld, bedrag: {cofin} }}\n"
    ));
    text
}
