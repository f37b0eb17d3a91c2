//! Quick edits from the plan view, driven by key scripts against a temporary copy of the
//! sample plans, asserting the bytes written: one-line diffs, only the lines a change names,
//! undo, the guards, read-only files and folders, and a file changed behind the app's back.

use std::fs;

use aftercare::store::diff::line_counts;
use aftercare::tui::app::{Overlay, Screen};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::common::{Samples, changed_lines, golden, screen};

const PLAN: &str = "north/s117-0042.yaml";

fn pending(app: &aftercare::tui::app::App) -> usize {
    app.pending_changes()
}

#[test]
fn a_quick_date_change_is_a_one_line_diff() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m");
    let text = screen(&app);
    assert!(text.contains("= Sun 28 Feb 2027"), "{text}");
    press(&mut app, "<ret>");
    assert_eq!(pending(&app), 1);
    assert!(screen(&app).contains("*1 unsaved"));
    assert_eq!(
        samples.read(PLAN),
        Samples::original(PLAN),
        "nothing before y"
    );
    press(&mut app, "w");
    assert_eq!(app.layer(), Layer::Diff);
    assert!(screen(&app).contains("+  next_due: \"2027-02-28\""));
    press(&mut app, "y");
    let written = samples.read(PLAN);
    assert_eq!(line_counts(&Samples::original(PLAN), &written), (1, 1));
    golden("0042-next-due.yaml", &written);
    assert_eq!(app.layer(), Layer::Plan);
    let text = screen(&app);
    assert!(text.contains("saved"), "{text}");
    assert!(text.contains("next review 28 Feb 2027"), "{text}");
}

#[test]
fn a_need_review_date_on_a_need() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>d");
    assert!(screen(&app).contains("Review date of N1"));
    press(&mut app, "01/06/2027<ret>wy");
    let (removed, added) = changed_lines(&Samples::original(PLAN), &samples.read(PLAN));
    assert_eq!(removed, vec!["    review_by: 2027-04-30"]);
    assert_eq!(added, vec!["    review_by: 2027-06-01"]);
}

#[test]
fn joint_40_60_changes_only_the_category_and_funding_lines() {
    let samples = Samples::new();
    let mut app = samples.app();
    // N5 is the one social need: Tab to the social column.
    press(&mut app, "/0042<ret><ret><tab>c");
    assert!(screen(&app).contains("Category and funding of N5"));
    press(&mut app, "j<tab><C-u>40");
    assert!(screen(&app).contains("LA share: 60%"));
    press(&mut app, "<ret>");
    assert_eq!(pending(&app), 1);
    // N5 left the social column, now empty: the keys move to a column that has needs.
    let text = screen(&app);
    assert!(text.contains("SOCIAL (LA) 0"), "{text}");
    assert!(!text.contains("No needs recorded"), "{text}");
    press(&mut app, "wy");
    let written = samples.read(PLAN);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert_eq!(
        removed,
        vec!["    category: social", "    funding: {la: 100}"]
    );
    assert_eq!(
        added,
        vec!["    category: joint", "    funding: {icb: 40, la: 60}"]
    );
    golden("0042-n5-joint.yaml", &written);
}

#[test]
fn status_text_add_end_and_dispute_edits_each_touch_their_fields() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>j");
    // N4: on hold.
    press(&mut app, "so<ret>");
    // N4: provider (then Enter past the money, left as it is).
    press(&mut app, "e<tab><C-u>Camden Talking Therapies<ret><ret>");
    // A new need, N6.
    press(
        &mut app,
        "aEmployment support<ret>s<ret>Camden Works<ret><ret><ret><ret>",
    );
    // N1 ended, with why.
    press(&mut app, "kxNo longer on clozapine<ret>");
    // The N3 dispute resolved.
    press(&mut app, "D<ret>");
    assert_eq!(pending(&app), 5, "{}", screen(&app));
    press(&mut app, "wy");
    let written = samples.read(PLAN);
    golden("0042-quick-edits.yaml", &written);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert!(removed.contains(&"    status: active".to_owned()));
    assert!(added.contains(&"    status: on_hold".to_owned()));
    assert!(added.contains(&"    provider: Camden Talking Therapies".to_owned()));
    assert!(added.contains(&"  - id: N6".to_owned()));
    assert!(added.contains(&"    notes: \"Ended 2026-11-28: No longer on clozapine\"".to_owned()));
    assert!(removed.contains(&"  dispute:".to_owned()));
}

