//! The shape of the source: no import circle among the files of `src/`. A file that imports,
//! directly or through others, a file that imports it ties both together, so neither can change
//! or be understood alone.
//!
//! The graph is read from the code itself: every path that starts with `crate::`, `super::`,
//! `self::` or the name of a child module (as in `pub use params::Band`) is resolved to the file
//! of the longest module prefix it names. Comments and string literals are left out, except a
//! string that is a whole `crate::` path (as in `#[schemars(schema_with = "crate::…")]`). A
//! `mod x;` declaration is not an import; `use`, `pub use` and paths in code are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["checks", "partners"]`) and the file that holds it.
fn module_files(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap();
            let mut segs: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            let last = segs.pop().unwrap();
            let stem = last.trim_end_matches(".rs").to_string();
            if stem == "main" && segs.is_empty() {
                // The binary is its own crate; it reaches the library as `stocheck::`.
                continue;
            }
            if stem != "mod" && stem != "lib" {
                segs.push(stem);
            }
            out.insert(segs, p);
        }
    }
    out
}

/// The code without comments and without the contents of string and char literals.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(b.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if text[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if text[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if (rest.starts_with("r#") || rest.starts_with("r\"") || rest.starts_with("br#") || rest.starts_with("br\""))
            && !prev_is_ident(b, i)
        {
            let start = if rest.starts_with('b') { i + 2 } else { i + 1 };
            let hashes = text[start..].bytes().take_while(|&c| c == b'#').count();
            if text.as_bytes().get(start + hashes) != Some(&b'"') {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let body = start + hashes + 1;
            i = text[body..].find(&close).map_or(b.len(), |n| body + n + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            let content = text.get(start..i.min(b.len())).unwrap_or("");
            i += 1;
            // A path in an attribute's string (`schema_with = "crate::schema::kvk"`) is a use too.
            if content.starts_with("crate::") && content.chars().all(|c| is_ident(c) || c == ':') {
                out.push(' ');
                out.push_str(content);
                out.push(' ');
            } else {
                out.push_str("\"\"");
            }
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{1f}'), or a lifetime ('a), which is kept.
            let lit = text[i + 1..].find('\'').filter(|&n| {
                let inner = &text[i + 1..i + 1 + n];
                (inner.chars().count() == 1) || inner.starts_with('\\')
            });
            match lit {
                Some(n) => {
                    i += n + 2;
                    out.push_str("' '");
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path in the code, with `use a::{b, c::d}` groups expanded, each with the depth of
/// inline modules (`mod tests { … }`) it stands in.
fn paths(code: &str) -> Vec<(Vec<String>, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Inline modules: the brace depth at which each one opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut pending_mod = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            depth += 1;
            if pending_mod {
                inline.push(depth);
                pending_mod = false;
            }
            i += 1;
            continue;
        }
        if c == '}' {
            if inline.last() == Some(&depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
            continue;
        }
        if c == ';' {
            pending_mod = false;
        }
        if is_ident(c) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "mod" {
                pending_mod = true;
                continue;
            }
            if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
                let mut found = Vec::new();
                i = tree(&chars, i, vec![word], &mut found);
                out.extend(found.into_iter().map(|p| (p, inline.len())));
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Reads `::seg::seg…` or `::{…}` after `prefix`, pushing every complete path; returns the index
/// after it.
fn tree(chars: &[char], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        let save = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if !(chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':')) {
            out.push(path);
            return save;
        }
        i += 2;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if chars.get(i) == Some(&'{') {
            i += 1;
            loop {
                while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
                    i += 1;
                }
                if i >= chars.len() || chars[i] == '}' {
                    out.push(path.clone());
                    return i + 1;
                }
                let start = i;
                while i < chars.len() && is_ident(chars[i]) {
                    i += 1;
                }
                if i == start {
                    // `*` or something else: the group's own module is what is used.
                    i += 1;
                    out.push(path.clone());
                    continue;
                }
                let word: String = chars[start..i].iter().collect();
                let mut sub = path.clone();
                sub.push(word);
                i = tree(chars, i, sub, out);
            }
        }
        let start = i;
        while i < chars.len() && is_ident(chars[i]) {
            i += 1;
        }
        if i == start {
            out.push(path);
            return i;
        }
        path.push(chars[start..i].iter().collect());
    }
}

/// The file a path in module `here` leads to, if it leads into the crate.
fn resolve(
    here: &[String],
    is_mod_file: bool,
    path: &[String],
    inline_depth: usize,
    files: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<PathBuf> {
    let mut segs = path.iter();
    let first = segs.next()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => {
            let mut b = here.to_vec();
            let mut ups = 1;
            let rest: Vec<&String> = segs.clone().collect();
            for s in rest {
                if s == "super" {
                    ups += 1;
                    segs.next();
                } else {
                    break;
                }
            }
            // The first `super`s leave the inline modules of this file.
            let inside = ups.min(inline_depth);
            for _ in inside..ups {
                b.pop()?;
            }
            b
        }
        child => {
            // A child module named without `self::` (2018 paths), from the top level of a file.
            let mut b = here.to_vec();
            b.push(child.to_string());
            if inline_depth > 0 || !files.contains_key(&b) {
                return None;
            }
            let _ = is_mod_file;
            b
        }
    };
    let mut best = files.get(&base).cloned();
    for s in segs {
        base.push(s.clone());
        match files.get(&base) {
            Some(f) => best = Some(f.clone()),
            None => break,
        }
    }
    best
}

fn graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = module_files(src);
    let mut g = BTreeMap::new();
    for (module, file) in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_file = matches!(file.file_name().and_then(|n| n.to_str()), Some("mod.rs" | "lib.rs"));
        let mut targets = BTreeSet::new();
        for (path, inline) in paths(&code_only(&text)) {
            if let Some(t) = resolve(module, is_mod_file, &path, inline, &files)
                && &t != file
            {
                targets.insert(t);
            }
        }
        g.insert(file.clone(), targets);
    }
    g
}

