//! Waivers (`uitzonderingen`, formaat.md §5.2) through the real binary: the shipped example that
//! fails without its waiver and passes with it, and the edges: a rule that does not exist, a key
//! that this run does not have, an end date on the very peildatum, a waiver on a warning under
//! `--fail-on warn`, two waivers for one finding, a broad waiver, a plan read from stdin, and a
//! waiver on a load error.

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, copy_dir, root, stocheck};
use serde_json::Value;

const EXAMPLE: &str = "examples/2025-2028/uitzondering/uitzondering.yaml";

fn example() -> String {
    root().join(EXAMPLE).display().to_string()
}

/// A copy of a shipped example folder in `dir`, its application edited by `edit` and ending in
/// the waivers `waivers` (YAML list items); returns the application's path.
fn plan(dir: &Path, example: &str, edit: impl Fn(String) -> String, waivers: &str) -> PathBuf {
    let from = root().join(example);
    let folder = from.parent().unwrap();
    let to = dir.join("plan");
    copy_dir(folder, &to);
    let file = to.join(from.file_name().unwrap());
    let text = edit(std::fs::read_to_string(&file).unwrap());
    let text = if waivers.is_empty() { text } else { format!("{}\nuitzonderingen:\n{waivers}", text.trim_end()) };
    std::fs::write(&file, text).unwrap();
    file
}

/// One waiver as a YAML list item.
fn waiver(regel: &str, tot: Option<&str>) -> String {
    let mut s = format!("  - regel: \"{regel}\"\n    reden: DUS-I stemt in\n    kenmerk: DUSI-1\n    datum: 2024-09-01\n");
    if let Some(t) = tot {
        s.push_str(&format!("    tot: {t}\n"));
    }
    s
}

fn findings(report: &Value) -> &Vec<Value> {
    report["files"][0]["findings"].as_array().unwrap()
}

fn by_rule<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    findings(report).iter().filter(|f| f["rule"] == rule).collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Two hourly rates above the guideline without a motivation (two findings of one rule), the
/// extra € 13.700,00 of costs paid by the schools themselves so the financing still covers them.
fn two_rates_above_the_guideline(t: String) -> String {
    t.replacen("uurtarief: 57.50\n    bedrag: 80500", "uurtarief: 65\n    bedrag: 91000", 1)
        .replacen("uurtarief: 55\n    bedrag: 17600", "uurtarief: 65\n    bedrag: 20800", 1)
        .replacen("eigen_bijdrage: 40000", "eigen_bijdrage: 53700", 1)
}

const COF_LAAG: &str = "examples/2025-2028/fouten/cofinanciering-te-laag/cofinanciering-te-laag.yaml";

#[test]
fn the_example_fails_without_its_waiver_and_passes_with_it() {
    let (code, report) = check_json(&[&example()]);
    assert_eq!(code, 0, "{report:#}");
    let file = &report["files"][0];
    assert_eq!(file["verdict"], "pass");
    let cof = by_rule(&report, "cofinanciering/minimum");
    // The finding stays, with its outcome, figures and the waiver beside it.
    assert_eq!(cof[0]["outcome"], "fail");
    assert_eq!(cof[0]["difference"], "-1425.07");
    assert_eq!(cof[0]["waiver"]["kenmerk"], "DUSI-STO-2024-004711");
    assert_eq!(cof[0]["waiver"]["datum"], "2024-09-20");
    assert_eq!(cof[0]["waiver"]["covers"], 1);
    assert!(cof[0]["waiver"].get("tot").is_none());
    assert_eq!(report["summary"]["findings"]["fail"], 0);
    assert_eq!(report["summary"]["findings"]["waived"], 1);
    let used = by_rule(&report, "uitzonderingen/ongebruikt");
    assert_eq!((used[0]["outcome"].as_str(), used[0]["key"].as_str()), (Some("pass"), Some("uitzonderingen/ongebruikt#uitzondering:1")));

    // --no-waivers: as if the file had none.
    let (code, report) = check_json(&["--no-waivers", &example()]);
    assert_eq!(code, 1);
    assert_eq!(report["files"][0]["verdict"], "fail");
    assert!(findings(&report).iter().all(|f| f.get("waiver").is_none() && !f["rule"].as_str().unwrap().starts_with("uitzonderingen/")));
    assert_eq!(report["summary"]["findings"]["waived"], 0);
    assert_eq!(report["summary"]["findings"]["fail"], 1);
}

