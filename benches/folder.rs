//! Whole-folder benchmarks on generated plans folders (1,000, 10,000 and 100,000 plans): load
//! and validate (one thread and all cores) beside `cat` of the same files, cold and warm (from
//! the summary cache, `store::cache`), `check` cold and warm, time to the first frame, to all
//! plans listed (cold and warm) and to all plans read (warm: the rows come first), one frame
//! of the dashboard and of a plan view, one edit written with fsync (on a generated plan, and
//! on a plan of 10,000 needs), and peak memory.
//! `scripts/bench.sh` runs it and prints the table; by hand:
//! `cargo bench --bench folder -- 1000 10000`.
//!
//! Each size runs in three processes of its own (this program started again): one times `cat`
//! and the loads; one starts the app as `aftercare` does, fresh, without the cache, and
//! measures the first frame, the frames, the edits and the peak memory; the last starts it
//! warm (the cache made by the first) and measures the first frame, all plans listed and all
//! plans read. They are apart because a process that has just loaded (and dropped) the whole
//! folder twice is not how the app starts: its peak memory would be the loads' (the bench's,
//! not the app's), and its allocator would hold a gigabyte of freed blocks at 100,000 plans,
//! which the loader thread's first allocations sort through while holding a lock the first
//! frame waits on (hundreds of milliseconds, in no real start).
//! Folders are generated once under `target/tmp/` and reused, each with an empty `.git/`
//! folder of its own (hidden from the scan), so the cache is kept there as in a repository.
//! Each generated plan has an NHS number of its own (from the 999 test range).

use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::commands::check;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::cache;
use aftercare::store::edit::Edit;
use aftercare::store::folder::{PlanFile, apply_folder_rules, load_file, load_folder, scan};
use aftercare::store::write::{Loaded, apply_and_write};
use aftercare::tui::app::{App, LoadState};
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::{self, LoadOptions};
use aftercare::tui::runtime::{LOAD_BATCH, LOADING_POLL};
use aftercare::tui::theme::Theme;
use aftercare::tui::views;

#[path = "folder/table.rs"]
mod table;
use table::{Row, parse, table};

const CHILD: &str = "AFTERCARE_BENCH_SIZE";
/// Which half a child measures: `loads` (cat and the loads) or `app` (a fresh start).
const PART: &str = "AFTERCARE_BENCH_PART";
/// Bump when the generated plans change, so cached folders are made again.
const GENERATION: &str = "v2";

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
        fs::create_dir_all(root.join(".git")).unwrap();
        return root;
    }
    let _ = fs::remove_dir_all(&root);
    let templates = templates();
    let mut numbers = test_range_nhs_numbers();
    for n in 0..count {
        let team = root.join(format!("team-{:03}", n / 500));
        if n % 500 == 0 {
            fs::create_dir_all(&team).unwrap();
        }
        let template = &templates[n % templates.len()];
        let id_line = template.lines().find(|l| l.starts_with("id: ")).unwrap();
        let mut text = template.replacen(id_line, &format!("id: S117-{n:06}"), 1);
        // Each plan its own NHS number, as in a real folder (a number shared by hundreds of
        // plans makes the rule across plans list them all in each one's finding).
        if let Some(line) = text
            .lines()
            .find(|l| l.trim_start().starts_with("nhs_number:"))
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            let number = numbers.next().unwrap();
            text = text.replacen(line, &format!("{indent}nhs_number: \"{number}\""), 1);
        }
        fs::write(team.join(format!("s117-{n:06}.yaml")), text).unwrap();
    }
    fs::write(&done, "").unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    root
}

/// Valid NHS numbers (Modulus 11) from the 999 test range, in order: `999 000 0018` ...
fn test_range_nhs_numbers() -> impl Iterator<Item = String> {
    (0u64..1_000_000).filter_map(|serial| {
        let digits: Vec<u64> = format!("999{serial:06}")
            .bytes()
            .map(|b| u64::from(b - b'0'))
            .collect();
        let sum: u64 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => return None,
            check => check,
        };
        let all = format!("999{serial:06}{check}");
        Some(format!("{} {} {}", &all[..3], &all[3..6], &all[6..]))
    })
}

/// Remove the folder's cache: the next cached load is cold.
fn forget_cache(root: &Path) {
    let _ = fs::remove_dir_all(root.join(".git/aftercare"));
}

