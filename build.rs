//! Compiles the built-in rule sets (`rules/*.yaml`) and `init` templates
//! (`templates/<regeling>.<lang>.yaml`) into the binary by listing their folders, so a new
//! regulation is files in those folders and no Rust edit. It also takes the fingerprint of the
//! rule files and of each message catalogue: the prepared forms in `src/prepared/` (validated by
//! the crate's own loader, read without a YAML parse) are used only while they carry the same
//! fingerprint, so a stale preparation can slow a run down but never change its result.

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

/// FNV-1a, 64 bits: the same function as `stocheck::prepared::fingerprint`, which the
/// preparation writes into its files.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The fingerprint a prepared file states on its first line containing `FINGERPRINT`.
fn stated(path: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.contains("FINGERPRINT"))?;
    let hex = line.split("0x").nth(1)?;
    u64::from_str_radix(hex.trim_end_matches(|c: char| !c.is_ascii_hexdigit()), 16).ok()
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
    println!("cargo:rerun-if-changed=messages");
    println!("cargo:rerun-if-changed=src/prepared");
    let mut out = String::new();
    // Every file of rules/, the source registry included: all of them go into a resolved set.
    let mut rules_fp = FNV_START;
    for name in yaml_files(&root.join("rules")) {
        let bytes = std::fs::read(root.join("rules").join(&name)).unwrap_or_else(|e| panic!("rules/{name}: {e}"));
        fnv(&mut rules_fp, name.as_bytes());
        fnv(&mut rules_fp, &[0]);
        fnv(&mut rules_fp, &bytes);
        fnv(&mut rules_fp, &[0]);
    }
    let _ = writeln!(out, "/// The fingerprint of the rule files (names and bytes), for the prepared rule sets.");
    let _ = writeln!(out, "pub const RULES_FINGERPRINT: u64 = {rules_fp:#018x};");
    if stated(&root.join("src/prepared/regels.rs")) != Some(rules_fp) {
        println!("cargo:warning=src/prepared/regels.rs is stale: the rule sets are read from YAML at every start. Run `STOCHECK_PREPARE=1 cargo test --test prepared` to prepare them again.");
    }
    for lang in ["nl", "en"] {
        let bytes = std::fs::read(root.join("messages").join(format!("{lang}.yaml"))).unwrap_or_else(|e| panic!("messages/{lang}.yaml: {e}"));
        let mut fp = FNV_START;
        fnv(&mut fp, &bytes);
        let _ = writeln!(out, "/// The fingerprint of `messages/{lang}.yaml`, for its prepared form.");
        let _ = writeln!(out, "pub const {}_FINGERPRINT: u64 = {fp:#018x};", lang.to_uppercase());
        if stated(&root.join(format!("src/prepared/{lang}.rs"))) != Some(fp) {
            println!("cargo:warning=src/prepared/{lang}.rs is stale: messages/{lang}.yaml is read from YAML at start. Run `STOCHECK_PREPARE=1 cargo test --test prepared` to prepare it again.");
        }
    }
    out.push('\n');
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