#[test]
fn the_waiver_shows_in_every_format() {
    for format in ["table", "junit", "sarif", "github", "markdown", "html"] {
        let out = stocheck().args(["check", "--format", format, &example()]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("DUSI-STO-2024-004711"), "{format} does not show the waiver's reference:\n{text}");
        assert!(text.contains("Bouwbedrijf Hendriks"), "{format} does not show the waiver's reason:\n{text}");
    }
    let github = stocheck().args(["check", "--format", "github", &example()]).output().unwrap();
    let github = String::from_utf8_lossy(&github.stdout);
    assert!(github.lines().any(|l| l.starts_with("::notice ") && l.contains("cofinanciering/minimum")), "{github}");
    assert!(!github.lines().any(|l| l.starts_with("::error ")), "{github}");
    let sarif = stocheck().args(["check", "--format", "sarif", &example()]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "cofinanciering/minimum").unwrap();
    assert_eq!(r["level"], "error", "the result keeps its level");
    assert_eq!(r["suppressions"][0]["kind"], "external");
    assert_eq!(r["suppressions"][0]["status"], "accepted");
    assert!(r["suppressions"][0]["justification"].as_str().unwrap().contains("DUSI-STO-2024-004711"));
}

#[test]
fn a_rule_that_does_not_exist_is_a_load_error_with_a_suggestion() {
    let d = tempfile::tempdir().unwrap();
    let f = plan(d.path(), COF_LAAG, |t| t, &waiver("cofinanciering/minimun", None));
    let out = stocheck().args(["check", "--format", "json", s(&f)]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &report["files"][0]["errors"][0];
    assert_eq!(e["id"], "laden.uitzondering-regel-bedoeld");
    assert!(e["message"].as_str().unwrap().contains("bedoelde u `cofinanciering/minimum`?"), "{e}");
    assert!(e["line"].as_u64().is_some());
    // Drawn on stderr with the fix under the word.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Onbekende regel `cofinanciering/minimun` in een uitzondering"), "{stderr}");
    assert!(stderr.contains("bedoelde u `cofinanciering/minimum`?"), "{stderr}");
    // A key whose rule does not exist is the same error.
    let f = plan(d.path(), COF_LAAG, |t| t, &waiver("partners/minimun#soort:po", None));
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 2);
    assert_eq!(report["files"][0]["errors"][0]["id"], "laden.uitzondering-regel-bedoeld");
}

#[test]
fn a_key_that_this_run_does_not_have_is_unused_not_an_error() {
    let d = tempfile::tempdir().unwrap();
    // `partners/minimum#soort:po` fails in a plan without a po partner; here there is one.
    let f = plan(d.path(), "examples/2025-2028/aanvraag/aanvraag.yaml", |t| t, &waiver("partners/minimum#soort:po", None));
    let (code, report) = check_json(&["--peildatum", "2025-01-01", s(&f)]);
    assert_eq!(code, 0, "an unused waiver warns");
    let unused = by_rule(&report, "uitzonderingen/ongebruikt");
    assert_eq!(unused[0]["outcome"], "warn");
    assert!(unused[0]["message"].as_str().unwrap().contains("wordt niet gebruikt"), "{}", unused[0]);
    assert_eq!(unused[0]["line"].as_u64(), Some(std::fs::read_to_string(&f).unwrap().lines().position(|l| l.contains("regel: \"partners")).unwrap() as u64 + 1));
    // Under --fail-on warn it fails the file: a waiver nobody needs is a problem to clean up.
    let (code, _) = check_json(&["--peildatum", "2025-01-01", "--fail-on", "warn", s(&f)]);
    assert_eq!(code, 1);
}

