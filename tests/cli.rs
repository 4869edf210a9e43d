//! The command as a user and a script meet it: exit codes, stdout and stderr, the JSON report's
//! shape, the table, stdin, directories, determinism, a closed pipe.

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, stocheck};
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).join("aanvraag.yaml")
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn passing_file_exits_0_with_a_table() {
    stocheck()
        .args(["check", "--verbose", arg(&fixture("cofinanciering-precies-tien-procent"))])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\ncofinanciering\n"))
        .stdout(predicate::str::contains("minimum"))
        .stdout(predicate::str::contains("✔ goed"))
        .stdout(predicate::str::contains("€ 100.000,00"))
        .stdout(predicate::str::contains("1 bestand: 1 voldoet"))
        .stderr(predicate::str::is_empty());
}

#[test]
fn failing_file_exits_1() {
    stocheck()
        .args(["check", arg(&fixture("termijn-een-seconde-te-laat"))])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("✘ fout"))
        .stdout(predicate::str::contains("VOLDOET NIET"));
}

#[test]
fn broken_file_exits_2_with_place_on_stderr() {
    let f = fixture("laden-onbekende-sleutel");
    stocheck()
        .args(["check", arg(&f)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:", f.display())))
        .stderr(predicate::str::contains("bedoelde u `cofinanciering`?"));
}

#[test]
fn every_file_is_checked_and_the_highest_code_wins() {
    let (code, report) = check_json(&[
        arg(&fixture("laden-leeg")),
        arg(&fixture("cofinanciering-precies-tien-procent")),
        arg(&fixture("termijn-een-seconde-te-laat")),
    ]);
    assert_eq!(code, 2);
    let verdicts: Vec<&str> = report["files"].as_array().unwrap().iter().map(|f| f["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts, ["error", "pass", "fail"]);
    assert_eq!(report["summary"]["files"], 3);
    assert_eq!(report["summary"]["error"], 1);
    let (code, _) = check_json(&[arg(&fixture("cofinanciering-precies-tien-procent")), arg(&fixture("termijn-een-seconde-te-laat"))]);
    assert_eq!(code, 1);
}

#[test]
fn json_report_has_the_contract_keys() {
    let (_, r) = check_json(&["--peildatum", "2024-09-30", arg(&fixture("cofinanciering-een-cent-tekort"))]);
    assert_eq!(r["version"], 1);
    assert_eq!(r["stocheck"], env!("CARGO_PKG_VERSION"));
    assert_eq!(r["peildatum"], "2024-09-30T00:00:00+02:00");
    let f = &r["files"][0];
    assert_eq!(f["regeling"], "sto-2025-2028");
    assert_eq!(f["rules"]["id"], "sto-2025-2028");
    assert_eq!(f["rules"]["origin"], "builtin");
    assert_eq!(f["moment"]["from"], "indiening");
    assert_eq!(f["moment"]["value"], "2024-09-30T14:30:00+02:00");
    assert_eq!(f["verdict"], "fail");
    assert!(f["errors"].as_array().unwrap().is_empty());
    let findings = f["findings"].as_array().unwrap();
    for x in findings {
        for key in ["rule", "outcome", "message"] {
            assert!(x.get(key).is_some(), "{key} missing in {x}");
        }
        assert!(["pass", "fail", "warn", "skip"].contains(&x["outcome"].as_str().unwrap()));
        // Keys without a value are left out, never null.
        assert!(x.as_object().unwrap().values().all(|v| !v.is_null()), "{x}");
        if x["outcome"] != "skip" {
            assert!(x.get("source").is_some() && x.get("certainty").is_some(), "no source: {x}");
        }
    }
    let rules: std::collections::BTreeSet<&str> = findings.iter().map(|x| x["rule"].as_str().unwrap()).collect();
    for m in ["partners/", "cofinanciering/", "uurtarieven/", "sectoren/", "termijnen/", "begroting/", "documenten/"] {
        assert!(rules.iter().any(|r| r.starts_with(m)), "no finding of module {m}");
    }
    let s = &r["summary"];
    let total: u64 = ["pass", "fail", "warn", "skip"].iter().map(|k| s["findings"][k].as_u64().unwrap()).sum();
    assert_eq!(total as usize, findings.len());
}

#[test]
fn stdin_is_read_and_attachments_are_skipped() {
    let text = std::fs::read_to_string(fixture("cofinanciering-precies-tien-procent")).unwrap();
    let out = stocheck().args(["check", "--format", "json", "-"]).write_stdin(text).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["files"][0]["path"], "-");
    let onderdelen = r["files"][0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "documenten/onderdelen").cloned();
    assert_eq!(onderdelen.expect("documenten/onderdelen")["outcome"], "skip");
}

#[test]
fn directory_is_walked_in_sorted_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (_, r) = check_json(&[arg(&root), "--exclude", "laden-*"]);
    let paths: Vec<String> = r["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.iter().all(|p| !p.contains("laden-")));
    assert!(paths.iter().all(|p| p.ends_with("aanvraag.yaml") || p.ends_with("verwacht.yaml")));
}

#[test]
fn same_input_same_output() {
    let f = fixture("cofinanciering-een-cent-tekort");
    let run = |format: &str| stocheck().args(["check", "--peildatum", "2025-01-01", "--format", format, arg(&f)]).output().unwrap().stdout;
    for format in ["json", "table"] {
        assert_eq!(run(format), run(format), "{format} differs between runs");
    }
}

#[test]
fn fail_on_warn_turns_warnings_into_failure() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("cofinanciering-precies-tien-procent")).unwrap();
    // One vmbo vestiging meets only the lenient minimum: a warning.
    let text = text.replace("vestiging: 12AB01", "vestiging: 12AB00");
    let src = fixture("cofinanciering-precies-tien-procent");
    let f = d.path().join("aanvraag.yaml");
    std::fs::write(&f, text).unwrap();
    std::fs::create_dir(d.path().join("bijlagen")).unwrap();
    for e in std::fs::read_dir(src.parent().unwrap().join("bijlagen")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), d.path().join("bijlagen").join(e.file_name())).unwrap();
    }
    let (code, r) = check_json(&[arg(&f)]);
    assert_eq!(r["summary"]["findings"]["fail"], 0, "{r}");
    assert!(r["summary"]["findings"]["warn"].as_u64().unwrap() >= 1);
    assert_eq!(code, 0);
    let (code, r) = check_json(&["--fail-on", "warn", arg(&f)]);
    assert_eq!(code, 1);
    assert_eq!(r["files"][0]["verdict"], "fail");
}

