//! Loading the plans folder off the UI thread: scan, then read files on all cores, sending
//! each as it is ready over a channel, so the first frame shows at once with a count. Then,
//! on the same thread, the temp files an interrupted write left behind are cleared.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use crate::plan::finding::Location;
use crate::plan::rules::RuleSettings;
use crate::store::folder::{PlanFile, load_parallel, scan};
use crate::store::write::leftovers::{STALE_TEMP_AGE, remove_stale_temp_files};
use crate::tui::msg::Msg;

/// What the loader thread reports, in order: started, loaded (many), finished; or failed.
#[derive(Debug)]
pub enum LoadMessage {
    Started { total: usize },
    Loaded(Box<PlanFile>),
    Finished,
    Failed(String),
}

/// Start loading `root` on a thread of its own; its news arrives on the returned channel.
/// `tidy`: also remove stale temp files an interrupted write left (not with `--read-only`,
/// which promises to change nothing in the folder).
pub fn spawn(root: PathBuf, settings: RuleSettings, tidy: bool) -> Receiver<LoadMessage> {
    spawn_with(root, settings, LoadOptions { tidy, cache: false })
}

/// How the loader works: whether it tidies stale temp files, whether it uses the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Remove stale temp files an interrupted write left (not with `--read-only`).
    pub tidy: bool,
    /// Take unchanged files from the summary cache, and keep it up to date (`store::cache`).
    pub cache: bool,
}

/// [`spawn`], with the summary cache when `options.cache`.
pub fn spawn_with(
    root: PathBuf,
    settings: RuleSettings,
    options: LoadOptions,
) -> Receiver<LoadMessage> {
    let LoadOptions { tidy, cache } = options;
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        // A closed channel means the app has quit: stop quietly.
        let scanned = match scan(&root) {
            Ok(scanned) => scanned,
            Err(error) => {
                let _ = sender.send(LoadMessage::Failed(error.to_string()));
                return;
            }
        };
        let total = scanned.candidates.len() + scanned.problems.len();
        if sender.send(LoadMessage::Started { total }).is_err() {
            return;
        }
        // Entries that are not loadable (a folder named x.yaml, a broken link) are listed
        // as invalid files, like any file that cannot be read.
        for finding in scanned.problems {
            let file = PlanFile {
                path: PathBuf::from(&finding.file),
                display: finding.file.clone(),
                plan: None,
                findings: vec![finding],
                id_location: Location::START,
            };
            let _ = sender.send(LoadMessage::Loaded(Box::new(file)));
        }
        let deliver = |_, file| {
            let _ = sender.send(LoadMessage::Loaded(Box::new(file)));
        };
        // The app hears that all are loaded before the cache is written.
        let finished = || {
            let _ = sender.send(LoadMessage::Finished);
        };
        if cache {
            let candidates = &scanned.candidates;
            let wanted = (&settings, crate::store::cache::Wanted::Plans);
            crate::store::cache::load_candidates(&root, candidates, wanted, deliver, finished);
        } else {
            load_parallel(&scanned.candidates, &settings, deliver);
            finished();
        }
        // Full copies of plans left by a crash mid-write: removed once surely stale. Quietly:
        // the app's own leftovers, which the next write would not have made.
        if tidy {
            remove_stale_temp_files(&root, STALE_TEMP_AGE);
        }
    });
    receiver
}

/// Take what the loader has sent so far (at most `limit` files, so a frame is never held up),
/// as messages: loaded files batched into one.
pub fn drain(receiver: &Receiver<LoadMessage>, limit: usize) -> Vec<Msg> {
    let mut actions = Vec::new();
    let mut batch = Vec::new();
    while batch.len() < limit {
        match receiver.try_recv() {
            Ok(LoadMessage::Loaded(file)) => batch.push(*file),
            Ok(other) => {
                if !batch.is_empty() {
                    actions.push(Msg::PlansLoaded(std::mem::take(&mut batch)));
                }
                actions.push(match other {
                    LoadMessage::Started { total } => Msg::LoadStarted { total },
                    LoadMessage::Finished => Msg::LoadFinished,
                    LoadMessage::Failed(message) => Msg::LoadFailed(message),
                    LoadMessage::Loaded(file) => Msg::PlansLoaded(vec![*file]),
                });
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
        }
    }
    if !batch.is_empty() {
        actions.push(Msg::PlansLoaded(batch));
    }
    actions
}

/// Load the whole folder and wait (tests, benchmarks): the loader the app uses, with its
/// news as messages, loaded files in one batch.
pub fn load_blocking(root: &std::path::Path, settings: RuleSettings) -> Vec<Msg> {
    let mut actions = Vec::new();
    let mut files = Vec::new();
    for message in spawn(root.to_path_buf(), settings, true) {
        match message {
            LoadMessage::Started { total } => actions.push(Msg::LoadStarted { total }),
            LoadMessage::Loaded(file) => files.push(*file),
            LoadMessage::Finished => {
                actions.push(Msg::PlansLoaded(std::mem::take(&mut files)));
                actions.push(Msg::LoadFinished);
            }
            LoadMessage::Failed(message) => actions.push(Msg::LoadFailed(message)),
        }
    }
    actions
}