#[test]
fn an_end_date_on_the_very_peildatum_still_holds_that_day() {
    let d = tempfile::tempdir().unwrap();
    let f = plan(d.path(), COF_LAAG, |t| t, &waiver("cofinanciering/minimum", Some("2025-01-01")));
    for peildatum in ["2025-01-01", "2025-01-01T23:59:59+01:00"] {
        let (code, report) = check_json(&["--peildatum", peildatum, s(&f)]);
        assert_eq!(code, 0, "{peildatum}");
        assert_eq!(by_rule(&report, "cofinanciering/minimum")[0]["waiver"]["tot"], "2025-01-01");
        let end = by_rule(&report, "uitzonderingen/verlopen");
        assert_eq!(end[0]["outcome"], "pass");
        assert_eq!(end[0]["difference"], "0");
        assert!(end[0]["note"].as_str().unwrap().starts_with("Vandaag is de laatste dag"), "{}", end[0]);
    }
    // The next day it has expired: the failure counts again, and the waiver warns.
    let (code, report) = check_json(&["--peildatum", "2025-01-02", s(&f)]);
    assert_eq!(code, 1);
    assert!(by_rule(&report, "cofinanciering/minimum")[0].get("waiver").is_none());
    let end = by_rule(&report, "uitzonderingen/verlopen");
    assert_eq!((end[0]["outcome"].as_str(), end[0]["difference"].as_str()), (Some("warn"), Some("-1")));
    assert_eq!(by_rule(&report, "uitzonderingen/ongebruikt")[0]["outcome"], "skip");
    // In English the dates follow the language.
    let out = stocheck().args(["--lang", "en", "check", "--format", "json", "--peildatum", "2025-01-02", s(&f)]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("has expired: it held up to and including 1 January 2025, the reference date is 2 January 2025"), "{text}");
    // Soon-ending: 30 days before gets the note, 31 days before does not.
    let (_, report) = check_json(&["--peildatum", "2024-12-02", s(&f)]);
    assert!(by_rule(&report, "uitzonderingen/verlopen")[0]["note"].as_str().unwrap().contains("30 dagen"));
    let (_, report) = check_json(&["--peildatum", "2024-12-01", s(&f)]);
    assert!(by_rule(&report, "uitzonderingen/verlopen")[0].get("note").is_none());
}

#[test]
fn a_waiver_on_a_warning_under_fail_on_warn() {
    let warn = "examples/2025-2028/waarschuwingen/uitgewerkt-plan-cofinanciering-laag/uitgewerkt-plan-cofinanciering-laag.yaml";
    let d = tempfile::tempdir().unwrap();
    let without = plan(d.path(), warn, |t| t, "");
    let (code, report) = check_json(&["--fail-on", "warn", s(&without)]);
    assert_eq!(code, 1, "the warning fails under --fail-on warn");
    assert_eq!(by_rule(&report, "cofinanciering/minimum")[0]["outcome"], "warn");
    let d = tempfile::tempdir().unwrap();
    let with = plan(d.path(), warn, |t| t, &waiver("cofinanciering/minimum", None));
    let (code, report) = check_json(&["--fail-on", "warn", s(&with)]);
    assert_eq!(code, 0, "{report:#}");
    let cof = by_rule(&report, "cofinanciering/minimum");
    assert_eq!((cof[0]["outcome"].as_str(), cof[0]["waiver"]["kenmerk"].as_str()), (Some("warn"), Some("DUSI-1")));
    assert_eq!(report["summary"]["findings"]["warn"], 0);
    // JUnit: the case does not fail, and says why.
    let out = stocheck().args(["check", "--fail-on", "warn", "--format", "junit", s(&with)]).output().unwrap();
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(xml.contains("Telt niet mee voor het oordeel: DUS-I stemde in met deze afwijking."), "{xml}");
}

#[test]
fn two_waivers_for_one_finding_the_key_wins_then_the_first() {
    let d = tempfile::tempdir().unwrap();
    let edit = two_rates_above_the_guideline;
    let bare = plan(d.path(), "examples/2025-2028/aanvraag/aanvraag.yaml", edit, "");
    let (_, report) = check_json(&[s(&bare)]);
    let keys: Vec<String> = by_rule(&report, "uurtarieven/intern").iter().filter(|f| f["outcome"] == "fail").map(|f| f["key"].as_str().unwrap().to_string()).collect();
    assert_eq!(keys.len(), 2, "{report:#}");

    // A waiver of the rule first, then one of the first finding's key, then the rule again.
    let d = tempfile::tempdir().unwrap();
    let waivers = [waiver("uurtarieven/intern", None), waiver(&keys[0], None), waiver("uurtarieven/intern", None)].concat();
    let f = plan(d.path(), "examples/2025-2028/aanvraag/aanvraag.yaml", edit, &waivers);
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 0, "{report:#}");
    let covered: Vec<(String, String)> = by_rule(&report, "uurtarieven/intern")
        .iter()
        .filter(|f| f["outcome"] == "fail")
        .map(|f| (f["key"].as_str().unwrap().to_string(), f["waiver"]["subject"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(covered, vec![(keys[0].clone(), "uitzondering:2".to_string()), (keys[1].clone(), "uitzondering:1".to_string())]);
    let used: Vec<(&str, &str)> = by_rule(&report, "uitzonderingen/ongebruikt").iter().map(|f| (f["outcome"].as_str().unwrap(), f["found"].as_str().unwrap())).collect();
    assert_eq!(used, vec![("pass", "1"), ("pass", "1"), ("warn", "0")]);
    let third = by_rule(&report, "uitzonderingen/ongebruikt")[2];
    assert!(third["message"].as_str().unwrap().contains("is overbodig: wat ze noemt, valt al onder uitzondering nr. 1"), "{third}");
}

#[test]
fn a_broad_waiver_says_how_many_findings_it_covers() {
    let d = tempfile::tempdir().unwrap();
    let edit = two_rates_above_the_guideline;
    let f = plan(d.path(), "examples/2025-2028/aanvraag/aanvraag.yaml", edit, &waiver("uurtarieven/intern", None));
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 0);
    for x in by_rule(&report, "uurtarieven/intern").iter().filter(|f| f["outcome"] == "fail") {
        assert_eq!(x["waiver"]["covers"], 2);
    }
    let used = by_rule(&report, "uitzonderingen/ongebruikt")[0];
    assert!(used["message"].as_str().unwrap().contains("geldt voor 2 bevindingen"), "{used}");
    assert!(used["note"].as_str().unwrap().contains("hele regel"), "{used}");
    let out = stocheck().env("COLUMNS", "400").args(["check", s(&f)]).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("deze uitzondering op de hele regel geldt voor 2 bevindingen"), "{table}");
}

