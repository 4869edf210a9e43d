//! Benchmark against the physical floor: a program that only reads each file and parses it with
//! the same YAML library and options (`stocheck::yaml::from_str` into an untyped value), run as
//! its own process, in the same run and on the same files. Every figure is a ratio to it, so it
//! holds across machines in a way seconds do not. The commands take turns, round after round,
//! and a ratio is the median over the rounds of each round's ratio: two runs made one right
//! after the other, whatever the machine's load did between rounds.
//!
//! - one plan, whole process (start included): stocheck / floor;
//! - 1,000 plans, wall clock: stocheck (all cores, and `--threads 1`) / the floor on one thread;
//! - 10,000 plans: stocheck's wall clock / the floor's, and its peak memory (RSS) in every format;
//! - the 100,000-line plan: time / the floor's, and memory above a small plan's / file size;
//! - with `STOCHECK_VENV` set (a virtualenv holding check-jsonschema): CPU time on 1,000 plans,
//!   check-jsonschema / stocheck, the peer the README compares with.
//!
//! The floor is this same executable started with `--vloer FILE|DIR…` (`--threads N` to parse
//! on N threads), so nothing needs building besides the benchmark. Run with
//! `cargo bench --bench vloer`; `STOCHECK_BENCH_BEFORE=path/to/stocheck` adds the same figures
//! for another build (the one before a change), measured in the same run; several, separated by
//! `:`, are each named by their file name.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The floor: read every file named (a folder: its `*.yaml`, sorted) and parse it into an
/// untyped value with stocheck's YAML options; print nothing.
fn floor(args: &[String]) {
    let mut threads = 1;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--threads" {
            threads = it.next().and_then(|n| n.parse().ok()).unwrap_or(1);
            continue;
        }
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("folder")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p);
        }
    }
    let parse = |p: &PathBuf| {
        let bytes = std::fs::read(p).expect("readable");
        let text = stocheck::yaml::text_of(&bytes).expect("text");
        let v: Result<serde_json::Value, _> = stocheck::yaml::from_str(text);
        std::hint::black_box(v.is_ok());
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(p) = files.get(i) else { return };
                    parse(p);
                }
            });
        }
    });
}

/// What one process cost: wall clock, CPU (user + system) and peak resident memory.
#[derive(Clone, Copy)]
struct Cost {
    wall: Duration,
    cpu: Duration,
    rss_kib: u64,
}

/// Runs a command to its end, output discarded, and measures it with `wait4`.
// `wait4` reaps the child, and gives its resource usage, which `Child::wait` does not.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> Cost {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("starts");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(r, pid, "wait4");
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Cost { wall, cpu: tv(usage.ru_utime) + tv(usage.ru_stime), rss_kib: usage.ru_maxrss as u64 }
}

/// `rounds` runs of each command, alternating the commands so drift in the machine's load hits
/// all alike.
fn runs(rounds: usize, cmds: &mut [Command]) -> Runs {
    let mut all: Vec<Vec<Cost>> = vec![Vec::new(); cmds.len()];
    for _ in 0..rounds {
        for (i, c) in cmds.iter_mut().enumerate() {
            all[i].push(measure(c));
        }
    }
    Runs(all)
}

/// Every run of every command, by command and round.
struct Runs(Vec<Vec<Cost>>);

impl std::ops::Index<usize> for Runs {
    type Output = Cost;

    /// The median run of command `i`, by wall clock.
    fn index(&self, i: usize) -> &Cost {
        let mut v: Vec<&Cost> = self.0[i].iter().collect();
        v.sort_by_key(|c| c.wall);
        v[v.len() / 2]
    }
}

impl Runs {
    /// Command `a`'s wall clock against command `b`'s: the median of the ratios of each round,
    /// so each ratio is of two runs made one right after the other, whatever the machine did
    /// between rounds.
    fn ratio(&self, a: usize, b: usize) -> f64 {
        self.paired(a, b, |c| c.wall)
    }

    /// As [`Runs::ratio`], of CPU time.
    fn cpu_ratio(&self, a: usize, b: usize) -> f64 {
        self.paired(a, b, |c| c.cpu)
    }

    fn paired(&self, a: usize, b: usize, of: impl Fn(&Cost) -> Duration) -> f64 {
        let mut r: Vec<f64> = self.0[a].iter().zip(&self.0[b]).map(|(x, y)| of(x).as_secs_f64() / of(y).as_secs_f64()).collect();
        r.sort_by(f64::total_cmp);
        r[r.len() / 2]
    }
}

