//! `uurtarieven`: placeholder until the module is written (see INTERN, EXTERN).
use super::Rule;
use crate::engine::{Ctx, Finding, Msg, Outcome};
pub const INTERN: Rule = Rule { id: "uurtarieven/intern", module: "uurtarieven", params: &["uurtarief_intern"], run: todo_rule };
pub const EXTERN: Rule = Rule { id: "uurtarieven/extern", module: "uurtarieven", params: &["uurtarief_extern"], run: todo_rule };
fn todo_rule(_: &Ctx, out: &mut Vec<Finding>) { out.push(Finding::new("uurtarieven/intern", Outcome::Skip, Msg::new("skip.geen-gegevens"))); }
