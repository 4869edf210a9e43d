//! The engine: what a finding is, the band rule (regels.md §2.0) implemented once, and the context
//! every check runs in. Checks are pure functions of (application, rule set, moment): they push
//! findings and never print or read files (attachments excepted, through [`Ctx::folder`]).

use std::borrow::Cow;
use std::path::Path;

use rust_decimal::Decimal;

use crate::aanvraag::Aanvraag;
use crate::messages::Msg;
use crate::regeling::params::{Family, Key};
use crate::regeling::{Band, Bron, Ernst, Missing, Param, RuleSet, Typ, Zekerheid};
use crate::values::{Moment, cents_string};
use crate::yaml::Pos;

/// The outcome of one rule on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Warn,
    Fail,
    Skip,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Warn => "warn",
            Outcome::Fail => "fail",
            Outcome::Skip => "skip",
        }
    }
}

/// The band rule: failing even the lenient reading fails, meeting only the lenient one warns,
/// meeting both passes; then the parameter's severity caps the outcome (`waarschuwing` never
/// fails, `info` never warns).
pub fn judge(meets_mild: bool, meets_streng: bool, ernst: Ernst) -> Outcome {
    let raw = if !meets_mild {
        Outcome::Fail
    } else if !meets_streng {
        Outcome::Warn
    } else {
        Outcome::Pass
    };
    match (ernst, raw) {
        (Ernst::Waarschuwing, Outcome::Fail) => Outcome::Warn,
        (Ernst::Info, Outcome::Fail | Outcome::Warn) => Outcome::Pass,
        (_, o) => o,
    }
}

/// What in the file a finding is about (formaat.md §5.1), so that two findings of one rule can be
/// told apart without reading their messages, and stays the same from run to run. Written
/// `kind:value` (`partner:vmbo-noord`), or a bare `kind` for a whole section (`subsidie`); a part
/// within a part is joined with `/` (`activiteit:techlab/doelgroep:havo`). The kinds are the
/// application's own words: a partner kind (`soort:vmbo`), a partner, an activity, a target group,
/// a part, a theme, a field, a vestiging code, a year of subsidy, and a cost line or contribution
/// by its position in its list, counted from 1 (`begroting:3`, `cofinanciering:2`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject(String);

impl Subject {
    fn of(kind: &str, value: impl std::fmt::Display) -> Subject {
        Subject(format!("{kind}:{value}"))
    }
    /// A kind of partner (`soort:mbo`), as a partner minimum counts them.
    pub fn soort(kind: &str) -> Subject {
        Subject::of("soort", kind)
    }
    pub fn partner(id: &str) -> Subject {
        Subject::of("partner", id)
    }
    pub fn activiteit(id: &str) -> Subject {
        Subject::of("activiteit", id)
    }
    pub fn doelgroep(group: &str) -> Subject {
        Subject::of("doelgroep", group)
    }
    pub fn onderdeel(name: &str) -> Subject {
        Subject::of("onderdeel", name)
    }
    pub fn thema(name: &str) -> Subject {
        Subject::of("thema", name)
    }
    /// A field of another regulation, by its path (`veld:partners.leerlingen`).
    pub fn veld(path: &str) -> Subject {
        Subject::of("veld", path)
    }
    pub fn vestiging(code: &str) -> Subject {
        Subject::of("vestiging", code)
    }
    /// A cost line by its position in `begroting`, counted from 1.
    pub fn begroting(nr: usize) -> Subject {
        Subject::of("begroting", nr)
    }
    /// A contribution by its position in `financiering.cofinanciering`, counted from 1.
    pub fn cofinanciering(nr: usize) -> Subject {
        Subject::of("cofinanciering", nr)
    }
    /// The subsidy of one year (`subsidie:2026`).
    pub fn subsidie_jaar(jaar: i32) -> Subject {
        Subject::of("subsidie", jaar)
    }
    /// The subsidy as a whole (`subsidie`).
    pub fn subsidie() -> Subject {
        Subject("subsidie".to_string())
    }
    /// The subsidy per year, where no one year is meant (`subsidie:per-jaar`).
    pub fn subsidie_per_jaar() -> Subject {
        Subject::of("subsidie", "per-jaar")
    }
    /// A waiver by its position in `uitzonderingen`, counted from 1.
    pub fn uitzondering(nr: usize) -> Subject {
        Subject::of("uitzondering", nr)
    }
    /// The region's own maximum (`regio.maximum`).
    pub fn regio_maximum() -> Subject {
        Subject("regio.maximum".to_string())
    }
    /// `inner` as a part of `self`.
    pub fn within(self, inner: Subject) -> Subject {
        Subject(format!("{}/{}", self.0, inner.0))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a finding's `required` is a lower bound (`min`: at least this much) or an upper
/// bound (`max`: at most this much). Absent where it is neither (an amount that must equal a
/// computed one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Min,
    Max,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Min => "min",
            Direction::Max => "max",
        }
    }
}

