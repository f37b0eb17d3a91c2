//! The runtime: the only part of the app that touches the terminal, the disk, git, threads
//! and the clock. It reads the terminal's events, gives each to `update` as a message, carries
//! out the effects `update` returns (on worker threads, so the screen keeps moving while git
//! or a huge plan takes seconds) and brings their answers back as messages. It also runs the
//! loader and asks git now and then which plans are uncommitted. Key scripts use `run_inline`,
//! the same work done at once, so the tested path is the path the app takes.

pub mod event;
pub mod git_status;
pub mod history;
pub mod loader;
pub mod work;

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;

use crate::tui::app::{App, LoadState, handle_key, handle_paste, update};
use crate::tui::effect::{Effect, Effects};
use crate::tui::layers::history::jobs::HistoryJob;
use crate::tui::layers::write::jobs::EditJob;
use crate::tui::msg::Msg;
use event::TerminalEvent;

/// How often git is asked again which plans are uncommitted (longer when asking is slow).
const GIT_RECHECK: Duration = Duration::from_secs(30);

/// Files taken from the loader per frame: enough to load fast, few enough to stay responsive.
pub const LOAD_BATCH: usize = 2_000;

/// How long the app waits for a key while the folder loads before it takes the loader's news
/// (the rows of a warm start are ready within tens of milliseconds: a longer wait would be
/// most of the time to list them).
pub const LOADING_POLL: Duration = Duration::from_millis(10);

/// Carry out `effects` at once, and those their answers ask for, until none is left (key
/// scripts, tests): the work the event loop's threads would do, in the same order.
pub fn run_inline(app: &mut App, effects: Effects) {
    let mut queue: VecDeque<Effect> = effects.into_iter().collect();
    while let Some(effect) = queue.pop_front() {
        let more = update(app, work::perform(effect));
        queue.extend(more);
    }
}

/// Which worker an answer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Edit,
    History,
    Export,
    Sync,
}

/// The work under way and waiting, one job at a time in each lane: edit work in order (a
/// read-back follows its write), history work in order too, except that a commit's diff
/// waiting to start gives way to a newer one (the user has moved on: the app asks again if
/// they come back).
struct Workers {
    answers: Sender<(Lane, Msg)>,
    edits: VecDeque<EditJob>,
    editing: bool,
    history: VecDeque<HistoryJob>,
    reading_history: bool,
}

impl Workers {
    fn new(answers: Sender<(Lane, Msg)>) -> Workers {
        Workers {
            answers,
            edits: VecDeque::new(),
            editing: false,
            history: VecDeque::new(),
            reading_history: false,
        }
    }

    fn take(&mut self, effects: Effects) {
        for effect in effects {
            match effect {
                Effect::Edit(job) => self.edits.push_back(job),
                // An export is one small file: its own thread, answered as soon as written.
                Effect::Export(job) => self.spawn(Lane::Export, Effect::Export(job)),
                Effect::Sync(job) => self.spawn(Lane::Sync, Effect::Sync(job)),
                Effect::History(job) => {
                    if matches!(job, HistoryJob::Show { .. }) {
                        self.history
                            .retain(|waiting| !matches!(waiting, HistoryJob::Show { .. }));
                    }
                    self.history.push_back(job);
                }
            }
        }
        self.start();
    }

    fn start(&mut self) {
        if !self.editing
            && let Some(job) = self.edits.pop_front()
        {
            self.editing = true;
            self.spawn(Lane::Edit, Effect::Edit(job));
        }
        if !self.reading_history
            && let Some(job) = self.history.pop_front()
        {
            self.reading_history = true;
            self.spawn(Lane::History, Effect::History(job));
        }
    }

    fn spawn(&self, lane: Lane, effect: Effect) {
        let answers = self.answers.clone();
        thread::spawn(move || {
            let _ = answers.send((lane, work::perform(effect)));
        });
    }

    fn answered(&mut self, lane: Lane) {
        match lane {
            Lane::Edit => self.editing = false,
            Lane::History => self.reading_history = false,
            Lane::Export | Lane::Sync => {}
        }
        self.start();
    }

    fn busy(&self) -> bool {
        self.editing || self.reading_history
    }
}

/// Asking git which plans are uncommitted: at once, then again now and then (a commit made
/// outside the app clears its marks), never more often than its own cost allows.
struct GitPoll {
    root: PathBuf,
    answer: Option<Receiver<crate::tui::git_status::GitState>>,
    /// When the question under way was asked, and what the app had written by then.
    asked: (Instant, u64),
    next: Instant,
}

impl GitPoll {
    fn start(root: &Path, generation: u64) -> GitPoll {
        let mut poll = GitPoll {
            root: root.to_path_buf(),
            answer: None,
            asked: (Instant::now(), generation),
            next: Instant::now(),
        };
        poll.ask(generation);
        poll
    }

