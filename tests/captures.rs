//! The report captures in `docs/` (tmux captures made by `scripts/capture-docs.sh`) show what the
//! binary prints today. Each capture starts with the command as typed at the prompt, wrapped at
//! the pane's width (the width is in the file name: `rapport-80.txt` is 80 columns); the test runs
//! that command with `COLUMNS` set to the width, wraps its output the way the terminal did, and
//! compares. The colour capture (`.ansi`) is compared as text with its colour codes taken out (tmux
//! writes the codes its own way), and must carry colour. When the report changes, redo the
//! captures with `bash scripts/capture-docs.sh` and commit them.

mod common;

use common::{root, stocheck};

/// The pane width of a capture, from its name: `rapport-80-en.txt` → 80.
fn width(name: &str) -> usize {
    name.split(['-', '.']).find_map(|p| p.parse().ok()).unwrap_or_else(|| panic!("no width in {name}"))
}

/// Lines as a terminal of `width` columns shows them: long lines wrapped, trailing blanks dropped
/// (tmux does not keep them), and no empty rows at the end.
fn as_terminal(text: &str, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.is_empty() {
            rows.push(String::new());
        }
        for chunk in chars.chunks(width) {
            rows.push(chunk.iter().collect::<String>().trim_end().to_string());
        }
    }
    while rows.last().is_some_and(String::is_empty) {
        rows.pop();
    }
    rows
}

/// Text without its SGR colour codes (`ESC [ … m`).
fn without_colour(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.strip_prefix('[').and_then(|a| a.find('m').map(|m| (a, m))) {
            Some((a, m)) if a[..m].chars().all(|c| c.is_ascii_digit() || c == ';') => rest = &a[m + 1..],
            _ => {
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Compares one capture with the binary's output; returns what differs.
fn check(name: &str) -> Result<(), String> {
    let w = width(name);
    let colour = name.ends_with(".ansi");
    let raw = std::fs::read_to_string(root().join("docs").join(name)).unwrap();
    let text = if colour { without_colour(&raw) } else { raw.clone() };
    let rows: Vec<&str> = text.lines().collect();
    // The prompt: `$ stocheck ARGS`, continued on the next row while a row is full.
    let mut n = 1;
    let mut typed = rows[0].to_string();
    while rows[n - 1].chars().count() == w {
        typed.push_str(rows[n]);
        n += 1;
    }
    let args: Vec<&str> = typed.strip_prefix("$ stocheck ").ok_or(format!("{name}: no `$ stocheck` prompt"))?.split_whitespace().collect();
    let mut cmd = stocheck();
    cmd.current_dir(root()).env("COLUMNS", w.to_string()).args(&args);
    if colour {
        // The capture ran on a terminal, where `--color auto` colours; a test has a pipe.
        cmd.arg("--color").arg("always");
    }
    let out = cmd.output().unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    if colour && (!printed.contains('\u{1b}') || !raw.contains('\u{1b}')) {
        return Err(format!("{name}: no colour codes"));
    }
    let printed = if colour { without_colour(&printed) } else { printed };
    let want: Vec<String> = rows[n..].iter().map(|r| r.trim_end().to_string()).collect();
    let got = as_terminal(&printed, w);
    if got == want {
        Ok(())
    } else {
        let first = got.iter().zip(&want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
        Err(format!(
            "docs/{name} differs from `stocheck {}` at {w} columns, first at row {}:\n  capture: {:?}\n  binary:  {:?}\n(redo the captures: bash scripts/capture-docs.sh)",
            args.join(" "),
            first + n + 1,
            want.get(first),
            got.get(first)
        ))
    }
}

#[test]
fn report_captures_in_docs_match_the_binary() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("rapport-"))
        .collect();
    names.sort();
    assert_eq!(names, ["rapport-160.txt", "rapport-80-en.txt", "rapport-80.ansi", "rapport-80.txt"], "the captures scripts/capture-docs.sh makes");
    let problems: Vec<String> = names.iter().filter_map(|n| check(n).err()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn wrapping_like_a_terminal() {
    assert_eq!(as_terminal("abcdef\n\nxy  \n\n", 4), ["abcd", "ef", "", "xy"]);
    assert_eq!(without_colour("\u{1b}[1m━━\u{1b}[0m\u{1b}[39m a"), "━━ a");
}