/// One verdict of one rule on one file, with the numbers and the place that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub outcome: Outcome,
    pub message: Msg,
    /// What in the file it is about; unique among the findings of one rule on one file.
    pub subject: Option<Subject>,
    pub pos: Option<Pos>,
    pub source: Option<String>,
    /// The sources `source` cites, resolved from the rule set's registry (set by
    /// [`crate::checks::check`], so a check only names its `bron`).
    pub sources: Vec<Bron>,
    pub certainty: Option<Zekerheid>,
    pub found: Option<String>,
    pub required: Option<String>,
    pub difference: Option<String>,
    pub mild: Option<String>,
    pub streng: Option<String>,
    pub note: Option<Msg>,
    /// Whether `required` is a minimum or a maximum.
    pub direction: Option<Direction>,
    /// The waiver in force that covers this `fail` or `warn` (formaat.md §5.2): the finding
    /// keeps its outcome and message; the verdict and the exit code leave it out.
    pub waiver: Option<Waived>,
}

/// The waiver that covers a finding, as the reports show it beside the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    /// What the waiver names: a rule id, or a finding's key (`rule#subject`).
    pub regel: String,
    pub reden: String,
    pub kenmerk: String,
    /// The date of DUS-I's letter.
    pub datum: chrono::NaiveDate,
    /// The last day the waiver holds, when it ends.
    pub tot: Option<chrono::NaiveDate>,
    /// Its place in the file's list of waivers, counted from 1 (its subject `uitzondering:N`).
    pub nr: usize,
    /// Where the waiver stands in the file.
    pub pos: Option<Pos>,
    /// How many findings of this file the waiver covers: more than one shows a broad waiver.
    pub covers: usize,
}

impl Finding {
    /// `rule#subject`, the name of this finding across runs (formaat.md §5.1); `None` without a
    /// subject.
    pub fn key(&self) -> Option<String> {
        self.subject.as_ref().map(|s| format!("{}#{s}", self.rule))
    }

    /// A `fail` or `warn` that no waiver covers: what the verdict counts.
    pub fn counts_against(&self) -> bool {
        matches!(self.outcome, Outcome::Fail | Outcome::Warn) && self.waiver.is_none()
    }

    pub fn new(rule: &'static str, outcome: Outcome, message: Msg) -> Finding {
        Finding {
            rule,
            outcome,
            message,
            subject: None,
            pos: None,
            source: None,
            sources: Vec::new(),
            certainty: None,
            found: None,
            required: None,
            difference: None,
            mild: None,
            streng: None,
            note: None,
            direction: None,
            waiver: None,
        }
    }

    /// What in the file the finding is about.
    pub fn about(mut self, subject: Subject) -> Finding {
        self.subject = Some(subject);
        self
    }

    /// Whether `required` is a minimum or a maximum.
    pub fn direction(mut self, d: Direction) -> Finding {
        self.direction = Some(d);
        self
    }

    /// Moments: found, required, and the whole seconds between them (found − required: positive
    /// when late, negative when early).
    pub fn moments(mut self, found: Moment, required: Moment) -> Finding {
        self.found = Some(found.to_string());
        self.required = Some(required.to_string());
        self.difference = Some((found.0 - required.0).num_seconds().to_string());
        self
    }

    pub fn at(mut self, pos: Option<Pos>) -> Finding {
        if pos.is_some() {
            self.pos = pos;
        }
        self
    }

    /// Takes source and certainty from the parameter that decided the finding.
    pub fn param(mut self, p: &Param) -> Finding {
        self.source = Some(p.bron.clone());
        self.certainty = Some(self.certainty.map_or(p.zekerheid, |c| c.min(p.zekerheid)));
        // A warning that comes from a band, or from a requirement that can only warn, carries
        // the rule data's explanation of why (regels.md §2.0: name both values and why).
        if self.note.is_none()
            && self.outcome == Outcome::Warn
            && (p.is_band() || p.ernst != Ernst::Fout)
            && let Some(t) = &p.toelichting
        {
            self.note = Some(Msg::new("noot.tekst").arg("tekst", t.as_str()));
        }
        self
    }

    /// Source and certainty given directly (a step or a ceiling with its own source).
    pub fn source(mut self, bron: &str, zekerheid: Zekerheid) -> Finding {
        self.source = Some(bron.to_string());
        self.certainty = Some(zekerheid);
        self
    }

    /// Money: found, required and their difference (found − required), in cents.
    pub fn money(mut self, found: Decimal, required: Decimal) -> Finding {
        self.found = Some(cents_string(found));
        self.required = Some(cents_string(required));
        self.difference = Some(cents_string(crate::money::sub(found, required)));
        self
    }

    /// Plain numbers: found, required and their difference.
    pub fn numbers(mut self, found: Decimal, required: Decimal) -> Finding {
        self.found = Some(found.normalize().to_string());
        self.required = Some(required.normalize().to_string());
        self.difference = Some(crate::money::sub(found, required).normalize().to_string());
        self
    }

    /// The two values of a band, when they differ.
    pub fn band(mut self, mild: impl ToString, streng: impl ToString) -> Finding {
        let (m, s) = (mild.to_string(), streng.to_string());
        if m != s {
            self.mild = Some(m);
            self.streng = Some(s);
        }
        self
    }

