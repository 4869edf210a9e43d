//! Which files a run reads (formaat.md §3, §5.6): each path the user gave in turn; a directory is
//! walked with the `ignore` crate, in sorted order, skipping hidden entries, what `--exclude`
//! names, and what the tree's own `.gitignore` files and `.git/info/exclude` ignore (not a
//! user's global excludes, and no ignore file above the walked folder, so the result is the
//! same on every machine and nothing outside the folder is read).
//!
//! A symbolic link met while walking is followed only when its target stays inside the walked
//! folder (a linked file is then checked once, under its first path); a link that leads out of
//! it, or nowhere, is listed as skipped with the reason and never opened. So a plan folder
//! holding `x.yaml -> /etc/shadow` cannot put a line of that file into a report or a CI log.
//! Something found while walking that is not a regular file (a named pipe, a device) is listed
//! as skipped too, and never opened. A path named on the command line is the user's choice and
//! is always checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One thing to check (re-exported as `run::Input`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// A file found while walking a directory: checked only when it names a `regeling`.
    Found(PathBuf),
    Stdin,
    /// A path that could not be used, with the catalogue id of why.
    Unusable(PathBuf, &'static str),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) | Input::Found(p) | Input::Unusable(p, _) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// A file a directory walk passed over, and why: part of the report model, so the writers list it.
pub use crate::report::model::Skipped;

/// The inputs of a run, and what the walk passed over.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn excluded(p: &Path, set: &globset::GlobSet) -> bool {
    set.is_match(p) || p.file_name().is_some_and(|n| set.is_match(n))
}

/// The files to check, in a stable order: each argument in turn, a directory's YAML files sorted.
pub fn collect(paths: &[String], exclude: &globset::GlobSet) -> Collected {
    let mut out = Collected::default();
    for p in paths {
        if p == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, exclude, &mut out),
            Ok(_) => out.inputs.push(Input::File(path)),
            Err(_) => out.inputs.push(Input::Unusable(path, "laden.niet-gevonden")),
        }
    }
    out
}

fn walk(dir: &Path, exclude: &globset::GlobSet, out: &mut Collected) {
    let Ok(root) = std::fs::canonicalize(dir) else {
        out.inputs.push(Input::Unusable(dir.to_path_buf(), "laden.geen-toegang"));
        return;
    };
    let set = exclude.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .parents(false)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| e.depth() == 0 || !excluded(e.path(), &set))
        .build();
    // Files found, with their real path and whether they were reached through a link.
    let mut found: Vec<(PathBuf, Option<PathBuf>, bool)> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => dir.to_path_buf(),
                };
                out.inputs.push(Input::Unusable(path, "laden.geen-toegang"));
                continue;
            }
        };
        let path = entry.path();
        let Some(ft) = entry.file_type() else { continue };
        if ft.is_dir() || !is_yaml(path) {
            // Folders are descended by the walker; a link to a folder inside the tree is walked
            // under its real path, and one leading out of it is not followed.
            if ft.is_symlink()
                && std::fs::metadata(path).is_ok_and(|m| m.is_dir())
                && !std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(&root))
            {
                out.skipped.push(Skipped { path: path.display().to_string(), reason: "overgeslagen.link-buiten" });
            }
            continue;
        }
        if ft.is_symlink() {
            match std::fs::canonicalize(path) {
                Err(_) => {
                    out.skipped.push(Skipped { path: path.display().to_string(), reason: "overgeslagen.link-kapot" });
                    continue;
                }
                Ok(target) if !target.starts_with(&root) => {
                    out.skipped.push(Skipped { path: path.display().to_string(), reason: "overgeslagen.link-buiten" });
                    continue;
                }
                Ok(_) => {}
            }
        }
        // Metadata only (through the link, which stays inside): nothing is opened here.
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                out.skipped.push(Skipped { path: path.display().to_string(), reason: "overgeslagen.geen-bestand" });
                continue;
            }
            Err(_) => {
                out.skipped.push(Skipped { path: path.display().to_string(), reason: "overgeslagen.link-kapot" });
                continue;
            }
        }
        found.push((path.to_path_buf(), None, ft.is_symlink()));
    }
    // Without links the walker (which follows none) reaches every file once: no path needs
    // resolving, which would cost a system call per folder on the way, per file.
    if !found.iter().any(|(_, _, link)| *link) {
        out.inputs.extend(found.into_iter().map(|(path, _, _)| Input::Found(path)));
        return;
    }
    for f in &mut found {
        f.1 = std::fs::canonicalize(&f.0).ok();
    }
    // A file reached both directly and through a link inside the folder is checked once, under
    // its own path (its attachments are beside it, not beside the link).
    let direct: BTreeSet<PathBuf> = found.iter().filter(|(_, _, link)| !link).filter_map(|(_, real, _)| real.clone()).collect();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for (path, real, link) in found {
        if let Some(real) = real
            && ((link && direct.contains(&real)) || !seen.insert(real))
        {
            continue;
        }
        out.inputs.push(Input::Found(path));
    }
}

/// Whether `bytes` hold a line matching `^regeling\s*:` (formaat.md §5.6): what makes a YAML file
/// found while walking an application.
pub fn names_a_regeling(bytes: &[u8]) -> bool {
    bytes.split(|b| *b == b'\n' || *b == b'\r').any(|line| {
        let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        line.strip_prefix(b"regeling").is_some_and(|rest| {
            rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regeling_line_makes_an_application() {
        assert!(names_a_regeling(b"# plan\nregeling: sto-2025-2028\n"));
        assert!(names_a_regeling(b"\xef\xbb\xbfregeling : x"));
        assert!(names_a_regeling(b"a: 1\rregeling:\tx\r"));
        assert!(!names_a_regeling(b"site_name: docs\nnav:\n  - regeling: x\n"));
        assert!(!names_a_regeling(b"regelingen: x\n"));
        assert!(!names_a_regeling(b""));
    }
}
