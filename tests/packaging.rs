//! stocheck as people without Rust get it, tried as far as this machine allows (issue 10):
//!
//! - the release plan (`dist plan`): every platform's archive with its checksum, both installers,
//!   and .github/workflows/release.yml current with dist-workspace.toml;
//! - the archive `dist build` made for this machine: its checksum holds, it unpacks, and the
//!   binary in it checks a plan;
//! - the shell installer: it installs that archive, fetched from a folder laid out as the GitHub
//!   release would be, and the installed binary works;
//! - the Python wheel: it installs into an empty virtual environment, and with `uv tool install`,
//!   and checks a plan from there;
//! - the pre-commit hook builds stocheck itself with stocheck NOT on the PATH: a good plan is
//!   committed, a bad one refused with stocheck's findings;
//! - the Action's shell steps, run the way the Actions runner runs them (a job summary file, the
//!   output file, the PATH file, annotations on stdout);
//! - every workflow and the Action valid against GitHub's schemas (check-jsonschema's vendored
//!   copies), and refused once broken;
//! - the crate as `cargo package` packs it: only what it needs.
//!
//! scripts/test.sh installs the tools (tests/packaging-requirements.txt) and builds the archive,
//! the installers and the wheel first (scripts/package.sh). Without them these tests fail and say
//! so; `STOCHECK_SKIP_CLIENTS=1` skips them knowingly.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_dir, git, ok, root, text};
use serde_json::Value;

const GOOD: &str = "examples/2025-2028/aanvraag";
const BAD: &str = "examples/2025-2028/fouten/cofinanciering-te-laag";
/// What stocheck says about the bad plan: its finding and the missing amount.
const BAD_SHOWS: [&str; 3] = ["cofinanciering", "VOLDOET NIET", "Er ontbreekt € 1.425,07"];

/// The tools and the built artefacts, or `None` when skipped on purpose.
struct Kit {
    venv_bin: PathBuf,
    host: String,
}

fn kit() -> Option<Kit> {
    if std::env::var("STOCHECK_SKIP_CLIENTS").is_ok_and(|v| v == "1") {
        eprintln!("STOCHECK_SKIP_CLIENTS=1: packaging test skipped");
        return None;
    }
    let venv = std::env::var_os("STOCHECK_VENV").map(PathBuf::from).unwrap_or_else(|| root().join(".venv"));
    let venv_bin = venv.join("bin");
    let hint = "run scripts/test.sh, which installs the packaging tools (tests/packaging-requirements.txt) into .venv \
                and builds the archive, installers and wheel (scripts/package.sh) before the tests \
                (or set STOCHECK_SKIP_CLIENTS=1 to skip these tests knowingly)";
    for tool in ["python", "dist", "maturin", "uv", "pre-commit", "check-jsonschema"] {
        assert!(venv_bin.join(tool).is_file(), "{} is missing: {hint}", venv_bin.join(tool).display());
    }
    let out = Command::new("rustc").arg("-vV").output().expect("rustc runs");
    let host = String::from_utf8(out.stdout).unwrap().lines().find_map(|l| l.strip_prefix("host: ").map(str::to_string)).unwrap();
    let kit = Kit { venv_bin, host };
    assert!(kit.archive().is_file(), "{} is missing: {hint}", kit.archive().display());
    assert!(kit.wheel().is_file(), "no wheel in target/wheels: {hint}");
    Some(kit)
}

impl Kit {
    fn tool(&self, name: &str) -> Command {
        Command::new(self.venv_bin.join(name))
    }

    fn distrib(&self) -> PathBuf {
        root().join("target/distrib")
    }

    fn archive(&self) -> PathBuf {
        self.distrib().join(format!("stocheck-{}.tar.xz", self.host))
    }

    /// The one wheel scripts/package.sh built.
    fn wheel(&self) -> PathBuf {
        let dir = root().join("target/wheels");
        let wheels: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "whl")).collect())
            .unwrap_or_default();
        assert!(wheels.len() <= 1, "more than one wheel in {}: {wheels:?}", dir.display());
        wheels.into_iter().next().unwrap_or_else(|| dir.join("missing.whl"))
    }

    fn sha256(&self, file: &Path) -> String {
        let code = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())";
        let out = ok(self.tool("python").args(["-c", code]).arg(file).output().unwrap(), "sha256");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Runs an installed stocheck on the good and the bad example: 0 and 1, with the findings shown.
fn checks_plans(stocheck: &Path) {
    assert!(stocheck.is_file(), "{} is missing", stocheck.display());
    let out = Command::new(stocheck).args(["--version"]).output().unwrap();
    assert!(text(&ok(out, "stocheck --version")).contains(version()));
    let out = Command::new(stocheck).current_dir(root()).args(["check", "--color", "never", GOOD]).env_remove("STOCHECK_LANG").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the good plan:\n{}", text(&out));
    let out = Command::new(stocheck).current_dir(root()).args(["check", "--color", "never", BAD]).env_remove("STOCHECK_LANG").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the bad plan:\n{}", text(&out));
    let shown = text(&out);
    assert!(BAD_SHOWS.iter().all(|x| shown.contains(x)), "findings not shown:\n{shown}");
}

