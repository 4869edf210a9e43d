//! Data-driven cases: every folder under `tests/fixtures/` holds an application (`aanvraag.yaml`,
//! with any attachments beside it) and `verwacht.yaml`, the findings it must produce. Adding a
//! case needs no Rust: see tests/fixtures/README.md.

mod common;

use std::path::Path;

use common::{check_json, matches, read_yaml};

fn run_case(dir: &Path) -> Result<(), String> {
    let expected = read_yaml(&dir.join("verwacht.yaml"));
    let app = dir.join("aanvraag.yaml");
    let mut args = vec![app.to_str().unwrap().to_string()];
    if let Some(p) = expected.get("peildatum").and_then(|p| p.as_str()) {
        args.push("--peildatum".into());
        args.push(p.to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, report) = check_json(&args);
    let file = &report["files"][0];
    let mut problems = Vec::new();
    if let Some(v) = expected.get("verdict")
        && &file["verdict"] != v
    {
        problems.push(format!("verdict {} instead of {v}", file["verdict"]));
    }
    if let Some(c) = expected.get("exit").and_then(|c| c.as_i64())
        && i64::from(code) != c
    {
        problems.push(format!("exit code {code} instead of {c}"));
    }
    for (key, list) in [("findings", "findings"), ("errors", "errors")] {
        for want in expected.get(key).and_then(|v| v.as_array()).into_iter().flatten() {
            let found = file[list].as_array().into_iter().flatten().any(|f| matches(f, want));
            if !found {
                problems.push(format!("no {key} entry matching {want}"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}:\n  {}\nactual {}:\n{}",
            dir.display(),
            problems.join("\n  "),
            "findings",
            serde_json::to_string_pretty(&file).unwrap()
        ))
    }
}

#[test]
fn fixture_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("verwacht.yaml").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "expected fixture folders in {}", root.display());
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_case(d).err()).collect();
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), dirs.len(), failures.join("\n\n"));
}