#[test]
fn bad_peildatum_and_unknown_format_are_usage_errors() {
    stocheck().args(["check", "--peildatum", "morgen", "x.yaml"]).assert().code(2).stderr(predicate::str::contains("--peildatum"));
    stocheck().args(["check", "--format", "xml", "x.yaml"]).assert().code(2);
    stocheck().args(["check", "/bestaat/niet.yaml"]).assert().code(2).stderr(predicate::str::contains("bestaat niet"));
}

#[test]
fn rules_dir_replaces_a_builtin_set() {
    let d = tempfile::tempdir().unwrap();
    // The same regulation with a 20% cofinancing requirement for the aanvraag.
    let builtin = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/sto-2025-2028.yaml")).unwrap();
    let changed = builtin.replacen("      cofinanciering_pct:\n        waarde: \"10\"", "      cofinanciering_pct:\n        waarde: \"20\"", 1);
    assert_ne!(builtin, changed);
    std::fs::write(d.path().join("sto-2025-2028.yaml"), changed).unwrap();
    let (code, r) = check_json(&["--rules", arg(d.path()), arg(&fixture("cofinanciering-precies-tien-procent"))]);
    assert_eq!(code, 1);
    let f = &r["files"][0];
    assert_eq!(f["rules"]["origin"].as_str().unwrap(), arg(&d.path().join("sto-2025-2028.yaml")));
    let cof = f["findings"].as_array().unwrap().iter().find(|x| x["rule"] == "cofinanciering/minimum").unwrap();
    assert_eq!(cof["required"], "200000.00");
}

