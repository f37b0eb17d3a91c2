//! The app's state and `update`, the only place it changes. Keys become Actions (keymap),
//! the runtime's news (the loader's files, git's and the jobs' answers) comes as messages,
//! and `update` applies them one at a time, returning the work it asks for as effects.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use crate::config::CommitMode;
use crate::plan::model::Plan;
use crate::plan::money::tally::Summary;
use crate::plan::rules::RuleSettings;
use crate::store::cache::file::FolderFacts;
use crate::store::folder::PlanFile;
use crate::tui::action::Action;
use crate::tui::display::Display;
use crate::tui::effect::{Effect, Effects};
use crate::tui::git_status::GitState;
use crate::tui::key_overrides::KeyOverrides;
use crate::tui::keymap::{self, Layer};
use crate::tui::layers::commit;
use crate::tui::layers::commit::{CommitWait, Unrecorded};
use crate::tui::layers::dashboard::list::{Counts, PlanList};
use crate::tui::layers::dashboard::summary::PlanSummary;
use crate::tui::layers::plan::editing;
use crate::tui::layers::plan::screen::PlanScreen;
use crate::tui::layers::write;
use crate::tui::layers::write::jobs;
use crate::tui::layers::write::jobs::Working;
use crate::tui::layers::write::session::EditSession;
use crate::tui::layers::{
    dashboard, export, findings, help, history, meeting, plan, prompt, register, review,
};
use crate::tui::layout;
use crate::tui::msg::Msg;
pub use crate::tui::overlays::{Message, Overlay};
use crate::tui::reading;
use crate::tui::scroll_text::TextScroll;
use crate::tui::theme::Theme;

/// How far loading the folder has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Looking for plan files.
    Scanning,
    Loading {
        loaded: usize,
        total: usize,
    },
    Done,
    /// The folder itself could not be read.
    Failed(String),
}

/// The screen under any overlays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Plan(PlanScreen),
    /// The findings of a file with errors.
    Findings {
        file: usize,
        scroll: TextScroll,
    },
    /// Money paid now per ICB and per local authority.
    Register {
        scroll: TextScroll,
        /// The tallies shown, worked out when the register opens (and again as files load),
        /// not on every frame.
        summary: Box<Summary>,
    },
}

/// The app's state, grouped: the folder as loaded, where the user is (navigation), the plan
/// being edited, git, how things are shown (ui), and the work waited for (jobs).
#[derive(Debug)]
pub struct App {
    /// Today and the thresholds: injected, so tests never depend on the clock.
    pub settings: RuleSettings,
    pub folder: Folder,
    pub nav: Navigation,
    /// The plan being edited and its pending changes (one plan at a time).
    pub session: Option<EditSession>,
    pub git: GitLink,
    pub ui: Ui,
    pub jobs: Jobs,
}

/// The plans folder and what has been read of it.
#[derive(Debug)]
pub struct Folder {
    /// The plans folder as the user gave it.
    pub path: String,
    pub files: Vec<PlanFile>,
    /// One per file, same index.
    pub summaries: Vec<PlanSummary>,
    pub counts: Counts,
    pub load: LoadState,
    /// Rows listed before their plans (a warm start, `tui::reading`): for each file index,
    /// what the folder-wide rules read of its plan while that plan is still to come. Empty
    /// once every plan has come.
    pub awaited: Vec<Option<FolderFacts>>,
    /// How many rows were listed with their plans to come.
    pub listed: usize,
    /// Where those rows begin among `files`.
    pub listed_from: usize,
    /// Plans were loaded that the folder-wide rules have not seen yet (they run when every
    /// file is in).
    pub rules_due: bool,
}

impl Folder {
    /// How many listed rows' plans are still to come.
    pub fn unread(&self) -> usize {
        self.awaited.iter().filter(|facts| facts.is_some()).count()
    }

    /// Is this file's plan still to come (listed from the cache, not read yet)?
    pub fn is_awaited(&self, file: usize) -> bool {
        self.awaited.get(file).is_some_and(Option::is_some)
    }
}

/// Where the user is: the plans list, the screen under the overlays, and the overlays.
#[derive(Debug)]
pub struct Navigation {
    pub list: PlanList,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
}

/// Git as the app knows it, and what the app wrote and has not committed.
#[derive(Debug)]
pub struct GitLink {
    /// The folder's repository and its uncommitted plans (found off the UI thread).
    pub state: GitState,
    /// `git.commit` in the config: after a write, commit off, ask or always.
    pub commit_mode: CommitMode,
    /// Files written here and not yet committed, with what was written (for the message).
    pub unrecorded: HashMap<PathBuf, Unrecorded>,
    /// The git work after a write the app waits for; keys work meanwhile.
    pub committing: Option<CommitWait>,
    /// Bumped each time the app changes what `git status` would say (a write, a commit), so
    /// an answer asked for before that is known to be out of date.
    pub generation: u64,
    /// A sync with the team's server is running (`Y`).
    pub syncing: bool,
}

