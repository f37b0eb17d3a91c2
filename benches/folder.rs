//! Whole-folder benchmarks on generated plans folders (1,000, 10,000 and 100,000 plans): load
//! and validate (one thread and all cores) beside `cat` of the same files, time to the first
//! frame, one frame of the dashboard and of a plan view, one edit written with fsync, and
//! peak memory. `scripts/bench.sh` runs it and prints the table; by hand:
//! `cargo bench --bench folder -- 1000 10000`.
//!
//! Each size runs in two processes of its own (this program started again): one times `cat`
//! and the loads; the other starts the app as `aftercare` does, fresh, and measures the first
//! frame, the frames, the edit and the peak memory. They are apart because a process that has
//! just loaded (and dropped) the whole folder twice is not how the app starts: its peak memory
//! would be the loads' (the bench's, not the app's), and its allocator would hold a gigabyte of
//! freed blocks at 100,000 plans, which the loader thread's first allocations sort through while
//! holding a lock the first frame waits on (hundreds of milliseconds, in no real start).
//! Folders are generated once under `target/tmp/` and reused.

use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::plan::rules::RuleSettings;
use aftercare::store::edit::Edit;
use aftercare::store::folder::{PlanFile, apply_folder_rules, load_file, load_folder, scan};
use aftercare::store::write::{Loaded, apply_and_write};
use aftercare::tui::app::App;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader;
use aftercare::tui::theme::Theme;
use aftercare::tui::views;

const CHILD: &str = "AFTERCARE_BENCH_SIZE";
/// Which half a child measures: `loads` (cat and the loads) or `app` (a fresh start).
const PART: &str = "AFTERCARE_BENCH_PART";
/// Bump when the generated plans change, so cached folders are made again.
const GENERATION: &str = "v1";

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// The sample plans, as templates: real sizes (2-3.5 KB) and a real mix of findings.
fn templates() -> Vec<String> {
    let mut paths = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("plans")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|path| fs::read_to_string(path).unwrap())
        .collect()
}

/// A folder of `count` plans in team folders of 500, made once and kept under `target/tmp`.
fn generated(count: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-plans-{count}"));
    let done = root.join(format!(".generated-{GENERATION}"));
    if done.exists() {
        return root;
    }
    let _ = fs::remove_dir_all(&root);
    let templates = templates();
    for n in 0..count {
        let team = root.join(format!("team-{:03}", n / 500));
        if n % 500 == 0 {
            fs::create_dir_all(&team).unwrap();
        }
        let template = &templates[n % templates.len()];
        let id_line = template.lines().find(|l| l.starts_with("id: ")).unwrap();
        let text = template.replacen(id_line, &format!("id: S117-{n:06}"), 1);
        fs::write(team.join(format!("s117-{n:06}.yaml")), text).unwrap();
    }
    fs::write(&done, "").unwrap();
    root
}

/// Every plan file, relative to the root, in a stable order.
fn relative_files(root: &Path) -> Vec<PathBuf> {
    let scanned = scan(root).unwrap();
    scanned
        .candidates
        .iter()
        .map(|c| c.path.strip_prefix(root).unwrap().to_path_buf())
        .collect()
}

/// `cat` of every file (the floor: open, read, close, nothing else), run by `xargs`.
fn cat(root: &Path, files: &[PathBuf]) -> Duration {
    let start = Instant::now();
    let mut child = Command::new("xargs")
        .args(["-0", "cat"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("xargs and cat");
    {
        let mut stdin = child.stdin.take().unwrap();
        for file in files {
            stdin
                .write_all(file.as_os_str().as_encoded_bytes())
                .unwrap();
            stdin.write_all(b"\0").unwrap();
        }
    }
    assert!(child.wait().unwrap().success());
    start.elapsed()
}

/// The best of `runs` timings (the least disturbed by other work on the machine).
fn best(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..runs).map(|_| f()).min().unwrap()
}

fn load_sequential(root: &Path) -> Duration {
    let start = Instant::now();
    let scanned = scan(root).unwrap();
    let mut files: Vec<PlanFile> = scanned
        .candidates
        .iter()
        .map(|candidate| load_file(candidate, &settings()))
        .collect();
    apply_folder_rules(&mut files);
    let elapsed = start.elapsed();
    black_box(files);
    elapsed
}

fn load_parallel(root: &Path) -> Duration {
    let start = Instant::now();
    let folder = load_folder(root, &settings()).unwrap();
    let elapsed = start.elapsed();
    black_box(folder);
    elapsed
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|frame| views::render(app, frame)).unwrap();
}