/// A PATH of the given folders and the system's, none of which holds a `stocheck`.
fn path_without_stocheck(first: &[PathBuf]) -> std::ffi::OsString {
    let mut dirs: Vec<PathBuf> = first.to_vec();
    dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    for d in &dirs {
        assert!(!d.join("stocheck").exists(), "{} holds a stocheck; the test needs a PATH without one", d.display());
    }
    std::env::join_paths(dirs).unwrap()
}

#[test]
fn dist_plans_every_platform_with_checksums_and_installers() {
    let Some(k) = kit() else { return };
    let out = ok(k.tool("dist").current_dir(root()).args(["plan", "--output-format=json"]).output().unwrap(), "dist plan");
    let plan: Value = serde_json::from_slice(&out.stdout).expect("dist plan's JSON");
    let artifacts = plan["artifacts"].as_object().unwrap();
    let release = &plan["releases"][0];
    assert_eq!(release["app_name"], "stocheck");
    assert_eq!(release["app_version"], version());
    let names: Vec<&str> = release["artifacts"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        let ext = if target.contains("windows") { "zip" } else { "tar.xz" };
        let name = format!("stocheck-{target}.{ext}");
        assert!(names.contains(&name.as_str()), "{name} not planned: {names:?}");
        let a = &artifacts[&name];
        assert_eq!(a["kind"], "executable-zip", "{name}");
        assert_eq!(a["target_triples"][0], target);
        let checksum = a["checksum"].as_str().unwrap_or_else(|| panic!("{name} has no checksum"));
        assert!(names.contains(&checksum), "{checksum} not planned");
    }
    for installer in ["stocheck-installer.sh", "stocheck-installer.ps1"] {
        assert!(names.contains(&installer), "{installer} not planned: {names:?}");
        assert_eq!(artifacts[installer]["kind"], "installer");
    }
    // The generated release workflow is current with dist-workspace.toml and Cargo.toml.
    ok(k.tool("dist").current_dir(root()).args(["generate", "--check"]).output().unwrap(), "dist generate --check");
}

#[test]
fn release_archive_for_this_machine_holds_a_working_binary() {
    let Some(k) = kit() else { return };
    let archive = k.archive();
    let sum = std::fs::read_to_string(archive.with_file_name(format!("stocheck-{}.tar.xz.sha256", k.host))).unwrap();
    let want = sum.split_whitespace().next().unwrap();
    assert_eq!(k.sha256(&archive), want, "the checksum beside the archive does not hold");

    let d = tempfile::tempdir().unwrap();
    ok(Command::new("tar").arg("-xJf").arg(&archive).arg("-C").arg(d.path()).output().unwrap(), "tar");
    let top = d.path().join(format!("stocheck-{}", k.host));
    for f in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(top.join(f).is_file(), "{f} missing in the archive");
    }
    checks_plans(&top.join("stocheck"));
}

