//! Hostile text (terminal escapes, OSC 8 links, bidi overrides, NUL, workflow-command syntax,
//! `%0A`, table pipes, HTML) in every place an application can put it (the region's name, a
//! partner's name, a waiver's reason and reference, an unknown key, an unknown value, the file
//! name), through every format and
//! every stderr path, each result read by a parser of its format: JSON by serde_json, JUnit by
//! junitparser, SARIF by check-jsonschema against the official schema, Markdown by GitHub's
//! cmark-gfm, GitHub commands by the runner's rules; the table, the HTML page and stderr must
//! hold no control character at all.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, quoted, root, stocheck};

const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[31mrood",
    "\u{1b}]8;;https://example.invalid\u{7}klik\u{1b}]8;;\u{7}",
    "\u{202e}draaiom\u{202c}\u{2066}iso\u{2069}",
    "nul\u{0}byte",
    "::error file=x.yaml::nep",
    "%0A::warning::nep",
    "| kolom |",
    "</td></tr><script>alert(1)</script>",
    "\u{9b}31mC1",
    "\u{1e}type.lijst",
];

/// A failing application (an unsigned partner) with hostile text in names, and a broken one with
/// hostile text in an unknown key and an unknown value; file names hostile too.
fn applications(dir: &Path) -> (PathBuf, PathBuf) {
    let plan = dir.join("plan");
    copy_dir(&root().join("examples/2025-2028/aanvraag"), &plan);
    let text = std::fs::read_to_string(plan.join("aanvraag.yaml")).unwrap();
    std::fs::remove_file(plan.join("aanvraag.yaml")).unwrap();
    let all = HOSTILE.join(" ");
    let good = text
        .replacen("naam: Techniekregio IJsselvallei", &format!("naam: {}", quoted(&all)), 1)
        .replacen("    naam: Scheepswerf De Kreek B.V.\n    soort: bedrijf\n    kvk: \"70451238\"\n    ondertekend: true", &format!("    naam: {}\n    soort: bedrijf\n    kvk: \"70451238\"\n    ondertekend: false", quoted(&all)), 1);
    // A waiver of the unsigned partner's failure, its reason and reference hostile too: every
    // format shows them beside the finding (formaat.md §5.2).
    let good = format!(
        "{}\nuitzonderingen:\n  - regel: partners/ondertekening\n    reden: {}\n    kenmerk: {}\n    datum: 2024-09-01\n",
        good.trim_end(),
        quoted(&all),
        quoted(&all)
    );
    let good_path = plan.join("plan \u{1b}[31m|x.yaml");
    std::fs::write(&good_path, good).unwrap();
    let bad = text
        .replacen("penvoerder: vmbo-waterlinie", &format!("penvoerder: vmbo-waterlinie\n{}: 1", quoted(&all)), 1);
    let bad_path = dir.join("kapot \u{202e}.yaml");
    std::fs::write(&bad_path, bad).unwrap();
    let bad2 = text.replacen("soort: bedrijf", &format!("soort: {}", quoted(&all)), 1);
    std::fs::write(dir.join("kapot2.yaml"), bad2).unwrap();
    (good_path, bad_path)
}

fn terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| !stocheck::text_filter::is_safe(*c)) {
        panic!("{what}: U+{:04X} reaches the terminal:\n{text}", c as u32);
    }
}

fn venv() -> Option<PathBuf> {
    if std::env::var("STOCHECK_SKIP_CLIENTS").is_ok_and(|v| v == "1") {
        eprintln!("STOCHECK_SKIP_CLIENTS=1: test with the real clients skipped");
        return None;
    }
    let dir = std::env::var_os("STOCHECK_VENV").map(PathBuf::from).unwrap_or_else(|| root().join(".venv"));
    let bin = dir.join("bin");
    assert!(bin.join("check-jsonschema").is_file(), "run scripts/test.sh, which installs the real clients into .venv");
    Some(bin)
}