/// How things are shown, and what the screen says.
#[derive(Debug)]
pub struct Ui {
    /// The theme in use now (the display's normal or meeting theme).
    pub theme: Theme,
    /// Themes, ASCII, meeting mode: how things are shown (see `display`).
    pub display: Display,
    /// `keys:` in the config: actions given other keys (the keymap, hints and help use them).
    pub keys: KeyOverrides,
    /// One message shown over the screen until the next key (a broken theme, a bad config).
    pub notice: Option<String>,
    /// News for the bottom line, until the next key.
    pub message: Option<Message>,
    /// Terminal size in columns and rows, for paging.
    pub width: u16,
    pub height: u16,
    /// Why nothing may be edited (`--read-only`), if so.
    pub read_only: Option<String>,
    /// The plan header's money totals per year (`$`), not per week.
    pub money_yearly: bool,
    pub quit: bool,
}

/// The work the app asked for and waits for.
#[derive(Debug, Default)]
pub struct Jobs {
    /// Work asked for by the `update` under way, handed to the runtime when it returns.
    pub(crate) outbox: Vec<Effect>,
    /// The edit job the app waits for: keys other than quit and Esc wait for it.
    pub working: Option<Working>,
    /// How many edit jobs were started: each job's number, to match its news.
    pub started: u64,
}

impl App {
    pub fn new(folder: impl Into<String>, settings: RuleSettings, theme: Theme) -> App {
        App {
            settings,
            folder: Folder {
                path: folder.into(),
                files: Vec::new(),
                summaries: Vec::new(),
                counts: Counts::default(),
                load: LoadState::Scanning,
                awaited: Vec::new(),
                listed: 0,
                listed_from: 0,
                rules_due: false,
            },
            nav: Navigation {
                list: PlanList::default(),
                screen: Screen::Dashboard,
                overlays: Vec::new(),
            },
            session: None,
            git: GitLink {
                state: GitState::Checking,
                commit_mode: CommitMode::Ask,
                unrecorded: HashMap::new(),
                committing: None,
                generation: 0,
                syncing: false,
            },
            ui: Ui {
                theme,
                display: Display::plain(theme),
                keys: KeyOverrides::none(),
                notice: None,
                message: None,
                width: 80,
                height: 24,
                read_only: None,
                money_yearly: false,
                quit: false,
            },
            jobs: Jobs::default(),
        }
    }

    /// An app with these files already loaded (tests, benchmarks).
    pub fn with_files(
        folder: impl Into<String>,
        settings: RuleSettings,
        files: Vec<PlanFile>,
    ) -> App {
        let mut app = App::new(folder, settings, Theme::ansi16());
        for msg in [
            Msg::LoadStarted { total: files.len() },
            Msg::PlansLoaded(files),
            Msg::LoadFinished,
        ] {
            let loading_asks_nothing = update(&mut app, msg);
            debug_assert!(loading_asks_nothing.is_empty());
        }
        app
    }

    pub fn today(&self) -> NaiveDate {
        self.settings.today
    }

    /// Who gets the keys now: the top overlay, else the search field, else the screen.
    pub fn layer(&self) -> Layer {
        if let Some(overlay) = self.nav.overlays.last() {
            return overlay.layer();
        }
        match &self.nav.screen {
            Screen::Dashboard if self.nav.list.searching => Layer::Search,
            Screen::Dashboard => Layer::Dashboard,
            Screen::Plan(_) => Layer::Plan,
            Screen::Register { .. } => Layer::Register,
            Screen::Findings { file, .. } => Layer::Findings {
                readable: self
                    .folder
                    .files
                    .get(*file)
                    .is_some_and(|file| file.plan.is_some()),
            },
        }
    }

    /// The file the current screen shows, if any.
    pub fn open_file(&self) -> Option<&PlanFile> {
        match &self.nav.screen {
            Screen::Dashboard | Screen::Register { .. } => None,
            Screen::Plan(screen) => self.folder.files.get(screen.file),
            Screen::Findings { file, .. } => self.folder.files.get(*file),
        }
    }

    /// The plan as the plan view shows it: with the pending changes when it is being edited.
    pub fn shown_plan(&self, file: usize) -> Option<&Plan> {
        shown_plan(&self.session, &self.folder.files, file)
    }