/// A folder laid out as GitHub serves a release: `download/vX.Y.Z/<artefact>`.
fn local_release(k: &Kit, at: &Path) -> PathBuf {
    let dir = at.join("download").join(format!("v{}", version()));
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(k.distrib()).unwrap().filter_map(Result::ok).filter(|e| e.path().is_file()) {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    at.to_path_buf()
}

#[test]
fn shell_installer_installs_the_archive_and_the_binary_works() {
    let Some(k) = kit() else { return };
    let d = tempfile::tempdir().unwrap();
    let release = local_release(&k, &d.path().join("release"));
    let home = d.path().join("home");
    let cargo_home = d.path().join("cargo-home");
    std::fs::create_dir_all(&home).unwrap();
    let installer = k.distrib().join("stocheck-installer.sh");
    let out = Command::new("sh")
        .arg(&installer)
        .env("HOME", &home)
        .env("CARGO_HOME", &cargo_home)
        // The installer fetches from the release's address; here the same files from a folder.
        .env("INSTALLER_DOWNLOAD_URL", format!("file://{}/download/v{}", release.display(), version()))
        .env("STOCHECK_NO_MODIFY_PATH", "1")
        .env("PATH", path_without_stocheck(&[]))
        .output()
        .unwrap();
    let shown = text(&ok(out, "the shell installer"));
    assert!(shown.contains("everything's installed"), "{shown}");
    assert!(!shown.contains("no checksums to verify"), "the installer carries no checksum:\n{shown}");
    // The installer checks the archive with `sha256sum` when the system has it (macOS may not).
    let can_verify = ["/usr/local/bin", "/usr/bin", "/bin"].iter().any(|d| Path::new(d).join("sha256sum").is_file());
    if !can_verify {
        eprintln!("no sha256sum on this system: the installer's checksum check is not tried");
        return;
    }
    assert!(!shown.contains("skipping sha256"), "{shown}");
    // Installed where the configuration says (install-path = CARGO_HOME), and nothing changed in $HOME.
    checks_plans(&cargo_home.join("bin/stocheck"));
    let profile_files: Vec<_> = std::fs::read_dir(&home).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert!(profile_files.iter().all(|f| f != ".profile" && f != ".bashrc"), "the installer touched {profile_files:?}");

    // A damaged download is refused: one byte of the archive changed.
    let archive = release.join("download").join(format!("v{}", version())).join(format!("stocheck-{}.tar.xz", k.host));
    let mut bytes = std::fs::read(&archive).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let elsewhere = d.path().join("elsewhere");
    let out = Command::new("sh")
        .arg(&installer)
        .env("HOME", &home)
        .env("CARGO_HOME", &elsewhere)
        .env("INSTALLER_DOWNLOAD_URL", format!("file://{}/download/v{}", release.display(), version()))
        .env("STOCHECK_NO_MODIFY_PATH", "1")
        .env("PATH", path_without_stocheck(&[]))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a damaged archive was installed:\n{}", text(&out));
    assert!(text(&out).contains("checksum"), "{}", text(&out));
    assert!(!elsewhere.join("bin/stocheck").exists());
}

#[test]
fn powershell_installer_fetches_the_windows_archive_the_way_the_action_asks() {
    // No PowerShell here: the Windows installer itself runs only on the release's Windows runner
    // and a user's machine. What can be read is checked: it is the one for this version, fetches
    // the Windows archive, and reads the variables the Action's Windows step sets.
    let Some(k) = kit() else { return };
    let ps1 = std::fs::read_to_string(k.distrib().join("stocheck-installer.ps1")).unwrap();
    assert!(ps1.contains("stocheck-x86_64-pc-windows-msvc.zip"), "no Windows archive in the installer");
    assert!(ps1.contains(&format!("/download/v{}", version())), "another version's installer");
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    // An unmanaged install: into the folder given, with no PATH or profile changed.
    let var = "$env:STOCHECK_UNMANAGED_INSTALL";
    assert!(action.contains(var), "the Action's Windows step does not set {var}");
    assert!(ps1.contains(var), "the PowerShell installer does not read {var}");
}

#[test]
fn wheel_installs_into_an_empty_virtual_environment_and_with_uv() {
    let Some(k) = kit() else { return };
    let wheel = k.wheel();
    // Only the binary and the package's metadata are in the wheel.
    let list = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))";
    let out = ok(k.tool("python").args(["-c", list]).arg(&wheel).output().unwrap(), "list the wheel");
    let members = String::from_utf8(out.stdout).unwrap();
    let prefix = format!("stocheck-{}", version());
    for m in members.lines() {
        assert!(
            m == format!("{prefix}.data/scripts/stocheck") || m.starts_with(&format!("{prefix}.dist-info/")),
            "unexpected file in the wheel: {m}\n{members}"
        );
    }
    assert!(members.contains(&format!("{prefix}.data/scripts/stocheck")), "{members}");
    // The very binary of the release archive: one build serves both.
    let d = tempfile::tempdir().unwrap();
    let extract = "import sys, zipfile; open(sys.argv[3], 'wb').write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))";
    let from_wheel = d.path().join("stocheck-from-wheel");
    let member = format!("{prefix}.data/scripts/stocheck");
    ok(k.tool("python").args(["-c", extract]).arg(&wheel).arg(&member).arg(&from_wheel).output().unwrap(), "extract");
    let inside = format!("stocheck-{}/stocheck", k.host);
    ok(Command::new("tar").arg("-xJf").arg(k.archive()).arg("-C").arg(d.path()).arg(&inside).output().unwrap(), "tar");
    let unpacked = d.path().join(&inside);
    assert_eq!(k.sha256(&from_wheel), k.sha256(&unpacked), "the wheel's binary is not the archive's");
    let meta_code = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read(sys.argv[2]).decode())";
    let out = k.tool("python").args(["-c", meta_code]).arg(&wheel).arg(format!("{prefix}.dist-info/METADATA")).output().unwrap();
    let metadata = String::from_utf8(ok(out, "read METADATA").stdout).unwrap();
    assert!(metadata.contains("Name: stocheck") && metadata.contains(&format!("Version: {}", version())), "{metadata}");

    // pip into an empty virtual environment, offline.
    let venv = d.path().join("venv");
    ok(k.tool("python").args(["-m", "venv"]).arg(&venv).output().unwrap(), "python -m venv");
    let freeze = ok(Command::new(venv.join("bin/python")).args(["-m", "pip", "freeze", "--all"]).output().unwrap(), "pip freeze");
    let before = String::from_utf8(freeze.stdout).unwrap();
    assert!(before.lines().all(|l| l.starts_with("pip==") || l.starts_with("setuptools==")), "not empty: {before}");
    let out = Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--no-index", "--disable-pip-version-check", "--quiet"])
        .arg(&wheel)
        .output()
        .unwrap();
    ok(out, "pip install the wheel");
    checks_plans(&venv.join("bin/stocheck"));

    // uv tool install, as a user without Rust would (uv tool install stocheck), offline.
    let tools = d.path().join("uv-tools");
    let bin = d.path().join("uv-bin");
    let out = k
        .tool("uv")
        .args(["tool", "install", "--offline", "--no-index", "--python"])
        .arg(k.venv_bin.join("python"))
        .arg(&wheel)
        .env("UV_TOOL_DIR", &tools)
        .env("UV_TOOL_BIN_DIR", &bin)
        .env("UV_CACHE_DIR", d.path().join("uv-cache"))
        .env("UV_PYTHON_DOWNLOADS", "never")
        .env("HOME", d.path())
        .output()
        .unwrap();
    ok(out, "uv tool install the wheel");
    checks_plans(&bin.join("stocheck"));
}

