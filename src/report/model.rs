//! The report model: what is known about one checked file (its verdict, findings, load errors and
//! key figures). The orchestrator fills it; the writers only read it.

use rust_decimal::Decimal;

use crate::aanvraag::LoadError;
use crate::engine::{Finding, MomentFrom, Outcome};
use crate::values::Moment;

/// A file's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail,
    Error,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Error => "error",
        }
    }

    /// The exit code this verdict asks for (formaat.md §3).
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Pass => 0,
            Verdict::Fail => 1,
            Verdict::Error => 2,
        }
    }
}

/// The rule set a file was checked against.
#[derive(Debug, Clone)]
pub struct RulesInfo {
    pub id: String,
    pub versie: String,
    pub origin: String,
}

/// The key amounts of an application, worked out once when it is checked, for the head of the
/// table report: what is asked, what is contributed, and how much of the ceiling that uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// The sum of all cost lines.
    pub kosten: Decimal,
    /// The subsidy requested over all years.
    pub subsidie: Decimal,
    /// Every contribution, whoever gives it (which ones count is `cofinanciering/minimum`'s).
    pub cofinanciering: Decimal,
    /// What the region pays itself (`financiering.eigen_bijdrage`), zero when not given.
    pub eigen_bijdrage: Decimal,
    /// `cofinanciering` as a percentage of `kosten`, rounded down to 2 decimals.
    pub cofinanciering_pct: Option<Decimal>,
    /// The region's ceiling over the whole period (strict reading), when it is known.
    pub plafond: Option<Decimal>,
    /// `subsidie` as a percentage of `plafond`, rounded down to 2 decimals.
    pub plafond_gebruikt: Option<Decimal>,
    /// The same amounts per year, for the HTML report's chart: every year the budget, the subsidy
    /// or the cofinancing names, in order.
    pub jaren: Vec<JaarTotaal>,
}

/// The key amounts of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct JaarTotaal {
    pub jaar: i32,
    pub kosten: Decimal,
    pub subsidie: Decimal,
    pub cofinanciering: Decimal,
}

/// `part` as a percentage of `whole`, rounded down so that a shortfall never shows as enough.
fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    crate::money::share(part, whole)
}

impl Totals {
    /// The figures from the amounts: the percentages are worked out here, once.
    pub fn new(kosten: Decimal, subsidie: Decimal, cofinanciering: Decimal, eigen_bijdrage: Decimal, plafond: Option<Decimal>) -> Totals {
        Totals {
            kosten,
            subsidie,
            cofinanciering,
            eigen_bijdrage,
            cofinanciering_pct: share(cofinanciering, kosten),
            plafond,
            plafond_gebruikt: plafond.and_then(|p| share(subsidie, p)),
            jaren: Vec::new(),
        }
    }
}

/// Everything known about one checked file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave it (or as found under the directory they gave); `-` for stdin.
    pub path: String,
    pub regeling: Option<String>,
    pub rules: Option<RulesInfo>,
    /// The region's name and kind (`regio.naam`, `regio.soort`).
    pub region: Option<String>,
    pub regio_soort: Option<String>,
    pub soort: Option<String>,
    pub moment: Option<(Moment, MomentFrom)>,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub errors: Vec<LoadError>,
    /// The key amounts, when the file could be read.
    pub totals: Option<Totals>,
    /// The file's text when it could not be read and an error points into it, so the error can
    /// be drawn with the offending line.
    pub source: Option<String>,
}

/// A file a directory walk passed over (formaat.md §5.6): its path as found under the directory
/// the user gave, and why, as a catalogue id (`overgeslagen.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: &'static str,
}

impl FileReport {
    /// The findings with this outcome that count: a `fail` or `warn` covered by a waiver is
    /// counted apart ([`FileReport::waived`]), as the verdict leaves it out.
    pub fn count(&self, o: Outcome) -> usize {
        self.findings.iter().filter(|f| f.outcome == o && f.waiver.is_none()).count()
    }

    /// The findings a waiver in force covers (formaat.md §5.2).
    pub fn waived(&self) -> usize {
        self.findings.iter().filter(|f| f.waiver.is_some()).count()
    }
}


/// One row of the overview of several files (formaat.md §5.4), as the table and the Markdown
/// draw it: the figures only, each writer formats and escapes.
#[derive(Debug, Clone)]
pub struct OverviewRow<'a> {
    pub path: &'a str,
    pub regio: Option<&'a str>,
    pub regeling: Option<&'a str>,
    pub soort: Option<&'a str>,
    pub verdict: Verdict,
    pub fail: usize,
    pub warn: usize,
    /// Failures and warnings a waiver covers.
    pub waived: usize,
    pub subsidie: Option<Decimal>,
    pub cofinanciering_pct: Option<Decimal>,
}

/// The overview's rows, one per file, in the report's order.
pub fn overview(files: &[FileReport]) -> Vec<OverviewRow<'_>> {
    files
        .iter()
        .map(|f| OverviewRow {
            path: &f.path,
            regio: f.region.as_deref(),
            regeling: f.regeling.as_deref(),
            soort: f.soort.as_deref(),
            verdict: f.verdict,
            fail: f.count(Outcome::Fail),
            warn: f.count(Outcome::Warn),
            waived: f.waived(),
            subsidie: f.totals.as_ref().map(|t| t.subsidie),
            cofinanciering_pct: f.totals.as_ref().and_then(|t| t.cofinanciering_pct),
        })
        .collect()
}
