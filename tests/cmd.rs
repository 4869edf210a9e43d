//! The command as its documentation shows it: every case file under `tests/cmd/` (trycmd) holds
//! commands as a user types them in the repository, with their exit code (`? N`) and their output
//! (stdout and stderr together). Exit codes 0/1/2, the rustc-style load errors, `--lang`,
//! `stocheck rules` and `stocheck explain`. After a deliberate change of output:
//! `TRYCMD=overwrite cargo test --test cmd`, then read the diff before committing.

#[test]
fn cli_case_files() {
    trycmd::TestCases::new()
        // The table's width in a pipe, and no language from the caller's environment: the cases
        // say `--lang` where they mean it.
        .env("COLUMNS", "100")
        .env("STOCHECK_LANG", "")
        .case("tests/cmd/*.md");
}