#[test]
fn pre_commit_hook_builds_stocheck_itself_without_stocheck_on_the_path() {
    let Some(k) = kit() else { return };
    let d = tempfile::tempdir().unwrap();
    let home = common::git_home(d.path());

    // The hook repository: this repository's files as a clone has them (tracked and new, not ignored).
    let hooks = d.path().join("stocheck-repo");
    let files = ok(git(root(), &home).args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).output().unwrap(), "git ls-files");
    for f in files.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()) {
        let rel = Path::new(std::str::from_utf8(f).unwrap());
        let from = root().join(rel);
        if !from.is_file() {
            continue; // deleted in the work tree
        }
        std::fs::create_dir_all(hooks.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&from, hooks.join(rel)).unwrap();
    }
    ok(git(&hooks, &home).args(["init", "-q"]).output().unwrap(), "git init");
    ok(git(&hooks, &home).args(["add", "."]).output().unwrap(), "git add");
    ok(git(&hooks, &home).args(["commit", "-q", "-m", "stocheck"]).output().unwrap(), "git commit");
    let rev = String::from_utf8(ok(git(&hooks, &home).args(["rev-parse", "HEAD"]).output().unwrap(), "rev-parse").stdout).unwrap();

    // The plan repository, configured with the snippet of docs/ci.md (hook id `stocheck`).
    let plans = d.path().join("plannen-repo");
    std::fs::create_dir_all(&plans).unwrap();
    ok(git(&plans, &home).args(["init", "-q"]).output().unwrap(), "git init");
    let snippet = std::fs::read_to_string(root().join("docs/ci/pre-commit-config.yaml")).unwrap();
    assert!(snippet.contains("- id: stocheck\n"), "{snippet}");
    let config = snippet
        .replacen("https://github.com/PLACEHOLDER/stocheck", s(&hooks), 1)
        .replacen(&format!("rev: v{}", version()), &format!("rev: {}", rev.trim()), 1);
    assert!(config.contains(s(&hooks)) && config.contains(rev.trim()), "{config}");
    std::fs::write(plans.join(".pre-commit-config.yaml"), config).unwrap();

    // PATH: pre-commit, git and cargo (the hook builds with it), and no stocheck anywhere.
    let cargo = PathBuf::from(std::env::var_os("CARGO").expect("cargo test sets CARGO"));
    let git_dir = which("git");
    let path = path_without_stocheck(&[k.venv_bin.clone(), cargo.parent().unwrap().to_path_buf(), git_dir]);
    let pre_commit_home = d.path().join("pre-commit-home");
    let run_cmd = |program: &Path, args: &[&str]| -> Output {
        Command::new(program)
            .current_dir(&plans)
            .args(args)
            .env("PATH", &path)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("PRE_COMMIT_HOME", &pre_commit_home)
            // The hook's cargo build keeps its intermediate files in the repository's target
            // folder, so a second run of the tests reuses them; the binary is still built and
            // installed into pre-commit's own environment.
            .env("CARGO_TARGET_DIR", root().join("target/pre-commit-hook"))
            // Unoptimised, to keep the test command's time in check on two cores: a user's first
            // run builds the optimised release profile (minutes longer). Which profile is built
            // does not change what is tested here: pre-commit builds stocheck from the hook's
            // repository itself and runs that build.
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
            .env("GIT_AUTHOR_NAME", "stocheck test")
            .env("GIT_AUTHOR_EMAIL", "test@stocheck.invalid")
            .env("GIT_COMMITTER_NAME", "stocheck test")
            .env("GIT_COMMITTER_EMAIL", "test@stocheck.invalid")
            .env_remove("NO_COLOR")
            .env_remove("STOCHECK_LANG")
            .output()
            .unwrap()
    };
    let git_bin = Path::new("git");
    let which_out = run_cmd(Path::new("sh"), &["-c", "command -v stocheck"]);
    assert!(!which_out.status.success(), "stocheck is on the PATH: {}", text(&which_out));
    ok(run_cmd(&k.venv_bin.join("pre-commit"), &["install"]), "pre-commit install");

    // A good plan: pre-commit builds stocheck (the first time), the commit goes through.
    copy_dir(&root().join(GOOD), &plans.join("plannen/noord"));
    ok(run_cmd(git_bin, &["add", "."]), "git add");
    let out = run_cmd(git_bin, &["commit", "-m", "plan noord"]);
    assert!(out.status.success(), "good plan refused:\n{}", text(&out));
    assert!(text(&out).contains("stocheck"), "hook did not run:\n{}", text(&out));
    // The hook's stocheck lives in pre-commit's cache, nowhere on the PATH.
    let built: Vec<PathBuf> = walk(&pre_commit_home).into_iter().filter(|p| p.ends_with("bin/stocheck")).collect();
    assert_eq!(built.len(), 1, "{built:?}");

    // A bad plan: refused, with stocheck's findings shown, and no commit made.
    copy_dir(&root().join(BAD), &plans.join("plannen/zuid"));
    ok(run_cmd(git_bin, &["add", "."]), "git add");
    let out = run_cmd(git_bin, &["commit", "-m", "plan zuid"]);
    let shown = text(&out);
    assert!(!out.status.success(), "bad plan committed:\n{shown}");
    assert!(BAD_SHOWS.iter().all(|x| shown.contains(x)), "findings not shown:\n{shown}");
    let log = String::from_utf8(run_cmd(git_bin, &["log", "--oneline"]).stdout).unwrap();
    assert_eq!(log.lines().count(), 1, "{log}");
}

