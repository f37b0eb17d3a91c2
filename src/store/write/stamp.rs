//! What a plan file was when it was read (size, modification time, inode, a hash of the
//! bytes), compared again under the plan's lock just before it is written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::store::folder::{MAX_PLAN_BYTES, open_regular};

/// What a file was when it was loaded; compared again just before writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileStamp {
    pub len: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// The inode (0 where the platform has none); a rename over the file changes it.
    pub inode: u64,
    /// FNV-1a of the bytes.
    pub hash: u64,
}

impl FileStamp {
    /// Stamp a file's metadata together with the bytes read from it.
    pub fn new(meta: &fs::Metadata, bytes: &[u8]) -> FileStamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .map_or(0, |t| match t.duration_since(UNIX_EPOCH) {
                Ok(d) => d.as_nanos() as i128,
                Err(e) => -(e.duration().as_nanos() as i128),
            });
        FileStamp {
            len: meta.len(),
            mtime_ns,
            inode: inode(meta),
            hash: fnv1a(bytes),
        }
    }

    /// Read a file (through symlinks) and stamp it. The metadata is taken first, so a change
    /// racing the read still shows as a newer modification time at the next check. Only a
    /// regular file of at most `MAX_PLAN_BYTES` is read (a pipe would block; a plan is small).
    pub fn read(path: &Path) -> io::Result<(Vec<u8>, FileStamp)> {
        let (file, meta) = open_regular(path)?;
        read_stamped(file, &meta)
    }

    /// `read`, but of a file's real path: a symlink at the last component is refused, not
    /// followed (a plan's name swapped for a link since it was read is not the plan).
    pub(super) fn read_real(path: &Path) -> io::Result<(Vec<u8>, FileStamp)> {
        let mut options = OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut options,
            libc::O_NONBLOCK | libc::O_NOFOLLOW,
        );
        let file = options.open(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::other(
                "not a regular file (a folder, pipe, socket or device)",
            ));
        }
        read_stamped(file, &meta)
    }

    /// Which part differs from `other`, for the message (`None` when equal).
    pub fn difference(&self, other: &FileStamp) -> Option<&'static str> {
        if self.inode != other.inode {
            Some("it was replaced")
        } else if self.len != other.len {
            Some("its size changed")
        } else if self.hash != other.hash {
            Some("its content changed")
        } else if self.mtime_ns != other.mtime_ns {
            Some("its modification time changed")
        } else {
            None
        }
    }
}

fn read_stamped(file: File, meta: &fs::Metadata) -> io::Result<(Vec<u8>, FileStamp)> {
    let too_large = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "larger than {} KiB; a plan is a few kilobytes, so it is not edited",
                MAX_PLAN_BYTES / 1024
            ),
        )
    };
    if meta.len() > MAX_PLAN_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(too_large());
    }
    let stamp = FileStamp::new(meta, &bytes);
    Ok((bytes, stamp))
}

#[cfg(unix)]
pub(super) fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
pub(super) fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// FNV-1a, 64 bit: stable across runs and Rust versions, enough to notice an edit.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[cfg(unix)]
    #[test]
    fn the_real_path_is_read_but_a_link_there_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "a: 1\n").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(FileStamp::read_real(&real).unwrap().0, b"a: 1\n");
        assert!(FileStamp::read_real(&link).is_err());
        assert_eq!(FileStamp::read(&link).unwrap().0, b"a: 1\n");
    }
}
