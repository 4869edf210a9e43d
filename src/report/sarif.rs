//! The SARIF 2.1.0 report (serde-sarif), for code-scanning tools. The tool driver describes every
//! rule: its id, a short and a full description from the catalogue (`regel.<id>.kort` / `.lang`),
//! and help text ending in the sources the rule rested on in this run. Results:
//!
//! - `fail` → level `error`, `warn` → level `warning`, a load error → level `error` under the
//!   pseudo-rule `laden`;
//! - `pass` and `skip` are left out: code-scanning tools turn every result into an alert, and a
//!   rule that passed is not one. The run's `properties` keep the count of every outcome per file,
//!   so nothing is lost for a script;
//! - every result has a physical location: the path as given (as a URI reference: characters a
//!   URI cannot hold, such as spaces, are percent-encoded) and the line and column of the field,
//!   counted in characters (`columnKind: unicodeCodePoints`). A finding about the file as a whole
//!   points at line 1;
//! - a `fail` or `warn` that a waiver covers (formaat.md §5.2) keeps its level and gets a
//!   `suppression` of kind `external`, status `accepted`, with DUS-I's reason and reference as the
//!   justification and the waiver's place in the file as its location: code-scanning tools show
//!   it as dismissed, and the run's counts leave it out of `fail` and `warn` (it is `waived`);
//! - the rules of the waivers (`uitzonderingen/*`) are described after `laden` when a file of
//!   the run has waivers, so a run without them describes the same rules as before.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Suppression,
    Tool, ToolComponent,
};

use super::writer::{Layout, Spill, Stream, Writer};
use super::{LADEN, Meta, error_text, finding_text, rule_ids, rule_long, rule_short, waiver_rule_ids, waiver_text};
use crate::engine::{Finding, Outcome};
use crate::messages::Msg;
use crate::messages::render;
use crate::report::model::FileReport;
use crate::yaml::Pos;

/// The `$schema` of the log: the OASIS schema's own id.
pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// A path as a URI reference (RFC 3986): unreserved characters, sub-delims, `@` and `/` stay as
/// they are; every other byte is percent-encoded. `:` is encoded too, so a first segment such as
/// `c:` is never read as a scheme.
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(path: &str, pos: Option<Pos>) -> Location {
    let region = match pos {
        Some(p) => Region::builder().start_line(i64::from(p.line)).start_column(i64::from(p.column)).build(),
        None => Region::builder().start_line(1).build(),
    };
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri_reference(path)).build())
                .region(region)
                .build(),
        )
        .build()
}

fn finding_properties(f: &Finding) -> PropertyBag {
    let mut m = BTreeMap::new();
    m.insert("outcome".to_string(), json!(f.outcome.as_str()));
    let fields = [
        ("source", f.source.as_deref()),
        ("certainty", f.certainty.map(|c| c.as_str())),
        ("found", f.found.as_deref()),
        ("required", f.required.as_deref()),
        ("difference", f.difference.as_deref()),
        ("mild", f.mild.as_deref()),
        ("streng", f.streng.as_deref()),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            m.insert(k.to_string(), json!(v));
        }
    }
    // The sources from the registry, as in the JSON report: `[{id, title, url}]`.
    let sources: Vec<serde_json::Value> = f
        .sources
        .iter()
        .map(|b| match &b.url {
            Some(u) => json!({ "id": b.id, "title": b.titel, "url": u }),
            None => json!({ "id": b.id, "title": b.titel }),
        })
        .collect();
    m.insert("sources".to_string(), json!(sources));
    PropertyBag::builder().additional_properties(m).build()
}