fn which(program: &str) -> PathBuf {
    let out = ok(Command::new("sh").args(["-c", &format!("command -v {program}")]).output().unwrap(), "command -v");
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).parent().unwrap().to_path_buf()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// One run of the Action's steps as the Actions runner runs a composite action on Linux: each
/// `run` step through `bash --noprofile --norc -eo pipefail` in the workspace with its `env`
/// (expressions evaluated), the runner's files ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT per step,
/// $GITHUB_PATH, $RUNNER_TEMP), PATH extended by what a step wrote to $GITHUB_PATH, later steps
/// skipped once one fails. A `uses` step is not run; what it would get is recorded.
struct ActionRun {
    /// Per step: its name and what happened (`skipped`, `uses`, or the exit code).
    steps: Vec<(String, String)>,
    /// Per step id, its outputs.
    outputs: BTreeMap<String, BTreeMap<String, String>>,
    /// What the steps wrote to stdout: the annotations the runner reads.
    stdout: String,
    stderr: String,
    summary: String,
    /// The `with` of each `uses` step that would run.
    uses: Vec<(String, BTreeMap<String, String>)>,
    success: bool,
    temp: PathBuf,
}

/// `${{ expr }}` as the few expressions the Action uses: inputs, step outputs, runner.os.
fn evaluate(expr: &str, inputs: &BTreeMap<String, String>, outputs: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    let e = expr.trim();
    if let Some(name) = e.strip_prefix("inputs.") {
        return inputs.get(name).unwrap_or_else(|| panic!("unknown input {name}")).clone();
    }
    if let Some(rest) = e.strip_prefix("steps.") {
        let (id, out) = rest.split_once(".outputs.").unwrap_or_else(|| panic!("expression {e}"));
        return outputs.get(id).and_then(|o| o.get(out)).cloned().unwrap_or_default();
    }
    if e == "runner.os" {
        return "Linux".into();
    }
    if let Some(lit) = e.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
        return lit.into();
    }
    panic!("the simulated runner does not know the expression `{e}`: extend `evaluate`")
}

