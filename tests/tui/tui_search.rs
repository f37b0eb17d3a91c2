//! The plans list's search, filters and sorts as a user meets them: `/` ranks whole words
//! first and says why each plan is listed, `f` keeps the plans of one ICB, LA or care
//! coordinator, `S` turns the sort round, and sorting by a body shows that body.

use aftercare::tui::action::SortKey;
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::tui_keys::{app, listed_ids, screen};

#[test]
fn a_whole_word_ranks_first_and_each_row_says_why_it_matched() {
    let mut app = app();
    press(&mut app, "/lambeth");
    let ids = listed_ids(&app);
    // The Lambeth plan, then a Southwark plan whose need text has the letters in order.
    assert_eq!(
        ids.first().map(String::as_str),
        Some("S117-0133"),
        "{ids:?}"
    );
    let text = screen(&app);
    assert!(text.contains("sorted by match"), "{text}");
    assert!(text.contains("Matched"), "{text}");
    assert!(text.contains("LA: …Lambeth"), "{text}");
    assert!(
        text.contains("need: "),
        "the fuzzy one says which field: {text}"
    );
    // Esc clears the search: the list is sorted by its key again.
    press(&mut app, "<esc>");
    assert!(screen(&app).contains("sorted by next review"));
    assert!(!screen(&app).contains("Matched"));
}

#[test]
fn f_keeps_only_the_plans_of_one_icb_and_refuses_a_name_no_plan_has() {
    let mut app = app();
    let all = listed_ids(&app).len();
    press(&mut app, "f");
    assert_eq!(app.layer(), Layer::Filter);
    press(&mut app, "NHS Nowhere ICB<ret>");
    let text = screen(&app);
    assert_eq!(app.layer(), Layer::Filter, "refused: {text}");
    assert!(
        text.contains("no plan names the ICB \"NHS Nowhere ICB\""),
        "{text}"
    );
    assert!(
        text.contains("NHS South East London ICB"),
        "names the known: {text}"
    );
    // Typed in another case: the folder's spelling, exactly.
    press(&mut app, "<C-u>nhs south east london icb<ret>");
    assert_eq!(app.layer(), Layer::Dashboard, "{}", screen(&app));
    let shown = listed_ids(&app);
    assert_eq!(shown.len(), 5, "{shown:?}");
    assert!(shown.len() < all);
    for index in &app.nav.list.rows {
        assert_eq!(
            app.folder.summaries[*index].icb,
            "NHS South East London ICB"
        );
    }
    let text = screen(&app);
    assert!(text.contains("[ICB: NHS South East London ICB]"), "{text}");
    // The list says how many it shows; the header still counts the whole folder.
    assert!(text.contains("5 shown"), "{text}");
    assert!(text.contains(&format!(" {all} plans")), "{text}");
    // A coordinator too, on top of the ICB; Esc clears both.
    press(&mut app, "f<tab><tab>B. Ilori<right><ret>");
    assert_eq!(listed_ids(&app), ["S117-0126"]);
    press(&mut app, "<esc>");
    assert_eq!(listed_ids(&app).len(), all);
}

#[test]
fn capital_s_reverses_the_sort_keeping_plans_without_a_date_last() {
    let mut app = app();
    let forward = listed_ids(&app);
    press(&mut app, "S");
    assert!(app.nav.list.reversed);
    assert!(screen(&app).contains("sorted by next review, reversed"));
    let backward = listed_ids(&app);
    let dated = |app: &aftercare::tui::app::App| {
        app.nav
            .list
            .rows
            .iter()
            .map(|index| app.folder.summaries[*index].next_review)
            .collect::<Vec<_>>()
    };
    let dates = dated(&app);
    let present: Vec<_> = dates.iter().flatten().collect();
    assert!(
        present.windows(2).all(|pair| pair[0] >= pair[1]),
        "{dates:?}"
    );
    let first_missing = dates.iter().position(Option::is_none);
    if let Some(first_missing) = first_missing {
        assert!(
            dates[first_missing..].iter().all(Option::is_none),
            "{dates:?}"
        );
    }
    assert_ne!(forward, backward);
    press(&mut app, "S");
    assert_eq!(listed_ids(&app), forward);
}

#[test]
fn sorting_by_a_body_shows_that_body_at_80_columns() {
    let mut app = app();
    assert!(!screen(&app).contains("Local authority"));
    press(&mut app, "ssss");
    assert_eq!(app.nav.list.sort, SortKey::LocalAuthority);
    let text = screen(&app);
    assert!(text.contains("Local authority"), "{text}");
    // Long names lose the words most of them share: `Camden`, not `London Borough …`.
    assert!(text.contains("Camden"), "{text}");
    press(&mut app, "s");
    assert!(!screen(&app).contains("Local authority"));
    press(&mut app, "sss");
    assert_eq!(app.nav.list.sort, SortKey::Icb);
    assert!(screen(&app).contains("ICB"));
}

/// At the smallest supported size (60x16) every tab of a plan shows its number and name.
#[test]
fn a_plans_tabs_fit_at_60_columns() {
    use aftercare::tui::keyscript::send;
    use aftercare::tui::msg::Msg;
    for plan in ["/0042<ret><ret>", "/0104<ret><ret>"] {
        let mut app = app();
        send(
            &mut app,
            Msg::Resize {
                width: 60,
                height: 16,
            },
        );
        press(&mut app, plan);
        let text = screen(&app);
        let tabs = text
            .lines()
            .find(|line| line.contains("1 Needs"))
            .unwrap_or_else(|| panic!("no tab bar:\n{text}"));
        for tab in ["2 Voice", "3 Crisis", "4 Reviews", "5 Findings"] {
            assert!(tabs.contains(tab), "{tab} in {tabs}");
        }
    }
}
