//! The JSON report (formaat.md §4 and §5.1): stable keys for scripts; keys without a value are
//! left out. The types below are the report's shape: the committed JSON Schema of the report
//! (`schema/rapport.schema.json`, `stocheck schema --report`) is generated from them, so the two
//! cannot drift. Amounts are decimal strings; moments RFC 3339.

use schemars::JsonSchema;
use serde::Serialize;

use super::writer::{Layout, Stream, Writer};
use super::{Meta, error_text, summary};
use crate::engine::{Direction, Finding, MomentFrom, Outcome};
use crate::messages::{Msg, render};
use crate::regeling::Zekerheid;
use crate::report::model::{FileReport, Totals, Verdict};
use crate::values::cents_string;

/// The report of one run of `stocheck check --format json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "stocheck: rapport (--format json)")]
pub struct Report {
    /// The version of this report's shape; keys are added, never renamed.
    pub version: u32,
    /// The version of stocheck that wrote it.
    pub stocheck: String,
    /// The moment deadlines are judged against when a file has no `indiening.moment` (RFC 3339).
    pub peildatum: String,
    pub files: Vec<File>,
    /// Files a directory walk passed over, with why (formaat.md §5.6).
    pub skipped: Vec<SkippedJson>,
    pub summary: Summary,
}

/// One checked file.
#[derive(Serialize, JsonSchema)]
pub struct File {
    /// The path as given, or as found under the directory given; `-` for stdin.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regeling: Option<String>,
    /// The kind of submission (`indiening.soort`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regio: Option<Regio>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<Rules>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moment: Option<MomentJson>,
    /// The key amounts, as the table's head shows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totals: Option<TotalsJson>,
    pub verdict: Verdict,
    pub findings: Vec<FindingJson>,
    /// Why the file could not be checked; empty unless `verdict` is `error`.
    pub errors: Vec<ErrorJson>,
}

/// The region of the application.
#[derive(Serialize, JsonSchema)]
pub struct Regio {
    pub naam: String,
    pub soort: String,
}

/// The rule set a file was checked against.
#[derive(Serialize, JsonSchema)]
pub struct Rules {
    pub id: String,
    pub version: String,
    /// `builtin`, or the rule file's path.
    pub origin: String,
}

/// The moment judged against the windows, and where it came from.
#[derive(Serialize, JsonSchema)]
pub struct MomentJson {
    /// RFC 3339, with the offset.
    pub value: String,
    pub from: MomentFrom,
}

/// The key amounts of a file, as decimal strings in euros with two decimals; those not known
/// are left out.
#[derive(Serialize, JsonSchema)]
pub struct TotalsJson {
    /// The sum of all cost lines.
    pub kosten: String,
    /// The subsidy requested over all years.
    pub subsidie: String,
    /// Every contribution, whoever gives it.
    pub cofinanciering: String,
    /// What the region pays itself.
    pub eigen_bijdrage: String,
    /// The region's ceiling over the whole period (strict reading), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<String>,
}

/// One finding of one rule.
#[derive(Serialize, JsonSchema)]
pub struct FindingJson {
    /// The rule id, `module/name`.
    pub rule: String,
    /// What in the file the finding is about, unique among the findings of its rule in its
    /// file: `kind:value` parts joined by `/` (`partner:vmbo-noord`, `begroting:3`,
    /// `activiteit:techlab/doelgroep:havo`), or a bare `kind` (`subsidie`). See the README.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `rule#subject`: names this finding across runs (for diffs and waivers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub outcome: Outcome,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Where the rule's figure comes from, as the rule data cites it (`[F24]` and the like).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The sources `source` cites, resolved from the source registry; `[]` when it cites none.
    pub sources: Vec<SourceJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Zekerheid>,
    /// What the file has: a decimal string, or for `termijnen/venster` an RFC 3339 moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// What the rule asks, in the same form as `found`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    /// `found − required` as a decimal string; for `termijnen/venster` the whole seconds late
    /// (positive) or early (negative).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<String>,
    /// Whether `required` is a minimum or a maximum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The lenient reading's value, where the readings differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mild: Option<String>,
    /// The strict reading's value, where the readings differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub streng: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The waiver in force that covers this `fail` or `warn` (formaat.md §5.2): the finding keeps
    /// its outcome, message and figures, but the file's verdict and the exit code leave it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<WaiverJson>,
}

/// A waiver from the application's `uitzonderingen`, beside the finding it covers.
#[derive(Serialize, JsonSchema)]
pub struct WaiverJson {
    /// What the waiver names: a rule id, or a finding's key (`rule#subject`).
    pub regel: String,
    /// Why DUS-I agreed.
    pub reden: String,
    /// The reference of DUS-I's letter or e-mail.
    pub kenmerk: String,
    /// The date of that letter (`YYYY-MM-DD`).
    pub datum: String,
    /// The last day the waiver holds (`YYYY-MM-DD`, inclusive), when it ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tot: Option<String>,
    /// How many findings of this file the waiver covers: more than one shows a broad waiver.
    pub covers: usize,
    /// The waiver's subject in the module `uitzonderingen`: `uitzondering:N`, its place in the
    /// list counted from 1.
    pub subject: String,
}

