//! Where reports may be written (`--format NAME=PATH`): never over a file being checked, and
//! never two reports to one file. Paths are compared resolved (`o.txt`, `./o.txt` and a link to
//! it are one file), before anything is read or written.

use crate::messages::Msg;
use std::path::{Path, PathBuf};

use crate::walk::Input;

/// The path a report file would have once written: the real path when it exists, else the real
/// folder it would be created in with its name. `None` when even the folder does not resolve
/// (the write will fail and say so).
fn resolved(p: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(p) {
        return Some(real);
    }
    let name = p.file_name()?;
    let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::canonicalize(parent).ok().map(|d| d.join(name))
}

/// `Ok` when every report path is a file of its own that no input is; else the catalogue id of
/// the problem and the path as the user wrote it.
pub fn check(reports: &[PathBuf], inputs: &[Input]) -> Result<(), Msg> {
    // Nothing to compare: no input needs resolving.
    if reports.is_empty() {
        return Ok(());
    }
    let input_paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) | Input::Found(p) => std::fs::canonicalize(p).ok(),
            _ => None,
        })
        .collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for r in reports {
        let Some(real) = resolved(r) else { continue };
        if input_paths.contains(&real) {
            return Err(Msg::new("cli.uitvoer-is-invoer").arg("bestand", r.display().to_string()));
        }
        if seen.contains(&real) {
            return Err(Msg::new("cli.format-dubbel").arg("bestand", r.display().to_string()));
        }
        seen.push(real);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_under_two_names_is_one_file() {
        let d = tempfile::tempdir().unwrap();
        let plan = d.path().join("aanvraag.yaml");
        std::fs::write(&plan, "regeling: x\n").unwrap();
        let inputs = vec![Input::File(plan.clone())];
        let dotted = d.path().join(".").join("aanvraag.yaml");
        assert_eq!(check(std::slice::from_ref(&dotted), &inputs), Err(Msg::new("cli.uitvoer-is-invoer").arg("bestand", dotted.display().to_string())));
        let a = d.path().join("o.txt");
        let b = d.path().join("sub/../o.txt");
        std::fs::create_dir(d.path().join("sub")).unwrap();
        assert_eq!(check(&[a.clone(), b.clone()], &inputs), Err(Msg::new("cli.format-dubbel").arg("bestand", b.display().to_string())));
        assert_eq!(check(&[a, d.path().join("p.txt")], &inputs), Ok(()));
    }
}
