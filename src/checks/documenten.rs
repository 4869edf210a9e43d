//! `documenten`: the parts of the submission (files next to the application, formaat.md §2),
//! the mandatory themes, and the content the rule set requires (po cooperation, a reservation
//! for planning). This is the one module that looks at the file system, and only through
//! [`Ctx::folder`]: it reads metadata, never opens an attachment, and never follows a path out
//! of the application's folder.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use super::rule::Rule;
use crate::module::Module;
use crate::regeling::params as key;
use crate::engine::{Ctx, Finding, Outcome, Subject, judge};
use crate::messages::{Arg, Msg};
use crate::regeling::Param;
use crate::yaml::pos;

pub const ONDERDELEN: Rule = Rule {
    id: "documenten/onderdelen",
    module: Module::Documenten,
    params: &[key::ONDERDELEN_VERPLICHT.name, key::ONDERDELEN_AANVULLEND.name],
    run: onderdelen,
};
pub const THEMAS: Rule = Rule {
    id: "documenten/themas",
    module: Module::Documenten,
    params: &[key::THEMAS_VERPLICHT.name],
    run: themas,
};
pub const PO_SAMENWERKING: Rule = Rule {
    id: "documenten/po-samenwerking",
    module: Module::Documenten,
    params: &[key::PO_SAMENWERKING.name],
    run: po_samenwerking,
};
pub const PLANVORMING: Rule = Rule {
    id: "documenten/planvorming",
    module: Module::Documenten,
    params: &[key::PLANVORMING.name],
    run: planvorming,
};

/// What was found at an attachment's path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bestand {
    /// A non-empty regular file inside the folder.
    Goed,
    PadLeeg,
    Absoluut,
    /// `..` climbs above the folder.
    Omhoog,
    /// The path resolves (through a symlink) to a place outside the folder.
    LinkBuiten,
    LinkZonderDoel,
    Ontbreekt,
    NietGewoon,
    Leeg,
    Fout(String),
}

impl Bestand {
    /// A path that leads out of the folder fails whether or not the part is required.
    fn leidt_naar_buiten(&self) -> bool {
        matches!(self, Bestand::Absoluut | Bestand::Omhoog | Bestand::LinkBuiten)
    }

    fn msg_id(&self) -> &'static str {
        match self {
            Bestand::Goed => "documenten.bestand-ok",
            Bestand::PadLeeg => "documenten.pad-leeg",
            Bestand::Absoluut => "documenten.pad-absoluut",
            Bestand::Omhoog => "documenten.pad-omhoog",
            Bestand::LinkBuiten => "documenten.pad-link-buiten",
            Bestand::LinkZonderDoel => "documenten.link-zonder-doel",
            Bestand::Ontbreekt => "documenten.bestand-ontbreekt",
            Bestand::NietGewoon => "documenten.geen-bestand",
            Bestand::Leeg => "documenten.bestand-leeg",
            Bestand::Fout(_) => "documenten.bestand-fout",
        }
    }
}

/// Looks at an attachment `rel` inside the application's folder without opening it. The path is
/// first judged by its own components (absolute, or `..` climbing above the folder: never touched
/// at all). Then each component is looked at with `lstat` from the folder down: a path without a
/// link in it is inside the folder by construction, and the last `lstat` says what is there, so
/// no path needs resolving. A path with a link in it (or an oddity such as a file used as a
/// folder) is resolved with `canonicalize`, which follows every link on the way, and must still
/// lie inside the canonical folder ([`through_links`]); the folder is resolved for that once per
/// application (`base`). Only metadata is read.
fn bekijk(folder: &Path, base: &mut Option<Result<PathBuf, String>>, rel: &str) -> Bestand {
    if rel.trim().is_empty() {
        return Bestand::PadLeeg;
    }
    let path = Path::new(rel);
    if path.is_absolute() || path.has_root() {
        return Bestand::Absoluut;
    }
    let mut depth = 0usize;
    for c in path.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Bestand::Omhoog,
            },
            Component::RootDir | Component::Prefix(_) => return Bestand::Absoluut,
        }
    }
    let mut resolved = || match base.get_or_insert_with(|| resolve(folder)) {
        Ok(b) => through_links(b, path),
        Err(e) => Bestand::Fout(e.clone()),
    };
    let mut here = folder.to_path_buf();
    let mut last = None;
    for c in path.components() {
        match c {
            Component::Normal(name) => {
                here.push(name);
                match fs::symlink_metadata(&here) {
                    Ok(m) if m.file_type().is_symlink() => return resolved(),
                    Ok(m) => last = Some(m),
                    Err(e) if e.kind() == ErrorKind::NotFound => return Bestand::Ontbreekt,
                    Err(_) => return resolved(),
                }
            }
            // Every folder on the way is a real one (no link), so `..` is its parent.
            Component::ParentDir => {
                here.pop();
                last = None;
            }
            _ => {}
        }
    }
    match last {
        Some(m) if !m.is_file() => Bestand::NietGewoon,
        Some(m) if m.len() == 0 => Bestand::Leeg,
        Some(_) => Bestand::Goed,
        // Ends in `..`: a folder, said the way the resolving path says it.
        None => resolved(),
    }
}

