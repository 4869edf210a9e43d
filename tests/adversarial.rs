//! stocheck under hostile and broken input. `tests/adversarial/cases.tsv` lists the committed
//! inputs, each with the exit code and a fragment of the message it must give; the large inputs
//! (sizes, node counts, quadratic shapes) and the ones that are not plain files (pipes, devices,
//! links) are made by the tests below. For every input: no panic, no hang (a generous timeout),
//! nothing written over an input, and no control character on the terminal's streams.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{copy_dir, root, stocheck};

/// Generous: a debug build on a shared, loaded machine.
const TIMEOUT: Duration = Duration::from_secs(120);

struct Ran {
    code: i32,
    out: String,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    took: Duration,
}

fn run(args: &[&str]) -> Ran {
    let started = Instant::now();
    let out = stocheck()
        .env("STOCHECK_LANG", "nl")
        .arg("check")
        .args(["--peildatum", "2024-09-15"])
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .expect("runs");
    let took = started.elapsed();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let code = out.status.code().unwrap_or_else(|| panic!("killed (timeout {TIMEOUT:?}?) for {args:?}:\n{text}"));
    assert_ne!(code, 101, "panic for {args:?}:\n{text}");
    assert!(!text.contains("panicked at"), "panic for {args:?}:\n{text}");
    Ran { code, out: text, stdout: out.stdout, stderr: out.stderr, took }
}

/// No byte that could steer a terminal: C0 controls but LF and tab, DEL, C1, bidi overrides.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| !stocheck::text_filter::is_safe(*c)) {
        panic!("{what}: control character U+{:04X} reaches the terminal:\n{text}", c as u32);
    }
}

fn adversarial() -> PathBuf {
    root().join("tests/adversarial")
}

#[test]
fn corpus_gives_its_exit_code_and_message_without_panic_or_control_codes() {
    let list = std::fs::read_to_string(adversarial().join("cases.tsv")).unwrap();
    let mut n = 0;
    let mut failures = Vec::new();
    for line in list.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let (file, code, fragment) = (cols.next().unwrap(), cols.next().unwrap(), cols.next().unwrap());
        let path = adversarial().join(file);
        let before = std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        // Every finding listed (--verbose): the fragment may be in a passing one.
        let r = run(&["--color", "never", "--verbose", path.to_str().unwrap()]);
        assert_eq!(std::fs::read(&path).unwrap(), before, "{file} was changed");
        assert_terminal_safe(file, &r.stdout);
        assert_terminal_safe(file, &r.stderr);
        if r.code.to_string() != code || !r.out.contains(fragment) {
            failures.push(format!("{file}: exit {} (want {code}), fragment {fragment:?} {}\n{}", r.code, if r.out.contains(fragment) { "found" } else { "missing" }, r.out));
        }
        n += 1;
    }
    assert!(n >= 60, "the corpus has {n} inputs");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_committed_input_is_in_the_list() {
    let list = std::fs::read_to_string(adversarial().join("cases.tsv")).unwrap();
    for e in std::fs::read_dir(adversarial()).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".yaml") {
            assert!(list.lines().any(|l| l.starts_with(&format!("{name}\t"))), "{name} has no line in cases.tsv");
        }
    }
}

fn example_text() -> String {
    std::fs::read_to_string(root().join("examples/2025-2028/aanvraag/aanvraag.yaml")).unwrap()
}

// --- limits that can be seen before parsing: refused within a second -------------------------

#[test]
fn a_file_over_64_mib_is_refused_within_a_second() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("groot.yaml");
    // Sparse: no 64 MiB written to disk, but that is the size the file has.
    std::fs::File::create(&p).unwrap().set_len(64 * 1024 * 1024 + 1).unwrap();
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("te groot"), "{}", r.out);
    assert!(r.took < Duration::from_secs(1), "took {:?}", r.took);
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_application_is_refused_within_a_second() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("pijp.yaml");
    mkfifo(&p);
    // Nobody writes to the pipe: opening it for reading would block for ever.
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("named pipe"), "{}", r.out);
    assert!(r.took < Duration::from_secs(1), "took {:?}", r.took);
}

