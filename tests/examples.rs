//! Every shipped example gives the verdict its comment head claims (`# verwacht: pass|fail`),
//! and a failing one fails in the module it names (`# faalt: module`).

mod common;

use std::path::Path;

use common::{check_json, expected_verdict, yaml_files};

#[test]
fn examples_give_the_verdict_they_claim() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let files = yaml_files(&root);
    assert!(files.len() >= 10, "examples missing");
    let mut wrong = Vec::new();
    for f in &files {
        let want = expected_verdict(f).unwrap_or_else(|| panic!("{}: no `# verwacht:` line", f.display()));
        let (code, report) = check_json(&[f.to_str().unwrap()]);
        let file = &report["files"][0];
        let got = file["verdict"].as_str().unwrap_or("?").to_string();
        let code_ok = code == match want.as_str() { "pass" => 0, "fail" => 1, _ => 2 };
        if got != want || !code_ok {
            wrong.push(format!("{}: claims {want}, got {got} (exit {code})", f.display()));
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        if let Some(module) = text.lines().find_map(|l| l.strip_prefix("# faalt:")) {
            let module = module.trim();
            let failed = file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["outcome"] == "fail" && x["rule"].as_str().unwrap_or("").starts_with(module));
            if !failed {
                wrong.push(format!("{}: claims a failure in {module}, none found", f.display()));
            }
        }
        // Every example pins its moment, so its verdict does not change with the clock.
        assert_eq!(file["moment"]["from"], "indiening", "{}: no indiening.moment", f.display());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every finding of every example renders completely in both languages: no `[[id]]` (a message
/// missing from a catalogue) and no `{name}` left unfilled, in the messages, the notes and the
/// whole table report.
#[test]
fn every_example_renders_in_both_languages() {
    use stocheck::messages::{Lang, render};
    use stocheck::regeling::Registry;
    use stocheck::report::Meta;
    use stocheck::report::table::Layout;
    use stocheck::run::{FailOn, Input, Options, check_input, parse_peildatum};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let reg = Registry::builtin().unwrap();
    let vocab = reg.vocabulary();
    let options = Options { peildatum: parse_peildatum("2024-09-30").unwrap(), fail_on: FailOn::Fail, no_waivers: false };
    let files: Vec<_> = yaml_files(&root).into_iter().map(|f| check_input(&Input::File(f), &reg, &vocab, &options)).collect();
    let unfilled = |t: &str| {
        // `[[id]]`, a placeholder `{name}` or a plural form `{name|one|many}` left unfilled.
        t.contains("[[") || t.split('{').skip(1).any(|rest| rest.split(['}', '|']).next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')))
    };
    let mut bad = Vec::new();
    for lang in Lang::ALL {
        for f in &files {
            assert!(f.errors.is_empty(), "{}: {:?}", f.path, f.errors);
            for x in &f.findings {
                for m in std::iter::once(&x.message).chain(x.note.as_ref()) {
                    let t = render(m, lang);
                    if unfilled(&t) {
                        bad.push(format!("{} {} ({}): {t}", f.path, x.rule, lang.code()));
                    }
                }
            }
        }
        let table = stocheck::report::table::write(&files, &Meta { peildatum: options.peildatum, lang, skipped: Vec::new() }, &Layout { detail: stocheck::report::writer::Detail::Verbose, ..Layout::default() });
        assert!(!unfilled(&table), "{}", table);
        // At 80 columns every line fits, except a file's own path and a source's address, which are never cut.
        let narrow = stocheck::report::table::write(&files, &Meta { peildatum: options.peildatum, lang, skipped: Vec::new() }, &Layout { width: 80, detail: stocheck::report::writer::Detail::Verbose, ..Layout::default() });
        for l in narrow.lines().filter(|l| !l.starts_with("━━") && !l.trim_start().starts_with("https://")) {
            assert!(l.chars().count() <= 80, "{} columns ({}): {l}", l.chars().count(), lang.code());
        }
    }
    // What `stocheck rules` prints of every rule set, in both languages, is filled in too.
    for lang in Lang::ALL {
        for set in reg.sets() {
            let text = stocheck::uitleg::rules(set, lang, false, stocheck::report::style::Style { color: false }, 100);
            if let Some(l) = text.lines().find(|l| unfilled(l)) {
                bad.push(format!("rules {} ({}): {l}", set.id, lang.code()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
