//! Every catalogue id the source uses is in both catalogues. A missing id would render as
//! `[[id]]` in a report; this reads the string literals of every file in `src/` that have the
//! shape of an id in one of the catalogue's namespaces (`partners.minimum-ok`, `cli.format`) and
//! looks each one up in Dutch and English. Ids built at run time (`regel.{id}.kort`) are checked
//! by the unit tests that build them.

use std::collections::BTreeSet;
use std::path::Path;

use stocheck::messages::{Lang, ids, template};

/// Literals with the shape of an id that are not ids: field paths of the application, which
/// share their first word with a catalogue namespace.
const NOT_IDS: &[&str] = &["partners.leerlingen", "partners.leeftijd"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().and_then(|x| x.to_str()) == Some("rs") {
            out.push(p);
        }
    }
}

/// The plain string literals of a file (`"…"`), outside comments.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = match line.find("//") {
            // A `//` inside a literal (a URL) is rare in ids' lines; cutting there is safe because
            // ids hold no slashes twice in a row.
            Some(i) => &line[..i],
            None => line,
        };
        let mut rest = code;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            out.push(after[..end].to_string());
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn every_id_used_in_the_source_is_in_both_catalogues() {
    let namespaces: BTreeSet<&str> = ids(Lang::Nl).chain(ids(Lang::En)).filter_map(|id| id.split('.').next()).collect();
    let shape = |s: &str| {
        let Some((ns, rest)) = s.split_once('.') else { return false };
        namespaces.contains(ns)
            && !rest.is_empty()
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/'))
            && !s.ends_with('.')
            && !NOT_IDS.contains(&s)
    };
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    // The prepared data is written from the catalogues and rule files themselves, and its
    // generator names files (`regels.rs`), not texts.
    let prepared = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/prepared");
    files.retain(|f| !f.starts_with(&prepared));
    let mut used = BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for l in literals(&text).into_iter().filter(|l| shape(l)) {
            used.insert((l, f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f).display().to_string()));
        }
    }
    // The scan finds the ids checks, loader and command line use, so it cannot pass vacuously.
    for known in ["partners.minimum-ok", "laden.niet-gevonden", "cli.format", "skip.regeldata"] {
        assert!(used.iter().any(|(id, _)| id == known), "the scan missed {known}");
    }
    let missing: Vec<String> = used
        .iter()
        .flat_map(|(id, file)| {
            Lang::ALL.into_iter().filter(|l| template(id, *l).is_none()).map(move |l| format!("{file}: {id} ({})", l.code()))
        })
        .collect();
    assert!(missing.is_empty(), "ids missing from the catalogue:\n{}", missing.join("\n"));
}