    fn ask(&mut self, generation: u64) {
        self.asked = (Instant::now(), generation);
        let (sender, receiver) = mpsc::channel();
        let root = self.root.clone();
        thread::spawn(move || {
            let _ = sender.send(git_status::check(&root));
        });
        self.answer = Some(receiver);
    }

    /// Git's answer, when it is in and still true of the app's files.
    fn answer(&mut self, generation: u64) -> Option<Msg> {
        let state = self.answer.as_ref()?.try_recv().ok()?;
        self.answer = None;
        let (asked, asked_generation) = self.asked;
        // Asked before the app wrote or committed: out of date, so ask again at once.
        self.next = Instant::now();
        if asked_generation != generation {
            return None;
        }
        self.next += GIT_RECHECK.max(asked.elapsed() * 20);
        Some(Msg::GitChecked(state))
    }

    fn ask_when_due(&mut self, generation: u64) {
        if self.answer.is_none() && Instant::now() >= self.next {
            self.ask(generation);
        }
    }
}

/// Run the app in `terminal` until it quits: the loader reads `root`, git is asked about it.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    root: &Path,
    load: loader::LoadOptions,
) -> io::Result<()> {
    let loading = loader::spawn_with(root.to_path_buf(), app.settings, load);
    let (answers, answered) = mpsc::channel();
    let mut workers = Workers::new(answers);
    let mut git = GitPoll::start(root, app.git.generation);
    let size = terminal.size()?;
    workers.take(update(
        app,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    ));
    let mut dirty = true;
    // The loader had more files waiting than one batch took: go on at once (keys are still
    // read and a frame drawn between batches), rather than wait a poll for each batch.
    let mut backlog = false;
    while !app.ui.quit {
        if dirty {
            terminal.draw(|frame| crate::tui::draw(app, frame))?;
            dirty = false;
        }
        let loading_now = matches!(
            app.folder.load,
            LoadState::Scanning | LoadState::Loading { .. }
        ) || app.folder.unread() > 0;
        let wait = if backlog {
            Duration::ZERO
        } else if loading_now {
            LOADING_POLL
        } else if workers.busy() {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(500)
        };
        // Take every key already typed before drawing again, so held keys never lag.
        let mut timeout = wait;
        while let Some(event) = event::next(timeout)? {
            let effects = match event {
                TerminalEvent::Key(key) => handle_key(app, &key),
                TerminalEvent::Paste(text) => handle_paste(app, &text),
                TerminalEvent::Resize { width, height } => {
                    update(app, Msg::Resize { width, height })
                }
            };
            workers.take(effects);
            dirty = true;
            if app.ui.quit {
                return Ok(());
            }
            timeout = Duration::ZERO;
        }
        let drained = loader::drain(&loading, LOAD_BATCH);
        backlog = loader::more_waiting(&drained, LOAD_BATCH);
        for msg in drained {
            workers.take(update(app, msg));
            dirty = true;
        }
        while let Ok((lane, msg)) = answered.try_recv() {
            workers.answered(lane);
            workers.take(update(app, msg));
            dirty = true;
        }
        if let Some(msg) = git.answer(app.git.generation) {
            workers.take(update(app, msg));
            dirty = true;
        }
        if matches!(app.folder.load, LoadState::Done) && !workers.reading_history {
            git.ask_when_due(app.git.generation);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::git::{Commit, GitError};
    use crate::tui::layers::history::jobs::RepoAt;

    fn show(hash: &str) -> Effect {
        Effect::History(HistoryJob::Show {
            repo: RepoAt::Known(Err(GitError::NotInstalled)),
            commit: Commit {
                hash: hash.to_owned(),
                date: String::new(),
                author: String::new(),
                subject: String::new(),
                path: "plan.yaml".to_owned(),
            },
        })
    }

    fn since() -> Effect {
        Effect::History(HistoryJob::SinceReview {
            repo: RepoAt::Known(Err(GitError::NotInstalled)),
            path: PathBuf::from("plan.yaml"),
            review_dates: Vec::new(),
        })
    }

    fn waiting(workers: &Workers) -> Vec<String> {
        workers
            .history
            .iter()
            .map(|job| match job {
                HistoryJob::Show { commit, .. } => format!("show {}", commit.hash),
                HistoryJob::Log { .. } => "log".to_owned(),
                HistoryJob::SinceReview { .. } => "since".to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_waiting_diff_gives_way_to_a_newer_one_and_other_history_work_keeps_its_turn() {
        let (answers, _answered) = mpsc::channel();
        let mut workers = Workers::new(answers);
        // A job is under way: what comes next waits.
        workers.reading_history = true;
        workers.take(Effects(vec![show("a"), since(), show("b"), show("c")]));
        assert_eq!(waiting(&workers), ["since", "show c"]);
    }
}
