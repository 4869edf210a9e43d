//! Every report format in both languages, pinned as snapshots (insta) of what the real binary
//! prints for fixed inputs: a passing plan, one with a warning, a failing one, a kind of
//! submission that skips modules, a plan read from stdin, one judged on the peildatum, a file that
//! cannot be read, hostile names, and waivers (one in force that ends soon, one expired, one
//! unused). Each snapshot was read once as its reader would (a
//! penvoerder, a CI log, a script) and then accepted; a change in any header, word, date or
//! figure fails here until someone reads the new text and accepts it (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test reports` and read the diff before committing).
//! `scripts/test.sh` sets `INSTA_UPDATE=no`, so a changed snapshot fails instead of being written
//! aside.
//!
//! Beside the snapshots, two assertions over every output: no catalogue id left unrendered
//! (`[[id]]`), and no date written the Dutch way in English output.

mod common;

use std::process::Output;

use common::{root, stocheck};

/// The moment every run is judged at, so nothing depends on the clock.
const PEILDATUM: &str = "2025-01-01";

const LANGS: [&str; 2] = ["nl", "en"];

const FORMATS: [&str; 6] = ["table", "json", "junit", "sarif", "github", "markdown"];

/// An input of the snapshots: the path given to stocheck (relative to the repository, as a user
/// in the repository types it), and whether it is fed through stdin (`-`) instead.
struct Case {
    name: &'static str,
    path: &'static str,
    stdin: bool,
}

const CASES: [Case; 9] = [
    Case { name: "pass", path: "examples/2025-2028/aanvraag/aanvraag.yaml", stdin: false },
    Case {
        name: "warn",
        path: "examples/2025-2028/waarschuwingen/uitgewerkt-plan-cofinanciering-laag/uitgewerkt-plan-cofinanciering-laag.yaml",
        stdin: false,
    },
    Case { name: "fail", path: "examples/2025-2028/fouten/cofinanciering-te-laag/cofinanciering-te-laag.yaml", stdin: false },
    // A vooraanmelding applies only some modules: the others are skipped with their reason.
    Case { name: "skip", path: "examples/2025-2028/vooraanmelding/vooraanmelding.yaml", stdin: false },
    // From stdin there is no folder, so the attachments cannot be looked at: skipped.
    Case { name: "stdin", path: "examples/2020-2023/aanvraag/aanvraag.yaml", stdin: true },
    // No indiening.moment: the window is judged on the peildatum, and the head says so.
    Case { name: "peildatum", path: "tests/fixtures/moment-uit-peildatum/aanvraag.yaml", stdin: false },
    Case { name: "laden", path: "tests/fixtures/laden-onbekende-sleutel/aanvraag.yaml", stdin: false },
    Case { name: "vijandig", path: "tests/fixtures/vijandige-namen/aanvraag.yaml", stdin: false },
    // Waivers: a failure waived until 20 January 2025 (ends within 30 days), an expired waiver
    // and an unused one (formaat.md §5.2).
    Case { name: "uitzondering", path: "tests/fixtures/uitzonderingen/aanvraag.yaml", stdin: false },
];

fn case(name: &str) -> &'static Case {
    CASES.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

/// Runs `stocheck --lang LANG check --peildatum … --format FORMAT PATH` in the repository, at a
/// fixed table width. Returns the command line as typed and the output.
fn run(c: &Case, format: &str, lang: &str, columns: u16) -> (String, Output) {
    let target = if c.stdin { "-" } else { c.path };
    let args = ["--lang", lang, "check", "--peildatum", PEILDATUM, "--format", format, target];
    let mut typed = format!("stocheck {}", args.join(" "));
    if c.stdin {
        typed.push_str(&format!(" < {}", c.path));
    }
    if columns != 100 {
        typed = format!("COLUMNS={columns} {typed}");
    }
    let mut cmd = stocheck();
    cmd.current_dir(root()).env("COLUMNS", columns.to_string()).args(args);
    if c.stdin {
        cmd.write_stdin(std::fs::read(root().join(c.path)).expect("input"));
    }
    (typed, cmd.output().expect("runs"))
}

/// The text a snapshot holds: the command, its exit code, stdout and stderr.
fn shown(typed: &str, out: &Output) -> String {
    format!(
        "$ {typed}\nexit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        out.status.code().map_or("none".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    )
}

/// Checks the snapshot of one case in one format, both languages (and the table also at 160
/// columns, its wide layout).
fn snapshot(case_name: &str, format: &str) {
    let c = case(case_name);
    for lang in LANGS {
        let (typed, out) = run(c, format, lang, 100);
        insta::assert_snapshot!(format!("{case_name}-{format}-{lang}"), shown(&typed, &out));
        if format == "table" {
            let (typed, out) = run(c, format, lang, 160);
            insta::assert_snapshot!(format!("{case_name}-table-160-{lang}"), shown(&typed, &out));
        }
    }
}

/// One test per case and format, so one changed text names the case and the format it is in.
macro_rules! snapshots {
    ($($case:ident),* $(,)?) => {
        $(
            mod $case {
                #[test]
                fn table() {
                    super::snapshot(stringify!($case), "table");
                }
                #[test]
                fn json() {
                    super::snapshot(stringify!($case), "json");
                }
                #[test]
                fn junit() {
                    super::snapshot(stringify!($case), "junit");
                }
                #[test]
                fn sarif() {
                    super::snapshot(stringify!($case), "sarif");
                }
                #[test]
                fn github() {
                    super::snapshot(stringify!($case), "github");
                }
                #[test]
                fn markdown() {
                    super::snapshot(stringify!($case), "markdown");
                }
            }
        )*
    };
}

snapshots!(pass, warn, fail, skip, stdin, peildatum, laden, vijandig, uitzondering);

/// The HTML report of the failing plan, pinned whole in both languages (tests/html.rs looks at
/// the reports in a browser and checks their figures).
#[test]
fn html() {
    snapshot("fail", "html");
}

/// The HTML report of the waivers, pinned whole in both languages.
#[test]
fn html_uitzondering() {
    snapshot("uitzondering", "html");
}

/// No HTML report shows an unrendered catalogue id either.
#[test]
fn no_html_shows_an_unrendered_catalogue_id() {
    for c in &CASES {
        for lang in LANGS {
            let (_, out) = run(c, "html", lang, 100);
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.contains("[["), "{lang} html {}: {}", c.name, text.lines().find(|l| l.contains("[[")).unwrap_or_default());
        }
    }
}

