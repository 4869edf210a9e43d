//! Every format accepted by the software that really consumes it, run offline from the local
//! virtual environment that `scripts/test.sh` installs (tests/requirements.txt):
//!
//! - JUnit read by `junitparser`: its counts of tests, failures, errors and skips agree with the
//!   JSON report of the same run;
//! - SARIF validated by `check-jsonschema` against the official SARIF 2.1.0 schema (tests/data);
//! - the application schema validating every example and rejecting a broken application;
//! - the CI snippets of docs/ci.md validated by check-jsonschema's bundled GitHub-workflow and
//!   GitLab-CI schemas;
//! - the Markdown rendered by `cmarkgfm` (GitHub's cmark-gfm) into HTML tables;
//! - the pre-commit framework running the hook in a temporary repository;
//! - the github format parsed by a parser written from the Actions runner's rules, against an
//!   application with hostile names.
//!
//! Without the tools these tests fail and say to run scripts/test.sh; `STOCHECK_SKIP_CLIENTS=1`
//! skips them knowingly.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{HOSTILE_NAAM, copy_dir, hostile_application, ok, root, stocheck, text};
use serde_json::Value;

/// The virtual environment with the real clients.
struct Venv {
    bin: PathBuf,
}

impl Venv {
    fn cmd(&self, tool: &str) -> Command {
        Command::new(self.bin.join(tool))
    }

    /// Runs a Python snippet with arguments; returns stdout, panicking with stderr on failure.
    fn python(&self, code: &str, args: &[&str], stdin: Option<&[u8]>) -> String {
        use std::io::Write;
        let mut c = self.cmd("python");
        c.arg("-c").arg(code).args(args);
        c.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let mut child = c.spawn().expect("python runs");
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or_default()).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "python failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }
}

/// The clients, or `None` when skipped on purpose. Missing clients fail the test.
fn venv() -> Option<Venv> {
    if std::env::var("STOCHECK_SKIP_CLIENTS").is_ok_and(|v| v == "1") {
        eprintln!("STOCHECK_SKIP_CLIENTS=1: test with the real clients skipped");
        return None;
    }
    let dir = std::env::var_os("STOCHECK_VENV").map(PathBuf::from).unwrap_or_else(|| root().join(".venv"));
    let bin = dir.join("bin");
    let hint = "run scripts/test.sh, which installs the real clients (tests/requirements.txt) into .venv \
                and runs the tests with them (or set STOCHECK_SKIP_CLIENTS=1 to skip these tests knowingly)";
    for tool in ["python", "check-jsonschema", "pre-commit"] {
        assert!(bin.join(tool).is_file(), "{} is missing: {hint}", bin.join(tool).display());
    }
    let ok = Command::new(bin.join("python")).args(["-c", "import junitparser, cmarkgfm"]).status().is_ok_and(|s| s.success());
    assert!(ok, "junitparser or cmarkgfm is missing in {}: {hint}", dir.display());
    Some(Venv { bin })
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn examples() -> PathBuf {
    root().join("examples")
}

fn broken() -> PathBuf {
    root().join("tests/fixtures/laden-onbekende-sleutel/aanvraag.yaml")
}

/// Runs `stocheck check --peildatum 2025-01-01` with JSON on stdout and the other formats to
/// files in `dir`; returns the exit code, the JSON report, and the path of each format's file.
fn check(dir: &Path, formats: &[&str], paths: &[&Path]) -> (i32, Value, BTreeMap<String, PathBuf>) {
    let mut c = stocheck();
    c.args(["check", "--peildatum", "2025-01-01", "--format", "json"]);
    let mut files = BTreeMap::new();
    for f in formats {
        let p = dir.join(format!("rapport.{f}"));
        c.arg("--format").arg(format!("{f}={}", p.display()));
        files.insert(f.to_string(), p);
    }
    let out = c.args(paths.iter().map(|p| s(p))).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).expect("JSON report");
    (out.status.code().unwrap(), report, files)
}