fn descriptor(id: &str, sources: Option<&BTreeSet<String>>, help_uri: Option<&String>, meta: &Meta) -> ReportingDescriptor {
    let long = rule_long(id, meta.lang);
    let bron = match sources {
        Some(s) if !s.is_empty() => render(
            &Msg::new("rapport.bronnen").arg("bronnen", s.iter().cloned().collect::<Vec<_>>().join("; ")),
            meta.lang,
        ),
        _ => render(&Msg::new("rapport.geen-bron"), meta.lang),
    };
    let module = id.split('/').next().unwrap_or(id);
    let mut d = ReportingDescriptor::builder()
        .id(id)
        .short_description(MultiformatMessageString::builder().text(rule_short(id, meta.lang)).build())
        .full_description(MultiformatMessageString::builder().text(long.clone()).build())
        .help(MultiformatMessageString::builder().text(format!("{long}\n\n{bron}")).build())
        .default_configuration(ReportingConfiguration::builder().level(json!("error")).build())
        .properties(PropertyBag::builder().tags(vec![module.to_string()]).build())
        .build();
    // Where a code-scanning tool links "more information": the first address among the sources
    // the rule rested on in this run.
    d.help_uri = help_uri.cloned();
    d
}

/// The whole report as pretty SARIF JSON, ending in a newline.
/// The `sarif` report.
pub struct SarifWriter;

impl Writer for SarifWriter {
    /// Its rule descriptors carry the sources of every finding, and its files' counts come
    /// before the results: it keeps the rules seen with their sources and a line of counts per
    /// file, writes each result to a spill when its file's turn comes, and writes the log at the
    /// end.
    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(SarifStream {
            meta,
            with_waivers: false,
            sources: BTreeMap::new(),
            links: BTreeMap::new(),
            files: Vec::new(),
            results: 0,
            spill: Spill::new(),
            ids: rule_ids().chain(waiver_rule_ids()).collect(),
        })
    }

    fn name(&self) -> &'static str {
        "sarif"
    }

    fn write(&self, files: &[FileReport], meta: &Meta, _layout: &Layout) -> String {
        write(files, meta)
    }
}

/// The suppression of a finding a waiver covers: external (DUS-I's letter), accepted, with the
/// waiver's words as the justification and its place in the file.
fn suppression(path: &str, f: &Finding, meta: &Meta) -> Option<Suppression> {
    let w = f.waiver.as_ref()?;
    let mut props = BTreeMap::new();
    props.insert("regel".to_string(), json!(w.regel));
    props.insert("kenmerk".to_string(), json!(w.kenmerk));
    props.insert("datum".to_string(), json!(w.datum.to_string()));
    if let Some(t) = w.tot {
        props.insert("tot".to_string(), json!(t.to_string()));
    }
    props.insert("covers".to_string(), json!(w.covers));
    Some(
        Suppression::builder()
            .kind(json!("external"))
            .status(json!("accepted"))
            .justification(waiver_text(f, meta.lang).unwrap_or_default())
            .location(location(path, w.pos))
            .properties(PropertyBag::builder().additional_properties(props).build())
            .build(),
    )
}

/// A file's results: its load errors, then its failures and warnings. `index` gives a rule's
/// place among the descriptors.
fn file_results(file: &FileReport, index: &dyn Fn(&str) -> Option<i64>, meta: &Meta) -> Vec<SarifResult> {
    let mut results = Vec::new();
    for e in &file.errors {
        let mut r = SarifResult::builder()
            .rule_id(LADEN)
            .level(ResultLevel::Error)
            .message(Message::builder().text(error_text(e, meta.lang)).build())
            .locations(vec![location(&file.path, e.pos)])
            .build();
        r.rule_index = index(LADEN);
        results.push(r);
    }
    for f in &file.findings {
        let level = match f.outcome {
            Outcome::Fail => ResultLevel::Error,
            Outcome::Warn => ResultLevel::Warning,
            Outcome::Pass | Outcome::Skip => continue,
        };
        let mut r = SarifResult::builder()
            .rule_id(f.rule)
            .level(level)
            .message(Message::builder().text(finding_text(f, meta.lang)).build())
            .locations(vec![location(&file.path, f.pos)])
            .properties(finding_properties(f))
            .build();
        r.rule_index = index(f.rule);
        r.suppressions = suppression(&file.path, f, meta).map(|s| vec![s]);
        results.push(r);
    }
    results
}

/// A file's entry in the run's `properties.files`: its verdict and the count of each outcome.
struct FileCounts {
    path: String,
    verdict: &'static str,
    /// pass, fail, warn, skip, waived.
    counts: [usize; 5],
}

