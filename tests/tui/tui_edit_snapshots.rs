//! Snapshots of the editing screens at 80x24 (some at 200x50 too): the prompts, each step of
//! the review, the diff before a write, and the dialogs of the guards. Drawn from a temporary
//! copy of the samples with today fixed at 28 Nov 2026; nothing is written.

use std::fs;

use aftercare::tui::app::App;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::views::draw_to_text;

use crate::common::Samples;

fn frame(app: &mut App, width: u16, height: u16) -> String {
    send(app, Msg::Resize { width, height });
    draw_to_text(app, width, height)
}

fn snap_at(name: &str, keys: &str, sizes: &[(u16, u16)]) {
    for &(width, height) in sizes {
        let samples = Samples::new();
        let mut app = samples.app_named_plans();
        send(&mut app, Msg::Resize { width, height });
        press(&mut app, keys);
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            frame(&mut app, width, height)
        );
    }
}

fn snap(name: &str, keys: &str) {
    snap_at(name, keys, &[(80, 24)]);
}

fn snap_both(name: &str, keys: &str) {
    snap_at(name, keys, &[(80, 24), (200, 50)]);
}

const OPEN: &str = "/0042<ret><ret>";

#[test]
fn prompts() {
    snap_both("prompt_next_review", &format!("{OPEN}kd+3m"));
    snap("prompt_past_date", &format!("{OPEN}kd01/01/2026"));
    snap("prompt_impossible_date", &format!("{OPEN}kd31/02/2027"));
    snap(
        "prompt_category_joint",
        &format!("{OPEN}<tab>cj<tab><C-u>40"),
    );
    snap(
        "prompt_joint_all_icb_error",
        &format!("{OPEN}<tab><tab>c<tab><C-u>100<ret>"),
    );
    snap("prompt_status_ended", &format!("{OPEN}se"));
    snap(
        "prompt_add_need",
        &format!("{OPEN}aEmployment support<ret>j"),
    );
    snap("prompt_dispute_resolve", &format!("{OPEN}D"));
    snap("prompt_end_s117_cto", &format!("{OPEN}E"));
    // An ending of a plan off any CTO, not yet filled in: nothing typed is "not yet given".
    snap("prompt_end_s117_live_needs", "/0133<ret><ret>E");
    snap(
        "prompt_new_detention",
        "/0061<ret><ret>N<ret>02/11/2026<ret>20/11/2026<ret>",
    );
    snap(
        "prompt_new_detention_s2",
        "/0061<ret><ret>N2<ret>02/11/2026<ret>n",
    );
    snap(
        "prompt_new_plan",
        "n<ret>T.K.<ret><ret><ret><ret><ret><ret>20/11/2026<ret><ret>NHS B",
    );
}

#[test]
fn review_steps() {
    let steps = [
        ("review_1_meeting", "r"),
        ("review_2_attendees", "r<ret><ret><space><right><space>"),
        ("review_3_need_keep", "r<ret><ret><ret><ret>"),
        (
            "review_4_need_change",
            "r<ret><ret><ret><ret><ret>c<tab><tab><tab><tab><C-u>30",
        ),
        (
            "review_5_need_end",
            "r<ret><ret><ret><ret><ret><ret><ret><ret>e<tab>Courses finished",
        ),
        (
            "review_6_new_needs",
            "r<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>Peer mentoring<ret>s<ret><ret><ret><ret><ret>",
        ),
        (
            "review_7_voice",
            "r<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>",
        ),
        (
            "review_8_outcome",
            "r<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>",
        ),
        (
            "review_9_next_review",
            "r<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>",
        ),
        (
            "review_10_check",
            "r<ret><ret><space><pgdn><pgdn><ret>c<tab><tab><tab><tab><C-u>30<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>",
        ),
        ("review_stop_asks", "r<ret><ret><space><esc>"),
    ];
    for (name, keys) in steps {
        snap(name, &format!("{OPEN}{keys}"));
    }
    snap_at(
        "review_10_check",
        &format!(
            "{OPEN}r<ret><ret><space><pgdn><pgdn><ret>c<tab><tab><tab><tab><C-u>30<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>"
        ),
        &[(200, 50)],
    );
}

#[test]
fn diff_and_header_states() {
    snap_both("diff_next_review", &format!("{OPEN}kd+3m<ret>w"));
    snap(
        "diff_review",
        &format!(
            "{OPEN}r<ret><ret><space><pgdn><pgdn><ret>c<tab><tab><tab><tab><C-u>30<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><pgdn><ret>"
        ),
    );
    snap(
        "diff_new_plan",
        "n<ret>T.K.<ret><ret><ret><ret><ret><ret>20/11/2026<ret><ret>NHS B<right><ret>Bri<right><ret><ret><ret>",
    );
    snap(
        "plan_pending",
        &format!("{OPEN}kd+3m<ret><tab><tab>c<tab><C-u>30<ret>"),
    );
    snap("plan_saved", &format!("{OPEN}kd+3m<ret>wy"));
}

#[test]
fn guard_dialogs() {
    snap("guard_leave", &format!("{OPEN}kd+3m<ret><esc>"));
    snap("guard_quit", &format!("{OPEN}kd+3m<ret>q"));
    snap("confirm_discard_prompt", &format!("{OPEN}e<C-u>x<esc>"));
    // The file changes on disk between `w` and `y`.
    let samples = Samples::new();
    let mut app = samples.app_named_plans();
    press(&mut app, &format!("{OPEN}kd+3m<ret>w"));
    let path = samples.path("north/s117-0042.yaml");
    let theirs = format!("# elsewhere\n{}", fs::read_to_string(&path).unwrap());
    fs::write(&path, theirs).unwrap();
    press(&mut app, "y");
    insta::assert_snapshot!("reload_offer_80x24", frame(&mut app, 80, 24));
}
