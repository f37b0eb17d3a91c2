//! `aftercare set` through its `run` function: what it writes, and each refusal (unknown path,
//! new validation error, read-only plan, bad value) leaving the file's bytes as they were.
//! (An external change between read and write is tested next to the code, with a hook.)

use std::fs;
use std::path::{Path, PathBuf};

use aftercare::commands::set::{REFUSED, SetArgs, USAGE, WRITTEN, run};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/edit")
            .join(name),
    )
    .unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    file: PathBuf,
    before: String,
}

fn setup(name: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    let before = fixture(name);
    fs::write(&file, &before).unwrap();
    Setup {
        _dir: dir,
        file,
        before,
    }
}

fn set(plan: &str, path: &str, value: &str, dry_run: bool, dir: Option<&Path>) -> (u8, String) {
    let args = SetArgs {
        plan: plan.into(),
        path: path.into(),
        value: value.into(),
        dry_run,
        drop_comment: false,
        dir: dir.map(Path::to_path_buf),
    };
    let mut out = Vec::new();
    let code = run(&args, today(), &mut out).unwrap();
    (code, String::from_utf8(out).unwrap())
}

fn on(s: &Setup, path: &str, value: &str) -> (u8, String) {
    set(
        &s.file.to_string_lossy(),
        path,
        value,
        false,
        Some(s._dir.path()),
    )
}

#[test]
fn writes_a_date_given_as_at_the_prompt_and_prints_the_diff() {
    let s = setup("format-example.yaml");
    let (code, out) = on(&s, "reviews.next_due", "+6m");
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        out.contains("-  next_due: 2026-12-01\n+  next_due: 2027-05-28\n"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with(&format!("wrote {}", s.file.display())),
        "{out}"
    );
    let after = fs::read_to_string(&s.file).unwrap();
    assert_eq!(
        after,
        s.before
            .replace("next_due: 2026-12-01", "next_due: 2027-05-28")
    );
}

#[test]
fn a_dry_run_prints_the_diff_and_writes_nothing() {
    let s = setup("format-example.yaml");
    let (code, out) = set(
        &s.file.to_string_lossy(),
        "needs.N2.status",
        "on_hold",
        true,
        Some(s._dir.path()),
    );
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        out.contains("-    status: active\n+    status: on_hold\n"),
        "{out}"
    );
    assert!(out.contains("dry run"), "{out}");
    assert_eq!(fs::read_to_string(&s.file).unwrap(), s.before);
}

#[test]
fn a_missing_field_is_added_in_its_mapping() {
    let s = setup("format-example.yaml");
    let (code, out) = on(&s, "needs.N2.review_by", "01/03/2027");
    assert_eq!(code, WRITTEN, "{out}");
    let after = fs::read_to_string(&s.file).unwrap();
    assert_eq!(
        after,
        s.before.replace(
            "      Split agreed at joint panel 2024-05-10.\n",
            "      Split agreed at joint panel 2024-05-10.\n    review_by: 2027-03-01\n"
        )
    );
}

#[test]
fn a_plan_is_found_by_its_id_in_the_folder() {
    let s = setup("format-example.yaml");
    fs::write(s.file.with_file_name("other.yaml"), fixture("minimal.yaml")).unwrap();
    let folder = s.file.parent().unwrap();
    let (code, out) = set(
        "S117-0042",
        "needs.N1.provider",
        "CMHT South",
        false,
        Some(folder),
    );
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        fs::read_to_string(&s.file)
            .unwrap()
            .contains("    provider: CMHT South\n")
    );
    let (code, out) = set("S117-9999", "needs.N1.provider", "x", false, Some(folder));
    assert_eq!(code, USAGE, "{out}");
    assert!(out.contains("no plan with id `S117-9999`"), "{out}");
}

fn refused(s: &Setup, path: &str, value: &str, code: u8) -> String {
    let (got, out) = on(s, path, value);
    assert_eq!(got, code, "{out}");
    assert_eq!(
        fs::read_to_string(&s.file).unwrap(),
        s.before,
        "the file must be unchanged"
    );
    out
}

#[test]
fn an_unknown_need_is_refused_with_the_needs_there_are() {
    let s = setup("format-example.yaml");
    let out = refused(&s, "needs.N9.status", "ended", REFUSED);
    assert!(
        out.contains("there is no need `N9` (needs: N1, N2)"),
        "{out}"
    );
}

#[test]
fn a_misspelt_field_is_refused_with_the_right_one() {
    let s = setup("format-example.yaml");
    let out = refused(&s, "needs.N2.reveiw_by", "2027-01-01", REFUSED);
    assert!(out.contains("did you mean `review_by`?"), "{out}");
    assert!(out.contains("(a need has: id, need, category"), "{out}");
    let out = refused(&s, "reviews.nxt_due", "2027-01-01", REFUSED);
    assert!(
        out.contains("`reviews.nxt_due` is not a field the format knows"),
        "{out}"
    );
}

