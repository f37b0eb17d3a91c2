//! A warm start lists every plan before it has read them (`store::cache::listing`): the rows
//! come first, from the summary cache, and the plans follow in the background. Here the app
//! takes both, and keeps the one rule that makes this safe (hazard K6,
//! docs/clinical-safety.md): until a row's plan has come, nothing acts on the row as if its
//! plan were whole, missing, invalid or ended. The list (its rows, counts, sort orders and
//! filters, all made from facts the cache keeps exactly) is shown and can be moved in; what
//! needs the plans themselves (opening one, the search over need texts, the register, a new
//! plan, a sync) says "still reading plans (N of M)" and does nothing, and the folder-wide
//! rules read each unread plan's facts from the cache in its place.

use std::sync::Arc;

use crate::store::cache::file::FolderFacts;
use crate::store::cache::listing::{ListedRows, PlanRead};
use crate::store::folder::{PlanFile, apply_folder_rules};
use crate::tui::app::{App, LoadState, Message};
use crate::tui::layers::dashboard::list::Counts;
use crate::tui::layers::dashboard::summary::PlanSummary;
use crate::tui::layers::register;
use crate::tui::text::thousands;

/// Every file of a warm start, as the app takes it: the files, which of them have their
/// plan to come (with what the folder-wide rules read of it), and each one's row (worked out
/// on the loader's thread: the app only moves these in).
#[derive(Debug, Clone, Default)]
pub struct ListedFiles {
    pub files: Vec<PlanFile>,
    pub awaited: Vec<Option<FolderFacts>>,
    pub summaries: Vec<PlanSummary>,
    /// Let go of once the app has put the rows on its list: the loader reads the plans
    /// after that, so that reading them never holds up the list.
    pub receipt: Option<Arc<()>>,
}

impl ListedFiles {
    /// The rows as the cache's load gives them, each with its summary.
    pub fn of(rows: ListedRows) -> ListedFiles {
        let summaries = rows
            .listings
            .into_iter()
            .zip(&rows.files)
            .map(|(listing, file)| PlanSummary::listed(listing, &file.findings))
            .collect();
        ListedFiles {
            files: rows.files,
            awaited: rows.awaited,
            summaries,
            receipt: None,
        }
    }
}

/// Rows listed from the cache: put on the list, those whose plan is to come marked as
/// awaited.
pub fn take_rows(app: &mut App, rows: ListedFiles) {
    let ListedFiles {
        mut files,
        mut awaited,
        mut summaries,
        receipt: _taken_when_listed,
    } = rows;
    if files.len() != awaited.len() || files.len() != summaries.len() {
        return; // Never made so: nothing is listed from lists that do not agree.
    }
    let folder = &mut app.folder;
    folder.listed_from = folder.files.len();
    let coming = awaited.iter().filter(|facts| facts.is_some()).count();
    folder.listed += coming;
    if folder.files.is_empty() {
        folder.files = files;
        folder.summaries = summaries;
        folder.awaited = awaited;
    } else {
        folder.awaited.resize(folder.files.len(), None);
        folder.files.append(&mut files);
        folder.summaries.append(&mut summaries);
        folder.awaited.append(&mut awaited);
    }
    if let LoadState::Loading { loaded, .. } = &mut folder.load {
        *loaded = folder.files.len();
    }
    folder.counts = Counts::of(&folder.summaries);
    if app
        .nav
        .list
        .due_while_loading(app.folder.files.len(), app.page())
    {
        app.rebuild_list();
    }
}

/// Plans of listed rows, as they come: a plan from the cache completes its row (its
/// findings and summary are the row's already); a file read again replaces it, and the
/// folder-wide rules run again. A plan for no awaited row (the list was replaced since) is
/// dropped.
pub fn take_plans(app: &mut App, plans: Vec<(usize, PlanRead)>) {
    let mut replaced = Vec::new();
    for (row, read) in plans {
        let index = app.folder.listed_from + row;
        let Some(facts) = app.folder.awaited.get_mut(index).and_then(Option::take) else {
            continue;
        };
        let file = &mut app.folder.files[index];
        match read {
            // The plan the row was listed from: its facts for the rules are the row's.
            PlanRead::Plan(plan) if crate::plan::document::FolderFacts::of(&plan) == facts => {
                file.plan = Some(*plan);
            }
            PlanRead::Plan(plan) => {
                file.plan = Some(*plan);
                replaced.push(index);
            }
            PlanRead::Fresh(fresh) => {
                *file = *fresh;
                replaced.push(index);
            }
        }
    }
    if app.folder.unread() == 0 {
        app.folder.awaited.clear();
    }
    if !replaced.is_empty() {
        let changed = apply_folder_rules_now(app);
        for index in replaced.into_iter().chain(changed) {
            app.folder.summaries[index] = summary_again(app, index);
        }
        app.folder.counts = Counts::of(&app.folder.summaries);
        app.rebuild_list();
    } else if app.nav.list.is_searching() {
        // A search lists unread rows after its matches: read now, they are searched.
        app.rebuild_list();
    }
    if app.folder.unread() == 0 {
        register::refresh(app);
        done_reading(app);
    }
}

/// How the app says a key must wait for the plans (its messages begin so).
const STILL_READING: &str = "still reading plans";

/// Every plan in: a "still reading" message is no longer true, and says so.
pub fn done_reading(app: &mut App) {
    let waiting = app
        .ui
        .message
        .as_ref()
        .is_some_and(|message| message.text.starts_with(STILL_READING));
    if waiting {
        app.ui.message = Message::info(format!(
            "all {} plans read",
            thousands(app.folder.files.len())
        ));
    }
}

/// File `index`'s row worked out again (its findings changed): from its plan; or, while its
/// plan is still to come, from the facts its row was listed with.
pub fn summary_again(app: &App, index: usize) -> PlanSummary {
    let file = &app.folder.files[index];
    match app.folder.summaries.get(index) {
        Some(listed) if app.folder.is_awaited(index) => listed.with_findings(&file.findings),
        _ => PlanSummary::of(file, &app.settings),
    }
}

/// The folder-wide rules over every file, an unread plan's facts taken from the cache;
/// the indices of the files whose findings changed.
pub fn apply_folder_rules_now(app: &mut App) -> Vec<usize> {
    let folder = &mut app.folder;
    if folder.awaited.is_empty() {
        return apply_folder_rules(&mut folder.files);
    }
    crate::plan::document::apply_folder_rules_with(&mut folder.files, &folder.awaited)
}

/// What an action must wait for before it acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// The plans of a warm start's listed rows (opening a row).
    ListedPlans,
    /// Every file of the folder, read by a cold load too (a new plan's id, the register's
    /// totals, a sync: each is about the whole folder, never part of it).
    WholeFolder,
}

/// While what `wait` names is still being read: say so ("still reading plans (N of M)"),
/// and `true` (the caller does nothing).
pub fn must_wait(app: &mut App, wait: Wait) -> bool {
    let (read, total) = match app.folder.load {
        _ if app.folder.unread() > 0 => {
            (app.folder.listed - app.folder.unread(), app.folder.listed)
        }
        LoadState::Scanning if wait == Wait::WholeFolder => (0, 0),
        LoadState::Loading { loaded, total } if wait == Wait::WholeFolder => (loaded, total),
        _ => return false,
    };
    app.ui.message = Message::info(format!(
        "{STILL_READING} ({} of {}); try again in a moment",
        thousands(read),
        thousands(total)
    ));
    true
}