    /// A file's name inside the plans folder (`north/s117-0042.yaml`): what the diff header
    /// and the messages about writing and committing give.
    pub fn name_in_folder(&self, display: &str) -> String {
        let folder = self.folder.path.trim_end_matches('/');
        display
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(display)
            .to_owned()
    }

    pub(crate) fn page(&self) -> usize {
        layout::list_height(self.ui.height)
    }

    /// Ask the runtime for this work once the `update` under way returns.
    pub(crate) fn ask(&mut self, effect: Effect) {
        self.jobs.outbox.push(effect);
    }

    /// The work asked for since the last call.
    fn asked(&mut self) -> Effects {
        Effects(std::mem::take(&mut self.jobs.outbox))
    }

    pub(crate) fn rebuild_list(&mut self) {
        let page = self.page();
        let folder = &self.folder;
        let awaited = |file| folder.is_awaited(file);
        self.nav
            .list
            .rebuild(&folder.files, &folder.summaries, &awaited, page);
    }

    /// Put a file read again (after a write or a reload) in its place, or add a new one
    /// (`index == files.len()`), with the folder's rules and the list brought up to date.
    pub(crate) fn put_file(&mut self, index: usize, file: PlanFile) {
        let index = if index < self.folder.files.len() {
            self.folder.files[index] = file;
            index
        } else {
            self.folder.files.push(file);
            self.folder.files.len() - 1
        };
        let changed = crate::tui::reading::apply_folder_rules_now(self);
        // A summary is worked out from its file alone: only this file's, and those of files
        // the folder-wide rules gave a finding, can differ (not a second set for the folder).
        let settings = self.settings;
        if index == self.folder.summaries.len() {
            self.folder
                .summaries
                .push(PlanSummary::of(&self.folder.files[index], &settings));
        }
        if self.folder.summaries.len() == self.folder.files.len() {
            for at in std::iter::once(index).chain(changed) {
                self.folder.summaries[at] = reading::summary_again(self, at);
            }
        } else {
            self.folder.summaries = self
                .folder
                .files
                .iter()
                .map(|file| PlanSummary::of(file, &settings))
                .collect();
        }
        self.folder.counts = Counts::of(&self.folder.summaries);
        self.rebuild_list();
    }
}

/// The plan as the plan view shows it (see `App::shown_plan`), from the fields it needs, so
/// it can be asked while the screen is borrowed for changing.
pub(crate) fn shown_plan<'a>(
    session: &'a Option<EditSession>,
    files: &'a [PlanFile],
    file: usize,
) -> Option<&'a Plan> {
    match session {
        Some(session) if session.file == file => Some(&session.current),
        _ => files.get(file)?.plan.as_ref(),
    }
}

/// Turn a key press into an Action in the current layer and apply it; the work it asks for.
pub fn handle_key(app: &mut App, event: &KeyEvent) -> Effects {
    key_pressed(app, event);
    app.asked()
}

/// A key press, applied (its effects stay in the outbox: keys typed while a job ran are
/// replayed inside the `update` of its news).
pub(crate) fn key_pressed(app: &mut App, event: &KeyEvent) {
    // A notice (git's refusal, a broken theme) closes on any key, and that key does nothing
    // else: `q` or Esc pressed to close it must not quit or leave the plan below.
    if app.ui.notice.take().is_some() {
        return;
    }
    if app.jobs.working.is_some() {
        jobs::key_while_working(app, event);
    } else if let Some(action) = keymap::action_for(app.layer(), event, &app.ui.keys) {
        apply(app, Msg::Action(action));
    }
    if app.ui.quit && app.git.committing.is_some() {
        // Git is committing: its answer is not lost, the quit waits for it.
        app.ui.quit = false;
        commit::quit_once_answered(app);
    }
}

/// Text pasted into the terminal: typed into the search or the focused field of a prompt or
/// the review, as one line; never read as keys (a pasted `w` or `y` writes nothing). Where
/// no text field has the keys it is dropped, with a word why.
pub fn handle_paste(app: &mut App, text: &str) -> Effects {
    app.ui.notice = None;
    if app.layer().takes_text() {
        apply(app, Msg::Action(Action::Paste(text.to_owned())));
    } else {
        app.ui.message =
            Message::info("paste ignored: no text field here (paste into a prompt or /)");
    }
    app.asked()
}

/// Apply one message (a key's action, or the runtime's news): the only function that changes
/// the app's state. Returns the work it asks the runtime to do; it does none itself.
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Effects {
    apply(app, msg.into());
    app.asked()
}