/// A source of the rule data, from the registry (`rules/bronnen.yaml`).
#[derive(Serialize, JsonSchema)]
pub struct SourceJson {
    /// The key the rule data cites it by (`F24`, `DUSI25`).
    pub id: String,
    pub title: String,
    /// Its address, where one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Why a file could not be read.
#[derive(Serialize, JsonSchema)]
pub struct ErrorJson {
    /// The error's id in the message catalogue (`laden.*`): stable, for scripts.
    pub id: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// A file a directory walk passed over.
#[derive(Serialize, JsonSchema)]
pub struct SkippedJson {
    pub path: String,
    /// Why, in words.
    pub reason: String,
    /// Why, as the catalogue id.
    pub id: String,
}

/// Counts over all files.
#[derive(Serialize, JsonSchema)]
pub struct Summary {
    pub files: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub findings: Counts,
}

/// Findings counted by outcome. A `fail` or `warn` that a waiver covers is counted under
/// `waived`, not under its outcome, so `fail` and `warn` are what the verdicts count.
#[derive(Serialize, JsonSchema)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub warn: usize,
    pub skip: usize,
    pub waived: usize,
}

fn finding(f: &Finding, meta: &Meta) -> FindingJson {
    FindingJson {
        rule: f.rule.to_string(),
        subject: f.subject.as_ref().map(ToString::to_string),
        key: f.subject.as_ref().map(|s| format!("{}#{s}", f.rule)),
        outcome: f.outcome,
        message: render(&f.message, meta.lang),
        line: f.pos.map(|p| p.line),
        column: f.pos.map(|p| p.column),
        source: f.source.clone(),
        sources: f.sources.iter().map(|b| SourceJson { id: b.id.clone(), title: b.titel.clone(), url: b.url.clone() }).collect(),
        certainty: f.certainty,
        found: f.found.clone(),
        required: f.required.clone(),
        difference: f.difference.clone(),
        direction: f.direction,
        mild: f.mild.clone(),
        streng: f.streng.clone(),
        note: f.note.as_ref().map(|n| render(n, meta.lang)),
        waiver: f.waiver.as_ref().map(|w| WaiverJson {
            regel: w.regel.clone(),
            reden: w.reden.clone(),
            kenmerk: w.kenmerk.clone(),
            datum: w.datum.to_string(),
            tot: w.tot.map(|t| t.to_string()),
            covers: w.covers,
            subject: crate::engine::Subject::uitzondering(w.nr).to_string(),
        }),
    }
}

fn totals(t: &Totals) -> TotalsJson {
    TotalsJson {
        kosten: cents_string(t.kosten),
        subsidie: cents_string(t.subsidie),
        cofinanciering: cents_string(t.cofinanciering),
        eigen_bijdrage: cents_string(t.eigen_bijdrage),
        maximum: t.plafond.map(cents_string),
    }
}

fn file(f: &FileReport, meta: &Meta) -> File {
    File {
        path: f.path.clone(),
        regeling: f.regeling.clone(),
        soort: f.soort.clone(),
        regio: match (&f.region, &f.regio_soort) {
            (Some(naam), Some(soort)) => Some(Regio { naam: naam.clone(), soort: soort.clone() }),
            _ => None,
        },
        rules: f.rules.as_ref().map(|r| Rules { id: r.id.clone(), version: r.versie.clone(), origin: r.origin.clone() }),
        moment: f.moment.map(|(m, from)| MomentJson { value: m.to_string(), from }),
        totals: f.totals.as_ref().map(totals),
        verdict: f.verdict,
        findings: f.findings.iter().map(|x| finding(x, meta)).collect(),
        errors: f
            .errors
            .iter()
            .map(|e| ErrorJson {
                id: e.id().to_string(),
                message: error_text(e, meta.lang),
                line: e.pos.map(|p| p.line),
                column: e.pos.map(|p| p.column),
            })
            .collect(),
    }
}

/// The `json` report.
pub struct Json;

impl Writer for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn stream<'a>(&'a self, meta: &'a Meta, _layout: &'a Layout) -> Box<dyn Stream + 'a> {
        Box::new(JsonStream { meta, files: 0, summary: super::Summary::default() })
    }
}

/// The JSON being written: the report's head and each file as its turn comes, the skipped files
/// and the summary at the end. The bytes are those of `serde_json::to_string_pretty` on the
/// whole [`Report`] (a test holds them to it): a value nested `n` levels deep is the same
/// pretty text with every line after its first indented by `2n` spaces, as JSON strings hold no
/// line breaks.
struct JsonStream<'a> {
    meta: &'a Meta,
    files: usize,
    summary: super::Summary,
}

