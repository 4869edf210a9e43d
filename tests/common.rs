//! Shared by the integration tests: running the real binary, reading YAML through the crate's
//! one YAML module, and matching expected findings.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The `stocheck` binary built for this test run.
pub fn stocheck() -> Command {
    let mut c = Command::cargo_bin("stocheck").expect("binary");
    c.env_remove("STOCHECK_LANG").env_remove("NO_COLOR");
    c
}

/// Runs `stocheck check --format json` and returns (exit code, report).
pub fn check_json(args: &[&str]) -> (i32, Value) {
    let out = stocheck().arg("check").arg("--format").arg("json").args(args).output().expect("runs");
    let code = out.status.code().expect("exit code");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON report: {e}\n{}", String::from_utf8_lossy(&out.stdout)));
    (code, report)
}

/// A YAML file as JSON values, read through stocheck's own YAML module.
pub fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    stocheck::yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

/// Whether `actual` has every key of `expected` with the same value (strings compared as text,
/// so `line: 41` matches `41`; `message_bevat` matches a part of `message`).
pub fn matches(actual: &Value, expected: &Value) -> bool {
    let Some(exp) = expected.as_object() else { return false };
    exp.iter().all(|(k, v)| {
        if k == "message_bevat" {
            let needle = v.as_str().unwrap_or_default();
            return actual["message"].as_str().is_some_and(|m| m.contains(needle));
        }
        let a = &actual[k.as_str()];
        a == v || (a.to_string().trim_matches('"') == v.to_string().trim_matches('"'))
    })
}

/// The expected verdict written in an example's comment head (`# verwacht: pass`).
pub fn expected_verdict(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .find_map(|l| l.strip_prefix("# verwacht:").map(|v| v.trim().to_string()))
}

/// Every `*.yaml` below `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The folder of the repository.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder (an example with its `bijlagen/`) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// The name of a partner in [`hostile_application`]: workflow-command syntax, a literal escape,
/// a real line break, Markdown, HTML and a terminal colour code.
pub const HOSTILE_NAAM: &str =
    "Evil ::error file=x.yaml,line=1::gehackt %0A ::warning::nep\n::error::tweede regel [klik](javascript:alert(1)) <script>alert(1)</script> | kolom @iedereen \u{1b}[31mrood\u{1b}[0m";

/// A failing application in `dir` whose file name and partner name are hostile: based on the
/// `cofinanciering-te-laag` example (a failure with amounts in its message), with an unsigned
/// partner whose name is [`HOSTILE_NAAM`], so the name appears in a failing finding.
pub fn hostile_application(dir: &Path) -> std::path::PathBuf {
    let src = root().join("examples/2025-2028/fouten/cofinanciering-te-laag");
    copy_dir(&src, dir);
    let text = std::fs::read_to_string(dir.join("cofinanciering-te-laag.yaml")).unwrap();
    std::fs::remove_file(dir.join("cofinanciering-te-laag.yaml")).unwrap();
    let quoted = serde_json::to_string(HOSTILE_NAAM).unwrap();
    let from = "    naam: Scheepswerf De Kreek B.V.\n    soort: bedrijf\n    kvk: \"70451238\"\n    ondertekend: true";
    assert_eq!(text.matches(from).count(), 1);
    let to = format!("    naam: {quoted}\n    soort: bedrijf\n    kvk: \"70451238\"\n    ondertekend: false");
    let f = dir.join("regio, noord: 100%.yaml");
    std::fs::write(&f, text.replacen(from, &to, 1)).unwrap();
    f
}

/// A YAML double-quoted scalar holding `t` exactly: everything but printable ASCII escaped.
pub fn quoted(t: &str) -> String {
    let mut out = String::from("\"");
    for c in t.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// git with a fixed identity and no configuration from the user's home or the system.
pub fn git(dir: &Path, home: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_AUTHOR_NAME", "stocheck test")
        .env("GIT_AUTHOR_EMAIL", "test@stocheck.invalid")
        .env("GIT_COMMITTER_NAME", "stocheck test")
        .env("GIT_COMMITTER_EMAIL", "test@stocheck.invalid");
    c
}

/// A home folder for [`git`] below `dir`, whose git configuration names `main` the first branch.
pub fn git_home(dir: &Path) -> std::path::PathBuf {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("gitconfig"), "[init]\n\tdefaultBranch = main\n").unwrap();
    home
}

/// A process's standard output and error, as text.
pub fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The output of a process that must have succeeded; else the test fails with what it printed.
pub fn ok(out: std::process::Output, what: &str) -> std::process::Output {
    assert!(out.status.success(), "{what} failed:\n{}", text(&out));
    out
}
