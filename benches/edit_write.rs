//! Benchmark of the write path on a typical plan: edit, verify, diff, atomic write, and the
//! whole `apply_and_write`; then the same path on very large plans (thousands of needs, each
//! with findings): `set --dry-run`, the app's diff preview, its live check of a prompt key and
//! opening a plan for editing; and the app driven by keys on such a plan, timing what each
//! step holds the UI thread for (keys, a job's answer taken in, a frame) apart from the work
//! its jobs do on their thread. A plain `harness = false` bench: `cargo bench --bench edit_write`;
//! `cargo bench --bench edit_write -- 100,000` times only the large plans whose name has that.

use std::collections::VecDeque;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use aftercare::commands::set::{SetArgs, WRITTEN, run};
use aftercare::plan::change::Change;
use aftercare::plan::pending::new_issues;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::diff::unified_diff;
use aftercare::store::edit::{Edit, apply, check_editable, verify};
use aftercare::store::pending::{open, preview, why_not_editable};
use aftercare::store::write::{Loaded, apply_and_write, dry_run, write_atomic};
use aftercare::tui::app::{App, handle_key, update};
use aftercare::tui::effect::Effect;
use aftercare::tui::keyscript::keys;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::runtime::work::perform;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::draw_to_text;

/// Run `f` repeatedly for about a second; print the median and mean time per call.
fn bench(label: &str, f: impl FnMut()) {
    bench_runs(label, 20, 50, f);
}

/// `bench` with a given number of warm-up calls and at least `runs` timed ones.
fn bench_runs(label: &str, warm_up: usize, runs: usize, mut f: impl FnMut()) {
    for _ in 0..warm_up {
        f();
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || times.len() < runs {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "{label:<48} median {:>9.1?}  mean {:>9.1?}  ({} runs)",
        times[times.len() / 2],
        mean,
        times.len()
    );
}

fn main() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit/format-example.yaml");
    let text = std::fs::read_to_string(&fixture).unwrap();
    println!(
        "typical plan: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );
    let review = serde_yaml::from_str::<serde_yaml::Value>(
        "{date: 2026-12-01, attendees: [person, care coordinator], person_involved: true, outcome: continue}",
    )
    .unwrap();
    let set = vec![Edit::set("reviews.next_due", "2027-01-15").unwrap()];
    let review_edits = vec![
        Edit::append("reviews.history", review).unwrap(),
        Edit::set("reviews.next_due", "2027-12-01").unwrap(),
    ];
    let edited = apply(&text, &set).unwrap();

    bench("check_editable (loader vs editor)", || {
        check_editable(black_box(&text)).unwrap()
    });
    bench("edit + verify: set next_due", || {
        black_box(apply(black_box(&text), &set).unwrap());
    });
    bench("edit + verify: review (append + set)", || {
        black_box(apply(black_box(&text), &review_edits).unwrap());
    });
    bench("verify alone", || {
        verify(black_box(&text), &edited, &set).unwrap()
    });
    bench("unified diff", || {
        black_box(unified_diff("plans/S117-0042.yaml", &text, &edited));
    });

    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("S117-0042.yaml");
    std::fs::write(&path, &text).unwrap();
    bench("atomic write (temp, fsync, rename, fsync dir)", || {
        write_atomic(&path, edited.as_bytes()).unwrap()
    });
    bench("dry run (edit + verify + diff)", || {
        let loaded = Loaded::read(&path).unwrap();
        black_box(dry_run(&loaded, &set).unwrap());
    });
    let mut flip = false;
    bench("apply_and_write (load, all of the above, write)", || {
        flip = !flip;
        let date = if flip { "2027-02-01" } else { "2027-03-01" };
        let loaded = Loaded::read(&path).unwrap();
        let edit = Edit::set("reviews.next_due", date).unwrap();
        black_box(apply_and_write(&loaded, &[edit]).unwrap());
    });
    big_plans(dir.path());
}

/// A plan of the format example's header with `needs` needs made by `need` (given the
/// number), the rest of the example after them.
fn big_plan(needs: usize, need: impl Fn(usize) -> String) -> String {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit/format-example.yaml");
    let text = std::fs::read_to_string(example).unwrap();
    let (head, rest) = text.split_at(text.find("needs:").unwrap());
    let tail = &rest[rest.find("\npatient_voice:").unwrap() + 1..];
    let mut plan = format!("{head}needs:\n");
    for number in 1..=needs {
        plan.push_str(&need(number));
    }
    plan + tail
}

fn big_plans(dir: &Path) {
    let settings = RuleSettings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let plans = [
        (
            "8,000 empty needs",
            big_plan(8_000, |_| "  - {}\n".to_owned()),
        ),
        (
            "100,000 empty needs",
            big_plan(100_000, |_| "  - {}\n".to_owned()),
        ),
        (
            "10,000 needs (block, under the 1 MiB cap)",
            big_plan(10_000, |n| {
                let category = ["health", "social"][n % 2];
                format!(
                    "  - id: N{n}\n    need: Support visit {n}\n    category: {category}\n    status: active\n"
                )
            }),
        ),
        (
            "8,000 flow needs",
            big_plan(8_000, |n| {
                format!(
                    "  - {{id: N{n}, need: \"\", category: health, funding: {{icb: 100}}, status: active}}\n"
                )
            }),
        ),
    ];
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let chosen = |name: &str| only.is_empty() || only.iter().any(|word| name.contains(word));
    for (name, text) in plans.into_iter().filter(|(name, _)| chosen(name)) {
        let path = dir.join("big.yaml");
        std::fs::write(&path, &text).unwrap();
        let findings = aftercare::plan::assess::assess_plan_text(&text, "big.yaml", &settings)
            .findings
            .len();
        println!(
            "\n{name}: {} KB, {} lines, {findings} findings",
            text.len() / 1000,
            text.lines().count()
        );
        let label = |what: &str| format!("{name}: {what}");
        let args = SetArgs {
            plan: path.to_string_lossy().into_owned(),
            path: "reviews.next_due".into(),
            value: "2027-07-01".into(),
            dry_run: true,
            drop_comment: false,
            dir: Some(dir.to_path_buf()),
        };
        bench_runs(&label("set --dry-run"), 1, 5, || {
            let mut out = Vec::new();
            let code = run(
                &args,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                &mut out,
            );
            assert_eq!(code.unwrap(), WRITTEN, "{}", String::from_utf8_lossy(&out));
        });
        let opened = open(&path, "big.yaml", &settings).unwrap();
        let plan = opened.file.plan.clone().unwrap();
        let change = Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: chrono::NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(),
        };
        bench_runs(&label("open for editing"), 1, 5, || {
            let opened = open(&path, "big.yaml", &settings).unwrap();
            black_box(why_not_editable(&opened.loaded));
        });
        bench_runs(&label("live check (a key in a prompt)"), 1, 5, || {
            black_box(new_issues(&plan, std::slice::from_ref(&change), &settings));
        });
        bench_runs(
            &label("preview (w: edit, verify, diff, errors)"),
            1,
            5,
            || {
                let shown = preview(&opened.loaded, std::slice::from_ref(&change), &settings);
                assert!(shown.unwrap().new_errors.is_empty());
            },
        );
        app_on(dir, &text, name, settings);
    }
}