/// The folder attachments are looked for in, resolved once: its canonical path, or why not.
fn resolve(folder: &Path) -> Result<PathBuf, String> {
    folder.canonicalize().map_err(|e| e.to_string())
}

/// An attachment whose path has a link in it: resolved, and refused when it leads out of `base`.
fn through_links(base: &Path, path: &Path) -> Bestand {
    let full = base.join(path);
    let link = match fs::symlink_metadata(&full) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Bestand::Ontbreekt,
        Err(e) => return Bestand::Fout(e.to_string()),
    };
    let real = match full.canonicalize() {
        Ok(r) => r,
        Err(e) if e.kind() == ErrorKind::NotFound && link.file_type().is_symlink() => return Bestand::LinkZonderDoel,
        Err(e) if e.kind() == ErrorKind::NotFound => return Bestand::Ontbreekt,
        Err(e) => return Bestand::Fout(e.to_string()),
    };
    if !real.starts_with(base) {
        return Bestand::LinkBuiten;
    }
    match fs::metadata(&real) {
        Ok(m) if !m.is_file() => Bestand::NietGewoon,
        Ok(m) if m.len() == 0 => Bestand::Leeg,
        Ok(_) => Bestand::Goed,
        Err(e) => Bestand::Fout(e.to_string()),
    }
}

/// Why a part is looked at: required (by the lenient and/or the strict reading), asked for as
/// guidance only (`onderdelen_aanvullend`), or merely listed in the file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Eis {
    Verplicht { mild: bool, streng: bool },
    Aanvullend,
    Vermeld,
}

impl Eis {
    /// The outcome of a part that is missing or unusable (not one that leads out: that fails).
    fn outcome(self, ernst: crate::regeling::Ernst) -> Outcome {
        match self {
            Eis::Verplicht { mild, streng } => judge(!mild, !streng, ernst),
            Eis::Aanvullend | Eis::Vermeld => judge(true, false, ernst),
        }
    }
}

