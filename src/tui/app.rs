//! The app's state and `update`, the only place it changes. Keys become Actions (keymap),
//! the runtime's news (the loader's files, git's and the jobs' answers) comes as messages,
//! and `update` applies them one at a time, returning the work it asks for as effects.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use crate::config::CommitMode;
use crate::plan::model::Plan;
use crate::plan::rules::RuleSettings;
use crate::store::folder::{PlanFile, apply_folder_rules};
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
use crate::tui::layers::{dashboard, findings, help, history, meeting, plan, prompt, review};
use crate::tui::layout;
use crate::tui::msg::Msg;
pub use crate::tui::overlays::{Message, Overlay};
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
}

#[derive(Debug)]
pub struct App {
    /// The plans folder as the user gave it.
    pub folder: String,
    /// Today and the thresholds: injected, so tests never depend on the clock.
    pub settings: RuleSettings,
    /// The theme in use now (the display's normal or meeting theme).
    pub theme: Theme,
    /// Themes, ASCII, meeting mode: how things are shown (see `display`).
    pub display: Display,
    /// One message shown over the screen until the next key (a broken theme, a bad config).
    pub notice: Option<String>,
    pub files: Vec<PlanFile>,
    /// One per file, same index.
    pub summaries: Vec<PlanSummary>,
    pub counts: Counts,
    pub load: LoadState,
    pub list: PlanList,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    /// Terminal size in columns and rows, for paging.
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// The plan being edited and its pending changes (one plan at a time).
    pub session: Option<EditSession>,
    /// Why nothing may be edited (`--read-only`), if so.
    pub read_only: Option<String>,
    /// News for the bottom line, until the next key.
    pub message: Option<Message>,
    /// The folder's repository and its uncommitted plans (found off the UI thread).
    pub git: GitState,
    /// `git.commit` in the config: after a write, commit off, ask or always.
    pub commit_mode: CommitMode,
    /// `keys:` in the config: actions given other keys (the keymap, hints and help use them).
    pub keys: KeyOverrides,
    /// Files written here and not yet committed, with what was written (for the message).
    pub unrecorded: HashMap<PathBuf, Unrecorded>,
    /// Work asked for by the `update` under way, handed to the runtime when it returns.
    pub(crate) outbox: Vec<Effect>,
    /// The edit job the app waits for: keys other than quit and Esc wait for it.
    pub working: Option<Working>,
    /// The git work after a write the app waits for; keys work meanwhile.
    pub committing: Option<CommitWait>,
    /// How many edit jobs were started: each job's number, to match its news.
    pub edit_jobs_started: u64,
    /// Bumped each time the app changes what `git status` would say (a write, a commit), so
    /// an answer asked for before that is known to be out of date.
    pub git_generation: u64,
}