/// Per file of the JSON report: (test cases, failures, errors, skipped) as the JUnit writer
/// promises them: one case per rule, failing when any finding fails (unless a waiver covers it),
/// skipped when all skip, and one error case for a file that could not be read.
fn expected_junit(file: &Value) -> (usize, usize, usize, usize) {
    let mut rules: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in file["findings"].as_array().unwrap() {
        let r = f["rule"].as_str().unwrap();
        let o = if f.get("waiver").is_some() { "waived" } else { f["outcome"].as_str().unwrap() };
        match rules.iter_mut().find(|(x, _)| *x == r) {
            Some((_, v)) => v.push(o),
            None => rules.push((r, vec![o])),
        }
    }
    let errors = usize::from(!file["errors"].as_array().unwrap().is_empty());
    let failures = rules.iter().filter(|(_, o)| o.contains(&"fail")).count();
    let skipped = rules.iter().filter(|(_, o)| o.iter().all(|x| *x == "skip")).count();
    (rules.len() + errors, failures, errors, skipped)
}

const JUNIT_READER: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure, Skipped, Error
xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for s in xml:
    cases = list(s)
    def count(kind):
        return sum(1 for c in cases if any(isinstance(r, kind) for r in c.result))
    suites.append({
        "name": s.name, "tests": s.tests, "failures": s.failures, "errors": s.errors, "skipped": s.skipped,
        "cases": len(cases), "case_failures": count(Failure), "case_errors": count(Error), "case_skipped": count(Skipped),
        "out": {c.name: (c.system_out or "") for c in cases},
    })
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped, "suites": suites}))
"#;

#[test]
fn junitparser_counts_match_the_json_report() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let (_, report, files) = check(d.path(), &["junit"], &[&examples(), &broken()]);
    let parsed: Value = serde_json::from_str(&v.python(JUNIT_READER, &[s(&files["junit"])], None)).unwrap();
    let json_files = report["files"].as_array().unwrap();
    let suites = parsed["suites"].as_array().unwrap();
    assert_eq!(suites.len(), json_files.len(), "one suite per file");
    let mut total = (0, 0, 0, 0);
    for (suite, file) in suites.iter().zip(json_files) {
        assert_eq!(suite["name"], file["path"]);
        let (tests, failures, errors, skipped) = expected_junit(file);
        let got = |k: &str| suite[k].as_u64().unwrap() as usize;
        assert_eq!((got("tests"), got("failures"), got("errors"), got("skipped")), (tests, failures, errors, skipped), "{}", file["path"]);
        // The attributes agree with the cases junitparser actually read.
        assert_eq!((got("cases"), got("case_failures"), got("case_errors"), got("case_skipped")), (tests, failures, errors, skipped));
        total = (total.0 + tests, total.1 + failures, total.2 + errors, total.3 + skipped);
        // Warnings outside failing rules are visible in the case's output, not as failures.
        // So are the failures and warnings a waiver covers.
        for f in file["findings"].as_array().unwrap().iter().filter(|f| f["outcome"] == "warn" || f.get("waiver").is_some()) {
            let rule = f["rule"].as_str().unwrap();
            let failing = file["findings"].as_array().unwrap().iter().any(|x| x["rule"] == rule && x["outcome"] == "fail" && x.get("waiver").is_none());
            if !failing {
                let out = suite["out"][rule].as_str().unwrap();
                assert!(out.contains(f["message"].as_str().unwrap()), "warning of {rule} not in system-out: {out}");
            }
        }
    }
    let got = |k: &str| parsed[k].as_u64().unwrap() as usize;
    assert_eq!((got("tests"), got("failures"), got("errors"), got("skipped")), total);
    // The run has each kind, so the comparison means something.
    assert!(total.1 > 0 && total.2 > 0 && total.3 > 0);
    assert!(report["summary"]["findings"]["warn"].as_u64().unwrap() > 0);
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let hostile = hostile_application(&d.path().join("vijandig"));
    let (_, report, files) = check(d.path(), &["sarif"], &[&examples(), &broken(), &hostile]);
    let schema = root().join("tests/data/sarif-schema-2.1.0.json");
    let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).arg(&files["sarif"]).output().unwrap();
    assert!(out.status.success(), "SARIF rejected by the SARIF 2.1.0 schema:\n{}", text(&out));

    // What the schema cannot say: every rule described, every fail/warn/load error a result.
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&files["sarif"]).unwrap()).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in stocheck::checks::RULES {
        let r = rules.iter().find(|r| r["id"] == rule.id).unwrap_or_else(|| panic!("{} not described", rule.id));
        for k in ["shortDescription", "fullDescription", "help"] {
            let t = r[k]["text"].as_str().unwrap();
            assert!(!t.is_empty() && !t.contains("[["), "{}: {k} {t}", rule.id);
        }
        assert!(r["help"]["text"].as_str().unwrap().contains("Bron"), "{}: no source in help", rule.id);
    }
    let results = run["results"].as_array().unwrap();
    let mut expected = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for e in f["errors"].as_array().unwrap() {
            expected.push(("laden".to_string(), "error", f["path"].as_str().unwrap().to_string(), e["line"].as_u64()));
        }
        for x in f["findings"].as_array().unwrap() {
            let level = match x["outcome"].as_str().unwrap() {
                "fail" => "error",
                "warn" => "warning",
                _ => continue,
            };
            expected.push((x["rule"].as_str().unwrap().to_string(), level, f["path"].as_str().unwrap().to_string(), x["line"].as_u64()));
        }
    }
    assert_eq!(results.len(), expected.len());
    for (r, (rule, level, path, line)) in results.iter().zip(&expected) {
        assert_eq!(r["ruleId"], rule.as_str());
        assert_eq!(r["level"], *level);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], rule.as_str());
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], stocheck::report::sarif::uri_reference(path));
        assert_eq!(loc["region"]["startLine"].as_u64(), Some(line.unwrap_or(1)));
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn application_schema_accepts_every_example_and_rejects_a_broken_one() {
    let Some(v) = venv() else { return };
    let schema = root().join("schema/aanvraag.schema.json");
    let examples = common::yaml_files(&examples());
    assert!(examples.len() >= 10);
    let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).args(&examples).output().unwrap();
    assert!(out.status.success(), "an example is rejected by schema/aanvraag.schema.json:\n{}", text(&out));

    let d = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root().join("examples/2025-2028/aanvraag/aanvraag.yaml")).unwrap();
    for (what, from, to) in [
        ("a misspelt key", "  cofinanciering:\n", "  cofinancering:\n"),
        ("yes as a boolean", "ondertekend: true", "ondertekend: yes"),
        ("an unknown partner kind", "soort: mbo", "soort: hbo"),
        ("a fraction of a cent", "maximum: 1500000", "maximum: \"1500000.005\""),
        ("a moment without offset", "moment: 2024-09-26T14:30:00+02:00", "moment: 2024-09-26T14:30:00"),
    ] {
        assert!(good.contains(from), "{from}");
        let f = d.path().join("kapot.yaml");
        std::fs::write(&f, good.replacen(from, to, 1)).unwrap();
        let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{what} accepted by the schema:\n{}", text(&out));
        // stocheck refuses it too: the schema is never stricter than the reader.
        stocheck().args(["check", s(&f)]).assert().code(2);
    }
}