impl FileCounts {
    fn of(file: &FileReport) -> FileCounts {
        FileCounts {
            path: file.path.clone(),
            verdict: file.verdict.as_str(),
            counts: [file.count(Outcome::Pass), file.count(Outcome::Fail), file.count(Outcome::Warn), file.count(Outcome::Skip), file.waived()],
        }
    }

    fn json(&self) -> Value {
        let [pass, fail, warn, skip, waived] = self.counts;
        json!({
            "path": self.path,
            "verdict": self.verdict,
            "findings": {
                "pass": pass,
                "fail": fail,
                "warn": warn,
                "skip": skip,
                "waived": waived,
            },
        })
    }
}

/// The rule descriptors of a run: every rule, then the waivers' rules when `with_waivers`, each
/// with the sources and the first address it rested on in the run.
fn descriptors(ids: &[&str], sources: &BTreeMap<&str, BTreeSet<String>>, links: &BTreeMap<&str, BTreeSet<String>>, meta: &Meta) -> Vec<ReportingDescriptor> {
    ids.iter().map(|id| descriptor(id, sources.get(id), links.get(id).and_then(|l| l.iter().next()), meta)).collect()
}

/// The log of one run: the tool with these rule descriptors, the files' counts in the run's
/// properties, and the results. The stream gives it no files and no results, and fills both in
/// where they stand.
fn frame(rules: Vec<ReportingDescriptor>, per_file: Vec<Value>, results: Vec<SarifResult>, meta: &Meta) -> Sarif {
    let mut run_props = BTreeMap::new();
    run_props.insert("peildatum".to_string(), Value::String(meta.peildatum.to_string()));
    run_props.insert("files".to_string(), Value::Array(per_file));
    let driver = ToolComponent::builder()
        .name("stocheck")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .language("nl")
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .properties(PropertyBag::builder().additional_properties(run_props).build())
        .build();
    Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![run]).build()
}

pub fn write(files: &[FileReport], meta: &Meta) -> String {
    let with_waivers = files.iter().flat_map(|f| &f.findings).any(|f| crate::checks::module_of(f.rule) == Some(crate::module::Module::Uitzonderingen));
    let ids: Vec<&str> = rule_ids().chain(waiver_rule_ids().filter(|_| with_waivers)).collect();
    let index = |id: &str| ids.iter().position(|r| *r == id).map(|i| i as i64);
    // The sources each rule rested on in this run, for its help text.
    let mut sources: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut links: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().flat_map(|f| &f.findings) {
        if let Some(s) = &f.source {
            sources.entry(f.rule).or_default().insert(s.clone());
        }
        links.entry(f.rule).or_default().extend(f.sources.iter().filter_map(|b| b.url.clone()));
    }
    let rules = descriptors(&ids, &sources, &links, meta);

    let mut results = Vec::new();
    let mut per_file = Vec::new();
    for file in files {
        results.extend(file_results(file, &index, meta));
        per_file.push(FileCounts::of(file).json());
    }
    let log = frame(rules, per_file, results, meta);
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The SARIF report being written. Each result is serialised on its own when its file's turn
/// comes, indented as it stands in the whole log, and goes to the spill; the report keeps the
/// rules seen with their sources and each file's counts. At the end the log is serialised with
/// `properties.files` and `results` empty, and the two are filled in where they stand: the
/// same bytes as [`write`].
struct SarifStream<'a> {
    meta: &'a Meta,
    /// Whether a finding of the run belongs to the waivers' rules.
    with_waivers: bool,
    sources: BTreeMap<&'static str, BTreeSet<String>>,
    links: BTreeMap<&'static str, BTreeSet<String>>,
    files: Vec<FileCounts>,
    results: usize,
    spill: Spill,
    /// Every rule the log can describe, in the descriptors' order.
    ids: Vec<&'static str>,
}

/// An empty array in the pretty log, as serde_json writes it after `key` at `depth` (two spaces
/// a level): unique, since a string in JSON never holds a line break.
fn empty_at(depth: usize, key: &str) -> String {
    format!("\n{}\"{key}\": []", "  ".repeat(depth))
}

