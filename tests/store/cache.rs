//! The summary cache (`store::cache`): a warm load gives exactly what a cold one does, takes
//! unchanged files from the cache, notices every touch, edit, rename, delete, link and
//! permission change, and ignores (then remakes) a cache that is corrupt, truncated, another
//! folder's or made for other rule settings.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use aftercare::plan::finding::{Finding, Location};
use aftercare::plan::model::Plan;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::cache::listing::PlanRead;
use aftercare::store::cache::{self, CacheReport};
use aftercare::store::folder::{Folder, load_folder};

use crate::common::settings;

/// What a load gives for each file: name, plan, findings, where its id is.
pub type Facts = Vec<(String, Option<Plan>, Vec<Finding>, Location)>;

pub fn facts(folder: &Folder) -> Facts {
    folder
        .files
        .iter()
        .map(|file| {
            (
                file.display.clone(),
                file.plan.clone(),
                file.findings.clone(),
                file.id_location,
            )
        })
        .collect()
}

/// A plans folder in a fake repository (`.git/` beside it: where the cache goes).
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        fs::create_dir_all(dir.path().join("plans")).unwrap();
        Repo { dir }
    }

    pub fn plans(&self) -> PathBuf {
        self.dir.path().join("plans")
    }

    pub fn cache_folder(&self) -> PathBuf {
        self.dir.path().join(".git/aftercare")
    }

    /// The one cache file of the plans folder.
    pub fn cache_file(&self) -> PathBuf {
        let mut files: Vec<PathBuf> = fs::read_dir(self.cache_folder())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "one cache file: {files:?}");
        files.remove(0)
    }
}

/// Set a file's modification time an hour back, so the cache may trust it (a file modified
/// within two seconds of the cache being made is always read again).
pub fn age(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

pub fn age_all(folder: &Path) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if fs::symlink_metadata(&path).unwrap().is_file() {
            age(&path);
        }
    }
}

/// Load warm, check it is what a cold load gives, and say how the cache was used.
pub fn warm_matches_cold(root: &Path, settings: &RuleSettings) -> CacheReport {
    let cold = load_folder(root, settings).unwrap();
    let (warm, report) = cache::load_folder_reporting(root, settings, true).unwrap();
    assert_eq!(facts(&warm), facts(&cold), "warm and cold loads differ");
    report
}

/// Load for findings only (as `check` does), warm, and check every file's findings are what
/// a cold load gives; say how the cache was used.
pub fn findings_match_cold(root: &Path, settings: &RuleSettings) -> CacheReport {
    let cold = load_folder(root, settings).unwrap();
    let (warm, report) = cache::load_findings(root, settings, true).unwrap();
    let findings = |folder: &Folder| -> Vec<_> {
        folder
            .files
            .iter()
            .map(|file| {
                (
                    file.display.clone(),
                    file.findings.clone(),
                    file.id_location,
                )
            })
            .collect()
    };
    assert_eq!(findings(&warm), findings(&cold), "findings differ");
    assert!(warm.files.iter().all(|file| file.plan.is_none()));
    report
}

/// The sample plans, side by side in `to` (their names are their ids: none clash).
pub fn copy_samples(to: &Path) {
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("plans")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
    }
}

#[test]
fn a_second_load_takes_unchanged_files_from_the_cache_and_gives_the_same_answer() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    let first = warm_matches_cold(&repo.plans(), &settings());
    assert_eq!(first.from_cache, 0);
    assert!(first.written);
    let second = warm_matches_cold(&repo.plans(), &settings());
    assert!(second.from_cache > 0, "{second:?}");
    assert_eq!(second.read, 0, "{second:?}");
    assert!(!second.written, "nothing changed: not written again");
}

#[test]
fn the_folder_named_another_way_shares_the_cache_and_files_keep_the_name_given() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let other_spelling = repo.dir.path().join(".").join("plans");
    let report = warm_matches_cold(&other_spelling, &settings());
    assert_eq!(
        report.read, 0,
        "the same folder, the same cache: {report:?}"
    );
    let shown = other_spelling.display().to_string();
    let warm = cache::load_folder(&other_spelling, &settings(), true).unwrap();
    for file in &warm.files {
        assert!(file.display.starts_with(&shown));
        assert!(file.findings.iter().all(|f| f.file == file.display));
    }
}