/// A circle in the graph, as the list of files around it, if there is one.
fn find_cycle(g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit(
        n: &PathBuf,
        g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<PathBuf, State>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        state.insert(n.clone(), State::Open);
        stack.push(n.clone());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(State::New) {
                State::Open => {
                    let at = stack.iter().position(|x| x == m).unwrap();
                    let mut c = stack[at..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                State::New => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                State::Done => {}
            }
        }
        stack.pop();
        state.insert(n.clone(), State::Done);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n).copied().unwrap_or(State::New) == State::New {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, g, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

/// Whether `to` is reachable from `from` in one step or more.
fn reaches(g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>, from: &PathBuf, to: &PathBuf) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&PathBuf> = g.get(from).into_iter().flatten().collect();
    while let Some(n) = todo.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            todo.extend(g.get(n).into_iter().flatten());
        }
    }
    false
}

fn show(c: &[PathBuf]) -> String {
    c.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" → ")
}

#[test]
fn no_import_circle_among_the_source_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    if let Some(c) = find_cycle(&g) {
        let rel = |p: &PathBuf| p.strip_prefix(&src).unwrap_or(p).display().to_string();
        // Every file on some circle, so one run shows all there is to untie.
        let tangled: Vec<String> = g.keys().filter(|f| reaches(&g, f, f)).map(rel).collect();
        panic!("import circle: {}\nfiles on a circle: {tangled:#?}", show(&c));
    }
}

// The scanner itself, on made-up trees: a circle it cannot see would make the test above vacuous.

fn tree_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = d.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

#[test]
fn scanner_sees_a_circle_through_three_files() {
    let d = tree_of(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a.rs", "use crate::b::X;\n"),
        ("b.rs", "pub struct X;\nfn f() { crate::c::g(); }\n"),
        ("c.rs", "pub fn g() {}\nuse crate::{a, b};\n"),
    ]);
    let c = find_cycle(&graph(d.path())).expect("a → b → c → a");
    assert_eq!(c.len(), 4, "{}", show(&c));
}

#[test]
fn scanner_sees_a_parent_and_child_importing_each_other() {
    let d = tree_of(&[
        ("lib.rs", "pub mod r;\n"),
        ("r/mod.rs", "pub mod params;\npub use params::Spec;\npub struct Band;\n"),
        ("r/params.rs", "use super::Band;\npub struct Spec;\n"),
    ]);
    assert!(find_cycle(&graph(d.path())).is_some());
}

#[test]
fn scanner_sees_a_path_in_an_attribute_string() {
    let d = tree_of(&[
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("a.rs", "#[serde(with = \"crate::b::f\")]\npub struct A;\n"),
        ("b.rs", "use crate::a::A;\npub fn f() {}\n"),
    ]);
    assert!(find_cycle(&graph(d.path())).is_some());
}

#[test]
fn scanner_ignores_comments_strings_declarations_and_own_tests() {
    let d = tree_of(&[
        ("lib.rs", "pub mod a;\npub mod b;\n"),
        ("a.rs", "use crate::b::X;\npub fn f() {}\n"),
        (
            "b.rs",
            "pub struct X;\n// crate::a::f\n/* crate::a::f */\nconst S: &str = \"see crate::a::f\";\n\
             const R: &str = r#\"crate::a::f\"#;\nfn g<'a>(x: &'a str) -> char { 'c' }\n\
             #[cfg(test)]\nmod tests { use super::*; use super::X; }\n",
        ),
    ]);
    let g = graph(d.path());
    assert_eq!(find_cycle(&g), None, "{g:#?}");
    assert!(g[&d.path().join("a.rs")].contains(&d.path().join("b.rs")));
}
