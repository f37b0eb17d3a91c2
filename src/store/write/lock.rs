//! One writer at a time per plan file, whichever program writes it (the app, `aftercare set`,
//! a new plan being created): a lock file `.<name>.lock` beside the plan, created with
//! `O_EXCL` (`create_new`) as git does, holding the pid of its holder and where that pid means
//! something (host name and pid namespace). It is removed when the write ends, on every path
//! (a guard's `Drop`).
//!
//! The stale-lock rule: a lock is stale, and is broken, when its file is more than
//! `STALE_AFTER` old (a write holds it for milliseconds), or at once when it was taken on this
//! machine in this pid namespace by a process that no longer exists (`/proc/<pid>` gone,
//! Linux), or when it holds no pid a second after it was made (its writer was killed between
//! making it and writing the record). A writer that finds a live lock retries for up to
//! `LOCK_WAIT`, then gives up.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::stamp::inode;

/// How long a writer waits for another's lock before refusing.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);
/// A lock file older than this is taken as left by a crash, whoever holds it.
pub const STALE_AFTER: Duration = Duration::from_secs(30);
/// A lock file with no pid in it yet, older than this, was left by a writer killed between
/// making it and writing its record (microseconds apart).
const UNSIGNED_AFTER: Duration = Duration::from_secs(1);

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another writer holds it (still, after the wait).
    Busy,
    /// The lock file could not be made (a read-only folder, say).
    Io(io::Error),
}

/// A plan's lock, held until dropped.
#[derive(Debug)]
pub struct PlanLock {
    path: PathBuf,
    /// What this holder wrote into the lock file: removed on drop only while it is still this.
    owner: String,
}

/// The lock file of a plan: `.<name>.lock` in the plan's folder.
pub fn lock_path(plan: &Path) -> PathBuf {
    let name = plan
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    plan.with_file_name(format!(".{name}.lock"))
}

impl PlanLock {
    /// Take the lock of the plan at `plan` (its real path), waiting up to `wait` for another
    /// writer to finish; a stale lock is broken.
    pub fn acquire(plan: &Path, wait: Duration) -> Result<PlanLock, LockError> {
        let path = lock_path(plan);
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(2);
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let owner = owner_record();
                    if let Err(error) = file.write_all(owner.as_bytes()) {
                        let _ = fs::remove_file(&path);
                        return Err(LockError::Io(error));
                    }
                    return Ok(PlanLock { path, owner });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    if let Some(held) = stale(&path) {
                        break_stale(&path, held);
                        continue;
                    }
                    if Instant::now() >= deadline {
                        return Err(LockError::Busy);
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(25));
                }
                Err(error) => return Err(LockError::Io(error)),
            }
        }
    }
}

impl PlanLock {
    /// Is this the lock of the plan at `plan` (its real path)?
    pub fn is_for(&self, plan: &Path) -> bool {
        self.path == lock_path(plan)
    }
}

impl Drop for PlanLock {
    fn drop(&mut self) {
        // Only our own lock: if ours was broken as stale, the file is someone else's now.
        if read_lock(&self.path).is_some_and(|text| text == self.owner) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// What a holder writes: its pid on the first line (what other tools read), then where that
/// pid is meaningful, and a token so that no two holders write the same record.
fn owner_record() -> String {
    static TAKEN: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let here = here();
    format!(
        "{}\nhost={}\npidns={}\ntoken={nanos}-{}\n",
        std::process::id(),
        here.host.as_deref().unwrap_or(""),
        here.pid_namespace.as_deref().unwrap_or(""),
        TAKEN.fetch_add(1, Ordering::Relaxed)
    )
}

/// Where this process runs, as far as a pid needs it (Linux; unknown elsewhere).
struct Here {
    host: Option<String>,
    pid_namespace: Option<String>,
}

fn here() -> &'static Here {
    static HERE: OnceLock<Here> = OnceLock::new();
    HERE.get_or_init(|| Here {
        host: fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .map(|host| host.trim().to_owned())
            .filter(|host| !host.is_empty()),
        pid_namespace: fs::read_link("/proc/self/ns/pid")
            .ok()
            .map(|link| link.to_string_lossy().into_owned()),
    })
}

/// A lock file's text (small; a lock is a few lines), if it can be read.
fn read_lock(path: &Path) -> Option<String> {
    let file = fs::File::open(path).ok()?;
    let mut text = String::new();
    file.take(4096).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The lock at `path` as found stale: its inode, so that breaking it breaks that one only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stale {
    inode: u64,
}

/// `Some` when the lock at `path` is stale by the rule in the module's words.
fn stale(path: &Path) -> Option<Stale> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None; // Not a lock this app made: never removed.
    }
    let found = Stale {
        inode: inode(&meta),
    };
    let age = meta.modified().ok().map(|modified| {
        SystemTime::now()
            .duration_since(modified)
            .unwrap_or_else(|ahead| ahead.duration())
    });
    if age.is_some_and(|age| age > STALE_AFTER) {
        return Some(found);
    }
    let text = read_lock(path)?;
    // A holder writes its record right after making the file (one small write): a lock still
    // without a pid after a moment was left by a writer killed in between.
    let unsigned = pid_of(&text).is_none();
    if unsigned && age.is_some_and(|age| age > UNSIGNED_AFTER) {
        return Some(found);
    }
    holder_is_gone(&text).then_some(found)
}

/// The holder's pid: the record's first line.
fn pid_of(record: &str) -> Option<u32> {
    record.lines().next()?.trim().parse().ok()
}