#[test]
fn ci_snippets_are_valid_for_github_and_gitlab() {
    let Some(v) = venv() else { return };
    for (schema, file) in [("vendor.github-workflows", "docs/ci/github-actions.yml"), ("vendor.gitlab-ci", "docs/ci/gitlab-ci.yml")] {
        let out = v.cmd("check-jsonschema").args(["--builtin-schema", schema]).arg(root().join(file)).output().unwrap();
        assert!(out.status.success(), "{file} is not a valid {schema} file:\n{}", text(&out));
    }
}

const RENDER_GFM: &str = r#"
import sys, cmarkgfm
from cmarkgfm.cmark import Options
# GitHub renders raw HTML and then sanitises it; rendering it unsafe here shows what would get through.
print(cmarkgfm.github_flavored_markdown_to_html(sys.stdin.read(), options=Options.CMARK_OPT_UNSAFE))
"#;

#[test]
fn markdown_renders_to_html_tables_with_github_s_renderer() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let hostile = hostile_application(&d.path().join("vijandig"));
    let (_, report, files) = check(d.path(), &["markdown"], &[&examples(), &broken(), &hostile]);
    let md = std::fs::read(&files["markdown"]).unwrap();
    let html = v.python(RENDER_GFM, &[], Some(&md));
    // The overview, then per file a table of its errors, failures and warnings, and one of its
    // passes and skips folded in <details> as far as the size limit allows (the report says
    // when it left some out).
    let files = report["files"].as_array().unwrap();
    let has = |f: &Value, outcomes: &[&str]| f["findings"].as_array().unwrap().iter().any(|x| outcomes.contains(&x["outcome"].as_str().unwrap()));
    let problem_tables = files.iter().filter(|f| !f["errors"].as_array().unwrap().is_empty() || has(f, &["fail", "warn"])).count();
    let folded = html.matches("<details>").count();
    assert_eq!(html.matches("<table>").count(), 1 + problem_tables + folded, "{html}");
    let with_passes = files.iter().filter(|f| has(f, &["pass", "skip"])).count();
    assert!(folded > 0 && folded <= with_passes);
    assert_eq!(folded < with_passes, html.contains("Ingekort om onder"), "{html}");
    // Every row keeps its columns: no text from an application splits or adds a cell.
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        let widths: Vec<usize> = table.split("<tr>").skip(1).map(|r| r.matches("<td").count() + r.matches("<th").count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "ragged table: {widths:?}\n{table}");
    }
    // The hostile name is shown as text, not as markup.
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Failures come first in the hostile file's table.
    let hostile_section = html.split("<h3>").find(|s| s.split("</h3>").next().unwrap().contains("regio, noord")).unwrap();
    let first_row = hostile_section.split("<tr>").nth(2).unwrap();
    assert!(first_row.contains("fout"), "{first_row}");
}

