//! What the reports tell scripts and people beyond their snapshots: every finding's key names one
//! finding (formaat.md §5.1), and how much the table prints by default, with `--verbose` and
//! with `--quiet` (formaat.md §5.4).

mod common;

use std::collections::BTreeMap;

use common::{check_json, root, stocheck};
use serde_json::Value;
use stocheck::messages::{Lang, text};

fn findings(file: &Value) -> &Vec<Value> {
    file["findings"].as_array().unwrap()
}

/// In every example and fixture, no two findings of one rule are about the same subject, so a
/// key (`rule#subject`) names one finding; the key is exactly the rule, `#`, the subject. And the
/// corpus really has rules with several findings in one file, so this is not vacuous.
#[test]
fn keys_name_one_finding_in_every_example_and_fixture() {
    let mut several = 0;
    for dir in ["examples", "tests/fixtures"] {
        let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join(dir).to_str().unwrap()]);
        for f in report["files"].as_array().unwrap() {
            let mut per_rule: BTreeMap<&str, Vec<Option<&str>>> = BTreeMap::new();
            let mut keys = std::collections::BTreeSet::new();
            for x in findings(f) {
                let rule = x["rule"].as_str().unwrap();
                let subject = x["subject"].as_str();
                per_rule.entry(rule).or_default().push(subject);
                match subject {
                    Some(s) => {
                        assert!(!s.is_empty() && !s.contains('#'), "{}: subject {s:?}", f["path"]);
                        let key = x["key"].as_str().unwrap_or_else(|| panic!("{}: {rule} has a subject but no key", f["path"]));
                        assert_eq!(key, format!("{rule}#{s}"));
                        assert!(keys.insert(key.to_string()), "{}: key {key} twice", f["path"]);
                    }
                    None => assert!(x.get("key").is_none(), "{}: {rule} has a key without a subject", f["path"]),
                }
            }
            for (rule, subjects) in per_rule {
                let mut seen = std::collections::BTreeSet::new();
                for s in &subjects {
                    assert!(seen.insert(*s), "{}: two findings of {rule} about {s:?}", f["path"]);
                }
                if subjects.len() > 1 {
                    several += 1;
                }
            }
        }
    }
    assert!(several >= 10, "only {several} rules with several findings in one file");
}

/// Two unsigned partners give two findings of `partners/ondertekening`, told apart by partner;
/// two cost lines with a wrong amount, by their place in `begroting`.
#[test]
fn two_findings_of_one_rule_have_their_own_subjects() {
    let d = tempfile::tempdir().unwrap();
    let src = root().join("examples/2025-2028/aanvraag");
    common::copy_dir(&src, d.path());
    let p = d.path().join("aanvraag.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    let changed = text.replace("ondertekend: true", "ondertekend: false");
    assert!(changed.matches("ondertekend: false").count() >= 3);
    std::fs::write(&p, changed).unwrap();
    let (_, report) = check_json(&["--peildatum", "2025-01-01", p.to_str().unwrap()]);
    let keys: Vec<&str> = findings(&report["files"][0])
        .iter()
        .filter(|x| x["rule"] == "partners/ondertekening")
        .map(|x| x["key"].as_str().unwrap())
        .collect();
    assert!(keys.len() >= 3, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("partners/ondertekening#partner:")), "{keys:?}");
    let unique: std::collections::BTreeSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len());
}

/// The head of the JSON per file: region, kind and the totals the table shows, as decimal
/// strings that add up as the table says (cofinancing as a share of the costs).
#[test]
fn json_has_region_kind_and_totals() {
    let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join("examples/2025-2028/aanvraag/aanvraag.yaml").to_str().unwrap()]);
    let f = &report["files"][0];
    assert_eq!(f["regio"]["naam"], "Techniekregio IJsselvallei");
    assert_eq!(f["regio"]["soort"], "techniekregio");
    assert_eq!(f["soort"], "aanvraag");
    let t = &f["totals"];
    // The table's head says: € 1.214.250,70 asked of € 1.500.000,00; € 220.000,00 of € 1.474.250,70 costs.
    assert_eq!(t["subsidie"], "1214250.70");
    assert_eq!(t["maximum"], "1500000.00");
    assert_eq!(t["cofinanciering"], "220000.00");
    assert_eq!(t["kosten"], "1474250.70");
    assert_eq!(t["eigen_bijdrage"], "40000.00");
}

fn table(args: &[&str]) -> String {
    let out = stocheck().current_dir(root()).env("COLUMNS", "100").args(["check", "--peildatum", "2025-01-01"]).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of a table report that start a finding (its status mark).
fn finding_lines(t: &str) -> usize {
    let marks: Vec<String> = ["pass", "warn", "fail", "skip"].iter().map(|o| text(&format!("rapport.status-{o}"), Lang::Nl)).collect();
    t.lines().filter(|l| marks.iter().any(|m| l.trim_start().starts_with(m.as_str()))).count()
}

/// formaat.md §5.4: the small passing example in at most 20 lines; with `--verbose` every
/// finding has its line.
#[test]
fn passing_plan_is_short_by_default_and_whole_with_verbose() {
    let plan = "examples/2025-2028/aanvraag/aanvraag.yaml";
    let short = table(&[plan]);
    assert!(short.lines().count() <= 20, "{} lines:\n{short}", short.lines().count());
    assert_eq!(finding_lines(&short), 0, "{short}");
    let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join(plan).to_str().unwrap()]);
    let n = findings(&report["files"][0]).len();
    let verbose = table(&["--verbose", plan]);
    assert_eq!(finding_lines(&verbose), n, "{verbose}");
}

