//! The configuration file `stocheck.toml` as a repository keeps it (formaat.md §5.5): found in the
//! current folder or a parent, or named with `--config`; paths relative to its own folder; the
//! command line wins; an unknown key or a bad value is an error with its place (exit 2).

mod common;

use std::path::{Path, PathBuf};

use common::stocheck;
use predicates::prelude::*;

/// A plan that passes with warnings: exit 0 under `fail-on = fail`, 1 under `warn`.
fn warning_plan() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2025-2028/waarschuwingen/uitgewerkt-plan-cofinanciering-laag");
    dir.join("uitgewerkt-plan-cofinanciering-laag.yaml")
}

/// A folder holding `stocheck.toml` with `text`, and a subfolder `werk` to run from.
fn repo(text: &str) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("stocheck.toml"), text).unwrap();
    let werk = d.path().join("werk");
    std::fs::create_dir(&werk).unwrap();
    (d, werk)
}

#[test]
fn the_file_in_a_parent_folder_applies_and_the_command_line_wins() {
    let (_d, werk) = repo("fail-on = \"warn\"\nformat = \"github\"\n");
    let plan = warning_plan();
    // From the file: warnings fail, in the GitHub format.
    stocheck().current_dir(&werk).args(["check"]).arg(&plan).assert().code(1).stdout(predicate::str::starts_with("::warning "));
    // The command line wins over each setting.
    stocheck().current_dir(&werk).args(["check", "--fail-on", "fail"]).arg(&plan).assert().code(0);
    stocheck().current_dir(&werk).args(["check", "--format", "json"]).arg(&plan).assert().code(1).stdout(predicate::str::starts_with("{"));
    // Without the file, the defaults.
    stocheck().current_dir(warning_plan().parent().unwrap()).arg("check").arg(&plan).assert().code(0);
}

#[test]
fn language_from_the_file_yields_to_the_command_line_and_the_environment() {
    let (_d, werk) = repo("lang = \"en\"\n");
    let plan = warning_plan();
    stocheck().current_dir(&werk).arg("check").arg(&plan).assert().stdout(predicate::str::contains("Verdict"));
    stocheck().current_dir(&werk).args(["--lang", "nl", "check"]).arg(&plan).assert().stdout(predicate::str::contains("Oordeel"));
    stocheck().current_dir(&werk).env("STOCHECK_LANG", "nl").arg("check").arg(&plan).assert().stdout(predicate::str::contains("Oordeel"));
}

#[test]
fn paths_in_the_file_are_relative_to_its_folder() {
    let (d, werk) = repo("format = [\"table\", \"json=rapport.json\"]\nrules = \"regels\"\n");
    // A rule set only the file's `rules` folder holds: found from `werk/`, relative to the file.
    std::fs::create_dir(d.path().join("regels")).unwrap();
    std::fs::write(
        d.path().join("regels/eigen.yaml"),
        "id: eigen-regeling\nnaam: Eigen\nversie: '1'\nbase: sto-2025-2028\n",
    )
    .unwrap();
    stocheck().current_dir(&werk).args(["rules"]).assert().code(0).stdout(predicate::str::contains("eigen-regeling"));
    stocheck().current_dir(&werk).arg("check").arg(warning_plan()).assert().code(0);
    assert!(d.path().join("rapport.json").is_file(), "the report goes beside stocheck.toml");
    assert!(!werk.join("rapport.json").exists());
}

#[test]
fn an_unknown_key_is_an_error_with_its_place_and_the_nearest_key() {
    let (_d, werk) = repo("lang = \"nl\"\nexlude = [\"concept-*\"]\n");
    stocheck()
        .current_dir(&werk)
        .arg("check")
        .arg(warning_plan())
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("stocheck.toml:2:1: Onbekende sleutel `exlude`; bedoelde u `exclude`?"));
}

#[test]
fn a_bad_value_is_an_error_with_its_place() {
    let (d, werk) = repo("fail-on = \"soms\"\n");
    stocheck()
        .current_dir(&werk)
        .args(["--lang", "en", "check"])
        .arg(warning_plan())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stocheck.toml:1:11: `fail-on` cannot be `soms`; choose from: fail, warn."));
    // --config names another file; one that does not exist is an error too.
    std::fs::write(d.path().join("ander.toml"), "fail-on = \"warn\"\n").unwrap();
    stocheck().current_dir(&werk).args(["check", "--config", "../ander.toml"]).arg(warning_plan()).assert().code(1);
    stocheck().current_dir(&werk).args(["check", "--config", "../bestaat-niet.toml"]).arg(warning_plan()).assert().code(2);
}