#[cfg(target_os = "linux")]
#[test]
fn a_device_as_application_is_refused_within_a_second() {
    let r = run(&["/dev/zero"]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("apparaat"), "{}", r.out);
    assert!(r.took < Duration::from_secs(1), "took {:?}", r.took);
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_as_attachments_fail_without_being_opened() {
    let d = tempfile::tempdir().unwrap();
    let plan = d.path().join("plan");
    copy_dir(&root().join("examples/2025-2028/aanvraag"), &plan);
    std::fs::remove_file(plan.join("bijlagen/regiovisie.pdf")).unwrap();
    mkfifo(&plan.join("bijlagen/regiovisie.pdf"));
    std::fs::remove_file(plan.join("bijlagen/activiteitenplan.pdf")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", plan.join("bijlagen/activiteitenplan.pdf")).unwrap();
    let r = run(&["--format", "json", plan.join("aanvraag.yaml").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.out);
    let report: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let fails: Vec<&serde_json::Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "documenten/onderdelen" && f["outcome"] == "fail")
        .collect();
    assert_eq!(fails.len(), 2, "{}", r.out);
}

// --- limits met while reading: refused quickly, in words ---------------------------------------

#[test]
fn more_than_five_million_nodes_is_refused_in_words() {
    // A valid place for many values: one activity with 5,000,010 target groups.
    let mut text = example_text().replacen("doelgroepen: [po, vmbo-onderbouw, vmbo-bb, vmbo-kb, vmbo-gl, mbo]", "doelgroepen: [", 1);
    let at = text.find("doelgroepen: [").unwrap() + "doelgroepen: [".len();
    text.insert_str(at, &format!("{}po]", "po,".repeat(5_000_010)));
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("knopen.yaml");
    std::fs::write(&p, text).unwrap();
    let r = run(&[p.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("meer dan 5.000.000 elementen"), "{}", r.out);
    // Named in words, not the reader's Debug text (`Nodes { nodes: 5000001 }`).
    assert!(!r.out.contains('{') && !r.out.contains("Nodes"), "{}", r.out);
}

// --- quadratic shapes: linear now --------------------------------------------------------------

#[test]
fn five_hundred_long_unknown_references_take_no_quadratic_time() {
    let mut text = example_text();
    let mut partners = String::new();
    let mut bijdragen = String::new();
    for i in 0..500 {
        let id = format!("{}{i:03}", "p".repeat(297));
        partners.push_str(&format!("  - {{ id: {id}, naam: P, soort: bedrijf, ondertekend: true }}\n"));
        bijdragen.push_str(&format!("    - {{ partner: {}{i:03}, jaar: 2025, vorm: geld, bedrag: 1 }}\n", "q".repeat(297)));
    }
    text = text.replacen("activiteiten:\n", &format!("{partners}activiteiten:\n"), 1);
    text = text.replacen("  cofinanciering:\n", &format!("  cofinanciering:\n{bijdragen}"), 1);
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("verwijzingen.yaml");
    std::fs::write(&p, text).unwrap();
    let r = run(&["--format", "json", p.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    let report: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(report["files"][0]["errors"].as_array().unwrap().len(), 500);
    assert!(r.took < Duration::from_secs(30), "took {:?}", r.took);
}

#[test]
fn eighty_thousand_lines_of_contributions_take_no_quadratic_time() {
    let mut text = example_text();
    let mut partners = String::new();
    let mut bijdragen = String::new();
    for i in 0..20_000 {
        partners.push_str(&format!("  - {{ id: b{i}, naam: B, soort: bedrijf, ondertekend: true }}\n"));
    }
    for i in 0..60_000 {
        bijdragen.push_str(&format!("    - {{ partner: b{}, jaar: 2025, vorm: geld, bedrag: 1 }}\n", i % 20_000));
    }
    text = text.replacen("activiteiten:\n", &format!("{partners}activiteiten:\n"), 1);
    text = text.replacen("  cofinanciering:\n", &format!("  cofinanciering:\n{bijdragen}"), 1);
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bijdragen.yaml");
    std::fs::write(&p, text).unwrap();
    let r = run(&["--format", "json", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.out);
    assert!(r.took < Duration::from_secs(60), "took {:?}", r.took);
}

// --- walking a folder: links, non-files, files that are not plans ----------------------------------

#[cfg(unix)]
#[test]
fn a_walk_reads_nothing_outside_its_folder_and_lists_what_it_skipped() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let secret = d.path().join("geheim");
    std::fs::create_dir(&secret).unwrap();
    std::fs::write(secret.join("credentials.yaml"), "regeling: GEHEIM-SLEUTEL-123\naws_secret: GEHEIM-SLEUTEL-123\n").unwrap();
    let plans = d.path().join("plannen");
    copy_dir(&root().join("examples/2025-2028/aanvraag"), &plans.join("noord"));
    symlink(secret.join("credentials.yaml"), plans.join("x.yaml")).unwrap();
    symlink(&secret, plans.join("gelinkte-map")).unwrap();
    symlink("/etc/passwd", plans.join("passwd.yaml")).unwrap();
    symlink(plans.join("nergens.yaml"), plans.join("kapot.yaml")).unwrap();
    symlink(&plans, plans.join("lus")).unwrap();
    symlink(plans.join("noord/aanvraag.yaml"), plans.join("binnen.yaml")).unwrap();
    mkfifo(&plans.join("pijp.yaml"));
    std::fs::write(plans.join("mkdocs.yml"), "site_name: Plannen\nnav: [regeling: x]\n").unwrap();
    std::fs::write(plans.join(".gitignore"), "oud.yaml\n").unwrap();
    std::fs::write(plans.join("oud.yaml"), "regeling: kapot: [\n").unwrap();
    std::fs::create_dir_all(plans.join(".git/info")).unwrap();
    std::fs::write(plans.join(".git/info/exclude"), "concept.yaml\n").unwrap();
    std::fs::write(plans.join("concept.yaml"), "regeling: kapot: [\n").unwrap();
    for format in ["table", "json", "github", "junit", "sarif", "markdown"] {
        let r = run(&["--format", format, plans.to_str().unwrap()]);
        // The plan fails (its moment and attachments are fine, the checks run); nothing skipped
        // changes the code, and nothing ignored is read.
        assert!(!r.out.contains("GEHEIM") && !r.out.contains("root:"), "{format}: a secret leaked:\n{}", r.out);
        assert!(!r.out.contains("oud.yaml") && !r.out.contains("concept.yaml"), "{format}: ignored file read:\n{}", r.out);
        let stderr = String::from_utf8_lossy(&r.stderr);
        for (name, reason) in [
            ("x.yaml", "naar buiten de doorzochte map"),
            ("gelinkte-map", "naar buiten de doorzochte map"),
            ("passwd.yaml", "naar buiten de doorzochte map"),
            ("kapot.yaml", "nergens heen"),
            ("pijp.yaml", "geen gewoon bestand"),
            ("mkdocs.yml", "geen regel `regeling:`"),
        ] {
            assert!(stderr.lines().any(|l| l.contains(name) && l.contains(reason)), "{format}: {name} not listed as skipped ({reason}):\n{stderr}");
        }
        assert_eq!(r.code, 0, "{format}: the one plan passes:\n{}", r.out);
    }
    let r = run(&["--format", "json", plans.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    // The plan once, though a link inside the folder leads to it too.
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{}", r.out);
}

// --- report files: never over an input, never twice ---------------------------------------------

#[test]
fn a_report_never_overwrites_the_application_it_checks() {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/2025-2028/aanvraag"), d.path());
    let plan = d.path().join("aanvraag.yaml");
    let before = std::fs::read(&plan).unwrap();
    for target in [plan.clone(), d.path().join(".").join("aanvraag.yaml"), d.path().join("bijlagen/../aanvraag.yaml")] {
        let spec = format!("json={}", target.display());
        let r = run(&["--format", &spec, plan.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{}", r.out);
        assert!(r.out.contains("zou") && r.out.contains("overschrijven"), "{}", r.out);
        assert_eq!(std::fs::read(&plan).unwrap(), before, "the application was overwritten");
    }
    // Also when the input was found by walking the folder.
    let r = run(&["--format", &format!("junit={}", plan.display()), d.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn two_reports_to_one_file_under_two_names_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let plan = root().join("examples/2025-2028/aanvraag/aanvraag.yaml");
    let a = format!("json={}", d.path().join("o.txt").display());
    let b = format!("junit={}", d.path().join(".").join("o.txt").display());
    let r = run(&["--format", &a, "--format", &b, plan.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("hetzelfde bestand"), "{}", r.out);
    assert!(!d.path().join("o.txt").exists(), "nothing is written");
}

// --- stdout that cannot be written ----------------------------------------------------------------

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_says_why() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let plan = root().join("examples/2025-2028/aanvraag/aanvraag.yaml");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("stocheck"))
        .env("STOCHECK_LANG", "nl")
        .args(["check", "--peildatum", "2024-09-15", plan.to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standaarduitvoer"), "{err}");
}

// --- rule files -------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_rule_folder_with_a_pipe_or_a_huge_percentage_is_refused_without_hanging() {
    let d = tempfile::tempdir().unwrap();
    mkfifo(&d.path().join("pijp.yaml"));
    let plan = root().join("examples/2025-2028/aanvraag/aanvraag.yaml");
    let r = run(&["--rules", d.path().to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("not a regular file"), "{}", r.out);
    assert!(r.took < Duration::from_secs(5), "took {:?}", r.took);
}

#[test]
fn a_rule_percentage_beyond_the_bounds_is_refused_at_load() {
    let d = tempfile::tempdir().unwrap();
    let rules = "id: sto-groot\nnaam: Groot\nversie: \"1\"\nbase: sto-2025-2028\nparameters:\n  cofinanciering_pct:\n    waarde: \"10000000000000000000000000000\"\n    bron: test\n    zekerheid: bevestigd\n";
    std::fs::write(d.path().join("groot.yaml"), rules).unwrap();
    let plan = root().join("examples/2025-2028/aanvraag/aanvraag.yaml");
    let r = run(&["--rules", d.path().to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.out.contains("groot.yaml") && r.out.contains("bound"), "{}", r.out);
}

#[test]
fn rule_set_texts_reach_the_terminal_filtered() {
    let d = tempfile::tempdir().unwrap();
    let rules = "id: sto-vijandig\nnaam: \"\\e[2JVijandig\\u202E\"\nversie: \"\\e]8;;http://x\\a1\"\nbase: sto-2025-2028\nparameters:\n  cofinanciering_pct:\n    waarde: \"10\"\n    bron: \"\\e[31mbron\"\n    zekerheid: bevestigd\n    toelichting: \"\\x9b1mnoot\"\n";
    std::fs::write(d.path().join("vijandig.yaml"), rules).unwrap();
    for args in [vec!["rules"], vec!["rules", "sto-vijandig"], vec!["explain", "cofinanciering/minimum"]] {
        let out = stocheck()
            .args(&args)
            .args(["--color", "never", "--rules", d.path().to_str().unwrap()])
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert_terminal_safe(&format!("{args:?}"), &out.stderr);
    }
}

#[test]
fn a_hostile_argument_is_quoted_filtered_in_the_usage_error() {
    for (args, shown) in [
        (vec!["check", "--format", "\u{1b}[2Jtabel\u{202e}"], "tabel"),
        (vec!["check", "--fail-on", "\u{1b}]0;titel\u{7}"], "--fail-on"),
        (vec!["explain", "\u{1b}[31mregel"], "regel"),
    ] {
        let out = stocheck().args(&args).timeout(TIMEOUT).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert_terminal_safe(&format!("{args:?}"), &out.stderr);
        assert!(String::from_utf8_lossy(&out.stderr).contains(shown), "{args:?}: the argument is named");
    }
}