struct Startup {
    first_frame: Duration,
    first_rows: Duration,
    all_loaded: Duration,
    app: App,
}

/// The app's start as `tui::run` does it: start the loader, draw at once, then draw again
/// as batches of plans arrive. Times to the first frame, to the first rows, to all loaded.
fn startup(root: &Path) -> Startup {
    let start = Instant::now();
    let receiver = loader::spawn(root.to_path_buf(), settings(), false);
    let mut app = App::new(root.display().to_string(), settings(), Theme::ansi16());
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    draw(&app, &mut terminal);
    let first_frame = start.elapsed();
    let mut first_rows = None;
    loop {
        // As the app does while loading: wait up to 30 ms for a key (none comes here), then
        // take what the loader has sent (2,000 files at most) and draw.
        std::thread::sleep(Duration::from_millis(30));
        let actions = loader::drain(&receiver, 2_000);
        let finished = actions
            .iter()
            .any(|a| matches!(a, Msg::LoadFinished | Msg::LoadFailed(_)));
        for action in actions {
            send(&mut app, action);
        }
        draw(&app, &mut terminal);
        if first_rows.is_none() && !app.nav.list.rows.is_empty() {
            first_rows = Some(start.elapsed());
        }
        if finished {
            break;
        }
    }
    let all_loaded = start.elapsed();
    Startup {
        first_frame,
        first_rows: first_rows.unwrap_or(all_loaded),
        all_loaded,
        app,
    }
}

/// The median time of one frame, drawn `frames` times.
fn frame_time(app: &App, width: u16, height: u16, frames: usize) -> Duration {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut times: Vec<Duration> = (0..frames)
        .map(|_| {
            let start = Instant::now();
            draw(app, &mut terminal);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The median time of one edit (read, edit, verify, diff, check, atomic write with fsync of
/// the file and its folder) on a plan in the folder; the plan is put back afterwards.
fn edit_write(root: &Path, file: &Path) -> Duration {
    let path = root.join(file);
    let original = fs::read(&path).unwrap();
    let mut times: Vec<Duration> = (0..40)
        .map(|run| {
            let date = if run % 2 == 0 {
                "2027-02-01"
            } else {
                "2027-03-01"
            };
            let start = Instant::now();
            let loaded = Loaded::read(&path).unwrap();
            let edit = Edit::set("reviews.next_due", date).unwrap();
            black_box(apply_and_write(&loaded, &[edit]).unwrap());
            start.elapsed()
        })
        .collect();
    fs::write(&path, original).unwrap();
    times.sort();
    times[times.len() / 2]
}

/// Peak resident memory of this process so far (Linux: VmHWM), in bytes.
fn peak_memory() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// One size's `cat` and loads, measured in this process; one line of `key=value` for the parent.
fn child_loads(count: usize) {
    let root = generated(count);
    let files = relative_files(&root);
    let bytes: u64 = files
        .iter()
        .map(|file| fs::metadata(root.join(file)).unwrap().len())
        .sum();
    let runs = if count >= 100_000 { 2 } else { 3 };
    cat(&root, &files); // warm the page cache: every run reads from memory
    let cat = best(runs, || cat(&root, &files));
    let sequential = best(runs, || load_sequential(&root));
    let parallel = best(runs, || load_parallel(&root));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "RESULT plans={count} bytes={bytes} cat={} seq={} par={}",
        ms(cat),
        ms(sequential),
        ms(parallel),
    );
}

/// One size's app start, in a fresh process as the app's own (page cache warm from the other
/// child): first frame, frames, one edit, and the peak memory of all that.
fn child_app(count: usize) {
    let root = generated(count);
    let files = relative_files(&root);
    let startup = startup(&root);
    let mut app = startup.app;
    let dashboard = frame_time(&app, 80, 24, 200);
    let dashboard_wide = frame_time(&app, 200, 50, 200);
    press(&mut app, "<ret>");
    let plan = frame_time(&app, 80, 24, 200);
    let write = edit_write(&root, &files[files.len() / 2]);
    let peak = peak_memory();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "RESULT first_frame={} first_rows={} all_loaded={} dash={} dash_wide={} plan={} \
         write={} peak={peak}",
        ms(startup.first_frame),
        ms(startup.first_rows),
        ms(startup.all_loaded),
        ms(dashboard),
        ms(dashboard_wide),
        ms(plan),
        ms(write),
    );
}

type Row = std::collections::HashMap<String, f64>;

fn parse(line: &str) -> Row {
    line.split_whitespace()
        .skip(1)
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, value)| (key.to_owned(), value.parse().unwrap_or(f64::NAN)))
        .collect()
}

