//! `--help` and the man pages in the user's language (`--lang`, else `STOCHECK_LANG`, else Dutch),
//! with every text from the catalogues: no text of the other language, and none of clap's English.

mod common;

use common::stocheck;

fn help(args: &[&str], env_lang: Option<&str>) -> String {
    let mut c = stocheck();
    if let Some(l) = env_lang {
        c.env("STOCHECK_LANG", l);
    }
    let out = c.args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Texts of a few options and of clap's own flags, per language.
const NL: &[&str] = &["Uitvoerformaat", "Toon deze hulp", "Taal van elke tekst", "Gebruik:", "Opties:", "Afsluitcodes"];
const EN: &[&str] = &["Output format", "Print this help", "Language of every text", "Usage:", "Options:", "Exit codes", "Print help", "possible values", "[default:"];

fn assert_language(text: &str, has: &[&str], lacks: &[&str]) {
    for h in has {
        assert!(text.contains(h), "lacks {h:?}:\n{text}");
    }
    for l in lacks {
        assert!(!text.contains(l), "holds {l:?} of the other language:\n{text}");
    }
}

#[test]
fn check_help_is_dutch_by_default_and_english_when_asked() {
    let nl = help(&["check", "--help"], None);
    assert_language(&nl, NL, EN);
    let en = help(&["--lang", "en", "check", "--help"], None);
    assert_language(&en, &EN[..6], NL);
    assert_eq!(help(&["check", "--help"], Some("en")), en, "STOCHECK_LANG decides without --lang");
    assert_eq!(help(&["check", "--help", "--lang=nl"], Some("en")), nl, "--lang wins");
}

#[test]
fn every_command_has_help_in_both_languages() {
    for cmd in ["init", "rules", "explain", "completions", "man", "schema"] {
        let nl = help(&[cmd, "--help"], None);
        assert_language(&nl, &["Toon deze hulp", "Gebruik:"], &["Print this help", "Print help", "Usage:"]);
        let en = help(&["--lang", "en", cmd, "--help"], None);
        assert_language(&en, &["Print this help", "Usage:"], &["Toon deze hulp", "Gebruik:"]);
    }
}

#[test]
fn man_dir_writes_a_page_per_command_with_every_option_and_the_exit_codes() {
    let d = tempfile::tempdir().unwrap();
    stocheck().args(["man", "--dir"]).arg(d.path()).assert().code(0);
    let mut pages: Vec<String> = std::fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    let want = ["stocheck-check.1", "stocheck-completions.1", "stocheck-explain.1", "stocheck-init.1", "stocheck-man.1", "stocheck-rules.1", "stocheck-schema.1", "stocheck-test.1", "stocheck.1"];
    assert_eq!(pages, want);
    let check = std::fs::read_to_string(d.path().join("stocheck-check.1")).unwrap();
    for option in ["\\-\\-format", "\\-\\-peildatum", "\\-\\-fail\\-on", "\\-\\-rules", "\\-\\-exclude", "Afsluitcodes"] {
        assert!(check.contains(option), "stocheck-check.1 lacks {option}");
    }
    // In English when asked.
    let d = tempfile::tempdir().unwrap();
    stocheck().args(["--lang", "en", "man", "--dir"]).arg(d.path()).assert().code(0);
    let check = std::fs::read_to_string(d.path().join("stocheck-check.1")).unwrap();
    assert!(check.contains("Exit codes") && !check.contains("Afsluitcodes"));
}
