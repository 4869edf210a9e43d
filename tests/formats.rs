//! The report formats as a script meets them, without outside software: several formats in one
//! run, byte-identical output for the same input in every format, no terminal colour codes, the
//! committed JSON Schema up to date, and docs/ci.md showing exactly the tested CI snippets. The
//! real consumers of each format are in tests/clients.rs.

mod common;

use std::path::Path;

use common::{root, stocheck};
use predicates::prelude::*;

const FORMATS: [&str; 7] = ["table", "json", "junit", "sarif", "github", "markdown", "html"];

fn examples() -> String {
    root().join("examples").display().to_string()
}

fn run(args: &[&str]) -> std::process::Output {
    stocheck().args(args).output().expect("runs")
}

/// Runs one format twice, more than a second apart (moments are whole seconds), on every example,
/// a broken file and one without `indiening.moment`: the bytes must be the same, so nothing reads the clock once `--peildatum`
/// is given.
fn deterministic(format: &str) {
    let broken = root().join("tests/fixtures/laden-onbekende-sleutel/aanvraag.yaml");
    // A file without indiening.moment, judged on the peildatum.
    let undated = root().join("tests/fixtures/moment-uit-peildatum/aanvraag.yaml");
    let args = ["check", "--peildatum", "2025-01-01", "--format", format, &examples(), broken.to_str().unwrap(), undated.to_str().unwrap()];
    let a = run(&args);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = run(&args);
    assert_eq!(a.status.code(), Some(2), "{format}");
    assert!(!a.stdout.is_empty(), "{format}: empty");
    assert!(a.stdout == b.stdout, "{format} differs between two runs");
}

macro_rules! deterministic_tests {
    ($($name:ident: $format:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                deterministic($format);
            }
        )*
    };
}

deterministic_tests! {
    same_input_same_table: "table",
    same_input_same_json: "json",
    same_input_same_junit: "junit",
    same_input_same_sarif: "sarif",
    same_input_same_github: "github",
    same_input_same_markdown: "markdown",
    same_input_same_html: "html",
}

#[test]
fn no_format_carries_terminal_colour_codes() {
    let d = tempfile::tempdir().unwrap();
    // A partner name with a colour code in it, in a failing finding.
    let hostile = common::hostile_application(d.path());
    assert!(common::HOSTILE_NAAM.contains('\u{1b}'));
    // The table is for terminals and gets colour of its own elsewhere; these six never carry any.
    for format in FORMATS.iter().filter(|f| **f != "table") {
        let out = run(&["check", "--peildatum", "2025-01-01", "--format", format, &examples(), hostile.to_str().unwrap()]);
        assert!(!out.stdout.contains(&0x1b), "{format} has an escape character");
        assert!(!out.stdout.is_empty());
    }
    // The table without colour carries none either: the application's escape code is shown as
    // a control picture, on stdout and in the diagnostics on stderr.
    let out = run(&["check", "--color", "never", "--peildatum", "2025-01-01", &examples(), hostile.to_str().unwrap()]);
    assert!(!out.stdout.contains(&0x1b), "the table passed an escape code through");
    assert!(!out.stderr.contains(&0x1b), "stderr passed an escape code through");
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{241b}'), "the escape code is shown as ␛");
}

