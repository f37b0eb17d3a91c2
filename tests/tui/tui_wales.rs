//! A plan under Welsh law (`jurisdiction: wales`): the app names the Local Health Board where
//! an English plan names the ICB.

use std::fs;
use std::path::Path;

use aftercare::tui::keyscript::press;

use crate::common::{Samples, screen};

#[test]
fn a_welsh_plan_shows_its_health_needs_under_the_local_health_board() {
    let samples = Samples::new();
    let welsh = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/rules-sound/live-sound-wales-care-and-treatment-plan.yaml"),
    )
    .unwrap();
    let id = welsh
        .lines()
        .find_map(|line| line.strip_prefix("id: "))
        .unwrap()
        .to_owned();
    fs::write(samples.path("welsh.yaml"), &welsh).unwrap();
    let mut app = samples.app();
    press(&mut app, &format!("/{}<ret><ret>", &id[5..]));
    let text = screen(&app);
    assert!(text.contains(&id), "{text}");
    assert!(text.contains("HEALTH (LHB)"), "{text}");
    assert!(text.contains("JOINT (LHB + LA)"), "{text}");
    assert!(!text.contains("HEALTH (ICB)"), "{text}");
    // An English plan beside it keeps the ICB.
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>");
    assert!(screen(&app).contains("HEALTH (ICB)"), "{}", screen(&app));
}
