//! In-process benchmarks, with divan: what stocheck does with a plan, beside the floor on the
//! same text in the same run. The floor (`vloer`) parses the text into an untyped value through
//! the same YAML module and options; `stocheck` reads it into the typed, spanned model, validates
//! it and runs every check of its rule set. Each group's two medians, divided, give the ratio
//! that holds across machines in a way seconds do not:
//!
//! - `een_plan`: the example plan of 2025–2028 (about 200 lines);
//! - `groot`: the 100,000-line plan of `stocheck::testdata`.
//!
//! Run with `cargo bench --bench lezen`. Whole processes (start, 1,000 and 10,000 plans, memory)
//! are measured by `benches/vloer.rs`, which divan cannot: it compares processes and their
//! peak memory.

use std::sync::LazyLock;

use divan::black_box;
use stocheck::aanvraag::load_text;
use stocheck::checks;
use stocheck::engine::{Ctx, MomentFrom};
use stocheck::regeling::Registry;

fn main() {
    divan::main();
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().expect("rule sets"));
static VOCABULARY: LazyLock<stocheck::aanvraag::Vocabulary> = LazyLock::new(|| REGISTRY.vocabulary());

/// The floor: the text parsed into an untyped value.
fn vloer(text: &str) {
    let v: serde_json::Value = stocheck::yaml::from_str(text).expect("parses");
    black_box(v);
}

/// stocheck: the plan loaded and every check of its rule set run.
fn stocheck(text: &str) {
    let a = load_text(text, &VOCABULARY).expect("loads");
    let set = REGISTRY.get(&a.regeling.value).expect("rule set");
    let moment = a.indiening.value.moment.as_ref().expect("moment").value;
    let ctx = Ctx::new(&a, set, moment, MomentFrom::Indiening, None);
    black_box(checks::run(&ctx));
}

/// A group of two benchmarks on one text: the floor and stocheck.
macro_rules! group {
    ($name:ident, $samples:literal, $size:literal, $text:expr) => {
        #[divan::bench_group(sample_count = $samples, sample_size = $size)]
        mod $name {
            static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| $text);

            #[divan::bench]
            fn vloer() {
                super::vloer(&TEXT);
            }

            #[divan::bench]
            fn stocheck() {
                super::stocheck(&TEXT);
            }
        }
    };
}

group!(een_plan, 200, 1, std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/2025-2028/aanvraag/aanvraag.yaml")).expect("example"));
group!(groot, 10, 1, stocheck::testdata::large_application(12_500));
