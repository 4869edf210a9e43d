//! The built-in scenarios of the built-in rule sets hold: `stocheck test` exits 0, runs at least
//! 40 of them, and every one names the source its expectation rests on. (A failing and an invalid
//! scenario, exit 1 and 2, are in `tests/cmd/test.md`.)

mod common;

use common::stocheck;

#[test]
fn builtin_scenarios_hold() {
    let out = stocheck().args(["test", "--format", "json"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = v["scenarios"].as_array().unwrap();
    assert!(list.len() >= 40, "only {} built-in scenarios", list.len());
    assert_eq!(v["summary"]["passed"], list.len());
    for s in list {
        assert_eq!(s["result"], "pass", "{s}");
        let source = s["source"].as_str().unwrap_or("");
        assert!(source.trim().len() > 10, "{}: no real source", s["path"]);
    }
}

#[test]
fn builtin_run_says_how_many_held_in_both_languages() {
    let nl = stocheck().args(["--lang", "nl", "test"]).output().unwrap();
    let nl = String::from_utf8(nl.stdout).unwrap();
    let last = nl.lines().last().unwrap();
    let n = last.split(' ').next().unwrap().parse::<usize>().unwrap();
    assert_eq!(last, format!("{n} scenario's: {n} geslaagd, 0 mislukt"));
    let en = stocheck().args(["--lang", "en", "test"]).output().unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert_eq!(en.lines().last().unwrap(), format!("{n} scenarios: {n} passed, 0 failed"));
}