fn substitute(text: &str, inputs: &BTreeMap<String, String>, outputs: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("${{") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("}}").expect("closing }}") + i;
        out.push_str(&evaluate(&rest[i + 3..end], inputs, outputs));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// An `if:` of the forms the Action uses: terms joined by `&&`, each `a == b`, `a != b` or `always()`.
fn condition(cond: &str, inputs: &BTreeMap<String, String>, outputs: &BTreeMap<String, BTreeMap<String, String>>) -> bool {
    let cond = cond.trim();
    let cond = cond.strip_prefix("${{").and_then(|c| c.strip_suffix("}}")).unwrap_or(cond);
    cond.split("&&").all(|term| {
        let term = term.trim();
        if term == "always()" {
            return true;
        }
        if let Some((a, b)) = term.split_once("!=") {
            return evaluate(a, inputs, outputs) != evaluate(b, inputs, outputs);
        }
        if let Some((a, b)) = term.split_once("==") {
            return evaluate(a, inputs, outputs) == evaluate(b, inputs, outputs);
        }
        panic!("the simulated runner does not know the condition `{term}`")
    })
}

/// Runs action.yml's steps in `workspace` with the given inputs (the rest at their defaults).
/// The release address of the install step points at `release`, a local copy of the release.
fn run_action(workspace: &Path, release: &Path, given: &[(&str, &str)]) -> ActionRun {
    let action = common::read_yaml(&root().join("action.yml"));
    assert_eq!(action["runs"]["using"], "composite");
    let mut inputs = BTreeMap::new();
    for (name, spec) in action["inputs"].as_object().unwrap() {
        inputs.insert(name.clone(), spec["default"].as_str().unwrap_or_default().to_string());
    }
    for (name, value) in given {
        assert!(inputs.contains_key(*name), "the Action has no input {name}");
        inputs.insert(name.to_string(), value.to_string());
    }

    let runner = workspace.parent().unwrap().join("runner");
    let temp = runner.join("temp");
    let home = runner.join("home");
    std::fs::create_dir_all(&temp).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let summary = runner.join("step_summary.md");
    let path_file = runner.join("add_path");
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&path_file, "").unwrap();
    let base_path = path_without_stocheck(&[]);

    let mut run = ActionRun {
        steps: Vec::new(),
        outputs: BTreeMap::new(),
        stdout: String::new(),
        stderr: String::new(),
        summary: String::new(),
        uses: Vec::new(),
        success: true,
        temp: temp.clone(),
    };
    for (i, step) in action["runs"]["steps"].as_array().unwrap().iter().enumerate() {
        let name = step["name"].as_str().unwrap_or("?").to_string();
        let cond = step["if"].as_str().unwrap_or("success()");
        let wanted = if cond.trim() == "success()" { true } else { condition(cond, &inputs, &run.outputs) };
        let always = cond.contains("always()");
        if !wanted || (!run.success && !always) {
            run.steps.push((name, "skipped".into()));
            continue;
        }
        if let Some(uses) = step["uses"].as_str() {
            let mut with = BTreeMap::new();
            for (k, v) in step["with"].as_object().into_iter().flatten() {
                with.insert(k.clone(), substitute(v.as_str().unwrap(), &inputs, &run.outputs));
            }
            run.uses.push((uses.to_string(), with));
            run.steps.push((name, "uses".into()));
            continue;
        }
        let script = step["run"].as_str().expect("a run or uses step");
        assert!(!script.contains("${{"), "step `{name}` pastes an expression into its script; pass it through env");
        assert_eq!(step["shell"], "bash", "step `{name}` runs on Linux and must use bash");
        let file = temp.join(format!("step-{i}.sh"));
        std::fs::write(&file, script).unwrap();
        let output_file = runner.join(format!("output-{i}"));
        std::fs::write(&output_file, "").unwrap();

        // PATH as the runner makes it: what steps added to $GITHUB_PATH first, latest first.
        let added: Vec<PathBuf> = std::fs::read_to_string(&path_file).unwrap().lines().rev().map(PathBuf::from).collect();
        let path = std::env::join_paths(added.into_iter().chain(std::env::split_paths(&base_path))).unwrap();
        let mut c = Command::new("bash");
        c.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(workspace)
            .env_clear()
            .env("PATH", path)
            .env("HOME", &home)
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_TEMP", &temp)
            // The installer fetches its archive from the release's address; here the same files
            // from the local copy.
            .env("INSTALLER_DOWNLOAD_URL", format!("file://{}/download/v{}", release.display(), version()));
        for (k2, v) in step["env"].as_object().into_iter().flatten() {
            let value = if k2 == "STOCHECK_RELEASES" { format!("file://{}", release.display()) } else { substitute(v.as_str().unwrap(), &inputs, &run.outputs) };
            c.env(k2, value);
        }
        let out = c.output().unwrap();
        run.stdout.push_str(&String::from_utf8_lossy(&out.stdout));
        run.stderr.push_str(&String::from_utf8_lossy(&out.stderr));
        let mut outputs = BTreeMap::new();
        for line in std::fs::read_to_string(&output_file).unwrap().lines() {
            let (k2, v) = line.split_once('=').unwrap_or_else(|| panic!("an output line the runner would not read: {line}"));
            outputs.insert(k2.to_string(), v.to_string());
        }
        if let Some(id) = step["id"].as_str() {
            run.outputs.insert(id.to_string(), outputs);
        }
        let code = out.status.code().unwrap_or(-1);
        run.steps.push((name, code.to_string()));
        if code != 0 {
            run.success = false;
        }
    }
    run.summary = std::fs::read_to_string(&summary).unwrap();
    run
}