#[test]
fn a_change_that_adds_a_validation_error_is_refused_saying_which() {
    let s = setup("format-example.yaml");
    let out = refused(&s, "needs.N2.funding.icb", "50", REFUSED);
    assert!(out.contains("would add an error"), "{out}");
    assert!(out.contains(":39:"), "the error's line is shown: {out}");
    let out = refused(&s, "episode.section", "2", REFUSED);
    assert!(out.contains("would add an error"), "{out}");
}

#[test]
fn a_change_that_adds_a_warning_is_written_and_says_it_as_the_app_does() {
    let s = setup("format-example.yaml");
    let (code, out) = on(&s, "needs.N2.status", "declined");
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        out.contains(": warning: N2 is declined: declining a service does not end the entitlement"),
        "{out}"
    );
    assert!(out.contains("+    status: declined\n"), "{out}");
    // An old warning is not said again.
    let (code, out) = on(&s, "needs.N2.review_by", "01/03/2027");
    assert_eq!(code, WRITTEN, "{out}");
    assert!(!out.contains("warning"), "{out}");
}

#[test]
fn a_read_only_plan_is_refused_with_the_reason() {
    let s = setup("anchors.yaml");
    let out = refused(&s, "needs.N2.funding.icb", "60", REFUSED);
    assert!(
        out.contains("read-only: `needs.N2.funding.icb` runs through an alias (*)"),
        "{out}"
    );
}

#[test]
fn a_value_that_is_not_a_date_is_a_usage_error() {
    let s = setup("format-example.yaml");
    let out = refused(&s, "reviews.next_due", "31/02/2027", USAGE);
    assert!(out.contains("There is no day 31 in February 2027"), "{out}");
    let out = refused(&s, "reviews.interval_months", "twelve", USAGE);
    assert!(out.contains("is not a number"), "{out}");
}

/// A folder of plans with a plan outside it, for the escape attempts.
struct Escape {
    _top: tempfile::TempDir,
    folder: PathBuf,
    outside: PathBuf,
    before: String,
}

fn escape_setup() -> Escape {
    let top = tempfile::tempdir().unwrap();
    let folder = top.path().join("plans");
    fs::create_dir(&folder).unwrap();
    let before = fixture("format-example.yaml");
    fs::write(folder.join("inside.yaml"), &before).unwrap();
    let outside = top.path().join("outside.yaml");
    fs::write(&outside, &before).unwrap();
    Escape {
        folder,
        outside,
        before,
        _top: top,
    }
}

fn refused_outside(e: &Escape, plan: &str) {
    let (code, out) = set(plan, "reviews.next_due", "+6w", false, Some(&e.folder));
    assert_eq!(code, REFUSED, "{plan}: {out}");
    assert!(out.contains("outside the plans folder"), "{out}");
    assert_eq!(fs::read_to_string(&e.outside).unwrap(), e.before);
}