fn onderdelen(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::ONDERDELEN_VERPLICHT, ONDERDELEN.id, out) else {
        return;
    };
    let aanvullend = ctx.optional(&key::ONDERDELEN_AANVULLEND, ONDERDELEN.id, out);
    let a = ctx.aanvraag;
    let given = a.onderdelen.as_ref().map(|o| &o.value);
    let section = a.onderdelen.as_ref().and_then(pos);
    // Required parts (strict reading first), then the guidance-only ones, then whatever else the
    // file lists: every listed attachment must be a proper file inside the folder.
    let mut parts: Vec<(&str, Eis, &Param)> = Vec::new();
    for n in band.streng.iter().chain(&band.mild) {
        let eis = Eis::Verplicht { mild: band.mild.contains(n), streng: band.streng.contains(n) };
        if !parts.iter().any(|(x, _, _)| x == n) {
            parts.push((n.as_str(), eis, p));
        }
    }
    if let Some((b, ap)) = &aanvullend {
        for n in b.streng.iter().chain(&b.mild) {
            if !parts.iter().any(|(x, _, _)| x == n) {
                parts.push((n.as_str(), Eis::Aanvullend, *ap));
            }
        }
    }
    for (k, _) in given.map_or(&[][..], |g| &g.entries[..]) {
        if !parts.iter().any(|(x, _, _)| *x == k.value) {
            parts.push((k.value.as_str(), Eis::Vermeld, p));
        }
    }
    let mut bad = false;
    let mut unchecked: Vec<String> = Vec::new();
    // The folder, resolved at most once for all attachments: only for a path with a link in it.
    let mut base: Option<Result<PathBuf, String>> = None;
    for &(name, eis, param) in &parts {
        let Some(entry) = given.and_then(|g| g.get(name)) else {
            // Not named at all: knowable without the folder, so judged even for stdin.
            let outcome = eis.outcome(param.ernst);
            if outcome != Outcome::Pass {
                bad = true;
                let id = match eis {
                    Eis::Verplicht { mild: true, .. } => "documenten.onderdeel-ontbreekt",
                    Eis::Verplicht { .. } => "documenten.onderdeel-ontbreekt-streng",
                    _ => "documenten.onderdeel-ontbreekt-aanvullend",
                };
                let msg = Msg::new(id).arg("onderdeel", name);
                out.push(Finding::new(ONDERDELEN.id, outcome, msg).about(Subject::onderdeel(name)).at(section).param(param));
            }
            continue;
        };
        let Some(folder) = ctx.folder else {
            unchecked.push(name.to_string());
            continue;
        };
        let found = bekijk(folder, &mut base, &entry.value);
        if found == Bestand::Goed {
            continue;
        }
        let outcome = if found.leidt_naar_buiten() { Outcome::Fail } else { eis.outcome(param.ernst) };
        if outcome == Outcome::Pass {
            continue;
        }
        bad = true;
        let mut msg = Msg::new(found.msg_id()).arg("onderdeel", name).arg("pad", entry.value.as_str());
        if let Bestand::Fout(e) = &found {
            msg = msg.arg("fout", e.as_str());
        }
        out.push(Finding::new(ONDERDELEN.id, outcome, msg).about(Subject::onderdeel(name)).at(pos(entry)).param(param));
    }
    if !unchecked.is_empty() {
        let msg = Msg::new("documenten.geen-map").arg("onderdelen", Arg::Lijst(unchecked));
        out.push(Finding::new(ONDERDELEN.id, Outcome::Skip, msg).at(section).param(p));
    } else if !bad {
        let msg = Msg::new("documenten.onderdelen-ok").arg("onderdelen", Arg::Lijst(band.streng.clone()));
        out.push(Finding::new(ONDERDELEN.id, Outcome::Pass, msg).at(section).param(p));
    }
}

fn themas(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::THEMAS_VERPLICHT, THEMAS.id, out) else {
        return;
    };
    let a = ctx.aanvraag;
    let given = a.themas.as_ref().map(|t| &t.value);
    let mut all: Vec<&String> = band.streng.iter().collect();
    all.extend(band.mild.iter().filter(|t| !band.streng.contains(t)));
    let mut bad = false;
    for thema in all {
        let entry = given.and_then(|g| g.get(thema));
        let present = entry.is_some_and(|e| !e.value.trim().is_empty());
        let outcome = judge(present || !band.mild.contains(thema), present || !band.streng.contains(thema), p.ernst);
        if outcome == Outcome::Pass {
            continue;
        }
        bad = true;
        let id = if band.mild.contains(thema) { "documenten.thema-ontbreekt" } else { "documenten.thema-alleen-streng" };
        let at = entry.and_then(pos).or(a.themas.as_ref().and_then(pos));
        out.push(Finding::new(THEMAS.id, outcome, Msg::new(id).arg("thema", thema.as_str())).about(Subject::thema(thema)).at(at).param(p));
    }
    if !bad {
        let msg = if band.streng.is_empty() && band.mild.is_empty() {
            Msg::new("documenten.themas-geen")
        } else {
            Msg::new("documenten.themas-ok").arg("themas", Arg::Lijst(band.streng.clone()))
        };
        out.push(Finding::new(THEMAS.id, Outcome::Pass, msg).at(a.themas.as_ref().and_then(pos)).param(p));
    }
}

