//! The JSON report (formaat.md §4): stable keys for scripts; keys without a value are left out.

use serde::Serialize;

use super::writer::{Layout, Writer};
use super::{Meta, error_text, summary};
use crate::engine::{Finding, MomentFrom};
use crate::messages::render;
use crate::report::model::FileReport;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    stocheck: &'static str,
    peildatum: String,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    regeling: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Rules<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    moment: Option<MomentJson>,
    verdict: &'static str,
    findings: Vec<FindingJson<'a>>,
    errors: Vec<ErrorJson>,
}

#[derive(Serialize)]
struct Rules<'a> {
    id: &'a str,
    version: &'a str,
    origin: &'a str,
}

#[derive(Serialize)]
struct MomentJson {
    value: String,
    from: &'static str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    outcome: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// The sources `source` cites, from the source registry; `[]` when it cites none.
    sources: Vec<SourceJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certainty: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    difference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mild: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    streng: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ErrorJson {
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    pass: usize,
    fail: usize,
    error: usize,
    findings: Counts,
}

#[derive(Serialize)]
struct Counts {
    pass: usize,
    fail: usize,
    warn: usize,
    skip: usize,
}

fn finding<'a>(f: &'a Finding, meta: &Meta) -> FindingJson<'a> {
    FindingJson {
        rule: f.rule,
        outcome: f.outcome.as_str(),
        message: render(&f.message, meta.lang),
        line: f.pos.map(|p| p.line),
        column: f.pos.map(|p| p.column),
        source: f.source.as_deref(),
        sources: f
            .sources
            .iter()
            .map(|b| SourceJson { id: &b.id, title: &b.titel, url: b.url.as_deref() })
            .collect(),
        certainty: f.certainty.map(|c| c.as_str()),
        found: f.found.as_deref(),
        required: f.required.as_deref(),
        difference: f.difference.as_deref(),
        mild: f.mild.as_deref(),
        streng: f.streng.as_deref(),
        note: f.note.as_ref().map(|n| render(n, meta.lang)),
    }
}

/// The whole report as pretty JSON, ending in a newline.
/// The `json` report.
pub struct Json;

impl Writer for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn write(&self, files: &[FileReport], meta: &Meta, _layout: &Layout) -> String {
        write(files, meta)
    }
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    let s = summary(files);
    let report = Report {
        version: 1,
        stocheck: env!("CARGO_PKG_VERSION"),
        peildatum: meta.peildatum.to_string(),
        files: files
            .iter()
            .map(|f| File {
                path: &f.path,
                regeling: f.regeling.as_deref(),
                rules: f.rules.as_ref().map(|r| Rules {
                    id: &r.id,
                    version: &r.versie,
                    origin: &r.origin,
                }),
                moment: f.moment.map(|(m, from)| MomentJson {
                    value: m.to_string(),
                    from: match from {
                        MomentFrom::Indiening => "indiening",
                        MomentFrom::Peildatum => "peildatum",
                    },
                }),
                verdict: f.verdict.as_str(),
                findings: f.findings.iter().map(|x| finding(x, meta)).collect(),
                errors: f
                    .errors
                    .iter()
                    .map(|e| ErrorJson {
                        message: error_text(e, meta.lang),
                        line: e.pos.map(|p| p.line),
                        column: e.pos.map(|p| p.column),
                    })
                    .collect(),
            })
            .collect(),
        summary: Summary {
            files: s.files,
            pass: s.pass,
            fail: s.fail,
            error: s.error,
            findings: Counts {
                pass: s.f_pass,
                fail: s.f_fail,
                warn: s.f_warn,
                skip: s.f_skip,
            },
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
