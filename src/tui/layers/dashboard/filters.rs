//! `f` on the plans list: exact filters by ICB, local authority and care coordinator, each
//! typed with the folder's names suggested (`→` completes). Enter applies them; an empty field
//! is no filter; a name no plan has is refused, naming the ones there are.

use std::collections::BTreeSet;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::form::suggest::known_spelling;
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::layers::dashboard::list::ExactFilters;
use crate::tui::layers::dashboard::summary::PlanSummary;
use crate::tui::layers::plan::editing::edit_form;
use crate::tui::overlays::{Prompt, Purpose};

/// The distinct names the folder's plans give, sorted.
fn known(app: &App, value: impl Fn(&PlanSummary) -> &str) -> Vec<String> {
    let names: BTreeSet<&str> = app
        .folder
        .summaries
        .iter()
        .map(value)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    names.into_iter().map(str::to_owned).collect()
}

/// Open the filters, filled in with those in force.
pub fn open(app: &mut App) {
    let exact = &app.nav.list.exact;
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let fields = vec![
        Field::suggest("icb", "ICB", text(&exact.icb), known(app, |s| &s.icb)),
        Field::suggest(
            "la",
            "Local authority",
            text(&exact.local_authority),
            known(app, |s| &s.local_authority),
        ),
        Field::suggest(
            "coordinator",
            "Care coordinator",
            text(&exact.coordinator),
            known(app, |s| &s.coordinator),
        ),
    ];
    let form = Form::new("Filter the plans", app.settings.today, fields).with_intro(vec![
        "Only the plans naming exactly these; an empty field is no filter.".into(),
        "Enter applies, Ctrl-u empties a field, Esc leaves the filters as they were.".into(),
    ]);
    app.nav.overlays.push(Overlay::Prompt(Box::new(Prompt {
        purpose: Purpose::Filter,
        form,
    })));
}

/// The filters the form gives, or why not: a name that no plan of the folder has.
pub fn read(form: &Form) -> Result<ExactFilters, String> {
    let one = |key: &str, what: &str| -> Result<Option<String>, String> {
        let Some(FieldKind::Suggest(input, names)) = form.field(key).map(|field| &field.kind)
        else {
            return Ok(None);
        };
        let typed = input.text().trim();
        if typed.is_empty() {
            return Ok(None);
        }
        match known_spelling(typed, names) {
            Some(name) => Ok(Some(name.to_owned())),
            None => Err(format!(
                "no plan names the {what} \"{typed}\"; the folder has: {}",
                names.join("; ")
            )),
        }
    };
    Ok(ExactFilters {
        icb: one("icb", "ICB")?,
        local_authority: one("la", "local authority")?,
        coordinator: one("coordinator", "care coordinator")?,
    })
}

/// Keys in the filters: typing as in any form, Enter applies, Esc leaves them as they were.
pub fn update(app: &mut App, action: Action) {
    let Some(Overlay::Prompt(prompt)) = app.nav.overlays.last_mut() else {
        return;
    };
    if edit_form(&mut prompt.form, &action) {
        return;
    }
    match action {
        Action::FormPrevious => {
            prompt.form.previous_field();
        }
        Action::ApplyFilters => apply(app),
        Action::FormCancel => {
            app.nav.overlays.pop();
        }
        _ => {}
    }
}

/// Enter on the filters: apply them (the list rebuilt, the best row selected) or say why not.
pub fn apply(app: &mut App) {
    let Some(Overlay::Prompt(prompt)) = app.nav.overlays.last_mut() else {
        return;
    };
    match read(&prompt.form) {
        Err(why) => prompt.form.refuse(None, why),
        Ok(exact) => {
            app.nav.overlays.pop();
            app.nav.list.exact = exact;
            app.nav.list.chosen = false;
            app.rebuild_list();
        }
    }
}