/// The fifty-plan folder of formaat.md §5.4: the examples, copied over until there are fifty
/// plans, and the examples copied fifty times over (2,000 plans). Both reports stay under
/// GitHub's limit, say that they were shortened, and are still GFM that GitHub's renderer turns
/// into tables and folded sections that close.
#[test]
fn markdown_of_many_plans_stays_under_the_comment_limit_and_renders() {
    let Some(v) = venv() else { return };
    let dirs: Vec<PathBuf> = {
        let mut d: Vec<PathBuf> = common::yaml_files(&examples()).iter().map(|p| p.parent().unwrap().to_path_buf()).collect();
        d.dedup();
        d
    };
    for (plans, copies) in [(50, None), (dirs.len() * 50, Some(50))] {
        let tmp = tempfile::tempdir().unwrap();
        match copies {
            None => {
                for (i, d) in dirs.iter().cycle().take(plans).enumerate() {
                    copy_dir(d, &tmp.path().join(format!("plan{i:02}")));
                }
            }
            Some(n) => {
                for i in 0..n {
                    copy_dir(&examples(), &tmp.path().join(format!("kopie{i:02}")));
                }
            }
        }
        let out = stocheck().current_dir(tmp.path()).args(["check", "--peildatum", "2025-01-01", "--format", "markdown", "."]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let md = String::from_utf8(out.stdout).unwrap();
        let n = md.chars().count();
        assert!(n < 60_000, "{plans} plans: {n} characters");
        assert!(md.contains("Ingekort om onder 60000 tekens te blijven"), "{plans} plans: no note on shortening");
        assert!(md.contains(&format!("{plans} bestanden:")), "{plans} plans: the closing line counts every file");
        let html = v.python(RENDER_GFM, &[], Some(md.as_bytes()));
        assert!(html.contains("<table>"), "{plans} plans: no table");
        assert_eq!(html.matches("<details>").count(), html.matches("</details>").count());
        // Every table keeps its columns.
        for table in html.split("<table>").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            let widths: Vec<usize> = table.split("<tr>").skip(1).map(|r| r.matches("<td").count() + r.matches("<th").count()).collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "ragged table: {widths:?}");
        }
        // No Markdown table syntax left unrendered: every `| --- |` line became a table.
        assert!(!html.contains("| --- |"), "{plans} plans: a table GitHub does not render");
        if copies.is_none() {
            // Fifty plans: the overview lists every one, and every failure and warning is shown.
            let overview = html.split("<table>").nth(1).unwrap();
            assert_eq!(overview.matches("<tr>").count(), 1 + plans);
            let (_, json) = common::check_json(&["--peildatum", "2025-01-01", s(tmp.path())]);
            let problems: usize = json["files"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|f| f["findings"].as_array().unwrap())
                .filter(|x| matches!(x["outcome"].as_str(), Some("fail" | "warn")))
                .count();
            let cell = |o: &str| format!("{}</td>", stocheck::messages::text(&format!("rapport.status-{o}"), stocheck::messages::Lang::Nl));
            // A waived failure or warning is shown too, marked as waived.
            assert_eq!(html.matches(&cell("fail")).count() + html.matches(&cell("warn")).count() + html.matches(&cell("waived")).count(), problems);
            // With --verbose, the whole report, as the note on shortening advises: nothing cut,
            // every finding in a row of its own.
            let out = stocheck().current_dir(tmp.path()).args(["check", "--peildatum", "2025-01-01", "--verbose", "--format", "markdown", "."]).output().unwrap();
            let whole = String::from_utf8(out.stdout).unwrap();
            assert!(whole.chars().count() > 60_000, "the whole report is longer than the cut one");
            assert!(!whole.contains("Ingekort"), "--verbose does not shorten");
            let all: usize = json["files"].as_array().unwrap().iter().map(|f| f["findings"].as_array().unwrap().len()).sum();
            let rows = whole.lines().filter(|l| l.starts_with("| ") && l.contains(" | `")).count();
            assert_eq!(rows, all, "a row per finding");
        }
    }
}