fn python(bin: &Path, code: &str, arg: &Path) -> String {
    let out = Command::new(bin.join("python")).args(["-c", code]).arg(arg).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn hostile_text_through_every_format_and_stderr() {
    let d = tempfile::tempdir().unwrap();
    let (good, bad) = applications(d.path());
    let bad2 = d.path().join("kapot2.yaml");
    let out_dir = d.path().join("rapporten");
    std::fs::create_dir(&out_dir).unwrap();
    let mut c = stocheck();
    c.args(["check", "--peildatum", "2024-09-15", "--color", "never"]);
    for f in ["json", "junit", "sarif", "github", "markdown", "html"] {
        c.arg("--format").arg(format!("{f}={}", out_dir.join(format!("r.{f}")).display()));
    }
    c.arg("--format").arg("table");
    let out = c.arg(&good).arg(&bad).arg(&bad2).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    // Terminal: the table on stdout and the drawn errors on stderr.
    terminal_safe("table", &out.stdout);
    terminal_safe("stderr", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("␛[2J"), "the hostile key is shown, as pictures:\n{stderr}");
    assert!(!stderr.contains("een lijst"), "a marker in a value never renders a catalogue text:\n{stderr}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("␛[2J␛[31mrood"), "the hostile region name is in the head, as pictures:\n{table}");

    // JSON: parses, and holds the hostile text exactly (JSON escapes it).
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out_dir.join("r.json")).unwrap()).unwrap();
    let waived: Vec<&serde_json::Value> = json["files"][0]["findings"].as_array().unwrap().iter().filter(|f| f.get("waiver").is_some()).collect();
    assert!(!waived.is_empty(), "the hostile waiver covers the unsigned partner:\n{json:#}");
    assert_eq!(waived[0]["waiver"]["reden"], HOSTILE.join(" "), "the reason exactly, JSON-escaped");
    let messages = json.to_string();
    assert!(messages.contains(&serde_json::to_string(HOSTILE[0]).unwrap().trim_matches('"').to_string()), "{messages}");

    // GitHub: every line one command, by the runner's rules; no raw CR or LF inside one.
    let gh = std::fs::read_to_string(out_dir.join("r.github")).unwrap();
    for line in gh.lines() {
        let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("not a command: {line:?}"));
        let (info, _) = rest.split_once("::").unwrap_or_else(|| panic!("no data: {line:?}"));
        let name = info.split(' ').next().unwrap();
        assert!(name == "error" || name == "warning" || name == "notice", "{line:?}");
        assert!(!line.contains('\r'), "{line:?}");
        terminal_safe("github", line.as_bytes());
    }
    assert!(gh.contains("%250A"), "a literal %0A stays literal:\n{gh}");
    assert!(gh.lines().any(|l| l.starts_with("::notice ")), "the waived finding is a notice:\n{gh}");

    // HTML: a page written to stdout reaches the terminal too, so it holds no control character;
    // the hostile markup is escaped text, never markup.
    let page = std::fs::read_to_string(out_dir.join("r.html")).unwrap();
    terminal_safe("html", page.as_bytes());
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;"), "{page}");
    assert!(page.contains("␛[2J␛[31mrood"), "the hostile region name is shown, as pictures:\n{page}");

    let Some(bin) = venv() else { return };
    // JUnit: junitparser reads every suite and case.
    let junit = python(&bin, "import sys, junitparser\nx = junitparser.JUnitXml.fromfile(sys.argv[1])\nprint(sum(1 for s in x for c in s))", &out_dir.join("r.junit"));
    assert!(junit.trim().parse::<usize>().unwrap() > 3, "{junit}");
    // SARIF: valid against the official schema.
    let schema = root().join("tests/data/sarif-schema-2.1.0.json");
    let v = Command::new(bin.join("check-jsonschema")).arg("--schemafile").arg(&schema).arg(out_dir.join("r.sarif")).output().unwrap();
    assert!(v.status.success(), "{}{}", String::from_utf8_lossy(&v.stdout), String::from_utf8_lossy(&v.stderr));
    // Markdown: rendered by cmark-gfm, tables keep their columns and no markup gets through.
    let html = python(
        &bin,
        "import sys, cmarkgfm\nfrom cmarkgfm.cmark import Options\nprint(cmarkgfm.github_flavored_markdown_to_html(open(sys.argv[1]).read(), options=Options.CMARK_OPT_UNSAFE))",
        &out_dir.join("r.markdown"),
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;"), "{html}");
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        let widths: Vec<usize> = table.split("<tr>").skip(1).map(|r| r.matches("<td").count() + r.matches("<th").count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "ragged table: {widths:?}\n{table}");
    }
}