#[test]
fn broken_rule_file_is_an_error_with_its_place() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("kapot.yaml"), "id: kapot\nnaam: K\nversie: '1'\nparameters:\n  cofinanciering_pct:\n    waarde: \"10\"\n    bron: een bron\n    zekerheid: zeker\n").unwrap();
    stocheck()
        .args(["check", "--rules", arg(d.path()), arg(&fixture("regeling-alias"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kapot.yaml:8:"));
}

#[cfg(unix)]
#[test]
fn closed_pipe_is_quiet() {
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("stocheck");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut child = Command::new(bin)
        .args(["check", arg(&root)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of stdout at once, like `| head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn help_and_version_exit_0() {
    stocheck().arg("--help").assert().code(0);
    stocheck().arg("--version").assert().code(0).stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn english_everywhere_by_flag_or_environment() {
    let f = fixture("cofinanciering-een-cent-tekort");
    stocheck()
        .args(["check", "--lang", "en", arg(&f)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("✘ fail"))
        .stdout(predicate::str::contains("€0.01 is missing"))
        .stdout(predicate::str::contains("1 file: 0 meet the rules, 1 does not meet the rules"));
    // The global flag may stand before the command; STOCHECK_LANG does the same without a flag.
    stocheck().args(["--lang", "en", "check", arg(&f)]).assert().stdout(predicate::str::contains("DOES NOT MEET THE RULES"));
    stocheck().env("STOCHECK_LANG", "en").args(["check", arg(&f)]).assert().stdout(predicate::str::contains("DOES NOT MEET THE RULES"));
    // The flag wins over the environment.
    stocheck().env("STOCHECK_LANG", "en").args(["check", "--lang", "nl", arg(&f)]).assert().stdout(predicate::str::contains("VOLDOET NIET"));
    stocheck().env("STOCHECK_LANG", "fr").args(["check", arg(&f)]).assert().code(2).stderr(predicate::str::contains("STOCHECK_LANG=fr"));
    // Load errors in English too, drawn with the line and the fix.
    stocheck()
        .args(["check", "--lang", "en", arg(&fixture("laden-onbekende-sleutel"))])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: Unknown key `cofinancering`"))
        .stderr(predicate::str::contains("did you mean `cofinanciering`?"));
}

#[test]
fn load_errors_are_drawn_with_line_caret_and_fix_but_json_stays_plain() {
    let f = fixture("laden-onbekende-sleutel");
    let out = stocheck().args(["check", arg(&f)]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fout: Onbekende sleutel `cofinancering`"), "{err}");
    assert!(err.contains(&format!("--> {}:", f.display())), "{err}");
    assert!(err.contains("^^^^^^^^^^^^^ bedoelde u `cofinanciering`?"), "{err}");
    assert!(err.contains("hulp: bedoelde u `cofinanciering`?"), "{err}");
    // The same drawing in the table on stdout.
    assert!(String::from_utf8_lossy(&out.stdout).contains("^^^^^^^^^^^^^"));
    let (_, r) = check_json(&[arg(&f)]);
    let m = r["files"][0]["errors"][0]["message"].as_str().unwrap();
    assert_eq!(m, "Onbekende sleutel `cofinancering`; bedoelde u `cofinanciering`?");
}

#[test]
fn colour_only_when_asked() {
    let f = fixture("termijn-een-seconde-te-laat");
    let plain = stocheck().args(["check", arg(&f)]).output().unwrap().stdout;
    assert!(!plain.contains(&0x1b), "no escape codes in a pipe");
    let always = stocheck().args(["check", "--color", "always", arg(&f)]).output().unwrap().stdout;
    assert!(always.contains(&0x1b));
    let never = stocheck().args(["check", "--color", "never", arg(&f)]).env("NO_COLOR", "").output().unwrap().stdout;
    assert_eq!(never, plain);
}

#[test]
fn table_fits_80_columns_and_uses_a_wide_terminal() {
    let f = fixture("termijn-een-seconde-te-laat");
    // Every finding listed (--verbose), so both layouts of its lines are seen.
    let at = |w: &str| {
        let out = stocheck().env("COLUMNS", w).args(["check", "--verbose", "--peildatum", "2024-09-30", arg(&f)]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let narrow = at("80");
    // Every line fits except the file's own path and a source's address, which are never cut
    // (an address cut in two cannot be followed).
    for l in narrow.lines().filter(|l| !l.starts_with("━━") && !l.trim_start().starts_with("https://")) {
        assert!(l.chars().count() <= 80, "{} wide: {l}", l.chars().count());
    }
    assert!(narrow.contains("\ntermijnen\n") && narrow.contains("Oordeel"));
    let wide = at("160");
    assert!(wide.lines().any(|l| l.chars().count() > 100), "a wide terminal is used");
    assert!(wide.lines().count() < narrow.lines().count());
}

#[test]
fn init_writes_a_template_and_never_overwrites() {
    let d = tempfile::tempdir().unwrap();
    stocheck()
        .current_dir(d.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("aanvraag.yaml geschreven"));
    let text = std::fs::read_to_string(d.path().join("aanvraag.yaml")).unwrap();
    assert!(text.contains("regeling: sto-2025-2028") && text.contains("VUL-IN"));
    // The raw template loads and fails on purpose (exit 1, not 2).
    stocheck().current_dir(d.path()).args(["check", "aanvraag.yaml"]).assert().code(1);
    std::fs::write(d.path().join("aanvraag.yaml"), "mijn werk").unwrap();
    stocheck()
        .current_dir(d.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("aanvraag.yaml bestaat al"));
    assert_eq!(std::fs::read_to_string(d.path().join("aanvraag.yaml")).unwrap(), "mijn werk");
    stocheck()
        .current_dir(d.path())
        .args(["--lang", "en", "init", "plan.yaml", "--regeling", "sto-2025-2029"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("plan.yaml written"));
    assert!(std::fs::read_to_string(d.path().join("plan.yaml")).unwrap().contains("FILL-IN"));
    stocheck()
        .current_dir(d.path())
        .args(["init", "x.yaml", "--regeling", "sto-1999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sto-2020-2023, sto-2024, sto-2025-2028"));
    // Every regulation has a template in both languages; each loads and fails on purpose.
    for regeling in ["sto-2020-2023", "sto-2024", "sto-2025-2028"] {
        for (lang, marker) in [("nl", "VUL-IN"), ("en", "FILL-IN")] {
            let file = format!("{regeling}.{lang}.yaml");
            stocheck()
                .current_dir(d.path())
                .args(["--lang", lang, "init", &file, "--regeling", regeling])
                .assert()
                .code(0)
                .stdout(predicate::str::contains(regeling));
            let text = std::fs::read_to_string(d.path().join(&file)).unwrap();
            assert!(text.contains(&format!("\nregeling: {regeling}\n")) && text.contains(marker), "{file}");
            stocheck().current_dir(d.path()).args(["--lang", lang, "check", &file]).assert().code(1);
        }
    }
}

#[test]
fn rules_and_explain() {
    stocheck().arg("rules").assert().code(0).stdout(predicate::str::contains("sto-2025-2028"));
    stocheck()
        .args(["rules", "sto-2025-2029"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("cofinanciering/minimum"))
        .stdout(predicate::str::contains("mild: 1 vestiging (vmbo, vso) · streng: 2 vestigingen (vmbo)"));
    let out = stocheck().args(["rules", "sto-2025-2028", "--format", "json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["rules"].as_array().unwrap().len(), stocheck::checks::RULES.len());
    stocheck().args(["rules", "sto-2030"]).assert().code(2).stderr(predicate::str::contains("sto-2025-2028"));
    stocheck()
        .args(["--lang", "en", "explain", "cofinanciering/minimum"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Example that fails"))
        .stdout(predicate::str::contains("bedrag: 99999.99"));
    stocheck().args(["explain", "cofinanciering/minimm"]).assert().code(2).stderr(predicate::str::contains("bedoelde u `cofinanciering/minimum`?"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        stocheck().args(["completions", shell]).assert().code(0).stdout(predicate::str::contains("explain"));
    }
    stocheck().arg("man").assert().code(0).stdout(predicate::str::contains(".TH stocheck"));
    stocheck().args(["completions", "tcsh"]).assert().code(2);
}

/// formaat.md §5.9: a plan "voldoet niet"; no output, in either language and any format, calls it
/// "afgekeurd" or "rejected" (rejection is DUS-I's decision).
#[test]
fn no_output_calls_a_plan_rejected() {
    let examples = common::root().join("examples");
    for lang in ["nl", "en"] {
        for format in ["table", "json", "junit", "sarif", "github", "markdown"] {
            let out = stocheck()
                .args(["--lang", lang, "check", "--peildatum", "2024-09-30", "--format", format, arg(&examples)])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
            assert!(!text.is_empty(), "{lang} {format}: no output");
            for word in ["afgekeurd", "rejected"] {
                assert!(!text.contains(word), "{lang} {format} says {word}");
            }
        }
    }
}

/// A moment between the lenient and the strict opening of a window (the herindiening of 2019)
/// meets only the lenient reading: the message names both openings and how early the moment is,
/// never a lateness, and the band in the JSON is the two openings (regels.md §2.0, §7.10).
#[test]
fn between_two_openings_names_both_openings() {
    let base = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/basis/sto-2020-2023-aanvraag.yaml")).unwrap();
    let plan = base
        .replacen("soort: aanvraag", "soort: herindiening", 1)
        .replacen("moment: 2019-03-15T12:00:00+01:00", "moment: 2019-04-02T00:00:00+02:00", 1);
    assert_ne!(plan, base);
    let out = stocheck().args(["check", "--format", "json", "-"]).write_stdin(plan).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = j["files"][0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "termijnen/venster").unwrap().clone();
    assert_eq!(f["outcome"], "warn", "{f}");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("vóór de strenge opening (1 juli 2019 00:00)") && msg.contains("ruim opende de termijn 2 april 2019 00:00"), "{msg}");
    assert!(!msg.contains("sluiting"), "{msg}");
    assert_eq!(f["mild"], "2019-04-02T00:00:00+02:00", "{f}");
    assert_eq!(f["streng"], "2019-07-01T00:00:00+02:00", "{f}");
    assert_eq!(f["direction"], "min", "{f}");
}

/// When the readings differ both in the requirement and in whose contributions count (the only
/// company has the name of a school's bevoegd gezag), the message names what each reading counts,
/// never "meets the lenient reading" beside the full amount as missing (regels.md §7.12).
#[test]
fn a_band_on_base_and_contributors_names_both_found_amounts() {
    let base = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/basis/sto-2020-2023-aanvraag.yaml")).unwrap();
    let plan = base.replacen("naam: Installatiebedrijf E B.V.", "naam: Stichting VO A", 1);
    assert_ne!(plan, base);
    let out = stocheck().args(["check", "--peildatum", "2019-03-15", "--format", "json", "-"]).write_stdin(plan).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = j["files"][0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "cofinanciering/minimum").unwrap().clone();
    assert_eq!(f["outcome"], "warn", "{f}");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("haalt alleen de ruime lezing") && msg.contains("telt maar € 0,00 mee"), "{msg}");
}
