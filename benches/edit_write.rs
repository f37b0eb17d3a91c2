//! Benchmark of the write path on a typical plan: edit, verify, diff, atomic write, and the
//! whole `apply_and_write`. A plain `harness = false` bench: `cargo bench --bench edit_write`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use aftercare::store::diff::unified_diff;
use aftercare::store::edit::{Edit, apply, check_editable, verify};
use aftercare::store::write::{Loaded, apply_and_write, dry_run, write_atomic};

/// Run `f` repeatedly for about a second; print the median and mean time per call.
fn bench(label: &str, mut f: impl FnMut()) {
    for _ in 0..20 {
        f();
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || times.len() < 50 {
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
}
