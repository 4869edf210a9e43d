//! Checking on several threads changes nothing a user can see: the same bytes on stdout and
//! stderr, the same report files and the same exit code for one thread and for four, in every
//! format, on a folder of many plans of every kind (passing, failing, warning, unreadable, not an
//! application at all) with their attachments.

mod common;

use std::path::Path;

use common::stocheck;

/// Copies `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every example, the load-error fixtures, and 60 more plans beside one shared set of
/// attachments: failing and passing ones, and files that are no plan or no YAML.
fn many_plans() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("examples"), &d.path().join("voorbeelden"));
    copy_tree(&root.join("tests/fixtures"), &d.path().join("fixtures"));
    let stapel = d.path().join("stapel");
    copy_tree(&root.join("examples/2025-2028/aanvraag/bijlagen"), &stapel.join("bijlagen"));
    let plan = std::fs::read_to_string(root.join("examples/2025-2028/aanvraag/aanvraag.yaml")).unwrap();
    for i in 0..60 {
        let text = match i % 5 {
            0 => plan.clone(),
            1 => plan.replace("techniekregio", "techniekarme-regio"),
            2 => plan.replace("2024-09-", "2024-11-"),
            3 => format!("{plan}\nonbekend: {i}\n"),
            _ => stocheck::testdata::large_application(i),
        };
        std::fs::write(stapel.join(format!("p{i:02}.yaml")), text).unwrap();
    }
    std::fs::write(stapel.join("mkdocs.yml"), "site_name: geen aanvraag\n").unwrap();
    std::fs::write(stapel.join("leeg.yaml"), "").unwrap();
    d
}

#[test]
fn output_is_byte_identical_for_any_number_of_threads() {
    let d = many_plans();
    let dir = d.path().display().to_string();
    for format in ["table", "json", "github", "junit", "sarif", "markdown", "html"] {
        for lang in ["nl", "en"] {
            for extra in [&[][..], &["--verbose"][..], &["--quiet"][..]] {
                // Every format in Dutch; the table in English and at each level of detail too.
                if format != "table" && (!extra.is_empty() || lang == "en") {
                    continue;
                }
                let run = |threads: &str| {
                    let out = stocheck()
                        .args(["check", &dir, "--peildatum", "2024-10-01", "--lang", lang, "--format", format, "--threads", threads])
                        .args(extra)
                        .output()
                        .unwrap();
                    (out.status.code(), out.stdout, out.stderr)
                };
                let one = run("1");
                assert!(one.1.len() > 1000, "{format}: {}", String::from_utf8_lossy(&one.2));
                assert_eq!(one.0, Some(2), "{format}: an unreadable file is among them");
                assert!(one == run("4"), "{format} {lang} {extra:?}: --threads 1 and --threads 4 differ");
            }
        }
    }
}

#[test]
fn report_files_are_the_same_as_stdout_and_across_threads() {
    let d = many_plans();
    let dir = d.path().join("voorbeelden").display().to_string();
    let out = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for threads in ["1", "3"] {
        let json = out.path().join(format!("r{threads}.json"));
        let md = out.path().join(format!("r{threads}.md"));
        let run = stocheck()
            .args(["check", &dir, "--peildatum", "2024-10-01", "--threads", threads, "--format", "github"])
            .arg("--format")
            .arg(format!("json={}", json.display()))
            .arg("--format")
            .arg(format!("markdown={}", md.display()))
            .output()
            .unwrap();
        let json_stdout = stocheck().args(["check", &dir, "--peildatum", "2024-10-01", "--format", "json", "--threads", threads]).output().unwrap();
        assert_eq!(std::fs::read(&json).unwrap(), json_stdout.stdout);
        texts.push((run.status.code(), run.stdout, std::fs::read(&json).unwrap(), std::fs::read(&md).unwrap()));
    }
    assert!(texts[0] == texts[1]);
}

#[test]
fn threads_must_be_a_positive_number() {
    stocheck().args(["check", "-", "--threads", "0"]).assert().code(2);
    stocheck().args(["check", "-", "--threads", "veel"]).assert().code(2);
}