#[test]
fn a_waiver_in_a_plan_read_from_stdin() {
    let out = stocheck().args(["check", "--format", "json", "-"]).write_stdin(std::fs::read(root().join(EXAMPLE)).unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "-");
    assert_eq!(by_rule(&report, "cofinanciering/minimum")[0]["waiver"]["kenmerk"], "DUSI-STO-2024-004711");
    // Without a folder the attachments are skipped, never waived.
    assert!(by_rule(&report, "documenten/onderdelen").iter().all(|f| f["outcome"] == "skip" && f.get("waiver").is_none()));
}

#[test]
fn a_load_error_cannot_be_waived() {
    let d = tempfile::tempdir().unwrap();
    // Naming the pseudo-rule of load errors: refused, saying why.
    let f = plan(d.path(), COF_LAAG, |t| t, &waiver("laden", None));
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 2);
    let e = &report["files"][0]["errors"][0];
    assert_eq!(e["id"], "laden.uitzondering-laden");
    assert!(e["message"].as_str().unwrap().contains("Voor een fout bij het lezen van het bestand bestaat geen uitzondering"), "{e}");
    // A file with a load error stays unreadable whatever waivers it has.
    let f = plan(d.path(), COF_LAAG, |t| t.replacen("soort: bedrijf", "soort: bedrjf", 1), &waiver("partners/minimum", None));
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 2);
    assert_eq!(report["files"][0]["verdict"], "error");
    // Nor can a waiver be about the waivers.
    let f = plan(d.path(), COF_LAAG, |t| t, &waiver("uitzonderingen/ongebruikt", None));
    let (_, report) = check_json(&[s(&f)]);
    assert_eq!(report["files"][0]["errors"][0]["id"], "laden.uitzondering-op-uitzondering");
}

#[test]
fn a_waiver_misses_nothing_it_must_have() {
    let d = tempfile::tempdir().unwrap();
    let f = plan(d.path(), COF_LAAG, |t| t, "  - regel: cofinanciering/minimum\n    reden: r\n    datum: 2024-09-01\n");
    let (code, report) = check_json(&[s(&f)]);
    assert_eq!(code, 2);
    assert!(report["files"][0]["errors"][0]["message"].as_str().unwrap().contains("`kenmerk` ontbreekt"), "{report:#}");
    let f = plan(d.path(), COF_LAAG, |t| t, "  - regel: cofinanciering/minimum\n    reden: r\n    kenmerk: K\n    datum: 2024-09-01\n    tot: 2024-13-01\n");
    let (code, _) = check_json(&[s(&f)]);
    assert_eq!(code, 2, "an impossible end date");
    let f = plan(d.path(), COF_LAAG, |t| t, "  - regel: cofinanciering/minimum\n    reden: r\n    kenmerk: K\n    datum: 2024-09-01\n    tot: 2024-08-31\n");
    let (_, report) = check_json(&[s(&f)]);
    assert_eq!(report["files"][0]["errors"][0]["id"], "laden.uitzondering-tot-voor-datum");
}

#[test]
fn explain_knows_the_waivers_rules() {
    let out = stocheck().args(["explain", "uitzonderingen"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.contains("uitzonderingen/verlopen") && text.contains("uitzonderingen/ongebruikt"), "{text}");
    let out = stocheck().args(["--lang", "en", "explain", "uitzonderingen/ongebruikt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A waiver must cover a failure or warning"));
}
