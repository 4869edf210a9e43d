//! The engine: what a finding is, the band rule (regels.md §2.0) implemented once, and the context
//! every check runs in. Checks are pure functions of (application, rule set, moment): they push
//! findings and never print or read files (attachments excepted, through [`Ctx::folder`]).

use std::path::Path;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::aanvraag::Aanvraag;
use crate::messages::Msg;
use crate::regeling::params::{Family, Key};
use crate::regeling::{Band, Bron, Ernst, Missing, Param, RuleSet, Zekerheid};
use crate::values::{Moment, cents_string};
use crate::yaml::Pos;

/// The outcome of one rule on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
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

/// One verdict of one rule on one file, with the numbers and the place that explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub outcome: Outcome,
    pub message: Msg,
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
}

impl Finding {
    pub fn new(rule: &'static str, outcome: Outcome, message: Msg) -> Finding {
        Finding {
            rule,
            outcome,
            message,
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
        }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentFrom {
    Indiening,
    Peildatum,
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
    fn typed<T: DeserializeOwned>(&self, p: &'a Param, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Band<T>, &'a Param)> {
        match p.get::<T>() {
            Ok(b) => Some((b, p)),
            Err(e) => {
                out.push(Finding::new(rule, Outcome::Skip, Msg::new("skip.regeldata").arg("fout", e)));
                None
            }
        }
    }

    /// A parameter the rule cannot do without: its typed band, or a `skip` finding saying why
    /// the rule cannot apply.
    pub fn need<T: DeserializeOwned>(&self, key: &Key<T>, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Band<T>, &'a Param)> {
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
    pub fn optional<T: DeserializeOwned>(&self, key: &Key<T>, rule: &'static str, out: &mut Vec<Finding>) -> Option<(Band<T>, &'a Param)> {
        let p = self.lookup(key.name).ok()?;
        self.typed(p, rule, out)
    }

    /// The members of a family that hold for this file (`min_mbo`, `min_vso`, …), sorted.
    pub fn members<T>(&self, family: &Family<T>) -> Vec<&'a str> {
        let regio = Some(self.aanvraag.regio.value.soort.value.as_str());
        self.set.names(self.soort, regio).into_iter().filter(|n| family.contains(n)).collect()
    }

    /// One member of a family, as [`Ctx::need`].
    pub fn need_member<T: DeserializeOwned>(
        &self,
        family: &Family<T>,
        name: &str,
        rule: &'static str,
        out: &mut Vec<Finding>,
    ) -> Option<(Band<T>, &'a Param)> {
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