    pub fn note(mut self, note: Msg) -> Finding {
        self.note = Some(note);
        self
    }
}

/// Where the moment judged against the windows came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MomentFrom {
    Indiening,
    Peildatum,
}

/// Gives the findings from `from` on that have no subject yet this one: for findings pushed by
/// shared helpers ([`Ctx::need_member`]) on behalf of one subject.
pub fn about_since(out: &mut [Finding], from: usize, subject: &Subject) {
    for f in out.iter_mut().skip(from).filter(|f| f.subject.is_none()) {
        f.subject = Some(subject.clone());
    }
}

/// What a check may see.
pub struct Ctx<'a> {
    pub aanvraag: &'a Aanvraag,
    pub set: &'a RuleSet,
    /// The kind of submission, when this rule set knows it.
    pub soort: Option<&'a str>,
    pub moment: Moment,
    pub moment_from: MomentFrom,
    /// The folder attachments are resolved in; `None` for stdin.
    pub folder: Option<&'a Path>,
}

impl<'a> Ctx<'a> {
    /// The context for checking an application against a rule set at a moment; the kind of
    /// submission counts only when the rule set knows it.
    pub fn new(aanvraag: &'a Aanvraag, set: &'a RuleSet, moment: Moment, moment_from: MomentFrom, folder: Option<&'a Path>) -> Ctx<'a> {
        let soort = Some(aanvraag.indiening.value.soort.value.as_str()).filter(|s| set.soorten.contains_key(*s));
        Ctx { aanvraag, set, soort, moment, moment_from, folder }
    }

    /// The parameter of that name as it holds for this file's kind of submission and region.
    fn lookup(&self, name: &str) -> Result<&'a Param, Missing> {
        self.set.param(self.soort, Some(self.aanvraag.regio.value.soort.value.as_str()), name)
    }

    /// The typed band of a parameter that was found. The loader validated the value against the
    /// same key, so this fails only if rule data was built around the loader; that is a `skip`
    /// with the reason, never silence.
    fn typed<T: Typ>(&self, p: &'a Param, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Cow<'a, Band<T>>, &'a Param)> {
        match p.band::<T>() {
            Ok(b) => Some((b, p)),
            Err(e) => {
                out.push(Finding::new(rule, Outcome::Skip, Msg::new("skip.regeldata").arg("fout", e)));
                None
            }
        }
    }

    /// A parameter the rule cannot do without: its typed band, or a `skip` finding saying why
    /// the rule cannot apply.
    pub fn need<T: Typ>(&self, key: &Key<T>, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Cow<'a, Band<T>>, &'a Param)> {
        match self.lookup(key.name) {
            Ok(p) => self.typed(p, rule, out),
            Err(missing) => {
                out.push(self.missing(rule, key.name, &missing));
                None
            }
        }
    }

    /// A parameter the rule can do without: `None` when this kind of submission or rule set does
    /// not have it.
    pub fn optional<T: Typ>(&self, key: &Key<T>, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Cow<'a, Band<T>>, &'a Param)> {
        let p = self.lookup(key.name).ok()?;
        self.typed(p, rule, out)
    }

    /// The members of a family that hold for this file (`min_mbo`, `min_vso`, …), sorted.
    pub fn members<T>(&self, family: &Family<T>) -> Vec<&'a str> {
        let regio = Some(self.aanvraag.regio.value.soort.value.as_str());
        self.set.names(self.soort, regio).into_iter().filter(|n| family.contains(n)).collect()
    }

    /// One member of a family, as [`Ctx::need`].
    pub fn need_member<T: Typ>(
        &self,
        family: &Family<T>,
        name: &str,
        rule: &'static str,
        out: &mut Vec<Finding>,
    ) -> Option<(Cow<'a, Band<T>>, &'a Param)> {
        debug_assert!(family.contains(name));
        match self.lookup(name) {
            Ok(p) => self.typed(p, rule, out),
            Err(missing) => {
                out.push(self.missing(rule, name, &missing));
                None
            }
        }
    }

    /// The `skip` for a parameter this kind of submission or this rule set does not have.
    pub fn missing(&self, rule: &'static str, name: &str, why: &Missing) -> Finding {
        let msg = match why {
            Missing::NotForSoort => Msg::new("skip.niet-voor-soort")
                .arg("soort", self.soort.unwrap_or("?"))
                .arg("parameter", name),
            Missing::NotInRuleSet => Msg::new("skip.niet-in-regelset")
                .arg("regeling", self.set.id.as_str())
                .arg("parameter", name),
        };
        Finding::new(rule, Outcome::Skip, msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_rule() {
        assert_eq!(judge(false, false, Ernst::Fout), Outcome::Fail);
        assert_eq!(judge(true, false, Ernst::Fout), Outcome::Warn);
        assert_eq!(judge(true, true, Ernst::Fout), Outcome::Pass);
        // A guidance-only parameter never fails, context never warns.
        assert_eq!(judge(false, false, Ernst::Waarschuwing), Outcome::Warn);
        assert_eq!(judge(false, false, Ernst::Info), Outcome::Pass);
    }
}
