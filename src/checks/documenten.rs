//! `documenten`: placeholder until the module is written.
use super::Rule;
use crate::engine::{Ctx, Finding, Msg, Outcome};
pub const ONDERDELEN: Rule = Rule { id: "documenten/onderdelen", module: "documenten", params: &[], run: todo_rule };
pub const THEMAS: Rule = Rule { id: "documenten/themas", module: "documenten", params: &[], run: todo_rule };
pub const PO_SAMENWERKING: Rule = Rule { id: "documenten/po-samenwerking", module: "documenten", params: &[], run: todo_rule };
pub const PLANVORMING: Rule = Rule { id: "documenten/planvorming", module: "documenten", params: &[], run: todo_rule };
fn todo_rule(_: &Ctx, out: &mut Vec<Finding>) { out.push(Finding::new("documenten/onderdelen", Outcome::Skip, Msg::new("skip.geen-gegevens"))); }
