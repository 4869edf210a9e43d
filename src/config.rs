//! The configuration file `stocheck.toml` (formaat.md §5.5): settings a repository of plans keeps
//! beside them, so every run there (a person's, CI's, the pre-commit hook's) checks the same way.
//! Found in the current folder or the nearest parent, or named with `--config FILE`. Paths in it
//! (`rules`, the files of `format`) are relative to its own folder; the command line wins over it.
//! Every key is checked: an unknown one is an error with its line and column and the nearest
//! known key suggested, so a typo never silently does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::aanvraag::suggest;
use crate::messages::{Lang, Msg};
use crate::run::FailOn;
use crate::yaml::Pos;

/// The file's name.
pub const FILE_NAME: &str = "stocheck.toml";

/// The keys the file may hold, in the order the README lists them.
pub const KEYS: [&str; 5] = ["exclude", "rules", "lang", "fail-on", "format"];

/// What a configuration file says. Unset keys are `None` or empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it came from.
    pub path: PathBuf,
    /// Globs, as `--exclude` takes them.
    pub exclude: Vec<String>,
    /// Folders of rule set files, resolved against the file's folder.
    pub rules: Vec<PathBuf>,
    pub lang: Option<Lang>,
    pub fail_on: Option<FailOn>,
    /// `NAME` or `NAME=PATH` as `--format` takes them, with `PATH` resolved against the file's folder.
    pub format: Vec<String>,
}

/// A problem in a configuration file: the file, the place, the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub msg: Msg,
}

impl ConfigError {
    /// `file:line:column` (or `file`), where editors link from.
    pub fn place(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }
}

/// `stocheck.toml` in `start` or the nearest folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let err = |pos: Option<Pos>, msg: Msg| ConfigError { file: path.to_path_buf(), pos, msg };
    let text = std::fs::read_to_string(path).map_err(|e| vec![err(None, Msg::new("config.io").arg("fout", e.to_string()))])?;
    parse(&text, path)
}