/// A folder of `n` copies of a real plan, sharing one folder of attachments.
fn plans(root: &Path, n: usize) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2025-2028/aanvraag");
    let dir = root.join(format!("plannen-{n}"));
    std::fs::create_dir_all(dir.join("bijlagen")).unwrap();
    for e in std::fs::read_dir(src.join("bijlagen")).unwrap().filter_map(Result::ok) {
        std::fs::copy(e.path(), dir.join("bijlagen").join(e.file_name())).unwrap();
    }
    let text = std::fs::read_to_string(src.join("aanvraag.yaml")).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("a{i:05}.yaml")), &text).unwrap();
    }
    dir
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--vloer") {
        floor(&args[1..]);
        return;
    }
    // `cargo bench` passes `--bench`. Other arguments name the parts to run (`een`, `duizend`,
    // `tienduizend`, `groot`, `peer`); none: all of them.
    let parts: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with("--")).collect();
    let run = |part: &str| parts.is_empty() || parts.contains(&part);
    let me = std::env::current_exe().expect("own path");
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_stocheck"));
    // Other builds to measure in the same run: a list of paths (`:`-separated), each named by
    // its file name in the output.
    let before: Vec<PathBuf> = std::env::var_os("STOCHECK_BENCH_BEFORE").map(|v| std::env::split_paths(&v).collect()).unwrap_or_default();
    let tmp = tempfile::tempdir().expect("scratch folder");
    let names: Vec<String> = before.iter().map(|b| b.file_name().map_or_else(|| b.display().to_string(), |n| n.to_string_lossy().into_owned())).collect();
    // Every executable, the floor's too, runs as a copy made here: how a file was written (a
    // linker's scattered writes, or one copy from start to end) changes how many page faults
    // starting it takes, by up to a tenth of a one-plan run.
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).expect("scratch folder");
    let install = |from: &Path, name: &str| {
        let to = bin.join(name);
        std::fs::copy(from, &to).expect("copy of an executable");
        to
    };
    let me = install(&me, "vloer");
    let ours = install(&ours, "stocheck");
    let before: Vec<PathBuf> = before.iter().zip(&names).map(|(b, n)| install(b, &format!("{n}.before"))).collect();
    let one = plans(tmp.path(), 1).join("a00000.yaml");
    let thousand = plans(tmp.path(), 1000);
    let big = tmp.path().join("groot.yaml");
    std::fs::write(&big, stocheck::testdata::large_application(12_500)).unwrap();
    let small = tmp.path().join("klein.yaml");
    std::fs::write(&small, stocheck::testdata::large_application(1)).unwrap();

    let floor_cmd = |paths: &[&Path], threads: usize| {
        let mut c = Command::new(&me);
        c.arg("--vloer").args(paths).arg("--threads").arg(threads.to_string());
        c
    };
    let check = |bin: &Path, paths: &[&Path], extra: &[&str]| {
        let mut c = Command::new(bin);
        c.arg("check").args(paths).args(["--peildatum", "2024-10-01"]);
        // JSON unless another format is asked for: at most one goes to stdout.
        if !extra.contains(&"--format") {
            c.args(["--format", "json"]);
        }
        c.args(extra);
        c
    };
    let builds: Vec<(&str, PathBuf)> = std::iter::once(("stocheck", ours)).chain(names.iter().map(String::as_str).zip(before.iter().cloned())).collect();
    println!("cores: {}", std::thread::available_parallelism().map_or(1, |n| n.get()));

    // One plan, whole process.
    if run("een") {
        let mut cmds = vec![floor_cmd(&[&one], 1)];
        cmds.extend(builds.iter().map(|(_, b)| check(b, &[&one], &[])));
        let m = runs(201, &mut cmds);
        println!("\none plan, whole process (median of 201): floor {:.2} ms", m[0].wall.as_secs_f64() * 1e3);
        for (i, (name, _)) in builds.iter().enumerate() {
            println!("  {name:<16} {:.2} ms = {:.2}× the floor", m[i + 1].wall.as_secs_f64() * 1e3, m.ratio(i + 1, 0));
        }
    }

    // 1,000 plans.
    if run("duizend") {
        // stocheck on one thread too; another build is run as it is (it may be older than
        // `--threads`).
        let mut cmds = vec![floor_cmd(&[&thousand], 1), floor_cmd(&[&thousand], 2), check(&builds[0].1, &[&thousand], &["--threads", "1"])];
        cmds.extend(builds.iter().map(|(_, b)| check(b, &[&thousand], &[])));
        let m = runs(9, &mut cmds);
        println!("\n1,000 plans, wall clock (median of 9): floor one thread {:.0} ms, two threads {:.0} ms", m[0].wall.as_secs_f64() * 1e3, m[1].wall.as_secs_f64() * 1e3);
        for (i, (name, _)) in builds.iter().enumerate() {
            let all = m[3 + i];
            let single = if i == 0 { format!(" (--threads 1: {:.2}×)", m.ratio(2, 0)) } else { String::new() };
            println!(
                "  {name:<16} {:.0} ms = {:.2}× the floor's one thread{single}; peak {:.1} MiB",
                all.wall.as_secs_f64() * 1e3,
                m.ratio(3 + i, 0),
                all.rss_kib as f64 / 1024.0
            );
        }
    }

    // 10,000 plans: time, and the peak memory of every format.
    if run("tienduizend") {
        let ten_thousand = plans(tmp.path(), 10_000);
        const FORMATS: [&str; 6] = ["json", "table", "markdown", "html", "junit", "sarif"];
        let mut cmds = vec![floor_cmd(&[&ten_thousand], 1)];
        for format in FORMATS {
            cmds.extend(builds.iter().map(|(_, b)| check(b, &[&ten_thousand], &["--format", format])));
        }
        let m = runs(1, &mut cmds);
        println!("\n10,000 plans: floor {:.2} s, peak {:.1} MiB", m[0].wall.as_secs_f64(), m[0].rss_kib as f64 / 1024.0);
        for (i, (name, _)) in builds.iter().enumerate() {
            let json = m[1 + i];
            println!("  {name:<16} json: {:.2} s = {:.2}× the floor", json.wall.as_secs_f64(), m.ratio(1 + i, 0));
            let peaks: Vec<String> = FORMATS
                .iter()
                .enumerate()
                .map(|(f, format)| format!("{format} {:.1}", m[1 + f * builds.len() + i].rss_kib as f64 / 1024.0))
                .collect();
            println!("  {name:<16} peak MiB: {}", peaks.join(", "));
        }
        drop(std::fs::remove_dir_all(&ten_thousand));
    }

    // The 100,000-line plan.
    if run("groot") {
        let size = std::fs::metadata(&big).unwrap().len() as f64 / 1024.0;
        let mut cmds = vec![floor_cmd(&[&big], 1)];
        cmds.extend(builds.iter().map(|(_, b)| check(b, &[&big], &[])));
        cmds.extend(builds.iter().map(|(_, b)| check(b, &[&small], &[])));
        let m = runs(7, &mut cmds);
        println!("\n100,000-line plan ({:.1} MiB; median of 7): floor {:.0} ms", size / 1024.0, m[0].wall.as_secs_f64() * 1e3);
        for (i, (name, _)) in builds.iter().enumerate() {
            let (b, s) = (m[1 + i], m[1 + builds.len() + i]);
            println!(
                "  {name:<16} {:.0} ms = {:.2}× the floor; memory above a small plan's {:.1} MiB = {:.1}× the file",
                b.wall.as_secs_f64() * 1e3,
                m.ratio(1 + i, 0),
                (b.rss_kib.saturating_sub(s.rss_kib)) as f64 / 1024.0,
                b.rss_kib.saturating_sub(s.rss_kib) as f64 / size
            );
        }
    }

    // The peer: check-jsonschema, CPU time on 1,000 plans.
    if let Some(venv) = std::env::var_os("STOCHECK_VENV").filter(|_| run("peer")) {
        let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/aanvraag.schema.json");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&thousand).unwrap().filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
        files.sort();
        let mut peer = Command::new(Path::new(&venv).join("bin/check-jsonschema"));
        peer.arg("--schemafile").arg(&schema).args(&files);
        let mut cmds = vec![peer];
        cmds.extend(builds.iter().map(|(_, b)| check(b, &[&thousand], &[])));
        let m = runs(3, &mut cmds);
        println!("\n1,000 plans, CPU time (median of 3): check-jsonschema {:.2} s", m[0].cpu.as_secs_f64());
        for (i, (name, _)) in builds.iter().enumerate() {
            println!("  {name:<16} {:.3} s: check-jsonschema takes {:.0}× the CPU", m[1 + i].cpu.as_secs_f64(), m.cpu_ratio(0, 1 + i));
        }
    }
}