/// The app on a folder of this one plan, driven by keys: for each step, the longest a key held
/// the UI thread (the key, the answer of the job it started taken in) and the longest frame,
/// apart from the time its jobs worked on their thread.
fn app_on(dir: &Path, text: &str, name: &str, settings: RuleSettings) {
    let root = dir.join("app");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("big.yaml"), text).unwrap();
    let mut app = App::new(root.display().to_string(), settings, Theme::ansi16());
    for action in load_blocking(&root, settings) {
        send(&mut app, action);
    }
    send(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 30,
        },
    );
    let steps = [
        ("open the plan", "<ret><ret>"),
        ("d: read for editing, the prompt", "kd"),
        ("type +3m (live check)", "+3m"),
        ("Enter: check and queue", "<ret>"),
        ("w: the diff", "w"),
        ("n: back, u: undo", "nu"),
        ("d +6m Enter: again", "d+6m<ret>"),
        ("w y: write, read back", "wy"),
    ];
    for (step, script) in steps {
        let (mut ui, mut frame, mut jobs) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for event in keys(script) {
            let start = Instant::now();
            let mut asked: VecDeque<Effect> = handle_key(&mut app, &event).into_iter().collect();
            let mut held = start.elapsed();
            while let Some(job) = asked.pop_front() {
                let start = Instant::now();
                let news = perform(job);
                jobs += start.elapsed();
                let start = Instant::now();
                asked.extend(update(&mut app, news));
                held = held.max(start.elapsed());
            }
            ui = ui.max(held);
            let start = Instant::now();
            black_box(draw_to_text(&app, app.ui.width, app.ui.height));
            frame = frame.max(start.elapsed());
        }
        println!(
            "{name}: app, {step:<32} UI thread {ui:>9.1?} (frame {frame:>8.1?}); jobs {jobs:>8.1?}"
        );
    }
    let screen = draw_to_text(&app, app.ui.width, app.ui.height);
    assert!(screen.contains("saved"), "{screen}");
}