fn apply(app: &mut App, msg: Msg) {
    match msg {
        Msg::Action(action) => {
            app.ui.message = None;
            act(app, action);
        }
        Msg::Resize { width, height } => {
            app.ui.width = width;
            app.ui.height = height;
            let page = app.page();
            // Scrolled text needs no clamping here: it is drawn clamped to the new size, and
            // the next key moves from what is shown (see `TextScroll`).
            app.nav.list.keep_in_view(page);
        }
        Msg::LoadStarted { total } => {
            app.folder.load = LoadState::Loading { loaded: 0, total };
            // Room for every file at once: growing by doubling would hold the old and the new
            // buffer together (and leave up to half of the last one unused).
            app.folder.files.reserve_exact(total);
            app.folder.summaries.reserve_exact(total);
        }
        Msg::PlansLoaded(files) => {
            // A plan read here is not yet in the folder-wide rules (rows listed from the
            // cache come with the rules applied; a file that holds no plan changes none).
            app.folder.rules_due |= files.iter().any(|file| file.plan.is_some());
            for file in files {
                app.folder
                    .summaries
                    .push(PlanSummary::of(&file, &app.settings));
                app.folder.files.push(file);
            }
            if let LoadState::Loading { loaded, .. } = &mut app.folder.load {
                *loaded = app.folder.files.len();
            }
            app.folder.counts = Counts::of(&app.folder.summaries);
            if app
                .nav
                .list
                .due_while_loading(app.folder.files.len(), app.page())
            {
                app.rebuild_list();
            }
        }
        Msg::RowsListed(rows) => reading::take_rows(app, *rows),
        Msg::PlansRead(plans) => reading::take_plans(app, plans),
        Msg::LoadFinished => {
            if app.folder.unread() == 0 {
                register::refresh(app);
            }
            // Only files the folder-wide rules gave a finding have a different summary: a
            // second set of summaries for the whole folder would be the start's peak memory.
            let changed = match std::mem::take(&mut app.folder.rules_due) {
                true => reading::apply_folder_rules_now(app),
                false => Vec::new(),
            };
            for &index in &changed {
                app.folder.summaries[index] = reading::summary_again(app, index);
            }
            app.folder.counts = Counts::of(&app.folder.summaries);
            app.folder.load = LoadState::Done;
            if app.folder.unread() == 0 {
                reading::done_reading(app);
            }
            if !changed.is_empty() || app.nav.list.built_for != app.folder.files.len() {
                app.rebuild_list();
            }
        }
        Msg::LoadFailed(message) => app.folder.load = LoadState::Failed(message),
        Msg::GitChecked(state) => app.git.state = state,
        Msg::HistoryNews(news) => history::take_news(app, news),
        Msg::EditNews(news) => jobs::take_news(app, *news),
        Msg::ExportNews(news) => export::take_news(app, news),
        Msg::SyncNews(news) => crate::tui::layers::dashboard::sync::take_news(app, *news),
    }
    // Edits, undo and writes can move needs between columns: keep the selection on one.
    if let Screen::Plan(screen) = &mut app.nav.screen
        && let Some(plan) = shown_plan(&app.session, &app.folder.files, screen.file)
    {
        screen.clamp(plan);
    }
}

/// A key's action: the few that mean the same everywhere, else the layer that has the keys.
fn act(app: &mut App, action: Action) {
    match action {
        Action::Quit => editing::request_quit(app),
        Action::ShowHelp => {
            let layer = app.layer();
            app.nav.overlays.push(Overlay::Help {
                layer,
                scroll: TextScroll::top(),
            });
        }
        Action::ToggleMeeting => meeting::toggle_meeting(app),
        action => dispatch(app, action),
    }
}

/// Give a key's action to the layer that has the keys.
fn dispatch(app: &mut App, action: Action) {
    match app.layer() {
        Layer::LeaveMeeting => meeting::update(app, action),
        Layer::Help => help::update(app, action),
        Layer::Search => dashboard::update_search(app, action),
        Layer::Dashboard => dashboard::update(app, action),
        Layer::Plan => plan::update(app, action),
        Layer::Findings { .. } => findings::update(app, action),
        Layer::Prompt => prompt::update(app, action),
        Layer::Filter => dashboard::filters::update(app, action),
        Layer::Review => review::update::update(app, action),
        Layer::Confirm => prompt::update_confirm(app, action),
        Layer::Diff => write::update_diff(app, action),
        Layer::Guard => write::update_guard(app, action),
        Layer::Reload => write::update_reload(app, action),
        Layer::History => history::update_history(app, action),
        Layer::Commit => commit::update(app, action),
        Layer::Register => register::update(app, action),
        Layer::Export => export::update(app, action),
    }
}