/// A cold load that makes the cache (as the first start of a day does).
fn load_making_cache(root: &Path) -> Duration {
    forget_cache(root);
    let start = Instant::now();
    let (folder, report) = cache::load_folder_reporting(root, &settings(), true).unwrap();
    let elapsed = start.elapsed();
    assert!(report.written && report.from_cache == 0, "{report:?}");
    black_box(folder);
    elapsed
}

/// A warm load: unchanged files from the cache.
fn load_warm(root: &Path) -> Duration {
    let start = Instant::now();
    let (folder, report) = cache::load_folder_reporting(root, &settings(), true).unwrap();
    let elapsed = start.elapsed();
    assert!(report.from_cache > 0, "{report:?}");
    black_box(folder);
    elapsed
}

/// `aftercare check` (text report, into memory), with or without the cache.
fn check_run(root: &Path, use_cache: bool) -> Duration {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let start = Instant::now();
    let code = check::run_with(
        root,
        &settings(),
        check::Output::Text,
        use_cache,
        &mut out,
        &mut err,
    );
    let elapsed = start.elapsed();
    black_box((code.unwrap(), out, err));
    elapsed
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
    /// Every file's final row on the list: its summary, with the folder-wide rules' findings
    /// (the loader's `Finished`, taken by the app).
    all_listed: Duration,
    /// Every plan read as well (openable, searchable): for a warm start, the rows' plans
    /// come after the list is whole.
    all_read: Duration,
    app: App,
}

/// The app's start as `tui::run` does it: start the loader, draw at once, then draw again
/// as the loader's news arrives. Times to the first frame, to the first rows, to all plans
/// listed and to all plans read.
fn startup(root: &Path, use_cache: bool) -> Startup {
    let start = Instant::now();
    let options = LoadOptions {
        tidy: false,
        cache: use_cache,
    };
    let receiver = loader::spawn_with(root.to_path_buf(), settings(), options);
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
    let mut all_listed = None;
    let mut backlog = false;
    loop {
        // As the app does while loading: wait a poll for a key (none comes here), unless the
        // last batch left more waiting; then take what the loader has sent (a batch at most)
        // and draw.
        if !backlog {
            std::thread::sleep(LOADING_POLL);
        }
        let actions = loader::drain(&receiver, LOAD_BATCH);
        backlog = loader::more_waiting(&actions, LOAD_BATCH);
        let failed = actions.iter().any(|a| matches!(a, Msg::LoadFailed(_)));
        for action in actions {
            send(&mut app, action);
        }
        draw(&app, &mut terminal);
        if first_rows.is_none() && !app.nav.list.rows.is_empty() {
            first_rows = Some(start.elapsed());
        }
        if all_listed.is_none() && matches!(app.folder.load, LoadState::Done) {
            all_listed = Some(start.elapsed());
        }
        if failed || (all_listed.is_some() && app.folder.unread() == 0) {
            break;
        }
    }
    let all_read = start.elapsed();
    let all_listed = all_listed.unwrap_or(all_read);
    Startup {
        first_frame,
        first_rows: first_rows.unwrap_or(all_listed),
        all_listed,
        all_read,
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

/// A plan of 10,000 needs (under the 1 MiB cap), from a sample's header: made once.
fn big_plan() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-big-plan");
    fs::create_dir_all(&folder).unwrap();
    let path = folder.join("s117-big.yaml");
    let template = &templates()[0];
    let (head, _) = template.split_at(template.find("\nneeds:").unwrap() + 1);
    let mut text = format!("{head}needs:\n");
    for n in 1..=10_000 {
        let category = ["health", "social"][n % 2];
        text.push_str(&format!(
            "  - id: N{n}\n    need: Support visit {n}\n    category: {category}\n    status: active\n"
        ));
    }
    text.push_str("reviews:\n  interval_months: 12\n  next_due: 2027-01-01\n");
    assert!(text.len() < 1024 * 1024, "{} bytes", text.len());
    fs::write(&path, text).unwrap();
    path
}

/// One edit of a plan of 10,000 needs, end to end: read, edit, verify, diff, check, write.
fn big_edit_write() -> Duration {
    let path = big_plan();
    let times: Vec<Duration> = (0..5)
        .map(|run| {
            let date = ["2027-02-01", "2027-03-01"][run % 2];
            let start = Instant::now();
            let loaded = Loaded::read(&path).unwrap();
            let edit = Edit::set("reviews.next_due", date).unwrap();
            black_box(apply_and_write(&loaded, &[edit]).unwrap());
            start.elapsed()
        })
        .collect();
    let mut times = times;
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
    let check_cold = best(runs, || check_run(&root, false));
    let making = best(runs, || load_making_cache(&root));
    let warm = best(runs, || load_warm(&root));
    let check_warm = best(runs, || check_run(&root, true));
    let [one_pass, yaml, parse, assess, assess_before] = parse_breakdown(&root, &files);
    let cache_bytes = fs::read_dir(root.join(".git/aftercare"))
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum::<u64>();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "RESULT plans={count} bytes={bytes} cat={} seq={} par={} making={} warm={} \
         check_cold={} check_warm={} cache_bytes={cache_bytes} one_pass={} yaml={} parse={} \
         assess={} assess_before={}",
        ms(cat),
        ms(sequential),
        ms(parallel),
        ms(making),
        ms(warm),
        ms(check_cold),
        ms(check_warm),
        ms(one_pass),
        ms(yaml),
        ms(parse),
        ms(assess),
        ms(assess_before),
    );
}

