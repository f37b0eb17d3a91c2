//! What says a file is unchanged since it was read, as git's index does: its size, its
//! modification and change times to the nanosecond, its inode and device, and its mode
//! (on unix; elsewhere the size and the modification time).

use std::fs::Metadata;

use serde::{Deserialize, Serialize};

/// A file's stat data, compared whole: any difference means the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatKey {
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Status change time (unix: ctime, which `touch -d` and `chmod` move too), nanoseconds.
    pub ctime_ns: i64,
    pub inode: u64,
    pub device: u64,
    pub mode: u32,
}

impl StatKey {
    /// The key of a file, from its metadata (of the file opened, or of the name followed).
    #[cfg(unix)]
    pub fn of(metadata: &Metadata) -> StatKey {
        use std::os::unix::fs::MetadataExt;
        StatKey {
            size: metadata.size(),
            mtime_ns: metadata
                .mtime()
                .saturating_mul(1_000_000_000)
                .saturating_add(metadata.mtime_nsec()),
            ctime_ns: metadata
                .ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(metadata.ctime_nsec()),
            inode: metadata.ino(),
            device: metadata.dev(),
            mode: metadata.mode(),
        }
    }

    /// The key of a file, from its metadata: size and modification time only (no inode here).
    #[cfg(not(unix))]
    pub fn of(metadata: &Metadata) -> StatKey {
        let mtime_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(-1, |since| {
                i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
            });
        StatKey {
            size: metadata.len(),
            mtime_ns,
            ctime_ns: 0,
            inode: 0,
            device: 0,
            mode: u32::from(metadata.permissions().readonly()),
        }
    }

    /// Modified so close to the time the cache was made (`as_of_ns`, taken before any file
    /// was read) that a later change in the same clock tick could leave the same stat data:
    /// not to be trusted, read again (git's "racy" entries, by the same rule: the
    /// modification time). Two seconds of margin covers file systems that keep whole or
    /// even seconds.
    pub fn is_racy(&self, as_of_ns: i64) -> bool {
        const MARGIN_NS: i64 = 2_000_000_000;
        self.mtime_ns >= as_of_ns.saturating_sub(MARGIN_NS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(mtime_ns: i64) -> StatKey {
        StatKey {
            size: 1,
            mtime_ns,
            ctime_ns: 0,
            inode: 1,
            device: 1,
            mode: 0o644,
        }
    }

    #[test]
    fn a_file_modified_near_or_after_the_cache_time_is_racy() {
        let as_of = 1_000 * 1_000_000_000;
        assert!(key(as_of).is_racy(as_of), "the same instant");
        assert!(key(as_of + 5).is_racy(as_of), "after it");
        assert!(
            key(as_of - 1_999_999_999).is_racy(as_of),
            "within the margin"
        );
        assert!(!key(as_of - 2_000_000_001).is_racy(as_of), "well before it");
    }
}

/// A symlink's own stat data beside its target's: a link pointed at another file is read
/// again even when the two files look alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    pub file: StatKey,
    pub link: Option<StatKey>,
}