fn step<'a>(run: &'a ActionRun, name: &str) -> &'a str {
    &run.steps.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no step {name}: {:?}", run.steps)).1
}

/// A workspace with two plans, a good one and a bad one, and a local copy of the release.
fn action_workspace(k: &Kit, d: &Path) -> (PathBuf, PathBuf) {
    let workspace = d.join("workspace");
    copy_dir(&root().join(GOOD), &workspace.join("plannen/noord"));
    copy_dir(&root().join(BAD), &workspace.join("plannen/zuid"));
    (workspace, local_release(k, &d.join("release")))
}

#[test]
fn action_installs_the_release_annotates_a_failing_plan_and_uploads_sarif_when_asked() {
    let Some(k) = kit() else { return };
    let d = tempfile::tempdir().unwrap();
    let (workspace, release) = action_workspace(&k, d.path());
    let run = run_action(&workspace, &release, &[("paths", "plannen/noord\n  plannen/zuid  \n"), ("upload-sarif", "true")]);
    let all = format!("{:?}\n{}\n{}", run.steps, run.stdout, run.stderr);

    assert_eq!(step(&run, "Install stocheck"), "0", "{all}");
    assert_eq!(step(&run, "Install stocheck (Windows)"), "skipped");
    assert!(run.stdout.contains(&format!("stocheck {}", version())), "the installed stocheck did not run: {all}");
    assert_eq!(step(&run, "Check the plans"), "0", "{all}");
    assert_eq!(run.outputs["check"]["exit-code"], "1");

    // Annotations: an error on the bad plan, with the message, none on the good one.
    let errors: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert!(!errors.is_empty(), "no annotations: {all}");
    assert!(errors.iter().all(|l| l.starts_with("::error file=plannen/zuid/cofinanciering-te-laag.yaml,line=")), "{errors:?}");
    assert!(errors.iter().any(|l| l.contains("title=cofinanciering/minimum") && l.contains("Er ontbreekt € 1.425,07")), "{errors:?}");

    // The job summary: the Markdown report of both plans.
    assert!(run.summary.starts_with("## stocheck"), "{}", run.summary);
    assert!(run.summary.contains("plannen/noord/aanvraag.yaml") && run.summary.contains("plannen/zuid/cofinanciering-te-laag.yaml"), "{}", run.summary);
    assert!(run.summary.contains("Er ontbreekt € 1.425,07"), "{}", run.summary);

    // SARIF written and handed to the upload step.
    let sarif = PathBuf::from(&run.outputs["check"]["sarif-file"]);
    assert_eq!(sarif, run.temp.join("stocheck.sarif"));
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(report["version"], "2.1.0");
    assert!(!report["runs"][0]["results"].as_array().unwrap().is_empty());
    assert_eq!(step(&run, "Findings to code scanning"), "uses");
    let (uses, with) = &run.uses[0];
    assert!(uses.starts_with("github/codeql-action/upload-sarif@"), "{uses}");
    assert_eq!(with["sarif_file"], sarif.to_str().unwrap());

    // The verdict fails the job.
    assert_eq!(step(&run, "Verdict"), "1", "{all}");
    assert!(!run.success);
}

#[test]
fn action_passes_a_good_plan_and_uploads_nothing_by_default() {
    let Some(k) = kit() else { return };
    let d = tempfile::tempdir().unwrap();
    let (workspace, release) = action_workspace(&k, d.path());
    let run = run_action(&workspace, &release, &[("paths", "plannen/noord")]);
    let all = format!("{:?}\n{}\n{}", run.steps, run.stdout, run.stderr);
    assert_eq!(run.outputs["check"]["exit-code"], "0", "{all}");
    assert!(!run.stdout.contains("::error"), "{all}");
    assert!(run.summary.contains("plannen/noord/aanvraag.yaml") && !run.summary.contains("plannen/zuid"), "{}", run.summary);
    assert_eq!(run.outputs["check"]["sarif-file"], "");
    assert!(!run.temp.join("stocheck.sarif").exists());
    assert_eq!(step(&run, "Findings to code scanning"), "skipped");
    assert!(run.uses.is_empty());
    assert_eq!(step(&run, "Verdict"), "0", "{all}");
    assert!(run.success, "{all}");
}

