//! The write path's refusals that the integration tests cannot reach without a second
//! process: a held lock keeps the caller's text, a read-only plan, a plan outside the folder.

use std::fs;
use std::time::Duration;

use super::*;

fn plan_in(dir: &Path) -> PathBuf {
    let path = dir.join("plan.yaml");
    fs::write(&path, "id: S117-0001\nreviews:\n  next_due: 2026-12-01\n").unwrap();
    path
}

fn edit() -> Edit {
    Edit::set("reviews.next_due", "2027-01-15").unwrap()
}

#[test]
fn a_held_lock_refuses_and_keeps_the_callers_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_in(dir.path());
    let loaded = Loaded::read(&path).unwrap();
    let held = PlanLock::acquire(loaded.real_path(), Duration::ZERO).unwrap();
    let error = apply_and_write(&loaded, &[edit()]).unwrap_err();
    let WriteError::Busy { pending, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(pending.contains("next_due: 2027-01-15"));
    assert!(
        error
            .to_string()
            .contains("being written by another process")
    );
    drop(held);
    apply_and_write(&loaded, &[edit()]).expect("written once the lock is free");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no lock or temp file left"
    );
}

#[test]
fn the_lock_is_released_when_the_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_in(dir.path());
    let loaded = Loaded::read(&path).unwrap();
    fs::write(&path, "id: S117-0001\n").unwrap();
    let error = apply_and_write(&loaded, &[edit()]).unwrap_err();
    assert!(matches!(error, WriteError::ChangedOnDisk { .. }), "{error}");
    assert!(!lock::lock_path(loaded.real_path()).exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_is_refused_at_write_time() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = plan_in(dir.path());
    let loaded = Loaded::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let error = apply_and_write(&loaded, &[edit()]).unwrap_err();
    assert!(
        matches!(&error, WriteError::ReadOnly { what, .. } if what == "the file has no write permission"),
        "{error}"
    );
    assert!(!lock::lock_path(loaded.real_path()).exists());
}

#[cfg(unix)]
#[test]
fn a_plan_outside_the_folder_is_not_read_for_editing_and_a_link_inside_is_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("plans");
    fs::create_dir(&root).unwrap();
    let outside = plan_in(dir.path());
    let link = root.join("link.yaml");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let error = Loaded::read_in(&root, &link).unwrap_err();
    assert!(matches!(error, WriteError::Outside { .. }), "{error}");
    let inside = plan_in(&root);
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&inside, &link).unwrap();
    let loaded = Loaded::read_in(&root, &link).unwrap();
    assert_eq!(loaded.real_path(), fs::canonicalize(&inside).unwrap());
    apply_and_write(&loaded, &[edit()]).unwrap();
    assert!(fs::read_to_string(&inside).unwrap().contains("2027-01-15"));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