/// The ids of the activities that serve a target group.
fn met_doelgroep(ctx: &Ctx, doelgroep: &str) -> Vec<String> {
    ctx.aanvraag
        .activiteiten()
        .iter()
        .filter(|x| x.value.doelgroepen.value.iter().any(|d| d.value == doelgroep))
        .map(|x| x.value.id.value.clone())
        .collect()
}

fn po_samenwerking(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PO_SAMENWERKING, PO_SAMENWERKING.id, out) else {
        return;
    };
    let (mild, streng) = (met_doelgroep(ctx, &band.mild), met_doelgroep(ctx, &band.streng));
    let outcome = judge(!mild.is_empty(), !streng.is_empty(), p.ernst);
    let at = ctx.aanvraag.activiteiten.as_ref().and_then(pos);
    let msg = if outcome == Outcome::Pass {
        Msg::new("documenten.po-ok")
            .arg("doelgroep", band.streng.as_str())
            .arg("aantal", streng.len())
            .arg("activiteiten", Arg::Lijst(streng))
    } else {
        let d = if mild.is_empty() { &band.mild } else { &band.streng };
        Msg::new("documenten.po-ontbreekt").arg("doelgroep", d.as_str())
    };
    out.push(Finding::new(PO_SAMENWERKING.id, outcome, msg).at(at).param(p).band(&band.mild, &band.streng));
}

