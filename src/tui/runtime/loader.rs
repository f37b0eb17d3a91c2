//! Loading the plans folder off the UI thread: scan, then read files on all cores, sending
//! each as it is ready over a channel, so the first frame shows at once with a count. With
//! the summary cache, a warm start sends the rows of the unchanged files first and their
//! plans after (`store::cache::listing`, `tui::reading`). Then, on the same thread, the temp
//! files an interrupted write left behind are cleared.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::plan::finding::Location;
use crate::plan::rules::RuleSettings;
use crate::store::cache::listing::{self, ListedRows, ListingSink, PlanRead};
use crate::store::folder::{PlanFile, load_parallel, scan};
use crate::store::write::leftovers::{STALE_TEMP_AGE, remove_stale_temp_files};
use crate::tui::msg::Msg;
use crate::tui::reading::ListedFiles;

/// What the loader thread reports, in order: started, listed (a warm start's rows, once),
/// loaded (many), finished (every file listed), plans read (the listed rows', in batches),
/// all read; or failed.
#[derive(Debug)]
pub enum LoadMessage {
    Started { total: usize },
    Listed(Box<ListedFiles>),
    Loaded(Box<PlanFile>),
    Finished,
    PlansRead(Vec<(usize, PlanRead)>),
    AllRead,
    Failed(String),
}

/// The loader's news from a rows-first load, onto the channel. A closed channel means the
/// app has quit: what is sent then is dropped.
struct ToChannel {
    sender: Sender<LoadMessage>,
    /// Held while the rows listed are on their way to the app's list.
    receipt: Mutex<Option<Arc<()>>>,
}

/// How long the loader waits for the app to put the rows on its list before it reads the
/// plans anyway (the app polls every [`super::LOADING_POLL`]).
const HAND_OVER: Duration = Duration::from_millis(200);

impl ListingSink for ToChannel {
    fn listed(&self, rows: ListedRows) {
        // Each row's summary made here, off the app's thread.
        let mut listed = ListedFiles::of(rows);
        let receipt = Arc::new(());
        listed.receipt = Some(Arc::clone(&receipt));
        if let Ok(mut held) = self.receipt.lock() {
            *held = Some(receipt);
        }
        let _ = self.sender.send(LoadMessage::Listed(Box::new(listed)));
    }
    fn loaded(&self, file: PlanFile) {
        let _ = self.sender.send(LoadMessage::Loaded(Box::new(file)));
    }
    fn all_listed(&self) {
        let _ = self.sender.send(LoadMessage::Finished);
        // The plans are read once the list is up: on two cores, reading them at the same
        // time would take half the machine from the app while it lists.
        let receipt = self.receipt.lock().ok().and_then(|mut held| held.take());
        if let Some(receipt) = receipt {
            let until = Instant::now() + HAND_OVER;
            while Arc::strong_count(&receipt) > 1 && Instant::now() < until {
                thread::sleep(Duration::from_millis(1));
            }
        }
    }
    fn plans(&self, plans: Vec<(usize, PlanRead)>) {
        let _ = self.sender.send(LoadMessage::PlansRead(plans));
    }
    fn all_read(&self) {
        let _ = self.sender.send(LoadMessage::AllRead);
    }
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
        // The cache's index is read while the folder is scanned: neither waits on the other.
        let (opened, scanned) = thread::scope(|scope| {
            let opening = cache.then(|| scope.spawn(|| listing::open(&root, &settings)));
            let scanned = scan(&root);
            let opened = opening.and_then(|opening| opening.join().ok()).flatten();
            (opened, scanned)
        });
        // A closed channel means the app has quit: stop quietly.
        let scanned = match scanned {
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
        if cache {
            let sink = ToChannel {
                sender,
                receipt: Mutex::new(None),
            };
            listing::load_rows_first_from(&root, &scanned.candidates, &settings, opened, &sink);
        } else {
            let deliver = |_, file| {
                let _ = sender.send(LoadMessage::Loaded(Box::new(file)));
            };
            load_parallel(&scanned.candidates, &settings, deliver);
            let _ = sender.send(LoadMessage::Finished);
            let _ = sender.send(LoadMessage::AllRead);
        }
        // Full copies of plans left by a crash mid-write: removed once surely stale. Quietly:
        // the app's own leftovers, which the next write would not have made.
        if tidy {
            remove_stale_temp_files(&root, STALE_TEMP_AGE);
        }
    });
    receiver
}

/// Take what the loader has sent so far (at most `limit` files or plans, so a frame is never
/// held up), as messages: loaded files batched into one, plans read into one.
pub fn drain(receiver: &Receiver<LoadMessage>, limit: usize) -> Vec<Msg> {
    let mut actions = Vec::new();
    let mut batch = Vec::new();
    let mut plans = Vec::new();
    let flush = |actions: &mut Vec<Msg>, batch: &mut Vec<PlanFile>, plans: &mut Vec<_>| {
        if !batch.is_empty() {
            actions.push(Msg::PlansLoaded(std::mem::take(batch)));
        }
        if !plans.is_empty() {
            actions.push(Msg::PlansRead(std::mem::take(plans)));
        }
    };
    while batch.len() + plans.len() < limit {
        match receiver.try_recv() {
            Ok(LoadMessage::Loaded(file)) if plans.is_empty() => batch.push(*file),
            Ok(LoadMessage::PlansRead(read)) if batch.is_empty() => plans.extend(read),
            Ok(other) => {
                flush(&mut actions, &mut batch, &mut plans);
                match other {
                    LoadMessage::Started { total } => actions.push(Msg::LoadStarted { total }),
                    LoadMessage::Listed(rows) => actions.push(Msg::RowsListed(rows)),
                    LoadMessage::Loaded(file) => batch.push(*file),
                    LoadMessage::Finished => actions.push(Msg::LoadFinished),
                    LoadMessage::PlansRead(read) => plans.extend(read),
                    LoadMessage::AllRead => {}
                    LoadMessage::Failed(message) => actions.push(Msg::LoadFailed(message)),
                }
            }
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
        }
    }
    flush(&mut actions, &mut batch, &mut plans);
    actions
}

/// Was a batch in `drained` full (more may be waiting: take it at once, without a poll)?
pub fn more_waiting(drained: &[Msg], limit: usize) -> bool {
    let taken: usize = drained
        .iter()
        .map(|msg| match msg {
            Msg::PlansLoaded(files) => files.len(),
            Msg::PlansRead(plans) => plans.len(),
            _ => 0,
        })
        .sum();
    taken >= limit
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
            // No cache here: nothing is listed before it is read.
            LoadMessage::Listed(_) | LoadMessage::PlansRead(_) | LoadMessage::AllRead => {}
        }
    }
    actions
}
