//! A new regulation whose parameter kinds exist is one rule file plus its two `init` templates,
//! with no Rust edit. The regulation here (`sto-proef`, 15% cofinancing) exists only in
//! `tests/data/nieuwe-regeling/`; it is given to the real binary with `--rules DIR` and a plan of
//! it is checked end to end.

mod common;

use std::path::{Path, PathBuf};

use common::check_json;
use serde_json::Value;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nieuwe-regeling")
}

/// A folder with the test regulation's rule file, its cofinancing percentage set to `pct`, and
/// the shipped complete 2025–2028 plan (with its attachments) rewritten to that regulation.
fn setup(pct: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let rules = d.path().join("regels");
    std::fs::create_dir(&rules).unwrap();
    let set = std::fs::read_to_string(data().join("sto-proef.yaml")).unwrap();
    assert_eq!(set.matches("waarde: \"15\"").count(), 2, "the test edits both percentages");
    std::fs::write(rules.join("sto-proef.yaml"), set.replace("waarde: \"15\"", &format!("waarde: \"{pct}\""))).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2025-2028/aanvraag");
    let plan_dir = d.path().join("plan");
    std::fs::create_dir_all(plan_dir.join("bijlagen")).unwrap();
    for e in std::fs::read_dir(example.join("bijlagen")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), plan_dir.join("bijlagen").join(e.file_name())).unwrap();
    }
    let text = std::fs::read_to_string(example.join("aanvraag.yaml")).unwrap();
    assert_eq!(text.matches("regeling: sto-2025-2028\n").count(), 1);
    let plan = plan_dir.join("aanvraag.yaml");
    std::fs::write(&plan, text.replace("regeling: sto-2025-2028\n", "regeling: sto-proef\n")).unwrap();
    (d, rules, plan)
}

fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    let fs = report["files"][0]["findings"].as_array().expect("findings");
    let of: Vec<&Value> = fs.iter().filter(|f| f["rule"] == rule).collect();
    assert_eq!(of.len(), 1, "{rule}: {of:#?}");
    of[0]
}

#[test]
fn a_plan_of_a_regulation_from_test_data_is_checked_end_to_end() {
    // The plan's cofinancing is € 220.000,00 of € 1.474.250,70 costs: 14.92%.
    let (_d, rules, plan) = setup("15");
    let (code, report) = check_json(&["--rules", rules.to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(code, 1, "{report:#}");
    let file = &report["files"][0];
    assert_eq!(file["regeling"], "sto-proef");
    assert_eq!(file["rules"]["id"], "sto-proef");
    assert_eq!(file["verdict"], "fail");
    let cof = finding(&report, "cofinanciering/minimum");
    assert_eq!(cof["outcome"], "fail", "{cof:#}");
    assert_eq!(cof["found"], "220000.00");
    assert!(cof["source"].as_str().unwrap().starts_with("Proefbron"), "{cof:#}");
    // Everything else of the plan meets the new regulation as it met 2025–2028.
    let others: Vec<&Value> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] != "cofinanciering/minimum" && (f["outcome"] == "fail" || f["outcome"] == "warn"))
        .collect();
    assert!(others.is_empty(), "{others:#?}");

    // The same plan under the same regulation at 14% passes: the rule file decides.
    let (_d, rules, plan) = setup("14");
    let (code, report) = check_json(&["--rules", rules.to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(finding(&report, "cofinanciering/minimum")["outcome"], "pass");
}

#[test]
fn the_new_regulations_templates_are_documents_of_it() {
    // Each template loads as an application of the new regulation (no exit 2) and, untouched,
    // is refused on purpose (exit 1), as the built-in templates are.
    let (_d, rules, _) = setup("15");
    for lang in ["nl", "en"] {
        let template = data().join(format!("templates/sto-proef.{lang}.yaml"));
        let (code, report) = check_json(&["--rules", rules.to_str().unwrap(), template.to_str().unwrap()]);
        assert_eq!(code, 1, "{lang}: {report:#}");
        assert_eq!(report["files"][0]["regeling"], "sto-proef");
        assert_eq!(report["files"][0]["errors"].as_array().map(Vec::len), Some(0), "{report:#}");
    }
}
