//! `sectoren`: placeholder until the module is written.
use super::Rule;
use crate::engine::{Ctx, Finding, Msg, Outcome};
pub const DOELGROEPEN: Rule = Rule { id: "sectoren/doelgroepen", module: "sectoren", params: &[], run: todo_rule };
pub const HAVO_VWO: Rule = Rule { id: "sectoren/havo-vwo", module: "sectoren", params: &[], run: todo_rule };
pub const PROFIELEN: Rule = Rule { id: "sectoren/profielen", module: "sectoren", params: &[], run: todo_rule };
fn todo_rule(_: &Ctx, out: &mut Vec<Finding>) { out.push(Finding::new("sectoren/doelgroepen", Outcome::Skip, Msg::new("skip.geen-gegevens"))); }