#[test]
fn several_formats_in_one_run_each_to_its_own_file() {
    let d = tempfile::tempdir().unwrap();
    let file = |n: &str| d.path().join(n).display().to_string();
    let out = run(&[
        "check",
        "--peildatum",
        "2025-01-01",
        "--format",
        "table",
        "--format",
        &format!("sarif={}", file("r.sarif")),
        "--format",
        &format!("json={}", file("r.json")),
        "--format",
        &format!("junit={}", file("r.xml")),
        "--format",
        &format!("markdown={}", file("r.md")),
        "--format",
        &format!("github={}", file("r.txt")),
        &examples(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    // Each file holds exactly what that format alone prints; stdout holds the table.
    for (format, name) in [("table", None), ("sarif", Some("r.sarif")), ("json", Some("r.json")), ("junit", Some("r.xml")), ("markdown", Some("r.md")), ("github", Some("r.txt"))] {
        let alone = run(&["check", "--peildatum", "2025-01-01", "--format", format, &examples()]).stdout;
        let got = match name {
            None => out.stdout.clone(),
            Some(n) => std::fs::read(d.path().join(n)).unwrap(),
        };
        assert_eq!(got, alone, "{format}");
    }
}

#[test]
fn at_most_one_format_to_stdout_and_one_per_file() {
    stocheck()
        .args(["check", "--format", "table", "--format", "json", &examples()])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("table, json"));
    stocheck()
        .args(["check", "--format", "json=x.json", "--format", "sarif=x.json", &examples()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("x.json"));
    stocheck().args(["check", "--format", "sarif=", &examples()]).assert().code(2);
    stocheck().args(["check", "--format", "pdf=x.pdf", &examples()]).assert().code(2);
    // `NAME=-` is stdout.
    let out = run(&["check", "--peildatum", "2025-01-01", "--format", "json=-", &examples()]);
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
}

#[test]
fn an_unwritable_report_file_is_an_error_and_the_others_still_come() {
    let d = tempfile::tempdir().unwrap();
    let ok = d.path().join("r.json");
    let bad = d.path().join("bestaat-niet/r.sarif");
    let f = root().join("examples/2025-2028/aanvraag/aanvraag.yaml");
    stocheck()
        .args(["check", "--format", &format!("sarif={}", bad.display()), "--format", &format!("json={}", ok.display()), f.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bestaat-niet/r.sarif"));
    assert!(ok.is_file());
}

#[test]
fn committed_schema_is_current() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("schema/aanvraag.schema.json")).unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schema/aanvraag.schema.json is stale: run `cargo run -q -- schema > schema/aanvraag.schema.json` and commit it"
    );
}

#[test]
fn committed_report_schema_is_current() {
    let out = run(&["schema", "--report"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(root().join("schema/rapport.schema.json")).unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schema/rapport.schema.json is stale: run `cargo run -q -- schema --report > schema/rapport.schema.json` and commit it"
    );
}

/// The fenced block that follows `<!-- docs/ci/NAME -->` in docs/ci.md.
fn block_after(doc: &str, marker: &str) -> Option<String> {
    let start = doc.find(marker)? + marker.len();
    let rest = &doc[start..];
    let fence = rest.find("```")?;
    let body_start = fence + rest[fence..].find('\n')? + 1;
    let body_end = body_start + rest[body_start..].find("\n```")? + 1;
    Some(rest[body_start..body_end].to_string())
}

#[test]
fn ci_docs_show_exactly_the_tested_snippets() {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(root().join("docs/ci")).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().to_string();
        let file = std::fs::read_to_string(e.path()).unwrap();
        let marker = format!("<!-- docs/ci/{name} -->");
        let shown = block_after(&doc, &marker).unwrap_or_else(|| panic!("docs/ci.md has no block after {marker}"));
        assert_eq!(shown, file, "docs/ci.md differs from docs/ci/{name}");
        n += 1;
    }
    assert!(n >= 2, "docs/ci/ should hold the GitHub and GitLab snippets");
    // The pre-commit hook file is the one documented too.
    assert!(Path::new(&root().join(".pre-commit-hooks.yaml")).is_file());
}

#[test]
fn junit_warnings_fail_only_under_fail_on_warn() {
    let f = root().join("examples/2025-2028/waarschuwingen/vooraanmelding-1-juli/vooraanmelding-1-juli.yaml");
    let junit = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "junit"];
        args.extend_from_slice(extra);
        args.push(f.to_str().unwrap());
        String::from_utf8(run(&args).stdout).unwrap()
    };
    let normal = junit(&[]);
    assert!(!normal.contains("<failure") && normal.contains("<system-out>"), "{normal}");
    let strict = junit(&["--fail-on", "warn"]);
    assert!(strict.contains("<failure") && strict.contains("termijnen/venster"), "{strict}");
}
