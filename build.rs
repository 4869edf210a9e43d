//! Compiles the built-in rule sets (`rules/*.yaml`) and `init` templates
//! (`templates/<regeling>.<lang>.yaml`) into the binary by listing their folders, so a new
//! regulation is files in those folders and no Rust edit.

use std::fmt::Write as _;
use std::path::Path;

fn yaml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// The file of `rules/` that holds the source registry.
const BRONNEN: &str = "bronnen.yaml";

/// Every YAML file below `dir`, sorted, as (path relative to the crate, path).
fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, std::path::PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, &format!("{rel}/{name}"), out);
        } else if name.ends_with(".yaml") {
            out.push((format!("{rel}/{name}"), p));
        }
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=scenarios");
    let mut out = String::new();
    // `rules/bronnen.yaml` is the shared source registry, not a rule set.
    let bronnen = root.join("rules").join(BRONNEN);
    let _ = writeln!(out, "/// The source registry shared by the built-in rule sets (`rules/{BRONNEN}`).");
    let _ = writeln!(out, "pub const BRONNEN: (&str, &str) = ({:?}, include_str!({:?}));\n", format!("rules/{BRONNEN}"), bronnen.display().to_string());
    out.push_str("/// The rule sets compiled into the binary, as (file name, text).\n");
    out.push_str("pub const BUILTIN: &[(&str, &str)] = &[\n");
    for name in yaml_files(&root.join("rules")).into_iter().filter(|n| n != BRONNEN) {
        let path = root.join("rules").join(&name);
        let _ = writeln!(out, "    ({:?}, include_str!({:?})),", format!("rules/{name}"), path.display().to_string());
    }
    out.push_str("];\n\n");
    out.push_str("/// The `init` templates, as (regeling, language, text): per regulation the Dutch one first.\n");
    out.push_str("pub const TEMPLATES: &[(&str, crate::messages::Lang, &str)] = &[\n");
    let mut templates: Vec<(String, String, String)> = yaml_files(&root.join("templates"))
        .into_iter()
        .map(|name| {
            let stem = name.trim_end_matches(".yaml");
            let Some((regeling, lang)) = stem.rsplit_once('.') else {
                panic!("templates/{name}: expected <regeling>.<lang>.yaml");
            };
            (regeling.to_string(), lang.to_string(), name.clone())
        })
        .collect();
    templates.sort_by_key(|(r, l, _)| (r.clone(), l != "nl", l.clone()));
    for (regeling, lang, name) in templates {
        // The language's variant: `nl` → `Lang::Nl`.
        let variant: String = lang.chars().take(1).flat_map(char::to_uppercase).chain(lang.chars().skip(1)).collect();
        let path = root.join("templates").join(&name);
        let _ = writeln!(
            out,
            "    ({regeling:?}, crate::messages::Lang::{variant}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n\n");
    out.push_str("/// The built-in scenarios and the applications they start from, as (path, text).\n");
    out.push_str("pub const SCENARIOS: &[(&str, &str)] = &[\n");
    let mut files = Vec::new();
    walk(&root.join("scenarios"), "scenarios", &mut files);
    for (rel, path) in files {
        let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", path.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