/// `value` pretty-printed as an element of an array at `depth`: every line indented.
fn element<T: serde::Serialize>(value: &T, depth: usize) -> String {
    format!("{}{}", "  ".repeat(depth), super::json::nested(value, depth))
}

/// Where `properties.files` and `results` stand in the log: `$schema` and `runs` at the top (1),
/// the run (3), its properties (4).
const FILES_DEPTH: usize = 4;
const RESULTS_DEPTH: usize = 3;

impl Stream for SarifStream<'_> {
    fn file(&mut self, file: &FileReport, _out: &mut String) {
        for f in &file.findings {
            if crate::checks::module_of(f.rule) == Some(crate::module::Module::Uitzonderingen) {
                self.with_waivers = true;
            }
            if let Some(s) = &f.source
                && !self.sources.get(f.rule).is_some_and(|set| set.contains(s))
            {
                self.sources.entry(f.rule).or_default().insert(s.clone());
            }
            let links = self.links.entry(f.rule).or_default();
            for url in f.sources.iter().filter_map(|b| b.url.as_ref()) {
                if !links.contains(url) {
                    links.insert(url.clone());
                }
            }
        }
        // A rule's place among every rule the log can describe: a waiver's rule is described
        // (after the others) exactly when the run has findings of it, as this one.
        let index = |id: &str| self.ids.iter().position(|r| *r == id).map(|i| i as i64);
        for r in file_results(file, &index, self.meta) {
            if self.results > 0 {
                self.spill.push(",\n");
            }
            self.spill.push(&element(&r, RESULTS_DEPTH + 1));
            self.results += 1;
        }
        self.files.push(FileCounts::of(file));
    }

    fn finish(mut self: Box<Self>, _skipped: &[super::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let meta = self.meta;
        let ids: Vec<&str> = rule_ids().chain(waiver_rule_ids().filter(|_| self.with_waivers)).collect();
        let rules = descriptors(&ids, &self.sources, &self.links, meta);
        let log = frame(rules, Vec::new(), Vec::new(), meta);
        // Serialising plain structs of strings and numbers cannot fail.
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
        text.push('\n');
        let files_at = empty_at(FILES_DEPTH, "files");
        let results_at = empty_at(RESULTS_DEPTH, "results");
        let (Some(f), Some(r)) = (text.find(&files_at), text.find(&results_at)) else {
            return out.write_all(text.as_bytes());
        };
        // Each array as serde_json writes it: `[`, the elements on lines of their own separated
        // by commas, `]` on a line at the key's indentation; `[]` when there are none.
        let close = |depth: usize| format!("\n{}]", "  ".repeat(depth));
        let mut splices: Vec<(usize, usize, u8)> = vec![(f + files_at.len() - 2, FILES_DEPTH, 0), (r + results_at.len() - 2, RESULTS_DEPTH, 1)];
        splices.sort();
        let mut from = 0;
        for (at, depth, which) in splices {
            out.write_all(&text.as_bytes()[from..at])?;
            from = at + 2;
            if which == 0 {
                if self.files.is_empty() {
                    out.write_all(b"[]")?;
                    continue;
                }
                out.write_all(b"[\n")?;
                for (i, counts) in self.files.iter().enumerate() {
                    if i > 0 {
                        out.write_all(b",\n")?;
                    }
                    out.write_all(element(&counts.json(), depth + 1).as_bytes())?;
                }
            } else {
                if self.results == 0 {
                    out.write_all(b"[]")?;
                    continue;
                }
                out.write_all(b"[\n")?;
                self.spill.copy_all(out)?;
            }
            out.write_all(close(depth).as_bytes())?;
        }
        out.write_all(&text.as_bytes()[from..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("plannen/noord.yaml"), "plannen/noord.yaml");
        assert_eq!(uri_reference("regio noord/a b.yaml"), "regio%20noord/a%20b.yaml");
        assert_eq!(uri_reference("c:/x%.yaml"), "c%3A/x%25.yaml");
        assert_eq!(uri_reference("ë.yaml"), "%C3%AB.yaml");
        assert_eq!(uri_reference("-"), "-");
    }
}
