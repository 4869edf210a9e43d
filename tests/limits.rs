//! The reader's limits (formaat.md §1): a realistic large budget is read; hostile or broken input
//! ends in a clear error with exit code 2, never a panic or a hang.

mod common;

use common::{check_json, stocheck};
use predicates::prelude::*;

use stocheck::testdata::HEAD;

fn write(dir: &std::path::Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_hundred_thousand_line_budget_is_read() {
    let d = tempfile::tempdir().unwrap();
    let lines = 12_500;
    let text = stocheck::testdata::large_application(lines);
    assert!(text.lines().count() >= 100_000);
    let f = write(d.path(), "groot.yaml", text.as_bytes());
    let (code, r) = check_json(&[f.to_str().unwrap()]);
    assert_ne!(code, 2, "{}", r["files"][0]["errors"]);
    let cof = r["files"][0]["findings"].as_array().unwrap().iter().find(|x| x["rule"] == "cofinanciering/minimum").unwrap().clone();
    assert_eq!(cof["found"], format!("{}.00", 600 * lines / 10));
    assert_eq!(cof["outcome"], "pass");
}

#[test]
fn alias_bomb_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let f = write(d.path(), "bom.yaml", text.as_bytes());
    stocheck().args(["check", f.to_str().unwrap()]).timeout(std::time::Duration::from_secs(60)).assert().code(2);
}

#[test]
fn too_deep_nesting_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::from(HEAD);
    text.push_str("begroting: ");
    text.push_str(&"[".repeat(100));
    text.push_str(&"]".repeat(100));
    text.push('\n');
    let f = write(d.path(), "diep.yaml", text.as_bytes());
    stocheck().args(["check", f.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains("diep.yaml:"));
}

#[test]
fn too_large_file_is_refused_before_reading() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("groot.yaml");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    stocheck().args(["check", p.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains("te groot"));
}

#[test]
fn not_utf8_names_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"  - { id: x, naam: \xff\xfe, doelgroepen: [po] }\n");
    let f = write(d.path(), "latin1.yaml", &bytes);
    stocheck()
        .args(["check", f.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("latin1.yaml:13:20: "))
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn garbage_never_panics() {
    let d = tempfile::tempdir().unwrap();
    let cases: &[&[u8]] = &[b"{", b"- - - -", b"regeling: [", b"\x00\x01", b"regeling: !!binary AAAA\n", b"? [a]\n: b\n", b"*unknown\n", b"regeling: sto-2025-2028\nindiening: 5\n"];
    for (i, c) in cases.iter().enumerate() {
        let f = write(d.path(), &format!("g{i}.yaml"), c);
        let out = stocheck().args(["check", f.to_str().unwrap()]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "case {i}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "case {i}");
    }
}

/// Thousands of small corruptions of a real application (a byte deleted, doubled or replaced by a
/// YAML-significant character): each is read, and checked when it still loads, without a panic.
/// Deterministic: a fixed linear congruential sequence chooses the places.
#[test]
fn corrupted_applications_never_panic() {
    use stocheck::aanvraag::load_text;
    use stocheck::engine::{Ctx, MomentFrom};
    use stocheck::regeling::Registry;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = std::fs::read_to_string(root.join("examples/2020-2023/aanvraag/aanvraag.yaml")).unwrap();
    let registry = Registry::builtin().unwrap();
    let vocab = registry.vocabulary();
    let specials = [":", "-", " ", "\n", "[", "]", "{", "}", "&a", "*a", "'", "\"", "#", "!!", "|", ">", "0", "9", ".", "~"];
    let mut seed: u64 = 0x5354_4f43_4845_434b;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let (mut loaded, mut refused) = (0, 0);
    for round in 0..1000 {
        let mut text = base.clone();
        let at = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).nth(next(text.len())).unwrap_or(0);
        let end = (at + 1..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(at);
        match round % 3 {
            0 => text.replace_range(at..end, ""),
            1 => text.insert_str(at, &base[at..end]),
            _ => text.replace_range(at..end, specials[next(specials.len())]),
        }
        let result = std::panic::catch_unwind(|| match load_text(&text, &vocab) {
            Ok(a) => {
                let set = registry.get(&a.regeling.value).expect("the loader accepts only known ids");
                let moment = a.indiening.value.moment.as_ref().map(|m| m.value).unwrap_or_else(stocheck::run::now);
                let ctx = Ctx::new(&a, set, moment, MomentFrom::Indiening, None);
                assert!(!stocheck::checks::run(&ctx).is_empty());
                true
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                false
            }
        });
        match result {
            Ok(true) => loaded += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("round {round}: a panic on this input:\n{text}"),
        }
    }
    // Both paths were exercised, so the test means something.
    assert!(loaded > 100 && refused > 100, "loaded {loaded}, refused {refused}");
}