#[test]
fn the_app_loader_uses_the_cache_and_gives_the_same_files() {
    use aftercare::tui::runtime::loader::{LoadMessage, LoadOptions, spawn_with};
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    let load = |cache: bool| {
        let options = LoadOptions { tidy: false, cache };
        // Rows listed first (warm) take their plans as they come.
        let mut listed = Vec::new();
        let mut files = Vec::new();
        for message in spawn_with(repo.plans(), settings(), options) {
            match message {
                LoadMessage::Listed(rows) => listed = rows.files,
                LoadMessage::Loaded(file) => files.push(*file),
                LoadMessage::PlansRead(plans) => {
                    for (row, read) in plans {
                        match read {
                            PlanRead::Plan(plan) => listed[row].plan = Some(*plan),
                            PlanRead::Fresh(file) => listed[row] = *file,
                        }
                    }
                }
                _ => {}
            }
        }
        files.extend(listed);
        files.sort_by(|a, b| a.display.cmp(&b.display));
        let folder = Folder {
            root: repo.plans(),
            files,
        };
        facts(&folder)
    };
    let cold = load(false);
    assert!(!repo.cache_folder().exists());
    assert_eq!(load(true), cold);
    // The channel closes when the loader's thread ends: after it wrote the cache.
    assert!(repo.cache_folder().exists());
    assert_eq!(load(true), cold);
    assert_eq!(load(true), cold);
}

#[test]
fn findings_alone_come_from_the_cache_with_the_rules_across_plans_applied() {
    let repo = Repo::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for folder in ["rules-duplicate-id", "rules-shared-nhs"] {
        for entry in fs::read_dir(fixtures.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, repo.plans().join(path.file_name().unwrap())).unwrap();
        }
    }
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    assert_eq!(
        findings_match_cold(&repo.plans(), &settings()).from_cache,
        0
    );
    let warm = findings_match_cold(&repo.plans(), &settings());
    assert_eq!(warm.read, 0, "{warm:?}");
    // One file changed: the findings load writes the cache again, keeping the others' plans.
    let changed = repo.plans().join("s117-9100-b.yaml");
    let text = fs::read_to_string(&changed).unwrap();
    fs::write(&changed, text.replace("S117-9100", "S117-9109")).unwrap();
    age(&changed);
    let report = findings_match_cold(&repo.plans(), &settings());
    assert_eq!((report.read, report.written), (1, true), "{report:?}");
    let plans = warm_matches_cold(&repo.plans(), &settings());
    assert_eq!(
        plans.read, 0,
        "the plans kept from the old cache: {plans:?}"
    );
}

#[test]
fn the_hostile_corpus_loads_the_same_warm_and_cold() {
    let repo = Repo::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    for entry in fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, repo.plans().join(path.file_name().unwrap())).unwrap();
    }
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let warm = warm_matches_cold(&repo.plans(), &settings());
    assert!(warm.from_cache > 0, "{warm:?}");
    let findings = findings_match_cold(&repo.plans(), &settings());
    assert!(findings.from_cache > 0, "{findings:?}");
}

#[test]
fn touch_edit_rename_and_delete_are_seen_on_the_next_load() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let mut names: Vec<PathBuf> = fs::read_dir(repo.plans())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    // Touch: same bytes, a new time: read again, same answer.
    fs::File::options()
        .write(true)
        .open(&names[0])
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(60))
        .unwrap();
    // Edit: the same size, the old modification time put back (as `touch -d` would).
    let before = fs::metadata(&names[1]).unwrap().modified().unwrap();
    let text = fs::read_to_string(&names[1]).unwrap();
    let edited = text.replacen("id: S117-", "id: S118-", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&names[1], &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&names[1])
        .unwrap()
        .set_modified(before)
        .unwrap();
    // Rename and delete.
    fs::rename(&names[2], repo.plans().join("renamed.yaml")).unwrap();
    fs::remove_file(&names[3]).unwrap();
    let report = warm_matches_cold(&repo.plans(), &settings());
    assert_eq!(
        report.read, 3,
        "the touched, edited and renamed files: {report:?}"
    );
    let warm = cache::load_folder(&repo.plans(), &settings(), true).unwrap();
    let edited_file = warm.files.iter().find(|f| f.path == names[1]).unwrap();
    assert!(
        edited_file
            .plan
            .as_ref()
            .and_then(|plan| plan.id.as_deref())
            .is_some_and(|id| id.starts_with("S118-")),
        "the edit is seen"
    );
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_is_ignored_and_made_again() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let cache_file = repo.cache_file();
    let whole = fs::read(&cache_file).unwrap();
    let mut flipped = whole.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    // Another folder's: the header names another root (the index is binary, not text).
    let root_at = whole
        .windows(8)
        .position(|window| window == b"\"root\":\"")
        .unwrap();
    let mut foreign = whole[..root_at + 8].to_vec();
    foreign.extend_from_slice(b"/elsewhere");
    foreign.extend_from_slice(&whole[root_at + 8..]);
    let broken: Vec<Vec<u8>> = vec![
        Vec::new(),
        whole[..whole.len() / 3].to_vec(),
        whole[..whole.len() - 1].to_vec(),
        flipped,
        foreign,
        b"aftercare-cache 1\n{}\n[]\n".to_vec(),
        b"aftercare-cache 2\n{}\n".to_vec(),
        vec![0xff; 100],
    ];
    for bytes in broken {
        fs::write(&cache_file, &bytes).unwrap();
        let report = warm_matches_cold(&repo.plans(), &settings());
        assert_eq!(report.from_cache, 0, "a broken cache is not trusted");
        assert!(report.written, "and it is made again");
        let again = warm_matches_cold(&repo.plans(), &settings());
        assert_eq!(again.read, 0, "the remade cache is used: {again:?}");
    }
}

