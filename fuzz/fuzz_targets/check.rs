//! Byte-level fuzzing of everything a file meets: load, every check, every writer, both
//! languages. Seeds: the examples and the adversarial corpus (scripts/fuzz.sh).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stocheck::regeling::Registry;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&[]).expect("the built-in rule sets load"))
}

fuzz_target!(|data: &[u8]| {
    let out = stocheck::harness::run_all(registry(), data);
    // The table and stderr go to a terminal: nothing in them may steer it.
    for (name, text) in out.texts.iter().filter(|(n, _)| *n == "table").chain([("stderr", out.stderr.clone())].iter()) {
        if let Some(c) = stocheck::harness::unsafe_char(text) {
            panic!("{name} holds control character U+{:04X}", c as u32);
        }
    }
});