/// True only when the lock's record says it was taken here (same host, same pid namespace)
/// by a process that no longer exists. Anything unknown counts as alive (the age rule then).
fn holder_is_gone(record: &str) -> bool {
    let Some(pid) = pid_of(record) else {
        return false;
    };
    let field = |key: &str| {
        record
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .filter(|value| !value.is_empty())
    };
    let here = here();
    let same_place = matches!(
        (field("host"), here.host.as_deref(), field("pidns"), here.pid_namespace.as_deref()),
        (Some(a), Some(b), Some(c), Some(d)) if a == b && c == d
    );
    same_place && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
}

/// Remove a stale lock, that one only: it is moved aside first, and if what was moved turns
/// out to be a new lock (taken since it was judged stale) it is put back.
fn break_stale(path: &Path, found: Stale) {
    static BROKEN: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let aside = path.with_file_name(format!(
        "{name}.{}-{}.broken.lock",
        std::process::id(),
        BROKEN.fetch_add(1, Ordering::Relaxed)
    ));
    if fs::rename(path, &aside).is_err() {
        return; // Gone already: someone else broke it or its holder finished.
    }
    let moved = fs::symlink_metadata(&aside).map(|meta| inode(&meta));
    if moved.is_ok_and(|moved| moved != found.inode) {
        // A fresh lock: back under its name, unless a third writer took the name meanwhile.
        let _ = fs::hard_link(&aside, path);
    }
    let _ = fs::remove_file(&aside);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dir: &Path) -> PathBuf {
        let plan = dir.join("plan.yaml");
        fs::write(&plan, "a: 1\n").unwrap();
        plan
    }

    #[test]
    fn taken_beside_the_plan_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let lock = PlanLock::acquire(&plan, Duration::ZERO).unwrap();
        let file = dir.path().join(".plan.yaml.lock");
        let record = fs::read_to_string(&file).unwrap();
        assert_eq!(
            record.lines().next(),
            Some(std::process::id().to_string().as_str())
        );
        drop(lock);
        assert!(!file.exists());
    }

    #[test]
    fn a_held_lock_is_refused_after_the_wait() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let held = PlanLock::acquire(&plan, Duration::ZERO).unwrap();
        let started = Instant::now();
        let second = PlanLock::acquire(&plan, Duration::from_millis(100));
        assert!(matches!(second, Err(LockError::Busy)), "{second:?}");
        assert!(started.elapsed() >= Duration::from_millis(100), "it waited");
        drop(held);
        PlanLock::acquire(&plan, Duration::ZERO).expect("free again once released");
    }

    #[test]
    fn a_lock_older_than_the_limit_is_stale_whoever_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let file = lock_path(&plan);
        // This process is alive: only the age makes it stale.
        fs::write(&file, owner_record()).unwrap();
        assert!(matches!(
            PlanLock::acquire(&plan, Duration::ZERO),
            Err(LockError::Busy)
        ));
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(5);
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let lock = PlanLock::acquire(&plan, Duration::ZERO).expect("a stale lock is broken");
        assert_eq!(fs::read_to_string(&file).unwrap(), lock.owner);
        drop(lock);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the plan"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fresh_lock_of_a_process_that_is_gone_is_stale_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let record = owner_record();
        let (_, rest) = record.split_once('\n').unwrap();
        let file = lock_path(&plan);
        fs::write(&file, format!("{gone}\n{rest}")).unwrap();
        assert!(stale(&file).is_some());
        let lock = PlanLock::acquire(&plan, Duration::ZERO).expect("taken from a dead holder");
        drop(lock);
        // The same pid on another machine, or with nothing but a pid, is not judged by pid.
        fs::write(&file, format!("{gone}\nhost=elsewhere\npidns=pid:[1]\n")).unwrap();
        assert!(stale(&file).is_none());
        fs::write(&file, format!("{gone}\n")).unwrap();
        assert!(stale(&file).is_none());
    }

    #[test]
    fn an_empty_lock_is_stale_after_a_moment_not_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let file = lock_path(&plan);
        // A writer killed between making the lock file and writing its record.
        fs::write(&file, "").unwrap();
        assert!(stale(&file).is_none(), "a writer may be about to sign it");
        let made = SystemTime::now() - UNSIGNED_AFTER - Duration::from_millis(50);
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(made)
            .unwrap();
        assert!(stale(&file).is_some());
        let lock = PlanLock::acquire(&plan, Duration::ZERO).expect("taken from a dead writer");
        drop(lock);
        assert!(!file.exists());
    }

    #[test]
    fn dropping_a_lock_broken_as_stale_leaves_the_new_holders_lock() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let first = PlanLock::acquire(&plan, Duration::ZERO).unwrap();
        // Someone judged it stale and took the lock since.
        let file = lock_path(&plan);
        fs::remove_file(&file).unwrap();
        let second = PlanLock::acquire(&plan, Duration::ZERO).unwrap();
        drop(first);
        assert_eq!(fs::read_to_string(&file).unwrap(), second.owner);
    }

    #[test]
    fn breaking_puts_back_a_lock_taken_since_it_was_judged_stale() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan(dir.path());
        let file = lock_path(&plan);
        let fresh = PlanLock::acquire(&plan, Duration::ZERO).unwrap();
        // Judged stale when another file (inode) was there.
        break_stale(
            &file,
            Stale {
                inode: u64::MAX - 1,
            },
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), fresh.owner);
        drop(fresh);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the plan"
        );
    }
}