/// Where a cold load's time goes, one thread, texts already in memory: the one-pass reader
/// alone (values and places from saphyr's events), libyaml alone (the reader before, now only
/// for text the one pass leaves to it), the plan read (reader and conversion), the whole
/// assessment (read, rules, places), and the whole assessment read the way before (libyaml,
/// then a second parse for places for the plans with findings).
fn parse_breakdown(root: &Path, files: &[PathBuf]) -> [Duration; 5] {
    use aftercare::plan::assess::{assess_plan_text, assess_plan_text_reading};
    use aftercare::plan::parse::{Reading, parse_plan, tree::read_tree};
    let texts: Vec<String> = files
        .iter()
        .filter_map(|file| fs::read_to_string(root.join(file)).ok())
        .collect();
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    // One untimed pass first: the first loop would otherwise pay for the heap growing.
    for text in &texts {
        black_box(assess_plan_text(text, "x.yaml", &settings()));
    }
    [
        time(&|| {
            for text in &texts {
                black_box(read_tree(text));
            }
        }),
        time(&|| {
            for text in &texts {
                black_box(serde_yaml::from_str::<serde_yaml::Value>(text).ok());
            }
        }),
        time(&|| {
            for text in &texts {
                black_box(parse_plan(text).ok());
            }
        }),
        time(&|| {
            for text in &texts {
                black_box(assess_plan_text(text, "x.yaml", &settings()));
            }
        }),
        time(&|| {
            for text in &texts {
                let reading = Reading::Libyaml;
                black_box(assess_plan_text_reading(
                    text,
                    "x.yaml",
                    &settings(),
                    reading,
                ));
            }
        }),
    ]
}

/// One size's app start from the cache (made by the loads' process), in a fresh process.
fn child_warm(count: usize) {
    let root = generated(count);
    let startup = startup(&root, true);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "RESULT first_frame_warm={} all_loaded_warm={} all_read_warm={}",
        ms(startup.first_frame),
        ms(startup.all_listed),
        ms(startup.all_read),
    );
}

/// One size's app start, in a fresh process as the app's own (page cache warm from the other
/// child): first frame, frames, one edit, and the peak memory of all that.
fn child_app(count: usize) {
    let root = generated(count);
    let files = relative_files(&root);
    let startup = startup(&root, false);
    let mut app = startup.app;
    let dashboard = frame_time(&app, 80, 24, 200);
    let dashboard_wide = frame_time(&app, 200, 50, 200);
    press(&mut app, "<ret>");
    let plan = frame_time(&app, 80, 24, 200);
    let write = edit_write(&root, &files[files.len() / 2]);
    let peak = peak_memory();
    // After the peak: a plan of 10,000 needs is no part of opening the folder.
    let big_write = big_edit_write();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "RESULT first_frame={} first_rows={} all_loaded={} dash={} dash_wide={} plan={} \
         write={} big_write={} peak={peak}",
        ms(startup.first_frame),
        ms(startup.first_rows),
        ms(startup.all_listed),
        ms(dashboard),
        ms(dashboard_wide),
        ms(plan),
        ms(write),
        ms(big_write),
    );
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
            Ok("warm") => child_warm(size),
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
        row.extend(measure(size, "warm"));
        rows.push(row);
    }
    table(&rows);
}