#[test]
fn every_case_has_its_tests() {
    // The macro above and CASES name the same cases.
    let names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    assert_eq!(names, ["pass", "warn", "fail", "skip", "stdin", "peildatum", "laden", "vijandig", "uitzondering"]);
}

/// Every output of every format in both languages, as text (stdout and stderr), with its label.
fn every_output() -> Vec<(String, String)> {
    let mut all = Vec::new();
    for c in &CASES {
        for format in FORMATS {
            for lang in LANGS {
                let (typed, out) = run(c, format, lang, 100);
                all.push((format!("{lang} {format} {}", c.name), shown(&typed, &out)));
            }
        }
    }
    all
}

/// A catalogue id that is missing renders as `[[id]]`; no report may show one, also not escaped
/// for Markdown (`\[\[id\]\]`).
#[test]
fn no_output_shows_an_unrendered_catalogue_id() {
    let bad: Vec<String> = every_output()
        .into_iter()
        .filter_map(|(label, text)| text.lines().find(|l| l.replace('\\', "").contains("[[")).map(|l| format!("{label}: {l}")))
        .collect();
    assert!(bad.is_empty(), "unrendered catalogue ids:\n{}", bad.join("\n"));
}

const MAANDEN: [&str; 12] = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
];

/// Whether a line holds a date written the Dutch way, `26 september 2024`: a day, a Dutch month
/// name in lower case, a year. (English writes `26 September 2024`.)
fn dutch_date(line: &str) -> bool {
    let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.windows(3).any(|w| {
        w[0].len() <= 2
            && w[0].chars().all(|c| c.is_ascii_digit())
            && MAANDEN.contains(&w[1])
            && w[2].len() == 4
            && w[2].chars().all(|c| c.is_ascii_digit())
    })
}

/// The part of a line of output that stocheck writes itself: a source quoted from the rule data
/// (after `Source: ` or `Sources in this check: `, the JSON `source`, a source's `title` from the
/// source registry, the last cell of a Markdown row) is cut off.
fn own_text(line: &str, markdown: bool) -> &str {
    let mut own = line;
    // The table's block of sources: `  [KB24]   title`, the title quoted from the registry.
    if let Some(i) = line.strip_prefix("  [").filter(|r| r.starts_with(|c: char| c.is_ascii_uppercase())).and_then(|r| r.find("] ")) {
        own = &line[..i + 5];
    }
    for marker in ["Source: ", "Sources in this check: ", "\"source\":", "\"title\":"] {
        if let Some(i) = own.find(marker) {
            own = &own[..i];
        }
    }
    if markdown && let Some(body) = own.starts_with("| ").then(|| own.trim_end().strip_suffix(" |")).flatten() {
        own = body.rfind(" | ").map_or(own, |i| &own[..i]);
    }
    own
}

/// No date stocheck itself writes is Dutch in English output. Texts quoted from the rule data's
/// Dutch sources stay as written, so the sources are left out of this check.
#[test]
fn english_output_writes_no_dutch_dates() {
    assert!(dutch_date("ingediend 26 september 2024 14:30") && !dutch_date("submitted 26 September 2024 14:30"));
    assert_eq!(own_text("| ✔ pass | `x` | 1:1 | 1 oktober 2024 | Bron 1 oktober 2024 |", true), "| ✔ pass | `x` | 1:1 | 1 oktober 2024");
    assert_eq!(own_text("| – skip | `x` |  | 1 oktober 2024 |  |", true), "| – skip | `x` |  | 1 oktober 2024");
    assert_eq!(own_text("  [KB24]   Kamerbrief van 29 februari 2024", false), "  [KB24] ");
    assert_eq!(own_text("message.\\n\\nSources in this check: 'tussen 1 september 2024'", false), "message.\\n\\n");
    let mut bad = Vec::new();
    for (label, text) in every_output().into_iter().filter(|(l, _)| l.starts_with("en ")) {
        for line in text.lines() {
            if dutch_date(own_text(line, label.contains("markdown"))) {
                bad.push(format!("{label}: {line}"));
            }
        }
    }
    assert!(bad.is_empty(), "Dutch dates in English output:\n{}", bad.join("\n"));
}

/// In the hostile case, no output may carry a terminal escape (ESC) or a bidi override or
/// isolate character (U+202A–U+202E, U+2066–U+2069) taken from the plan: the region name in the
/// table's head and the names in the table, GitHub, Markdown and JUnit reports go through the one
/// text filter (`text_filter`), which shows them as visible characters.
#[test]
fn hostile_names_reach_no_output_as_control_codes() {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let c = case("vijandig");
    let mut bad = Vec::new();
    for format in ["table", "junit", "github", "markdown"] {
        for lang in LANGS {
            let (_, out) = run(c, format, lang, 100);
            for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let text = String::from_utf8_lossy(bytes);
                if text.contains('\u{1b}') || text.chars().any(bidi) {
                    bad.push(format!("{lang} {format} {stream}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "control codes from the plan in: {}", bad.join(", "));
}
