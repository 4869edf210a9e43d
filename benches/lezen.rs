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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let text = stocheck::testdata::large_application(12_500);
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
        let ctx = Ctx::new(&a, set, moment, MomentFrom::Indiening, None);
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
