//! Benchmark: reading and checking a large application (about 100,000 lines of budget) against
//! a peer measured in the same process on the same text: parsing it into an untyped value
//! through the same YAML module. The ratio says what the typed model, the validation and all
//! the checks cost on top of plain YAML parsing; it is stable across machines in a way that
//! seconds are not.
//!
//! Run with `cargo bench --bench lezen`.

use std::time::{Duration, Instant};

use stocheck::aanvraag::load_text;
use stocheck::checks;
use stocheck::engine::{Ctx, MomentFrom};
use stocheck::regeling::Registry;

fn application(lines: usize) -> String {
    let mut text = String::from(
        "regeling: sto-2025-2028
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
begroting:
",
    );
    for i in 0..lines {
        let jaar = 2025 + (i % 4);
        text.push_str(&format!(
            "  - activiteit: lab\n    jaar: {jaar}\n    soort: personeel-intern\n    omschrijving: regel {i}\n    uren: 10\n    uurtarief: 60\n    bedrag: 600\n    motivatie: \"\"\n"
        ));
    }
    text.push_str("financiering:\n  subsidie: { 2025: 1, 2026: 1, 2027: 1, 2028: 1 }\n");
    text
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let text = application(12_500);
    let registry = Registry::builtin().expect("rule sets");
    let vocab = registry.vocabulary();
    let rounds = 7;
    let mut ours = Vec::new();
    let mut peer = Vec::new();
    for _ in 0..rounds {
        // Alternate, so drift in machine load hits both alike.
        let t = Instant::now();
        let v: serde_json::Value = stocheck::yaml::from_str(&text).expect("parses");
        std::hint::black_box(&v);
        peer.push(t.elapsed());

        let t = Instant::now();
        let a = load_text(&text, &vocab).expect("loads");
        let set = registry.get("sto-2025-2028").expect("set");
        let moment = a.indiening.value.moment.as_ref().expect("moment").value;
        let ctx = Ctx { aanvraag: &a, set, soort: Some("aanvraag"), moment, moment_from: MomentFrom::Indiening, folder: None };
        let findings = checks::run(&ctx);
        std::hint::black_box(&findings);
        ours.push(t.elapsed());
    }
    let (o, p) = (median(ours), median(peer));
    println!("lines of YAML:                 {}", text.lines().count());
    println!("peer (YAML → untyped value):   {:?} (median of {rounds})", p);
    println!("stocheck (load + all checks):  {:?} (median of {rounds})", o);
    println!("ratio stocheck / peer:         {:.2}", o.as_secs_f64() / p.as_secs_f64());
}