/// A SARIF log with waived findings (formaat.md §5.2): every suppression is valid SARIF 2.1.0
/// (kind `external`, status `accepted`, a justification and the waiver's place), check-jsonschema
/// accepts the log, and a reader of it finds exactly the waived results suppressed.
#[test]
fn sarif_with_suppressions_is_valid_and_read() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let waived = root().join("examples/2025-2028/uitzondering/uitzondering.yaml");
    let fixture = root().join("tests/fixtures/uitzonderingen/aanvraag.yaml");
    let (code, report, files) = check(d.path(), &["sarif"], &[&waived, &fixture]);
    assert_eq!(code, 0, "waived failures do not fail the run");
    let schema = root().join("tests/data/sarif-schema-2.1.0.json");
    let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).arg(&files["sarif"]).output().unwrap();
    assert!(out.status.success(), "SARIF with suppressions rejected by the SARIF 2.1.0 schema:\n{}", text(&out));
    // Read as a consumer does: the results that carry an accepted suppression.
    let read = v.python(
        "import json, sys\nlog = json.load(open(sys.argv[1]))\nfor r in log['runs'][0]['results']:\n    for s in r.get('suppressions', []):\n        print(r['ruleId'], s['kind'], s['status'], s['justification'].split(' (')[0])",
        &[s(&files["sarif"])],
        None,
    );
    let expected: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|x| x.get("waiver").is_some())
        .map(|x| format!("{} external accepted Fout, uitgezonderd door DUS-I", x["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(expected.len(), 2, "{report:#}");
    assert_eq!(read.lines().collect::<Vec<_>>(), expected);
}

/// Every example's JSON report validates against the committed report schema.
#[test]
fn every_example_s_json_report_validates_against_the_report_schema() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();
    for (i, example) in common::yaml_files(&examples()).iter().chain([&broken()]).enumerate() {
        let out = stocheck().args(["check", "--peildatum", "2025-01-01", "--format", "json", s(example)]).output().unwrap();
        let p = d.path().join(format!("rapport-{i}.json"));
        std::fs::write(&p, &out.stdout).unwrap();
        reports.push(p);
    }
    // The whole folder at once, and from stdin, too.
    let out = stocheck().args(["check", "--peildatum", "2025-01-01", "--format", "json", s(&examples())]).output().unwrap();
    let all = d.path().join("rapport-alle.json");
    std::fs::write(&all, &out.stdout).unwrap();
    reports.push(all);
    let schema = root().join("schema/rapport.schema.json");
    let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).args(&reports).output().unwrap();
    assert!(out.status.success(), "a report is rejected by schema/rapport.schema.json:\n{}", text(&out));
    // And the schema rejects a report that breaks it: an outcome it does not know.
    let bad = d.path().join("kapot.json");
    let text_all = std::fs::read_to_string(&reports[reports.len() - 1]).unwrap();
    assert!(text_all.contains("\"outcome\": \"pass\""));
    std::fs::write(&bad, text_all.replacen("\"outcome\": \"pass\"", "\"outcome\": \"goed\"", 1)).unwrap();
    let out = v.cmd("check-jsonschema").arg("--schemafile").arg(&schema).arg(&bad).output().unwrap();
    assert!(!out.status.success(), "the report schema accepts an unknown outcome");
}

/// A workflow command as the Actions runner reads it (actions/runner, `ActionCommand.TryParseV2`):
/// after leading white space the line starts with `::`; the command info runs to the next `::`;
/// the name ends at the first space; properties are split on `,` and each on its first `=`;
/// values are unescaped `%0D` `%0A` `%3A` `%2C` and then `%25`; the data (the rest) `%0D` `%0A`
/// and then `%25`.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: BTreeMap<String, String>,
    data: String,
}