#[test]
fn opening_a_dispute_needs_an_interim_funder_and_a_need() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0118<ret><ret>D");
    assert!(screen(&app).contains("Open an ICB/LA dispute"));
    press(&mut app, "<ret><ret><ret><ret>");
    assert!(screen(&app).contains("tick the needs"), "{}", screen(&app));
    press(
        &mut app,
        "<up><up> <tab>l<tab>Which side funds the day centre?<ret>",
    );
    assert_eq!(pending(&app), 1, "{}", screen(&app));
    press(&mut app, "wy");
    let file = "south/s117-0118.yaml";
    let written = samples.read(file);
    let (removed, added) = changed_lines(&Samples::original(file), &written);
    assert!(removed.is_empty() || removed.iter().all(|l| !l.contains("dispute")));
    assert!(added.iter().any(|l| l == "  dispute:"), "{added:?}");
    assert!(
        added.iter().any(|l| l.contains("interim_funder: la")),
        "{added:?}"
    );
}

#[test]
fn undo_takes_back_the_last_change_only() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>jd+6w<ret>");
    assert_eq!(pending(&app), 2);
    press(&mut app, "u");
    assert_eq!(pending(&app), 1);
    assert!(screen(&app).contains("undone: N1 review date 30 Apr 2027 -> 09 Jan 2027"));
    press(&mut app, "wy");
    let (removed, added) = changed_lines(&Samples::original(PLAN), &samples.read(PLAN));
    assert_eq!(removed, vec!["  next_due: \"2026-12-10\""]);
    assert_eq!(added, vec!["  next_due: \"2027-02-28\""]);
    press(&mut app, "u");
    assert!(screen(&app).contains("nothing to undo"));
}

#[test]
fn leaving_with_pending_changes_asks_and_esc_keeps_them() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret><esc>");
    assert_eq!(app.layer(), Layer::Guard);
    assert!(screen(&app).contains("S117-0042 has 1 pending change not written"));
    press(&mut app, "<esc>");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(pending(&app), 1);
    press(&mut app, "<esc>d");
    assert_eq!(app.nav.screen, Screen::Dashboard);
    assert!(app.session.is_none());
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn quitting_with_pending_changes_can_write_them_first() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>q");
    assert_eq!(app.layer(), Layer::Guard);
    assert!(!app.has_quit());
    press(&mut app, "w");
    assert_eq!(app.layer(), Layer::Diff);
    press(&mut app, "y");
    assert!(app.has_quit());
    assert_eq!(
        line_counts(&Samples::original(PLAN), &samples.read(PLAN)),
        (1, 1)
    );
}

#[test]
fn ctrl_c_in_a_prompt_with_typed_text_asks_too() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>e<C-c>");
    assert!(
        app.has_quit(),
        "nothing typed and nothing pending: Ctrl-c quits"
    );
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>eX<C-c>");
    assert_eq!(app.layer(), Layer::Guard);
    assert!(screen(&app).contains("will be lost"));
    press(&mut app, "<esc>");
    assert_eq!(app.layer(), Layer::Prompt);
}

#[test]
fn esc_in_a_prompt_asks_before_losing_typed_text() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>d<esc>");
    assert_eq!(app.layer(), Layer::Plan, "nothing typed: Esc just closes");
    press(&mut app, "d+2w<esc>");
    assert_eq!(app.layer(), Layer::Confirm);
    press(&mut app, "n");
    assert_eq!(app.layer(), Layer::Prompt);
    assert!(screen(&app).contains("+2w"));
    press(&mut app, "<esc>y");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(pending(&app), 0);
}