#[test]
fn other_rule_settings_or_another_day_read_every_file_again() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let tomorrow = RuleSettings::new(settings().today.succ_opt().unwrap());
    let report = warm_matches_cold(&repo.plans(), &tomorrow);
    assert_eq!(report.from_cache, 0, "{report:?}");
    let sooner = RuleSettings {
        due_soon_days: 7,
        ..tomorrow
    };
    assert_eq!(warm_matches_cold(&repo.plans(), &sooner).from_cache, 0);
}

#[test]
fn a_plan_never_cached_is_read_each_time_without_writing_the_cache_again() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    // Keys the format does not know: such a plan is read every time, never cached.
    let odd = repo.plans().join("odd.yaml");
    fs::write(&odd, "schema: aftercare/v1\nid: S117-7001\nshoe_size: 9\n").unwrap();
    age_all(&repo.plans());
    assert!(warm_matches_cold(&repo.plans(), &settings()).written);
    let again = warm_matches_cold(&repo.plans(), &settings());
    assert_eq!(again.read, 1, "{again:?}");
    assert!(!again.written, "nothing new to keep: {again:?}");
}

#[test]
fn files_modified_just_before_the_cache_was_made_are_read_again() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    // Not aged: every file was written just now, so none is trusted yet.
    warm_matches_cold(&repo.plans(), &settings());
    let report = warm_matches_cold(&repo.plans(), &settings());
    assert_eq!(report.from_cache, 0, "{report:?}");
}

#[cfg(unix)]
#[test]
fn the_cache_lives_in_the_repository_and_only_its_owner_may_read_it() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    copy_samples(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    let cache_file = repo.cache_file();
    let mode = fs::metadata(&cache_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let folder_mode = fs::metadata(repo.cache_folder())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(folder_mode, 0o700);
    assert!(
        fs::read_dir(repo.plans()).unwrap().all(|entry| !entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("cache")),
        "nothing written in the plans folder"
    );
}

#[test]
fn a_repository_the_user_cannot_keep_a_cache_in_sends_it_to_the_user_cache_folder() {
    let repo = Repo::new();
    let plans = fs::canonicalize(repo.plans()).unwrap();
    let in_git = cache::file::location(&plans).unwrap();
    assert!(in_git.starts_with(repo.cache_folder().canonicalize().unwrap()));
    // `.git/aftercare` taken by a file: no cache folder can be made there.
    fs::remove_dir_all(repo.cache_folder()).unwrap();
    fs::write(repo.cache_folder(), "not a folder").unwrap();
    if let Some(elsewhere) = cache::file::location(&plans) {
        assert!(!elsewhere.starts_with(repo.dir.path().canonicalize().unwrap()));
    }
}

#[cfg(unix)]
#[test]
fn permission_changes_and_links_are_seen() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    copy_samples(&repo.plans());
    let mut names: Vec<PathBuf> = fs::read_dir(repo.plans())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    std::os::unix::fs::symlink(&names[0], repo.plans().join("link.yaml")).unwrap();
    age_all(&repo.plans());
    warm_matches_cold(&repo.plans(), &settings());
    warm_matches_cold(&repo.plans(), &settings());
    fs::set_permissions(&names[1], fs::Permissions::from_mode(0o000)).unwrap();
    // The link now leads to another plan.
    fs::remove_file(repo.plans().join("link.yaml")).unwrap();
    std::os::unix::fs::symlink(&names[2], repo.plans().join("link.yaml")).unwrap();
    warm_matches_cold(&repo.plans(), &settings());
    warm_matches_cold(&repo.plans(), &settings());
    fs::set_permissions(&names[1], fs::Permissions::from_mode(0o644)).unwrap();
    warm_matches_cold(&repo.plans(), &settings());
}

#[test]
fn an_older_formats_cache_is_removed_when_the_cache_is_written() {
    let repo = Repo::new();
    copy_samples(&repo.plans());
    fs::create_dir_all(repo.cache_folder()).unwrap();
    let older = repo.cache_folder().join("cache-0123456789abcdef.v1");
    fs::write(&older, "aftercare-cache 1\n").unwrap();
    warm_matches_cold(&repo.plans(), &settings());
    assert!(repo.cache_file().exists(), "this format's cache is made");
    assert!(!older.exists(), "the older format's is gone at once");
}