fn duration(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.0} µs", ms * 1000.0)
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1_000_000.0).replace(" 0 MB", " <1 MB")
}

fn table(rows: &[Row]) {
    let cell = |f: &dyn Fn(&Row) -> String| rows.iter().map(f).collect::<Vec<_>>();
    let lines: Vec<(&str, Vec<String>, &str)> = vec![
        ("plans", cell(&|r| format!("{:.0}", r["plans"])), ""),
        ("folder size", cell(&|r| megabytes(r["bytes"])), ""),
        (
            "`cat` of every file (the floor)",
            cell(&|r| duration(r["cat"])),
            "",
        ),
        (
            "load + validate, 1 thread",
            cell(&|r| format!("{} ({:.1}x cat)", duration(r["seq"]), r["seq"] / r["cat"])),
            "",
        ),
        (
            "load + validate, all cores",
            cell(&|r| format!("{} ({:.1}x cat)", duration(r["par"]), r["par"] / r["cat"])),
            "≤ 5x cat at 10,000",
        ),
        (
            "first frame",
            cell(&|r| duration(r["first_frame"])),
            "< 100 ms",
        ),
        (
            "first rows on screen",
            cell(&|r| duration(r["first_rows"])),
            "",
        ),
        ("all plans listed", cell(&|r| duration(r["all_loaded"])), ""),
        (
            "dashboard frame, 80x24",
            cell(&|r| duration(r["dash"])),
            "flat",
        ),
        (
            "dashboard frame, 200x50",
            cell(&|r| duration(r["dash_wide"])),
            "flat",
        ),
        (
            "plan view frame, 80x24",
            cell(&|r| duration(r["plan"])),
            "flat",
        ),
        (
            "edit + verify + write (fsync)",
            cell(&|r| duration(r["write"])),
            "< 30 ms",
        ),
        (
            "peak memory (VmHWM)",
            cell(&|r| {
                format!(
                    "{} ({:.1}x folder)",
                    megabytes(r["peak"]),
                    r["peak"] / r["bytes"]
                )
            }),
            "< 3x folder",
        ),
    ];
    let header: Vec<String> = rows
        .iter()
        .map(|r| format!("{:.0} plans", r["plans"]))
        .collect();
    print!("| measure |");
    for title in &header {
        print!(" {title} |");
    }
    println!(" target |");
    println!("|---|{}---|", "---|".repeat(header.len()));
    for (label, cells, target) in lines.iter().skip(1) {
        print!("| {label} |");
        for cell in cells {
            print!(" {cell} |");
        }
        println!(" {target} |");
    }
}

/// Run this program again for one size and one part; its `RESULT` line, parsed.
fn measure(size: usize, part: &str) -> Row {
    let output = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, size.to_string())
        .env(PART, part)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|line| line.starts_with("RESULT "))
        .unwrap_or_else(|| panic!("no {part} result for {size}: {text}"));
    parse(line)
}

fn main() {
    if let Ok(size) = std::env::var(CHILD) {
        let size = size.parse().expect("a number of plans");
        match std::env::var(PART).as_deref() {
            Ok("app") => child_app(size),
            _ => child_loads(size),
        }
        return;
    }
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.replace([',', '_'], "").parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000, 100_000];
    }
    let mut rows = Vec::new();
    for size in sizes {
        eprintln!("measuring {size} plans...");
        let mut row = measure(size, "loads");
        row.extend(measure(size, "app"));
        rows.push(row);
    }
    table(&rows);
}