fn planvorming(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some((band, p)) = ctx.need(&key::PLANVORMING, PLANVORMING.id, out) else {
        return;
    };
    let with: Vec<String> = ctx
        .aanvraag
        .activiteiten()
        .iter()
        .filter(|x| x.value.planvorming.as_ref().is_some_and(|v| v.value))
        .map(|x| x.value.id.value.clone())
        .collect();
    let ok = !with.is_empty();
    let outcome = judge(ok || !band.mild, ok || !band.streng, p.ernst);
    let at = ctx.aanvraag.activiteiten.as_ref().and_then(pos);
    let msg = if ok {
        Msg::new("documenten.planvorming-ok").arg("aantal", with.len()).arg("activiteiten", Arg::Lijst(with))
    } else if outcome == Outcome::Pass {
        Msg::new("documenten.planvorming-niet-gevraagd")
    } else {
        Msg::new("documenten.planvorming-ontbreekt")
    };
    out.push(Finding::new(PLANVORMING.id, outcome, msg).at(at).param(p));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::begroting::tests::{assert_rendered, findings_in_set};
    use crate::checks::testutil::*;

    const PARTS: &str = "onderdelen:\n  regiovisie: bijlagen/regiovisie.pdf\n  activiteitenplan: bijlagen/activiteitenplan.pdf\n  samenwerkingsovereenkomst: SOK\n";

    /// The base application with its three parts, the third at `sok`.
    fn with_parts(sok: &str) -> String {
        format!("{BASIS}{}", PARTS.replace("SOK", sok))
    }

    /// A scratch folder with the two fixed attachments, each with content.
    fn folder() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir(d.path().join("bijlagen")).unwrap();
        for f in ["regiovisie.pdf", "activiteitenplan.pdf", "sok.pdf"] {
            fs::write(d.path().join("bijlagen").join(f), b"%PDF-1.7").unwrap();
        }
        d
    }

    fn run(text: &str, dir: &Path) -> Vec<Finding> {
        let f = findings_at(text, &ONDERDELEN, Some(dir));
        assert_rendered(&f);
        f
    }

    fn outcomes_of(f: &[Finding]) -> Vec<Outcome> {
        f.iter().map(|f| f.outcome).collect()
    }

    #[test]
    fn present_files_pass() {
        let d = folder();
        assert_eq!(outcomes_of(&run(&with_parts("bijlagen/sok.pdf"), d.path())), vec![Outcome::Pass]);
        // `..` that stays inside the folder is fine.
        assert_eq!(outcomes_of(&run(&with_parts("bijlagen/../bijlagen/sok.pdf"), d.path())), vec![Outcome::Pass]);
    }

    #[test]
    fn empty_missing_and_unnamed_parts_fail() {
        let d = folder();
        fs::write(d.path().join("bijlagen/leeg.pdf"), b"").unwrap();
        let f = run(&with_parts("bijlagen/leeg.pdf"), d.path());
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.bestand-leeg"));
        assert!(f[0].pos.is_some());
        let f = run(&with_parts("bijlagen/weg.pdf"), d.path());
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.bestand-ontbreekt"));
        let f = run(&with_parts("bijlagen"), d.path());
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.geen-bestand"));
        let text = format!("{BASIS}onderdelen:\n  regiovisie: bijlagen/regiovisie.pdf\n  activiteitenplan: bijlagen/activiteitenplan.pdf\n");
        let f = run(&text, d.path());
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.onderdeel-ontbreekt"));
        // No `onderdelen` at all: every required part fails.
        assert_eq!(outcomes_of(&run(BASIS, d.path())), vec![Outcome::Fail; 3]);
    }

    #[test]
    fn paths_out_of_the_folder_fail_and_are_not_opened() {
        let outer = tempfile::tempdir().unwrap();
        let inner = outer.path().join("aanvraag");
        fs::create_dir(&inner).unwrap();
        fs::create_dir(inner.join("bijlagen")).unwrap();
        for f in ["regiovisie.pdf", "activiteitenplan.pdf"] {
            fs::write(inner.join("bijlagen").join(f), b"x").unwrap();
        }
        fs::write(outer.path().join("x.pdf"), b"buiten").unwrap();
        let f = run(&with_parts("../x.pdf"), &inner);
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.pad-omhoog"));
        let f = run(&with_parts("bijlagen/../../x.pdf"), &inner);
        assert_eq!(f[0].message.id, "documenten.pad-omhoog");
        let abs = outer.path().join("x.pdf").display().to_string();
        let f = run(&with_parts(&format!("\"{abs}\"")), &inner);
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.pad-absoluut"));
        // Absolute even when it points inside the folder: parts are named relative to it.
        let inside = inner.join("bijlagen/regiovisie.pdf").display().to_string();
        assert_eq!(outcomes_of(&run(&with_parts(&format!("\"{inside}\"")), &inner)), vec![Outcome::Fail]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_must_stay_inside() {
        use std::os::unix::fs::symlink;
        let outer = tempfile::tempdir().unwrap();
        let inner = outer.path().join("aanvraag");
        fs::create_dir_all(inner.join("bijlagen")).unwrap();
        for f in ["regiovisie.pdf", "activiteitenplan.pdf", "sok.pdf"] {
            fs::write(inner.join("bijlagen").join(f), b"x").unwrap();
        }
        fs::write(outer.path().join("geheim.pdf"), b"buiten").unwrap();
        symlink(outer.path().join("geheim.pdf"), inner.join("bijlagen/link.pdf")).unwrap();
        let f = run(&with_parts("bijlagen/link.pdf"), &inner);
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.pad-link-buiten"));
        // A linked folder that leads out, then `..` through it.
        symlink(outer.path(), inner.join("uit")).unwrap();
        assert_eq!(outcomes_of(&run(&with_parts("uit/geheim.pdf"), &inner)), vec![Outcome::Fail]);
        // A link that stays inside is fine; one without a target fails.
        symlink(inner.join("bijlagen/sok.pdf"), inner.join("bijlagen/binnen.pdf")).unwrap();
        assert_eq!(outcomes_of(&run(&with_parts("bijlagen/binnen.pdf"), &inner)), vec![Outcome::Pass]);
        symlink(inner.join("bijlagen/weg.pdf"), inner.join("bijlagen/dood.pdf")).unwrap();
        let f = run(&with_parts("bijlagen/dood.pdf"), &inner);
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.link-zonder-doel"));
    }

    #[test]
    fn stdin_skips_the_files_but_not_the_missing_names() {
        let f = findings_at(&with_parts("bijlagen/sok.pdf"), &ONDERDELEN, None);
        assert_rendered(&f);
        assert_eq!(outcomes_of(&f), vec![Outcome::Skip]);
        let text = format!("{BASIS}onderdelen:\n  regiovisie: bijlagen/regiovisie.pdf\n");
        let f = findings_at(&text, &ONDERDELEN, None);
        assert_eq!(outcomes_of(&f), vec![Outcome::Fail, Outcome::Fail, Outcome::Skip]);
    }

    #[test]
    fn extra_listed_part_missing_warns() {
        let d = folder();
        let text = format!("{}  addendum: bijlagen/addendum.pdf\n", with_parts("bijlagen/sok.pdf"));
        assert_eq!(outcomes_of(&run(&text, d.path())), vec![Outcome::Warn]);
    }

    #[test]
    fn guidance_only_parts_warn() {
        let rules = "id: test-doc\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  onderdelen_aanvullend:\n    waarde: [addendum]\n    ernst: waarschuwing\n    bron: test bron\n    zekerheid: bevestigd\n";
        let d = folder();
        let text = with_parts("bijlagen/sok.pdf").replace("regeling: sto-2025-2028", "regeling: test-doc");
        let f = findings_in_set(rules, &text, &ONDERDELEN, Some(d.path()));
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Warn], "documenten.onderdeel-ontbreekt-aanvullend"));
    }

    #[test]
    fn uitgewerkt_plan_requires_only_its_plan() {
        let d = folder();
        let text = format!("{BASIS}onderdelen:\n  activiteitenplan: bijlagen/activiteitenplan.pdf\n")
            .replace("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        assert_eq!(outcomes_of(&run(&text, d.path())), vec![Outcome::Pass]);
    }

    #[test]
    fn themes() {
        assert_eq!(outcomes(BASIS, &THEMAS), vec![Outcome::Pass]);
        let t = edit("  klimaat: Duurzaam\n", "  klimaat: \"  \"\n");
        let f = findings(&t, &THEMAS);
        assert_rendered(&f);
        assert_eq!((outcomes_of(&f), f[0].message.id), (vec![Outcome::Fail], "documenten.thema-ontbreekt"));
        assert_eq!(outcomes(&edit("  meiden_in_de_techniek: Girls day\n", ""), &THEMAS), vec![Outcome::Fail]);
        // Uitgewerkte plannen: only the strict reading asks for them, so each missing one warns.
        let t = edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026");
        let t = t[..t.find("themas:").unwrap()].to_string();
        let f = findings(&t, &THEMAS);
        assert_rendered(&f);
        assert_eq!(outcomes_of(&f), vec![Outcome::Warn; 3]);
        assert!(f[0].note.is_some(), "the band explains itself");
    }

    #[test]
    fn po_cooperation() {
        assert_eq!(outcomes(BASIS, &PO_SAMENWERKING), vec![Outcome::Pass]);
        let t = edit("doelgroepen: [po, vmbo-bb]", "doelgroepen: [vmbo-bb]");
        let f = findings(&t, &PO_SAMENWERKING);
        assert_rendered(&f);
        assert_eq!(outcomes_of(&f), vec![Outcome::Fail]);
        // Not asked of an uitgewerkt plan.
        assert_eq!(outcomes(&edit("soort: aanvraag", "soort: uitgewerkt-plan-2025-2026"), &PO_SAMENWERKING), vec![Outcome::Skip]);
    }

    #[test]
    fn planvorming_only_where_the_rule_set_asks() {
        assert_eq!(outcomes(BASIS, &PLANVORMING), vec![Outcome::Skip]);
        let rules = "id: test-plan\nnaam: T\nversie: '1'\nbase: sto-2025-2028\nparameters:\n  planvorming:\n    waarde: true\n    ernst: waarschuwing\n    bron: test bron\n    zekerheid: bevestigd\n";
        let t = edit("regeling: sto-2025-2028", "regeling: test-plan");
        assert_eq!(outcomes_of(&findings_in_set(rules, &t, &PLANVORMING, None)), vec![Outcome::Warn]);
        let t = edit_in(&t, "profielen: [PIE] }", "profielen: [PIE], planvorming: true }");
        assert_eq!(outcomes_of(&findings_in_set(rules, &t, &PLANVORMING, None)), vec![Outcome::Pass]);
    }
}
