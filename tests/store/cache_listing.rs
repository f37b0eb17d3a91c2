//! The summary cache's rows-first load (the app's warm start, `store::cache::listing`): every
//! file listed at once (unchanged ones from the cache, their plans to come; changed ones read
//! whole; the folder-wide rules applied), then the plans; once they have all come, the files
//! are exactly what a cold load gives, and each row said what its plan does.

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use aftercare::plan::finding::Location;
use aftercare::plan::listing::ListingFacts;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::cache::CacheReport;
use aftercare::store::cache::listing::{ListedRows, ListingSink, PlanRead, load_rows_first};
use aftercare::store::folder::{Folder, PlanFile, apply_folder_rules, load_folder, scan};

use crate::cache::{Repo, age, age_all, copy_samples, facts};
use crate::common::settings;

/// What a rows-first load (the app's warm start) told its sink, in order.
#[derive(Default)]
struct Collected {
    events: Mutex<Vec<&'static str>>,
    rows: Mutex<ListedRows>,
    loaded: Mutex<Vec<PlanFile>>,
    plans: Mutex<Vec<(usize, PlanRead)>>,
}

impl ListingSink for Collected {
    fn listed(&self, rows: ListedRows) {
        self.events.lock().unwrap().push("listed");
        *self.rows.lock().unwrap() = rows;
    }
    fn loaded(&self, file: PlanFile) {
        self.events.lock().unwrap().push("loaded");
        self.loaded.lock().unwrap().push(file);
    }
    fn all_listed(&self) {
        self.events.lock().unwrap().push("all listed");
    }
    fn plans(&self, plans: Vec<(usize, PlanRead)>) {
        self.events.lock().unwrap().push("plans");
        self.plans.lock().unwrap().extend(plans);
    }
    fn all_read(&self) {
        self.events.lock().unwrap().push("all read");
    }
}

/// Load rows first (as the app starts warm), check that each listed row's facts are its
/// plan's and that, once every plan has come, the files are what a cold load gives; say
/// how the cache was used.
pub fn rows_first_matches_cold(root: &Path, settings: &RuleSettings) -> CacheReport {
    let cold = load_folder(root, settings).unwrap();
    let scanned = scan(root).unwrap();
    let sink = Collected::default();
    let report = load_rows_first(root, &scanned.candidates, settings, &sink);
    let events = sink.events.into_inner().unwrap();
    let listed_at = events.iter().position(|event| *event == "listed");
    let all_listed = events
        .iter()
        .position(|event| *event == "all listed")
        .unwrap();
    assert!(listed_at.is_none_or(|at| at < all_listed), "{events:?}");
    assert!(
        events[all_listed + 1..]
            .iter()
            .all(|event| ["plans", "all read"].contains(event)),
        "only plans after all are listed: {events:?}"
    );
    assert_eq!(events.last(), Some(&"all read"), "{events:?}");
    let ListedRows {
        mut files,
        awaited,
        listings,
    } = sink.rows.into_inner().unwrap();
    assert_eq!(files.len(), awaited.len());
    assert_eq!(files.len(), listings.len());
    let mut came = vec![false; files.len()];
    for (row, read) in sink.plans.into_inner().unwrap() {
        assert!(
            awaited[row].is_some() && !came[row],
            "one plan for each awaited row"
        );
        came[row] = true;
        match read {
            PlanRead::Plan(plan) => files[row].plan = Some(*plan),
            PlanRead::Fresh(file) => files[row] = *file,
        }
    }
    for ((file, listing), (awaited, came)) in
        files.iter().zip(&listings).zip(awaited.iter().zip(&came))
    {
        assert_eq!(
            awaited.is_some(),
            *came,
            "every awaited plan came, no other"
        );
        assert_eq!(
            *listing,
            ListingFacts::of(file.plan.as_ref(), settings),
            "the row says what its plan does: {}",
            file.display
        );
    }
    files.extend(sink.loaded.into_inner().unwrap());
    files.extend(scanned.problems.into_iter().map(|finding| PlanFile {
        path: root.join(&finding.file),
        display: finding.file.clone(),
        plan: None,
        findings: vec![finding],
        id_location: Location::START,
    }));
    files.sort_by(|a, b| a.display.cmp(&b.display));
    apply_folder_rules(&mut files);
    let warm = Folder {
        root: root.to_path_buf(),
        files,
    };
    assert_eq!(
        facts(&warm),
        facts(&cold),
        "rows first and cold loads differ"
    );
    report
}

#[test]
fn a_warm_start_lists_every_unchanged_file_first_then_its_plan_and_gives_the_cold_answer() {
    let repo = Repo::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for folder in ["rules-duplicate-id", "rules-shared-nhs", "hostile"] {
        for entry in fs::read_dir(fixtures.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, repo.plans().join(path.file_name().unwrap())).unwrap();
        }
    }
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    // No cache yet: every file read whole, the cache made.
    let cold = rows_first_matches_cold(&repo.plans(), &settings());
    assert_eq!((cold.from_cache, cold.written), (0, true), "{cold:?}");
    // Warm: listed from the cache, plans after; nothing to write.
    let warm = rows_first_matches_cold(&repo.plans(), &settings());
    assert!(warm.from_cache > 0 && !warm.written, "{warm:?}");
    // One file changed: read whole, the others listed; the cache written again.
    let changed = repo.plans().join("s117-9100-b.yaml");
    let text = fs::read_to_string(&changed).unwrap();
    fs::write(&changed, text.replace("S117-9100", "S117-9109")).unwrap();
    age(&changed);
    let one = rows_first_matches_cold(&repo.plans(), &settings());
    assert_eq!((one.read, one.written), (1, true), "{one:?}");
    // The plans of the cache spoilt (the index whole): the rows' plans read from the disk.
    let cache_file = repo.cache_file();
    let mut bytes = fs::read(&cache_file).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 0x01;
    fs::write(&cache_file, bytes).unwrap();
    let spoilt = rows_first_matches_cold(&repo.plans(), &settings());
    assert!(spoilt.written, "{spoilt:?}");
    let after = rows_first_matches_cold(&repo.plans(), &settings());
    assert_eq!(after.read, warm.read, "the remade cache is used: {after:?}");
}