#[test]
fn a_change_that_would_add_an_error_is_refused_and_nothing_is_written() {
    let samples = Samples::new();
    let mut app = samples.app();
    // N2 joint with the ICB paying it all: rule 5 wants both shares non-zero.
    press(&mut app, "/0042<ret><ret><tab><tab>c<tab><C-u>100");
    assert!(screen(&app).contains("ERROR"), "{}", screen(&app));
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Prompt);
    assert!(screen(&app).contains("refused: fix the error above first"));
    press(&mut app, "<esc>y");
    assert_eq!(pending(&app), 0);
    press(&mut app, "w");
    assert!(screen(&app).contains("nothing to write"));
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn an_impossible_date_is_refused() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd31/02/2027");
    assert!(screen(&app).contains("There is no day 31 in February 2027"));
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Prompt);
    assert_eq!(pending(&app), 0);
    press(&mut app, "<C-u>01/01/2026");
    assert!(screen(&app).contains("in the past"));
    press(&mut app, "<C-u>+18m");
    assert!(screen(&app).contains("more than 12 months away"));
    press(&mut app, "<ret>");
    assert_eq!(pending(&app), 1, "a warning does not refuse");
}

#[test]
fn read_only_flag_disables_every_edit_key() {
    let samples = Samples::new();
    let mut app = samples.app();
    app.ui.read_only = Some(aftercare::tui::strings::READ_ONLY_FLAG.to_owned());
    press(&mut app, "/0042<ret><ret>");
    assert!(screen(&app).contains("read-only"));
    for key in ["d", "s", "c", "e", "a", "x", "D", "E", "r"] {
        press(&mut app, key);
        assert_eq!(app.layer(), Layer::Plan, "{key} opened something");
        assert!(screen(&app).contains("editing is off"), "{key}");
    }
    press(&mut app, "<esc>n");
    assert!(screen(&app).contains("editing is off"));
    assert!(app.nav.overlays.is_empty());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_or_folder_says_so_on_an_edit_key() {
    use std::os::unix::fs::PermissionsExt;
    let samples = Samples::new();
    let path = samples.path(PLAN);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>d");
    assert!(app.nav.overlays.is_empty());
    assert!(screen(&app).contains("read-only: the file has no write permission"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let folder = samples.path("north");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>c");
    let text = screen(&app);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(text.contains("is read-only"), "{text}");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn an_external_change_mid_edit_offers_reload_and_re_applies() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>");
    // Someone else edits the file: a comment at the top and N3's status.
    let theirs = format!(
        "# edited elsewhere\n{}",
        Samples::original(PLAN).replace("    status: proposed\n", "    status: agreed\n")
    );
    fs::write(samples.path(PLAN), &theirs).unwrap();
    press(&mut app, "wy");
    assert_eq!(app.layer(), Layer::Reload);
    assert!(screen(&app).contains("changed on disk"));
    assert_eq!(
        samples.read(PLAN),
        theirs,
        "a refused write leaves the bytes"
    );
    press(&mut app, "r");
    assert_eq!(app.layer(), Layer::Diff, "the diff again before writing");
    press(&mut app, "y");
    let written = samples.read(PLAN);
    let (removed, added) = changed_lines(&theirs, &written);
    assert_eq!(removed, vec!["  next_due: \"2026-12-10\""]);
    assert_eq!(added, vec!["  next_due: \"2027-02-28\""]);
}

#[test]
fn a_change_that_no_longer_applies_is_listed_not_written() {
    let samples = Samples::new();
    let mut app = samples.app();
    // N3 (joint, the second row there): proposed -> agreed; and the plan's date.
    press(&mut app, "/0042<ret><ret><tab><tab>jsa<ret>kkd+3m<ret>");
    assert_eq!(pending(&app), 2, "{}", screen(&app));
    let theirs = Samples::original(PLAN).replace("    status: proposed\n", "    status: on_hold\n");
    fs::write(samples.path(PLAN), &theirs).unwrap();
    press(&mut app, "wyr");
    let Some(Overlay::Diff(view)) = app.top_overlay() else {
        panic!("the diff again expected:\n{}", screen(&app))
    };
    assert_eq!(
        view.notes,
        vec!["dropped: N3 status proposed -> agreed (N3 status is now on_hold in the file)"]
    );
    assert_eq!(pending(&app), 1);
    press(&mut app, "y");
    let (removed, added) = changed_lines(&theirs, &samples.read(PLAN));
    assert_eq!(removed.len(), 1);
    assert_eq!(added, vec!["  next_due: \"2027-02-28\""]);
}

#[test]
fn a_change_to_a_need_whose_id_was_swapped_on_disk_is_dropped_not_moved() {
    let samples = Samples::new();
    let mut app = samples.app();
    // N1 (the first need, selected on opening): its review date.
    press(&mut app, "/0042<ret><ret>d01/06/2027<ret>");
    assert_eq!(pending(&app), 1, "{}", screen(&app));
    // Elsewhere, N1 and N2 swap ids, and the record now called N1 gets the same review
    // date as the old N1 had: only the need's text tells them apart.
    let theirs = Samples::original(PLAN)
        .replace("  - id: N1\n", "  - id: N0\n")
        .replace("  - id: N2\n", "  - id: N1\n")
        .replace("  - id: N0\n", "  - id: N2\n")
        .replace(
            "    status: active\n    since: 2024-04-22\n    notes: |\n",
            "    status: active\n    since: 2024-04-22\n    review_by: 2027-04-30\n    notes: |\n",
        );
    assert_eq!(theirs.matches("review_by: 2027-04-30").count(), 2);
    fs::write(samples.path(PLAN), &theirs).unwrap();
    press(&mut app, "wy");
    assert_eq!(app.layer(), Layer::Reload, "{}", screen(&app));
    press(&mut app, "r");
    let said = app
        .ui
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("N1 is now 'Supported living placement, 24-hour")
            && said.contains("not 'Clozapine monitoring (FBC, clozapine")
            && said.contains("as when the change was made"),
        "{said}\n{}",
        screen(&app)
    );
    assert_eq!(pending(&app), 0);
    // Whatever comes next, nothing is written to the need that now has the id.
    press(&mut app, "y");
    assert_eq!(samples.read(PLAN), theirs);
}

#[test]
fn the_diff_scrolls_and_n_goes_back_with_changes_kept() {
    let samples = Samples::new();
    let mut app = samples.app();
    aftercare::tui::keyscript::send(
        &mut app,
        aftercare::tui::msg::Msg::Resize {
            width: 80,
            height: 16,
        },
    );
    press(&mut app, "/0042<ret><ret>kd+3m<ret>w");
    let Some(Overlay::Diff(view)) = app.top_overlay() else {
        panic!("diff expected")
    };
    assert_eq!(view.scroll.offset(), 0);
    press(&mut app, "j");
    let Some(Overlay::Diff(view)) = app.top_overlay() else {
        panic!("diff expected")
    };
    assert_eq!(view.scroll.offset(), 1);
    press(&mut app, "n");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(pending(&app), 1);
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn an_edit_the_editor_cannot_make_safely_says_why_when_queued() {
    let samples = Samples::new();
    let text = Samples::original(PLAN)
        .replace(
            "    provider: Camden CMHT North clozapine clinic\n",
            "    provider: &clinic Camden CMHT North clozapine clinic\n",
        )
        .replace(
            "    provider: Camden Psychological Therapies\n",
            "    provider: *clinic\n",
        );
    fs::write(samples.path(PLAN), &text).unwrap();
    let mut app = samples.app();
    // N4 (second in the health column): its provider is an alias.
    press(
        &mut app,
        "/0042<ret><ret>je<tab><C-u>Camden Talking Therapies<ret><ret>",
    );
    let shown = screen(&app);
    assert_eq!(app.layer(), Layer::Prompt, "{shown}");
    assert!(shown.contains("cannot be written here"), "{shown}");
    assert_eq!(pending(&app), 0);
    // Other fields of the same plan can still be edited.
    press(&mut app, "<esc>ykd+3m<ret>wy");
    let (removed, added) = changed_lines(&text, &samples.read(PLAN));
    assert_eq!((removed.len(), added.len()), (1, 1));
}

/// The folder-wide rule (each id used once) runs again after every write: its finding is
/// never doubled, and goes when the clash is gone.
#[test]
fn a_shared_id_is_one_finding_however_often_the_folder_rule_runs() {
    let samples = Samples::new();
    let copy = samples.path("north/s117-0042-copy.yaml");
    fs::write(&copy, Samples::original(PLAN)).unwrap();
    let mut app = samples.app();
    let clashes = |app: &aftercare::tui::app::App| -> Vec<usize> {
        app.folder
            .files
            .iter()
            .map(|file| {
                file.findings
                    .iter()
                    .filter(|finding| finding.message.contains("is also used by"))
                    .count()
            })
            .filter(|count| *count > 0)
            .collect()
    };
    assert_eq!(clashes(&app), vec![1, 1], "both copies, once each");
    // Two writes to the other copy's sibling plan: the folder rule runs twice more.
    press(&mut app, "/0057<ret><ret>d<C-u>01/06/2027<ret>wy");
    press(&mut app, "d<C-u>02/06/2027<ret>wy");
    assert_eq!(clashes(&app), vec![1, 1], "still once each");
    // The copy given its own id and put back (as a write does): the clash is gone from both.
    let index = app
        .folder
        .files
        .iter()
        .position(|file| file.path == copy)
        .unwrap();
    let mut renamed = app.folder.files[index].clone();
    if let Some(plan) = renamed.plan.as_mut() {
        plan.id = Some("S117-0043".into());
    }
    let mut files = app.folder.files.clone();
    files[index] = renamed;
    let changed = aftercare::store::folder::apply_folder_rules(&mut files);
    assert_eq!(
        changed.len(),
        2,
        "both files' summaries to bring up to date"
    );
    assert!(files.iter().all(|file| {
        file.findings
            .iter()
            .all(|f| !f.message.contains("is also used by"))
    }));
}

/// A changed value whose line carries a comment (`next_due: 2026-10-15  # MISSED: ...`): the
/// diff says the comment may be out of date; `y` keeps it (text is never dropped silently),
/// `x` removes it and shows the diff again, and only then is it gone from the file.
#[test]
fn a_comment_the_change_may_have_outdated_is_kept_unless_the_user_removes_it() {
    const FILE: &str = "south/s117-0104.yaml";
    const COMMENT: &str = "# MISSED: clashed with MAPPA meeting; to rebook";
    for remove in [false, true] {
        let samples = Samples::new();
        let mut app = samples.app();
        press(&mut app, "/0104<ret><ret>kd<C-u>15/01/2027<ret>w");
        assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
        let text = screen(&app);
        assert!(
            text.contains("the comment on this line may be out of date"),
            "{text}"
        );
        assert!(text.contains("x remove comment"), "{text}");
        if remove {
            press(&mut app, "x");
            assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
            let text = screen(&app);
            assert!(text.contains("Removed the comment on line"), "{text}");
            assert!(!text.contains("x remove comment"), "{text}");
        }
        press(&mut app, "y");
        let written = samples.read(FILE);
        assert!(written.contains("next_due: 2027-01-15"), "{written}");
        assert_eq!(written.contains(COMMENT), !remove, "{written}");
    }
}