/// By default every failure and warning is listed in full, passes and skips are not.
#[test]
fn problems_are_listed_in_full_by_default() {
    let dir = "examples/2020-2023/fouten/partners-alleen-overheid";
    let t = table(&[dir]);
    let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join(dir).to_str().unwrap()]);
    let f = &report["files"][0];
    let problems = findings(f).iter().filter(|x| matches!(x["outcome"].as_str(), Some("fail" | "warn"))).count();
    assert!(problems >= 2);
    assert_eq!(finding_lines(&t), problems, "{t}");
    assert!(!t.contains(&text("rapport.status-pass", Lang::Nl)));
}

/// `--quiet`: one line per file, and the load errors of a file that cannot be read.
#[test]
fn quiet_prints_a_line_per_file_and_the_errors() {
    let t = table(&["--quiet", "examples/2024", "tests/fixtures/laden-onbekende-sleutel/aanvraag.yaml"]);
    let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join("examples/2024").to_str().unwrap()]);
    let n = report["files"].as_array().unwrap().len();
    let file_lines: Vec<&str> = t.lines().filter(|l| l.starts_with("examples/") || l.starts_with("tests/")).collect();
    assert_eq!(file_lines.len(), n + 1, "{t}");
    assert!(file_lines.last().unwrap().contains(&text("rapport.oordeel-error", Lang::Nl)), "{t}");
    // The error is drawn under its file, with its place.
    assert!(t.contains("aanvraag.yaml:"), "{t}");
    assert!(t.lines().count() > n + 1, "{t}");
    assert_eq!(finding_lines(&t), 0);
}

/// With several files the table ends with the overview: a row per file with its verdict and
/// figures; with one file there is none.
#[test]
fn several_files_end_with_an_overview() {
    let t = table(&["examples/2024"]);
    let (_, report) = check_json(&["--peildatum", "2025-01-01", root().join("examples/2024").to_str().unwrap()]);
    let at = t.find("Overzicht\n").expect("overview");
    let overview = &t[at..];
    assert!(overview.contains("┌") && overview.contains("└"));
    // A row per file, starting with its path, each with its verdict and its subsidy in Dutch.
    let files = report["files"].as_array().unwrap();
    let rows: Vec<&str> = overview.lines().filter(|l| l.starts_with("│ examples/2024/")).collect();
    assert_eq!(rows.len(), files.len(), "{overview}");
    for (row, f) in rows.iter().zip(files) {
        let verdict = text(if f["verdict"] == "pass" { "rapport.oordeel-pass" } else { "rapport.oordeel-fail" }, Lang::Nl);
        assert!(row.contains(&verdict) && row.contains("€ 933.000,0"), "{row}");
    }
    assert!(!table(&["examples/2024/aanvullende-aanvraag"]).contains("Overzicht"));
}

/// The walk's skipped files reach the JSON's top-level `skipped`, with path, reason and id, and
/// the plan beside them is still checked.
#[test]
fn json_lists_what_the_walk_skipped() {
    let d = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("examples/2024/aanvullende-aanvraag"), &d.path().join("plan"));
    std::fs::write(d.path().join("mkdocs.yml"), "site_name: plannen\n").unwrap();
    let (code, report) = check_json(&["--peildatum", "2025-01-01", d.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("mkdocs.yml"));
    assert_eq!(skipped[0]["id"], "overgeslagen.geen-regeling");
    assert!(!skipped[0]["reason"].as_str().unwrap().is_empty());
}

/// The table names each source its shown problems cite once, by title and address, so a key such
/// as `[DUSI25]` can be looked up; a passing plan has no such block.
#[test]
fn the_table_lists_the_sources_of_its_problems_by_title() {
    let t = table(&["examples/2025-2028/fouten/cofinanciering-te-laag/cofinanciering-te-laag.yaml"]);
    let block = t.split("\nBronnen\n").nth(1).unwrap_or_else(|| panic!("no sources block:\n{t}"));
    assert!(block.contains("[DUSI25] DUS-I, subsidiepagina Sterk techniekonderwijs 2025"), "{block}");
    assert!(block.contains("https://www.dus-i.nl/subsidies/sterk-techniekonderwijs-2025"), "{block}");
    assert_eq!(block.matches("[DUSI25]").count(), 1, "{block}");
    let pass = table(&["examples/2025-2028/aanvraag/aanvraag.yaml"]);
    assert!(!pass.contains("\nBronnen\n"), "{pass}");
}