#[test]
fn a_path_cannot_reach_outside_the_plans_folder() {
    let e = escape_setup();
    refused_outside(&e, &e.folder.join("../outside.yaml").to_string_lossy());
    refused_outside(&e, &e.outside.to_string_lossy());
    refused_outside(&e, "/etc/passwd");
    // Relative to the working directory too: the crate's own files are outside `plans/`.
    let (code, out) = set("plans/../Cargo.toml", "a", "1", true, None);
    assert_eq!(code, REFUSED, "{out}");
    assert!(out.contains("outside the plans folder"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_cannot_lead_outside_but_may_lead_inside() {
    use std::os::unix::fs::symlink;
    let e = escape_setup();
    let link = e.folder.join("link.yaml");
    symlink(&e.outside, &link).unwrap();
    refused_outside(&e, &link.to_string_lossy());
    // A linked sub-folder is outside too, though the path looks inside.
    symlink(e.outside.parent().unwrap(), e.folder.join("team")).unwrap();
    refused_outside(&e, &e.folder.join("team/outside.yaml").to_string_lossy());
    // A link to a plan in the folder edits that plan.
    let twin = e.folder.join("twin.yaml");
    symlink(e.folder.join("inside.yaml"), &twin).unwrap();
    let (code, out) = set(
        &twin.to_string_lossy(),
        "needs.N2.status",
        "on_hold",
        false,
        Some(&e.folder),
    );
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        fs::read_to_string(e.folder.join("inside.yaml"))
            .unwrap()
            .contains("status: on_hold")
    );
    assert!(twin.is_symlink(), "the link stays a link");
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_folder_is_refused_without_waiting() {
    let e = escape_setup();
    let pipe = e.folder.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    fs::create_dir(e.folder.join("dir.yaml")).unwrap();
    let mut names = vec![e.folder.join("dir.yaml")];
    if made.is_ok_and(|status| status.success()) {
        names.push(pipe);
    }
    for name in names {
        let (code, out) = set(&name.to_string_lossy(), "a", "1", false, Some(&e.folder));
        assert_eq!(code, REFUSED, "{out}");
        assert!(out.contains("not a plan file"), "{out}");
    }
}

/// Text that a YAML 1.1 reader (PyYAML, older tools) would take for a date, a number, a
/// boolean or null is written quoted in a text field, so every reader gets the text back;
/// dates in date fields stay plain, as the format writes them.
#[test]
fn text_that_other_yaml_readers_would_retype_is_written_quoted() {
    for value in [
        "2026-01-01",
        "2026-1-1",
        "1_000",
        "017",
        "1_0.5",
        "0b1_0",
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "0x1F",
        "1e3",
        ".inf",
        "=",
    ] {
        let s = setup("format-example.yaml");
        let (code, out) = on(&s, "needs.N1.need", value);
        assert_eq!(code, WRITTEN, "{value}: {out}");
        let after = fs::read_to_string(&s.file).unwrap();
        assert_eq!(
            after,
            s.before.replace(
                "    need: Clozapine monitoring and depot review\n",
                &format!("    need: \"{value}\"\n")
            ),
            "{value}"
        );
    }
}

#[test]
fn a_new_text_key_holding_a_date_is_quoted_and_a_date_key_is_not() {
    let s = setup("format-example.yaml");
    let (code, out) = on(&s, "needs.N1.notes", "2026-01-01");
    assert_eq!(code, WRITTEN, "{out}");
    let (code, out) = on(&s, "needs.N2.review_by", "2027-03-01");
    assert_eq!(code, WRITTEN, "{out}");
    let after = fs::read_to_string(&s.file).unwrap();
    assert_eq!(
        after,
        s.before
            .replace(
                "    review_by: 2026-12-15     # optional per-need date\n",
                "    review_by: 2026-12-15     # optional per-need date\n    notes: \"2026-01-01\"\n"
            )
            .replace(
                "      Split agreed at joint panel 2024-05-10.\n",
                "      Split agreed at joint panel 2024-05-10.\n    review_by: 2027-03-01\n"
            )
    );
}

/// A text field the plan does not have yet is added as text too: `0x1F` or `1e3` as notes is
/// that text, not the number 31 or 1000.0.
#[test]
fn a_new_text_key_is_text_even_when_it_looks_like_a_number() {
    for (value, written) in [
        ("0x1F", "\"0x1F\""),
        ("1e3", "\"1e3\""),
        ("12", "\"12\""),
        ("yes", "\"yes\""),
    ] {
        let s = setup("format-example.yaml");
        let (code, out) = on(&s, "needs.N1.notes", value);
        assert_eq!(code, WRITTEN, "{value}: {out}");
        assert!(
            fs::read_to_string(&s.file).unwrap().contains(&format!(
                "    review_by: 2026-12-15     # optional per-need date\n    notes: {written}\n"
            )),
            "{value}: {out}"
        );
    }
}

#[test]
fn a_next_review_past_the_interval_is_warned_of_as_the_app_does() {
    let s = setup("format-example.yaml");
    // The last review was 20 Nov 2025 and the interval is 12 months.
    let (code, out) = on(&s, "reviews.next_due", "2027-12-15");
    assert_eq!(code, WRITTEN, "{out}");
    assert!(
        out.contains(
            ": warning: the next review 15 Dec 2027 is more than 12 months after the last review (20 Nov 2025): review at least every 12 months (reviews.interval_months; Code ch. 33); set the next review on or before 30 Nov 2026"
        ),
        "{out}"
    );
    assert!(out.contains("+  next_due: 2027-12-15\n"), "{out}");
}

#[test]
fn a_file_with_a_byte_order_mark_and_crlf_line_endings_is_edited_keeping_both() {
    let s = setup("bom-crlf.yaml");
    assert!(s.before.starts_with('\u{feff}') && s.before.contains("\r\n"));
    let (code, out) = on(&s, "reviews.next_due", "2026-10-01");
    assert_eq!(code, WRITTEN, "{out}");
    let after = fs::read_to_string(&s.file).unwrap();
    assert!(after.starts_with('\u{feff}'), "the BOM is kept");
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "no bare LF in a CRLF file"
    );
    let want = s
        .before
        .replacen("next_due: 2026-04-01\r\n", "next_due: 2026-10-01\r\n", 1);
    assert_ne!(
        want, s.before,
        "the fixture's next review is where the test expects"
    );
    assert_eq!(after, want);
}