#[test]
fn action_refuses_an_unknown_upload_sarif_value() {
    let Some(k) = kit() else { return };
    let d = tempfile::tempdir().unwrap();
    let (workspace, release) = action_workspace(&k, d.path());
    let run = run_action(&workspace, &release, &[("paths", "plannen"), ("upload-sarif", "yes")]);
    assert_ne!(step(&run, "Check the plans"), "0");
    assert!(run.stdout.contains("::error title=stocheck::upload-sarif must be true or false, not 'yes'"), "{}", run.stdout);
    assert_eq!(step(&run, "Verdict"), "skipped");
    assert!(!run.success);
}

#[test]
fn workflows_and_the_action_are_valid_for_github_and_refused_once_broken() {
    let Some(k) = kit() else { return };
    let workflows: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows")).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    for name in ["ci.yml", "release.yml", "build-wheels.yml", "publish-pypi.yml"] {
        assert!(workflows.iter().any(|w| w.ends_with(name)), "{name} missing");
    }
    let validate = |schema: &str, file: &Path| k.tool("check-jsonschema").args(["--builtin-schema", schema]).arg(file).output().unwrap();
    for w in &workflows {
        ok(validate("vendor.github-workflows", w), &format!("{} against the workflow schema", w.display()));
    }
    ok(validate("vendor.github-actions", &root().join("action.yml")), "action.yml against the action schema");

    // The validation means something: a job without `runs-on`, an action without `runs`, refused.
    let d = tempfile::tempdir().unwrap();
    let ci = std::fs::read_to_string(root().join(".github/workflows/ci.yml")).unwrap();
    let broken = d.path().join("ci.yml");
    assert!(ci.contains("    runs-on: ${{ matrix.os }}\n"));
    std::fs::write(&broken, ci.replacen("    runs-on: ${{ matrix.os }}\n", "", 1)).unwrap();
    assert_eq!(validate("vendor.github-workflows", &broken).status.code(), Some(1));
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let broken = d.path().join("action.yml");
    assert!(action.contains("  using: composite\n"));
    std::fs::write(&broken, action.replacen("  using: composite\n", "  using: compost\n", 1)).unwrap();
    assert_eq!(validate("vendor.github-actions", &broken).status.code(), Some(1));
}

#[test]
fn action_and_docs_name_the_version_and_address_of_cargo_toml() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let repository = manifest.lines().find_map(|l| l.strip_prefix("repository = \"")).and_then(|l| l.strip_suffix('"')).unwrap();
    assert!(repository.contains("PLACEHOLDER"), "the address is decided now: update this test and the documents that say it is not");
    let action = common::read_yaml(&root().join("action.yml"));
    // `uses: <owner>/stocheck@vX.Y.Z` installs stocheck X.Y.Z by default.
    assert_eq!(action["inputs"]["version"]["default"], version());
    for step in action["runs"]["steps"].as_array().unwrap() {
        if let Some(releases) = step["env"]["STOCHECK_RELEASES"].as_str() {
            assert_eq!(releases, format!("{repository}/releases"));
        }
    }
    // Every document that names the placeholder address says the project is not published there yet.
    for doc in ["README.md", "docs/ci.md"] {
        let text = std::fs::read_to_string(root().join(doc)).unwrap();
        assert!(text.contains("PLACEHOLDER"), "{doc}");
        assert!(text.to_lowercase().contains("not yet published"), "{doc} names the placeholder without saying it is not published");
    }
}

#[test]
fn crate_package_holds_only_what_it_needs() {
    let out = Command::new(env!("CARGO")).current_dir(root()).args(["package", "--list", "--locked", "--allow-dirty"]).output().unwrap();
    let list = String::from_utf8(ok(out, "cargo package --list").stdout).unwrap().replace('\\', "/");
    let files: Vec<&str> = list.lines().collect();
    for needed in ["Cargo.toml", "Cargo.lock", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "src/main.rs", "src/lib.rs", "rules/sto-2025-2028.yaml", "messages/nl.yaml", "templates/sto-2025-2028.nl.yaml"] {
        assert!(files.contains(&needed), "{needed} not in the package:\n{list}");
    }
    let allowed = ["src/", "rules/", "scenarios/", "messages/", "templates/"];
    let has_build_script = root().join("build.rs").is_file();
    let loose = ["Cargo.toml", "Cargo.toml.orig", "Cargo.lock", "README.md", "LICENSE-MIT", "LICENSE-APACHE", ".cargo_vcs_info.json", "build.rs"];
    assert_eq!(files.contains(&"build.rs"), has_build_script, "the build script and the package disagree:\n{list}");
    for f in &files {
        assert!(allowed.iter().any(|a| f.starts_with(a)) || loose.contains(f), "{f} should not be in the package:\n{list}");
    }
    // What crates.io shows and what cargo-dist needs.
    for key in ["keywords = [", "categories = [", "repository = \"https://github.com/", "license = \"MIT OR Apache-2.0\""] {
        assert!(std::fs::read_to_string(root().join("Cargo.toml")).unwrap().contains(key), "{key}");
    }
}
