//! `aftercare check` as a user runs it: the real binary on real folders.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::GOOD_PLAN as GOOD;

fn aftercare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

#[test]
fn bad_files_are_named_and_good_plans_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good-1.yaml", GOOD.as_bytes());
    write(
        root,
        "team/good-2.yml",
        GOOD.replace("S117-9001", "S117-9002").as_bytes(),
    );
    write(
        root,
        "binary.yaml",
        &[0x7f, b'E', b'L', b'F', 0, 1, 2, 0xff, 0xfe],
    );
    write(root, "empty.yaml", b"");
    write(root, "latin1.yaml", b"schema: aftercare/v1\nid: Zo\xeb\n");
    write(
        root,
        "broken.yaml",
        b"schema: aftercare/v1\nid: [S117\nperson: x\n",
    );
    write(root, "notes.txt", b"not a plan, not scanned");
    write(root, ".git/config.yaml", b"hidden folders are skipped");
    fs::create_dir_all(root.join("folder.yaml")).unwrap();

    let output = aftercare(&["check", root.to_str().unwrap(), "--today", "2026-11-28"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let shown = |name: &str| format!("{}", root.join(name).display());
    for bad in [
        "binary.yaml",
        "empty.yaml",
        "latin1.yaml",
        "broken.yaml",
        "folder.yaml",
    ] {
        assert!(
            text.contains(&format!("{}:", shown(bad))),
            "{bad} named in:\n{text}"
        );
    }
    assert!(
        text.contains(&format!("{}:2:7: error: not UTF-8", shown("latin1.yaml"))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:1:1: error: the file is empty",
            shown("empty.yaml")
        )),
        "{text}"
    );
    assert!(
        !text.contains("good-1.yaml"),
        "good plans have no findings:\n{text}"
    );
    assert!(
        !text.contains("config.yaml") && !text.contains("notes.txt"),
        "{text}"
    );
    assert!(text.ends_with("7 plans, 5 errors, 0 warnings\n"), "{text}");
}

#[test]
fn the_sample_plans_are_valid() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let output = aftercare(&["check", samples.to_str().unwrap(), "--today", "2026-11-28"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.contains(": error:"), "{text}");
    assert!(
        text.contains(": warning:"),
        "the samples show warnings too:\n{text}"
    );
}

#[test]
fn json_output_carries_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.yaml",
        GOOD.replace("section: \"3\"", "section: \"2\"").as_bytes(),
    );
    let output = aftercare(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 1);
    let finding = &report["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["path"], "episode.section");
    assert_eq!(finding["location"]["line"], 6);
    assert_eq!(finding["location"]["column"], 12);
    assert_eq!(
        finding["message"],
        "section 2 gives no S117 entitlement (s117(1)): only detention under s3, 37, 45A, 47 or 48 qualifies; record the qualifying section the person was detained under, or keep this person off the S117 register"
    );
}

#[test]
fn an_unreadable_folder_exits_2() {
    let output = aftercare(&["check", "/no/such/folder/anywhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such folder"));
    let file = tempfile::NamedTempFile::new().unwrap();
    let output = aftercare(&["check", file.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let output = aftercare(&["check", "plans", "--today", "2026-02-30"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn clean_folder_exits_0_with_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", GOOD.as_bytes());
    let output = aftercare(&[
        "check",
        dir.path().to_str().unwrap(),
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "1 plan, 0 errors, 0 warnings\n");
}

#[cfg(unix)]
#[test]
fn links_pipes_and_huge_files_are_findings_not_hangs() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("plans");
    fs::create_dir_all(&root).unwrap();
    write(&root, "good.yaml", GOOD.as_bytes());
    let outside = dir.path().join("outside.yaml");
    fs::write(&outside, GOOD.replace("S117-9001", "S117-9009")).unwrap();
    symlink(&outside, root.join("escape.yaml")).unwrap();
    symlink(root.join("good.yaml"), root.join("alias.yaml")).unwrap();
    symlink(root.join("loop-b.yaml"), root.join("loop-a.yaml")).unwrap();
    symlink(root.join("loop-a.yaml"), root.join("loop-b.yaml")).unwrap();
    let made_fifo = Command::new("mkfifo").arg(root.join("pipe.yaml")).status();
    write(&root, "huge.yaml", &vec![b'#'; 2 * 1024 * 1024]);
    write(
        &root,
        "locked.yaml",
        GOOD.replace("S117-9001", "S117-9003").as_bytes(),
    );
    fs::set_permissions(root.join("locked.yaml"), fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read_anything = fs::read(root.join("locked.yaml")).is_ok();

    let output = aftercare(&["check", root.to_str().unwrap(), "--today", "2026-11-28"]);
    let text = stdout(&output);
    let line_for = |name: &str| {
        text.lines()
            .find(|line| line.contains(&format!("/{name}:")))
            .unwrap_or_else(|| panic!("{name} not reported:\n{text}"))
            .to_owned()
    };
    assert!(line_for("escape.yaml").contains("outside the plans folder"));
    assert!(line_for("loop-a.yaml").contains("symlink"));
    assert!(line_for("huge.yaml").contains("larger than 1024 KiB"));
    if made_fifo.is_ok_and(|status| status.success()) {
        assert!(line_for("pipe.yaml").contains("not a regular file"));
    }
    if !root_can_read_anything {
        assert!(line_for("locked.yaml").contains("permission denied"));
    }
    // A symlink to a plan inside the folder is the same plan: loaded once, no clash.
    assert!(!text.contains("alias.yaml"), "{text}");
    assert!(!text.contains("also used by"), "{text}");
    fs::set_permissions(root.join("locked.yaml"), fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn the_configured_folder_is_the_default_and_unknown_keys_warn() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plans-here/a.yaml", GOOD.as_bytes());
    let config = dir.path().join("config.yaml");
    fs::write(
        &config,
        format!(
            "plans: {}\ndue_son_days: 3\n",
            dir.path().join("plans-here").display()
        ),
    )
    .unwrap();
    let output = aftercare(&[
        "--config",
        config.to_str().unwrap(),
        "check",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(stdout(&output), "1 plan, 0 errors, 0 warnings\n");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("config.yaml:2:1: unknown config key `due_son_days`"),
        "{stderr}"
    );
    let path = aftercare(&["--config", config.to_str().unwrap(), "config", "path"]);
    assert_eq!(stdout(&path).trim(), config.to_str().unwrap());
}
