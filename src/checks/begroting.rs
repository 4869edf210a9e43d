//! `begroting`: placeholder until the module is written.
use super::Rule;
use crate::engine::{Ctx, Finding, Msg, Outcome};
pub const BEDRAGEN: Rule = Rule { id: "begroting/bedragen", module: "begroting", params: &[], run: todo_rule };
pub const JAREN: Rule = Rule { id: "begroting/jaren", module: "begroting", params: &[], run: todo_rule };
pub const DEKKING: Rule = Rule { id: "begroting/dekking", module: "begroting", params: &[], run: todo_rule };
pub const PLAFOND: Rule = Rule { id: "begroting/plafond", module: "begroting", params: &[], run: todo_rule };
pub const DUBBELE_FINANCIERING: Rule = Rule { id: "begroting/dubbele-financiering", module: "begroting", params: &[], run: todo_rule };
pub const ONGEBRUIKTE_VELDEN: Rule = Rule { id: "begroting/ongebruikte-velden", module: "begroting", params: &[], run: todo_rule };
fn todo_rule(_: &Ctx, out: &mut Vec<Finding>) { out.push(Finding::new("begroting/bedragen", Outcome::Skip, Msg::new("skip.geen-gegevens"))); }