fn unescape(s: &str, mappings: &[(&str, &str)]) -> String {
    let mut out = s.to_string();
    for (token, replacement) in mappings {
        out = out.replace(replacement, token);
    }
    out
}

fn parse_command(line: &str) -> Option<WorkflowCommand> {
    let line = line.trim_start();
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let info = &rest[..end];
    let (name, props) = match info.find(' ') {
        Some(i) => (&info[..i], Some(&info[i + 1..])),
        None => (info, None),
    };
    let mut properties = BTreeMap::new();
    for p in props.unwrap_or("").trim().split(',').filter(|p| !p.is_empty()) {
        if let Some((k, v)) = p.split_once('=').filter(|(k, v)| !k.is_empty() && !v.is_empty()) {
            let v = unescape(v, &[("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]);
            properties.insert(k.to_string(), v);
        }
    }
    let data = unescape(&rest[end + 2..], &[("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]);
    Some(WorkflowCommand { name: name.to_string(), properties, data })
}

#[test]
fn runner_parser_reads_the_runner_s_own_examples() {
    let c = parse_command("::error file=app.js,line=1,col=5,endColumn=7,title=Een%3A titel::Missing semicolon%0Avolgende%25").unwrap();
    assert_eq!(c.name, "error");
    assert_eq!(c.properties["file"], "app.js");
    assert_eq!(c.properties["col"], "5");
    assert_eq!(c.properties["title"], "Een: titel");
    assert_eq!(c.data, "Missing semicolon\nvolgende%");
    assert!(parse_command("geen commando").is_none());
}

#[test]
fn github_commands_survive_hostile_names() {
    // Needs no client, but belongs with the other consumers.
    let d = tempfile::tempdir().unwrap();
    let hostile = hostile_application(&d.path().join("vijandig"));
    let (code, report, files) = check(d.path(), &["github"], &[&hostile, &broken()]);
    assert_eq!(code, 2);
    let out = std::fs::read_to_string(&files["github"]).unwrap();
    let lines: Vec<&str> = out.lines().collect();

    let mut expected = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for e in f["errors"].as_array().unwrap() {
            expected.push(("error", f["path"].as_str().unwrap(), "laden", e["message"].as_str().unwrap().to_string(), e["line"].clone(), e["column"].clone()));
        }
        for x in f["findings"].as_array().unwrap() {
            let kind = match x["outcome"].as_str().unwrap() {
                "fail" => "error",
                "warn" => "warning",
                _ => continue,
            };
            let mut message = x["message"].as_str().unwrap().to_string();
            if let Some(n) = x["note"].as_str() {
                message = format!("{message}\n↳ {n}");
            }
            expected.push((kind, f["path"].as_str().unwrap(), x["rule"].as_str().unwrap(), message, x["line"].clone(), x["column"].clone()));
        }
    }
    assert_eq!(lines.len(), expected.len(), "one command per failing or warning finding:\n{out}");
    let mut saw_name = false;
    let mut saw_amount = false;
    for (line, (kind, path, rule, message, l, c)) in lines.iter().zip(&expected) {
        let cmd = parse_command(line).unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert_eq!(cmd.name, *kind, "{line}");
        assert_eq!(cmd.properties["file"], *path, "{line}");
        assert!(cmd.properties["title"].starts_with(&format!("{rule}: ")), "{line}");
        if let (Some(l), Some(c)) = (l.as_u64(), c.as_u64()) {
            assert_eq!(cmd.properties["line"], l.to_string());
            assert_eq!(cmd.properties["col"], c.to_string());
        }
        // The message as in the JSON report, its control characters shown as control pictures.
        let message = stocheck::report::visible(message);
        assert!(cmd.data.starts_with(message.as_str()), "data {:?}\nshould start with {message:?}", cmd.data);
        saw_name |= cmd.data.contains(&stocheck::report::visible(HOSTILE_NAAM));
        saw_amount |= cmd.data.contains("Er ontbreekt € 1.425,07");
    }
    assert!(saw_name, "the hostile name should reach an annotation intact:\n{out}");
    assert!(saw_amount, "amounts read as written:\n{out}");
    assert!(hostile.to_str().unwrap().contains(", noord: 100%"));
}

/// git with a fixed identity and no configuration from the user's home or the system.
fn git(dir: &Path, home: &Path, args: &[&str]) -> Output {
    common::git(dir, home).args(args).output().expect("git runs")
}

#[test]
fn pre_commit_runs_the_hook_good_plan_passes_bad_plan_is_refused() {
    let Some(v) = venv() else { return };
    let d = tempfile::tempdir().unwrap();
    let home = common::git_home(d.path());

    // The hook repository: our .pre-commit-hooks.yaml, committed, as pre-commit clones it.
    let hooks = d.path().join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::copy(root().join(".pre-commit-hooks.yaml"), hooks.join(".pre-commit-hooks.yaml")).unwrap();
    ok(git(&hooks, &home, &["init", "-q"]), "git init");
    ok(git(&hooks, &home, &["add", "."]), "git add");
    ok(git(&hooks, &home, &["commit", "-q", "-m", "hooks"]), "git commit");
    let rev = String::from_utf8(ok(git(&hooks, &home, &["rev-parse", "HEAD"]), "rev-parse").stdout).unwrap();

    // The plan repository, configured with the snippet of docs/ci.md, pointed at that clone.
    let plans = d.path().join("plannen-repo");
    std::fs::create_dir_all(&plans).unwrap();
    ok(git(&plans, &home, &["init", "-q"]), "git init");
    let snippet = std::fs::read_to_string(root().join("docs/ci/pre-commit-config.yaml")).unwrap();
    // The hook for a stocheck on the PATH (`stocheck-system`); tests/packaging.rs runs the one that
    // builds itself.
    let config = snippet
        .replacen("https://github.com/PLACEHOLDER/stocheck", s(&hooks), 1)
        .replacen("rev: v0.1.0", &format!("rev: {}", rev.trim()), 1)
        .replacen("- id: stocheck\n", "- id: stocheck-system\n", 1);
    assert_ne!(config, snippet);
    std::fs::write(plans.join(".pre-commit-config.yaml"), config).unwrap();

    // The prebuilt binary first on the PATH (`stocheck-system` is `language: system`), then the venv's tools.
    let bin = assert_cmd::cargo::cargo_bin("stocheck");
    let path = std::env::join_paths(
        [bin.parent().unwrap().to_path_buf(), v.bin.clone()].into_iter().chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let run = |args: &[&str]| -> Output {
        Command::new(args[0])
            .current_dir(&plans)
            .args(&args[1..])
            .env("PATH", &path)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("PRE_COMMIT_HOME", d.path().join("pre-commit-home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
            .env("GIT_AUTHOR_NAME", "stocheck test")
            .env("GIT_AUTHOR_EMAIL", "test@stocheck.invalid")
            .env("GIT_COMMITTER_NAME", "stocheck test")
            .env("GIT_COMMITTER_EMAIL", "test@stocheck.invalid")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    ok(run(&[s(&v.bin.join("pre-commit")), "install"]), "pre-commit install");

    // A good plan: the commit goes through.
    copy_dir(&root().join("examples/2025-2028/aanvraag"), &plans.join("plannen/noord"));
    ok(run(&["git", "add", "."]), "git add");
    let out = run(&["git", "commit", "-m", "plan noord"]);
    assert!(out.status.success(), "good plan refused:\n{}", text(&out));
    assert!(text(&out).contains("stocheck"), "hook did not run:\n{}", text(&out));

    // A bad plan: refused, with the findings shown, and no commit made.
    copy_dir(&root().join("examples/2025-2028/fouten/cofinanciering-te-laag"), &plans.join("plannen/zuid"));
    ok(run(&["git", "add", "."]), "git add");
    let out = run(&["git", "commit", "-m", "plan zuid"]);
    let shown = text(&out);
    assert!(!out.status.success(), "bad plan committed:\n{shown}");
    // The table groups findings by module (`cofinanciering`, then the rule `minimum`).
    let shows = ["cofinanciering", "minimum", "✘ fout", "VOLDOET NIET", "Er ontbreekt € 1.425,07"];
    assert!(shows.iter().all(|s| shown.contains(s)), "findings not shown:\n{shown}");
    let log = String::from_utf8(run(&["git", "log", "--oneline"]).stdout).unwrap();
    assert_eq!(log.lines().count(), 1, "{log}");
    // Nothing of pre-commit landed outside the test's folder.
    assert!(d.path().join("pre-commit-home").is_dir());
}