/// Reads a configuration file's text; `path` names it in errors and anchors its relative paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<ConfigError>> {
    let err = |pos: Option<Pos>, msg: Msg| ConfigError { file: path.to_path_buf(), pos, msg };
    let at = |span: std::ops::Range<usize>| Some(position(text, span.start));
    let table: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>> = toml::from_str(text).map_err(|e| {
        // The TOML reader's own description of what is not TOML.
        vec![err(e.span().and_then(at), Msg::new("config.syntax").arg("melding", e.message().trim().to_string()))]
    })?;
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut config = Config { path: path.to_path_buf(), ..Config::default() };
    let mut errors = Vec::new();
    for (key, value) in &table {
        let vpos = at(value.span());
        let wrong = |verwacht: &'static str| err(vpos, Msg::new("config.verkeerd-type").arg("sleutel", key.get_ref().as_str()).arg("verwacht", Msg::new(verwacht)));
        match key.get_ref().as_str() {
            "exclude" => match strings(value.get_ref()) {
                Some(v) => config.exclude = v,
                None => errors.push(wrong("config.type-teksten")),
            },
            "rules" => match strings(value.get_ref()) {
                Some(v) => config.rules = v.iter().map(|d| folder.join(d)).collect(),
                None => errors.push(wrong("config.type-teksten")),
            },
            "format" => match strings(value.get_ref()) {
                Some(v) => {
                    config.format = v
                        .into_iter()
                        .map(|f| match f.split_once('=') {
                            Some((name, file)) if !file.is_empty() && file != "-" => format!("{name}={}", folder.join(file).display()),
                            _ => f,
                        })
                        .collect();
                }
                None => errors.push(wrong("config.type-teksten")),
            },
            "lang" => match value.get_ref().as_str().map(|s| (s, Lang::parse(s))) {
                Some((s, Some(l))) if s == l.code() => config.lang = Some(l),
                Some((s, _)) => errors.push(err(vpos, Msg::new("config.waarde").arg("sleutel", "lang").arg("waarde", s).arg("bekend", "nl, en"))),
                None => errors.push(wrong("type.tekst")),
            },
            "fail-on" => match value.get_ref().as_str() {
                Some("fail") => config.fail_on = Some(FailOn::Fail),
                Some("warn") => config.fail_on = Some(FailOn::Warn),
                Some(s) => errors.push(err(vpos, Msg::new("config.waarde").arg("sleutel", "fail-on").arg("waarde", s).arg("bekend", "fail, warn"))),
                None => errors.push(wrong("type.tekst")),
            },
            other => {
                let kpos = at(key.span());
                errors.push(match suggest(other, KEYS) {
                    Some(s) => err(kpos, Msg::new("config.onbekende-sleutel-bedoeld").arg("sleutel", other).arg("bedoeld", s)),
                    None => err(kpos, Msg::new("config.onbekende-sleutel").arg("sleutel", other).arg("toegestaan", KEYS.join(", "))),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        errors.sort_by_key(|e| e.pos);
        Err(errors)
    }
}

/// A string or a list of strings.
fn strings(v: &toml::Value) -> Option<Vec<String>> {
    match v {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items.iter().map(|i| i.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> Pos {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, render};

    fn en(errors: &[ConfigError]) -> Vec<String> {
        errors.iter().map(|e| format!("{}: {}", e.place(), render(&e.msg, Lang::En))).collect()
    }

    #[test]
    fn reads_every_key_with_paths_from_its_own_folder() {
        let text = "exclude = [\"concept-*\"]\nrules = \"regels\"\nlang = \"en\"\nfail-on = \"warn\"\nformat = [\"table\", \"junit=uit/stocheck.xml\", \"json=-\"]\n";
        let c = parse(text, Path::new("repo/stocheck.toml")).unwrap();
        assert_eq!(c.exclude, ["concept-*"]);
        assert_eq!(c.rules, [PathBuf::from("repo/regels")]);
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.fail_on, Some(FailOn::Warn));
        assert_eq!(c.format, ["table".to_string(), format!("junit={}", Path::new("repo").join("uit/stocheck.xml").display()), "json=-".to_string()]);
    }

    #[test]
    fn an_unknown_key_names_its_place_and_the_nearest_key() {
        let errs = parse("lang = \"nl\"\nexlude = [\"x\"]\n", Path::new("stocheck.toml")).unwrap_err();
        assert_eq!(en(&errs), ["stocheck.toml:2:1: Unknown key `exlude`; did you mean `exclude`?"]);
        let errs = parse("kleur = true\n", Path::new("stocheck.toml")).unwrap_err();
        assert_eq!(en(&errs), ["stocheck.toml:1:1: Unknown key `kleur`; allowed here are: exclude, rules, lang, fail-on, format."]);
    }

    #[test]
    fn bad_values_name_their_place() {
        let errs = parse("fail-on = \"altijd\"\nlang = 3\n", Path::new("stocheck.toml")).unwrap_err();
        assert_eq!(
            en(&errs),
            [
                "stocheck.toml:1:11: `fail-on` cannot be `altijd`; choose from: fail, warn.",
                "stocheck.toml:2:8: `lang` expects text.",
            ]
        );
        let errs = parse("rules = 3\n", Path::new("stocheck.toml")).unwrap_err();
        assert_eq!(en(&errs), ["stocheck.toml:1:9: `rules` expects text or a list of texts."]);
        let errs = parse("lang = \"nl\n", Path::new("stocheck.toml")).unwrap_err();
        assert_eq!(errs[0].pos.map(|p| p.line), Some(1), "{errs:?}");
    }

    #[test]
    fn found_here_or_in_a_parent() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(find(&sub), None);
        std::fs::write(d.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&sub), Some(d.path().join("a").join(FILE_NAME)));
        std::fs::write(sub.join(FILE_NAME), "").unwrap();
        assert_eq!(find(&sub), Some(sub.join(FILE_NAME)));
    }
}