impl App {
    pub fn new(folder: impl Into<String>, settings: RuleSettings, theme: Theme) -> App {
        App {
            folder: folder.into(),
            settings,
            theme,
            display: Display::plain(theme),
            notice: None,
            files: Vec::new(),
            summaries: Vec::new(),
            counts: Counts::default(),
            load: LoadState::Scanning,
            list: PlanList::default(),
            screen: Screen::Dashboard,
            overlays: Vec::new(),
            width: 80,
            height: 24,
            quit: false,
            session: None,
            read_only: None,
            message: None,
            git: GitState::Checking,
            commit_mode: CommitMode::Ask,
            keys: KeyOverrides::none(),
            unrecorded: HashMap::new(),
            outbox: Vec::new(),
            working: None,
            committing: None,
            edit_jobs_started: 0,
            git_generation: 0,
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
        if let Some(overlay) = self.overlays.last() {
            return overlay.layer();
        }
        match &self.screen {
            Screen::Dashboard if self.list.searching => Layer::Search,
            Screen::Dashboard => Layer::Dashboard,
            Screen::Plan(_) => Layer::Plan,
            Screen::Findings { file, .. } => Layer::Findings {
                readable: self
                    .files
                    .get(*file)
                    .is_some_and(|file| file.plan.is_some()),
            },
        }
    }

    /// The file the current screen shows, if any.
    pub fn open_file(&self) -> Option<&PlanFile> {
        match &self.screen {
            Screen::Dashboard => None,
            Screen::Plan(screen) => self.files.get(screen.file),
            Screen::Findings { file, .. } => self.files.get(*file),
        }
    }

    /// The plan as the plan view shows it: with the pending changes when it is being edited.
    pub fn shown_plan(&self, file: usize) -> Option<&Plan> {
        shown_plan(&self.session, &self.files, file)
    }

    /// A file's name inside the plans folder (`north/s117-0042.yaml`): what the diff header
    /// and the messages about writing and committing give.
    pub fn name_in_folder(&self, display: &str) -> String {
        let folder = self.folder.trim_end_matches('/');
        display
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(display)
            .to_owned()
    }

    pub(crate) fn page(&self) -> usize {
        layout::list_height(self.height)
    }

    /// Ask the runtime for this work once the `update` under way returns.
    pub(crate) fn ask(&mut self, effect: Effect) {
        self.outbox.push(effect);
    }

    /// The work asked for since the last call.
    fn asked(&mut self) -> Effects {
        Effects(std::mem::take(&mut self.outbox))
    }

    pub(crate) fn rebuild_list(&mut self) {
        let page = self.page();
        self.list.rebuild(&self.files, &self.summaries, page);
    }

    /// Put a file read again (after a write or a reload) in its place, or add a new one
    /// (`index == files.len()`), with the folder's rules and the list brought up to date.
    pub(crate) fn put_file(&mut self, index: usize, file: PlanFile) {
        let index = if index < self.files.len() {
            self.files[index] = file;
            index
        } else {
            self.files.push(file);
            self.files.len() - 1
        };
        let changed = apply_folder_rules(&mut self.files);
        // A summary is worked out from its file alone: only this file's, and those of files
        // the folder-wide rules gave a finding, can differ (not a second set for the folder).
        let settings = self.settings;
        if index == self.summaries.len() {
            self.summaries
                .push(PlanSummary::of(&self.files[index], &settings));
        }
        if self.summaries.len() == self.files.len() {
            for at in std::iter::once(index).chain(changed) {
                self.summaries[at] = PlanSummary::of(&self.files[at], &settings);
            }
        } else {
            self.summaries = self
                .files
                .iter()
                .map(|file| PlanSummary::of(file, &settings))
                .collect();
        }
        self.counts = Counts::of(&self.summaries);
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
    app.notice = None;
    if app.working.is_some() {
        jobs::key_while_working(app, event);
    } else if let Some(action) = keymap::action_for(app.layer(), event, &app.keys) {
        apply(app, Msg::Action(action));
    }
    if app.quit && app.committing.is_some() {
        // Git is committing: its answer is not lost, the quit waits for it.
        app.quit = false;
        commit::quit_once_answered(app);
    }
}

/// Text pasted into the terminal: typed into the search or the focused field of a prompt or
/// the review, as one line; never read as keys (a pasted `w` or `y` writes nothing). Where
/// no text field has the keys it is dropped, with a word why.
pub fn handle_paste(app: &mut App, text: &str) -> Effects {
    app.notice = None;
    if app.layer().takes_text() {
        apply(app, Msg::Action(Action::Paste(text.to_owned())));
    } else {
        app.message = Message::info("paste ignored: no text field here (paste into a prompt or /)");
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
            app.message = None;
            act(app, action);
        }
        Msg::Resize { width, height } => {
            app.width = width;
            app.height = height;
            let page = app.page();
            // Scrolled text needs no clamping here: it is drawn clamped to the new size, and
            // the next key moves from what is shown (see `TextScroll`).
            app.list.keep_in_view(page);
        }
        Msg::LoadStarted { total } => {
            app.load = LoadState::Loading { loaded: 0, total };
            // Room for every file at once: growing by doubling would hold the old and the new
            // buffer together (and leave up to half of the last one unused).
            app.files.reserve_exact(total);
            app.summaries.reserve_exact(total);
        }
        Msg::PlansLoaded(files) => {
            for file in files {
                app.summaries.push(PlanSummary::of(&file, &app.settings));
                app.files.push(file);
            }
            if let LoadState::Loading { loaded, .. } = &mut app.load {
                *loaded = app.files.len();
            }
            app.counts = Counts::of(&app.summaries);
            if app.list.due_while_loading(app.files.len(), app.page()) {
                app.rebuild_list();
            }
        }
        Msg::LoadFinished => {
            // Only files the folder-wide rules gave a finding have a different summary: a
            // second set of summaries for the whole folder would be the start's peak memory.
            for index in apply_folder_rules(&mut app.files) {
                app.summaries[index] = PlanSummary::of(&app.files[index], &app.settings);
            }
            app.counts = Counts::of(&app.summaries);
            app.load = LoadState::Done;
            app.rebuild_list();
        }
        Msg::LoadFailed(message) => app.load = LoadState::Failed(message),
        Msg::GitChecked(state) => app.git = state,
        Msg::HistoryNews(news) => history::take_news(app, news),
        Msg::EditNews(news) => jobs::take_news(app, *news),
    }
    // Edits, undo and writes can move needs between columns: keep the selection on one.
    if let Screen::Plan(screen) = &mut app.screen {
        if let Some(plan) = shown_plan(&app.session, &app.files, screen.file) {
            screen.clamp(plan);
        }
    }
}

/// A key's action: the few that mean the same everywhere, else the layer that has the keys.
fn act(app: &mut App, action: Action) {
    match action {
        Action::Quit => editing::request_quit(app),
        Action::ShowHelp => {
            let layer = app.layer();
            app.overlays.push(Overlay::Help {
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
        Layer::Review => review::update::update(app, action),
        Layer::Confirm => prompt::update_confirm(app, action),
        Layer::Diff => write::update_diff(app, action),
        Layer::Guard => write::update_guard(app, action),
        Layer::Reload => write::update_reload(app, action),
        Layer::History => history::update_history(app, action),
        Layer::Commit => commit::update(app, action),
    }
}