/// `value` pretty-printed as it stands `depth` levels deep: its first line as it is, every
/// further line indented by `2 × depth` more spaces.
pub(super) fn nested<T: Serialize>(value: &T, depth: usize) -> String {
    let mut out = Vec::with_capacity(1 << 12);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested { depth, has_value: false });
    // Serialising plain structs of strings and numbers into memory cannot fail.
    let _ = value.serialize(&mut ser);
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's pretty layout (two spaces a level), starting `depth` levels deep: the bytes of
/// `PrettyFormatter` with every line after the first indented by `2 × depth` more spaces.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl JsonStream<'_> {
    fn head(&self, out: &mut String) {
        let string = |s: &str| serde_json::to_string(s).unwrap_or_default();
        out.push_str("{\n  \"version\": 1,\n  \"stocheck\": ");
        out.push_str(&string(env!("CARGO_PKG_VERSION")));
        out.push_str(",\n  \"peildatum\": ");
        out.push_str(&string(&self.meta.peildatum.to_string()));
        out.push_str(",\n  \"files\": [");
    }
}

impl Stream for JsonStream<'_> {
    fn file(&mut self, f: &FileReport, out: &mut String) {
        if self.files == 0 {
            self.head(out);
        } else {
            out.push(',');
        }
        self.files += 1;
        self.summary.add(f);
        out.push_str("\n    ");
        out.push_str(&nested(&file(f, self.meta), 2));
    }

    fn finish(self: Box<Self>, skipped: &[crate::report::model::Skipped], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = String::new();
        (*self).rest(skipped, &mut text);
        out.write_all(text.as_bytes())
    }
}

impl JsonStream<'_> {
    /// The end of the report: the skipped files and the totals.
    fn rest(self, skipped: &[crate::report::model::Skipped], out: &mut String) {
        if self.files == 0 {
            self.head(out);
            out.push_str("],\n");
        } else {
            out.push_str("\n  ],\n");
        }
        let meta = Meta { skipped: skipped.to_vec(), ..self.meta.clone() };
        let s = self.summary;
        out.push_str("  \"skipped\": ");
        out.push_str(&nested(&skipped_json(&meta), 1));
        out.push_str(",\n  \"summary\": ");
        out.push_str(&nested(&summary_json(&s), 1));
        out.push_str("\n}\n");
    }
}

fn skipped_json(meta: &Meta) -> Vec<SkippedJson> {
    meta.skipped
        .iter()
        .map(|s| SkippedJson {
            path: s.path.clone(),
            reason: crate::messages::render(&Msg::new(s.reason), meta.lang),
            id: s.reason.to_string(),
        })
        .collect()
}

fn summary_json(s: &super::Summary) -> Summary {
    Summary {
        files: s.files,
        pass: s.pass,
        fail: s.fail,
        error: s.error,
        findings: Counts { pass: s.f_pass, fail: s.f_fail, warn: s.f_warn, skip: s.f_skip, waived: s.f_waived },
    }
}

/// The report as a value of the report's type.
pub fn report(files: &[FileReport], meta: &Meta) -> Report {
    Report {
        version: 1,
        stocheck: env!("CARGO_PKG_VERSION").to_string(),
        peildatum: meta.peildatum.to_string(),
        files: files.iter().map(|f| file(f, meta)).collect(),
        skipped: skipped_json(meta),
        summary: summary_json(&summary(files)),
    }
}

/// The whole report as pretty JSON, ending in a newline.
pub fn write(files: &[FileReport], meta: &Meta) -> String {
    Json.write(files, meta, &Layout::default())
}

/// The JSON Schema (draft 7) of the report, from the types above, as pretty JSON ending in a
/// newline: what `stocheck schema --report` prints and `schema/rapport.schema.json` holds.
pub fn schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<Report>();
    // Serialising a JSON value cannot fail.
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed bytes are serde_json's pretty printing of the whole report, with and
    /// without files and skipped files.
    #[test]
    fn streamed_json_is_the_whole_report_pretty_printed() {
        let reg = crate::regeling::Registry::builtin().unwrap();
        let vocab = reg.vocabulary();
        let peildatum = crate::values::Moment::parse("2024-10-01T00:00:00+02:00").unwrap();
        let opts = crate::run::Options { peildatum, fail_on: crate::run::FailOn::Fail, no_waivers: false };
        let good = crate::run::check_text(crate::testdata::large_application(2).into_bytes(), &reg, &vocab, &opts);
        let bad = crate::run::check_text(b"regeling: x\n".to_vec(), &reg, &vocab, &opts);
        let skipped = vec![crate::report::model::Skipped { path: "a\"b.yaml".into(), reason: "overgeslagen.geen-regeling" }];
        for (files, skipped) in [(vec![], vec![]), (vec![good.clone()], vec![]), (vec![good, bad], skipped)] {
            let meta = Meta { peildatum, lang: crate::messages::Lang::En, skipped };
            let mut whole = serde_json::to_string_pretty(&report(&files, &meta)).unwrap();
            whole.push('\n');
            assert_eq!(write(&files, &meta), whole);
        }
    }
}
