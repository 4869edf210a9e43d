//! Structure-aware fuzzing: a valid application from `examples/` whose values are replaced by
//! generated ones. Byte mutation rarely builds a 28-digit amount that still parses as YAML in
//! the right place; this target builds them on purpose: long and huge numbers, three
//! decimals, negative and exponent forms, extreme dates and moments, booleans in other
//! spellings, and text with terminal escapes, bidi overrides and markers.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use stocheck::regeling::Registry;

const BASES: &[&str] = &[
    include_str!("../../examples/2025-2028/aanvraag/aanvraag.yaml"),
    include_str!("../../examples/2020-2023/aanvraag/aanvraag.yaml"),
    include_str!("../../examples/2024/aanvullende-aanvraag/aanvullende-aanvraag.yaml"),
];

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&[]).expect("the built-in rule sets load"))
}

#[derive(Debug, Arbitrary)]
enum Value {
    /// `digits` nines or the digits of `seed`, with `frac` decimals.
    Number { digits: u8, frac: u8, seed: u64, negative: bool, quoted: bool },
    Exact(u64, u8),
    Date { year: i32, month: u8, day: u8 },
    Moment { year: i32, hour: u8, offset: i8 },
    Bool(u8),
    Text(String),
    Hostile(u8),
    Empty,
}

fn render(v: &Value) -> String {
    match v {
        Value::Number { digits, frac, seed, negative, quoted } => {
            let mut s = String::new();
            let n = (*digits % 45) as usize + 1;
            let seed = seed.to_string();
            for i in 0..n {
                s.push(seed.as_bytes()[i % seed.len()] as char);
            }
            let f = (*frac % 6) as usize;
            if f > 0 {
                s.push('.');
                for i in 0..f {
                    s.push(seed.as_bytes()[(i + 3) % seed.len()] as char);
                }
            }
            if *negative {
                s.insert(0, '-');
            }
            if *quoted { format!("\"{s}\"") } else { s }
        }
        Value::Exact(n, f) => format!("{}.{:02}", n, f % 100),
        Value::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
        Value::Moment { year, hour, offset } => format!("{year:04}-10-01T{hour:02}:00:00{:+03}:00", offset),
        Value::Bool(b) => ["true", "false", "True", "FALSE", "yes", "on", "~", "1"][(*b % 8) as usize].to_string(),
        Value::Text(t) => format!("{t:?}"),
        Value::Hostile(k) => [
            "\"\\e[2J\\e]8;;http://x\\a link\\e]8;;\\a\"",
            "\"\\u202Eevil\\u2066x\"",
            "\"\\u001Etype.lijst\"",
            "\"\\u001Fstocheck\\u001Fx\"",
            "\"::error::%0A|</td>\"",
            "\"\\0\\x9b31m\"",
            "\"79228162514264337593543950335\"",
            "99999999999999999999999999999",
        ][(*k % 8) as usize]
            .to_string(),
        Value::Empty => String::new(),
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    base: u8,
    edits: Vec<(u16, Value)>,
}

fuzz_target!(|input: Input| {
    let base = BASES[(input.base as usize) % BASES.len()];
    // The value slots: the text after `: ` on each line that holds one.
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    let slots: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| l.contains(": ") && !l.trim_start().starts_with('#')).map(|(i, _)| i).collect();
    if slots.is_empty() {
        return;
    }
    for (slot, value) in input.edits.iter().take(16) {
        let i = slots[*slot as usize % slots.len()];
        let line = &lines[i];
        // Within a flow mapping, replace the value of one of its keys; else the line's value.
        let parts: Vec<usize> = line.match_indices(": ").map(|(p, _)| p + 2).collect();
        let at = parts[(*slot as usize / slots.len()) % parts.len()];
        let end = line[at..].find([',', '}']).map_or(line.len(), |e| at + e);
        lines[i] = format!("{}{}{}", &line[..at], render(value), &line[end..]);
    }
    let text = lines.join("\n");
    let out = stocheck::harness::run_all(registry(), text.as_bytes());
    for (name, t) in out.texts.iter().filter(|(n, _)| *n == "table").chain([("stderr", out.stderr.clone())].iter()) {
        if let Some(c) = stocheck::harness::unsafe_char(t) {
            panic!("{name} holds control character U+{:04X}", c as u32);
        }
    }
});
