//! The cache index in a compact binary form: numbers little-endian, texts as a length and
//! UTF-8 bytes, each closed set (severity, check, legal status, review state, lifecycle) as
//! a tag. Reading it back asks for nothing but a walk over the bytes (a JSON index of 10,000
//! plans took most of a warm `check`). Every read is checked: a short, overlong or
//! ill-formed index gives `None`, and the cache is then ignored, never trusted.

use chrono::{Datelike, NaiveDate};

use super::file::{CachedFinding, IndexEntry};
use super::key::{FileKey, StatKey};
use crate::plan::document::FolderFacts;
use crate::plan::finding::{Check, Location, Segment, Severity};
use crate::plan::lifecycle::Lifecycle;
use crate::plan::listing::ListingFacts;
use crate::plan::model::LegalStatus;
use crate::plan::review_state::ReviewState;

/// Bytes being written.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    fn i64(&mut self, value: i64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    fn usize(&mut self, value: usize) {
        self.u64(value as u64);
    }

    fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    /// A length that must fit in 32 bits (texts and lists in a plan of at most 1 MiB do);
    /// `false` when it does not, and the entry is then not cached.
    fn len(&mut self, len: usize) -> bool {
        match u32::try_from(len) {
            Ok(len) => {
                self.u32(len);
                true
            }
            Err(_) => false,
        }
    }

    fn str(&mut self, text: &str) -> bool {
        let fits = self.len(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
        fits
    }

    fn opt_str(&mut self, text: Option<&str>) -> bool {
        match text {
            None => {
                self.u8(0);
                true
            }
            Some(text) => {
                self.u8(1);
                self.str(text)
            }
        }
    }

    fn date(&mut self, date: NaiveDate) {
        self.u32(date.num_days_from_ce() as u32);
    }

    fn opt_date(&mut self, date: Option<NaiveDate>) {
        match date {
            None => self.u8(0),
            Some(date) => {
                self.u8(1);
                self.date(date);
            }
        }
    }
}

/// Bytes being read: each read moves on, or gives `None` when the bytes do not hold it.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    /// Every byte read.
    pub fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        if count > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Some(taken)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.array()?))
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.len()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.bool()? {
            false => Some(None),
            true => self.string().map(Some),
        }
    }

    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(self.u32()?).ok()?)
    }

    fn opt_date(&mut self) -> Option<Option<NaiveDate>> {
        match self.bool()? {
            false => Some(None),
            true => self.date().map(Some),
        }
    }

    /// A count of items each at least `least` bytes long: never more than the bytes left
    /// could hold (a corrupt count must not reserve gigabytes).
    fn count(&mut self, least: usize) -> Option<usize> {
        let count = self.len()?;
        (count <= self.bytes.len() / least.max(1)).then_some(count)
    }
}

/// Write the index: the number of entries, then each entry.
pub fn write_index(entries: &[&IndexEntry]) -> Option<Vec<u8>> {
    let mut out = Writer::default();
    let mut fits = out.len(entries.len());
    for entry in entries {
        fits &= write_entry(&mut out, entry);
    }
    fits.then_some(out.bytes)
}

/// Read an index written by [`write_index`], every byte of it. Without `listing`, each
/// entry's list-row facts are skipped (left as for no plan): `check` needs none.
pub fn read_index(bytes: &[u8], listing: bool) -> Option<Vec<IndexEntry>> {
    let mut reader = Reader::new(bytes);
    let count = reader.count(64)?;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        entries.push(read_entry(&mut reader, listing)?);
    }
    reader.is_done().then_some(entries)
}

fn write_entry(out: &mut Writer, entry: &IndexEntry) -> bool {
    let mut fits = out.str(&entry.path);
    write_stat(out, &entry.key.file);
    match &entry.key.link {
        None => out.u8(0),
        Some(link) => {
            out.u8(1);
            write_stat(out, link);
        }
    }
    write_location(out, entry.id_location);
    out.bool(entry.has_plan);
    fits &= out.opt_str(entry.folder.id.as_deref());
    fits &= out.opt_str(entry.folder.nhs_number.as_deref());
    out.bool(entry.folder.ended);
    fits &= out.len(entry.findings.len());
    for finding in &entry.findings {
        fits &= write_finding(out, finding);
    }
    // The row's facts behind their length, so a reader that wants none steps over them.
    let mut listing = Writer::default();
    fits &= write_listing(&mut listing, &entry.listing);
    fits &= out.len(listing.bytes.len());
    out.bytes.extend_from_slice(&listing.bytes);
    fits
}

fn read_entry(reader: &mut Reader, listing: bool) -> Option<IndexEntry> {
    let path = reader.string()?;
    let file = read_stat(reader)?;
    let link = match reader.bool()? {
        false => None,
        true => Some(read_stat(reader)?),
    };
    let id_location = read_location(reader)?;
    let has_plan = reader.bool()?;
    let folder = FolderFacts {
        id: reader.opt_string()?,
        nhs_number: reader.opt_string()?,
        ended: reader.bool()?,
    };
    let count = reader.count(8)?;
    let mut findings = Vec::with_capacity(count);
    for _ in 0..count {
        findings.push(read_finding(reader)?);
    }
    let listing_len = reader.len()?;
    let listing_bytes = reader.take(listing_len)?;
    let listing = match listing {
        true => {
            let mut inner = Reader::new(listing_bytes);
            let facts = read_listing(&mut inner)?;
            inner.is_done().then_some(facts)?
        }
        false => ListingFacts::none(),
    };
    Some(IndexEntry {
        path,
        key: FileKey { file, link },
        findings,
        id_location,
        has_plan,
        folder,
        listing,
    })
}

fn write_stat(out: &mut Writer, key: &StatKey) {
    out.u64(key.size);
    out.i64(key.mtime_ns);
    out.i64(key.ctime_ns);
    out.u64(key.inode);
    out.u64(key.device);
    out.u32(key.mode);
}

fn read_stat(reader: &mut Reader) -> Option<StatKey> {
    Some(StatKey {
        size: reader.u64()?,
        mtime_ns: reader.i64()?,
        ctime_ns: reader.i64()?,
        inode: reader.u64()?,
        device: reader.u64()?,
        mode: reader.u32()?,
    })
}

fn write_location(out: &mut Writer, location: Location) {
    out.usize(location.line);
    out.usize(location.column);
}

fn read_location(reader: &mut Reader) -> Option<Location> {
    Some(Location {
        line: reader.usize()?,
        column: reader.usize()?,
    })
}

fn write_finding(out: &mut Writer, finding: &CachedFinding) -> bool {
    out.u8(match finding.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    match finding.check {
        Check::File => out.u8(0),
        Check::Format => out.u8(1),
        Check::Rule(rule) => {
            out.u8(2);
            out.u8(rule);
        }
    }
    let mut fits = out.len(finding.path.len());
    for segment in &finding.path {
        match segment {
            Segment::Key(key) => {
                out.u8(0);
                fits &= out.str(key);
            }
            Segment::Index(index) => {
                out.u8(1);
                out.usize(*index);
            }
        }
    }
    write_location(out, finding.location);
    fits & out.str(&finding.message)
}

fn read_finding(reader: &mut Reader) -> Option<CachedFinding> {
    let severity = match reader.u8()? {
        0 => Severity::Error,
        1 => Severity::Warning,
        _ => return None,
    };
    let check = match reader.u8()? {
        0 => Check::File,
        1 => Check::Format,
        2 => Check::Rule(reader.u8()?),
        _ => return None,
    };
    let count = reader.count(5)?;
    let mut path = Vec::with_capacity(count);
    for _ in 0..count {
        path.push(match reader.u8()? {
            0 => Segment::Key(reader.string()?),
            1 => Segment::Index(reader.usize()?),
            _ => return None,
        });
    }
    Some(CachedFinding {
        severity,
        check,
        path,
        location: read_location(reader)?,
        message: reader.string()?,
    })
}

fn write_listing(out: &mut Writer, facts: &ListingFacts) -> bool {
    let mut fits = out.opt_str(facts.id.as_deref());
    fits &= out.opt_str(facts.initials.as_deref());
    fits &= out.opt_str(facts.section.as_deref());
    fits &= out.opt_str(facts.legal_status.map(LegalStatus::as_str));
    out.opt_date(facts.next_review);
    out.u8(match facts.review_state {
        ReviewState::Overdue => 0,
        ReviewState::DueSoon => 1,
        ReviewState::Later => 2,
        ReviewState::Unknown => 3,
    });
    out.usize(facts.health);
    out.usize(facts.social);
    out.usize(facts.joint);
    out.bool(facts.disputed);
    match facts.lifecycle {
        Lifecycle::Live => out.u8(0),
        Lifecycle::EndingPlanned(date) => {
            out.u8(1);
            out.date(date);
        }
        Lifecycle::Ended(date) => {
            out.u8(2);
            out.date(date);
        }
    }
    fits &= out.str(&facts.icb);
    fits &= out.str(&facts.local_authority);
    fits & out.str(&facts.coordinator)
}

fn read_listing(reader: &mut Reader) -> Option<ListingFacts> {
    let id = reader.opt_string()?;
    let initials = reader.opt_string()?;
    let section = reader.opt_string()?;
    let legal_status = match reader.bool()? {
        false => None,
        true => Some(LegalStatus::parse(reader.str()?)?),
    };
    let next_review = reader.opt_date()?;
    let review_state = match reader.u8()? {
        0 => ReviewState::Overdue,
        1 => ReviewState::DueSoon,
        2 => ReviewState::Later,
        3 => ReviewState::Unknown,
        _ => return None,
    };
    let health = reader.usize()?;
    let social = reader.usize()?;
    let joint = reader.usize()?;
    let disputed = reader.bool()?;
    let lifecycle = match reader.u8()? {
        0 => Lifecycle::Live,
        1 => Lifecycle::EndingPlanned(reader.date()?),
        2 => Lifecycle::Ended(reader.date()?),
        _ => return None,
    };
    Some(ListingFacts {
        id,
        initials,
        section,
        legal_status,
        next_review,
        review_state,
        health,
        social,
        joint,
        disputed,
        lifecycle,
        icb: reader.string()?,
        local_authority: reader.string()?,
        coordinator: reader.string()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn entry(path: &str) -> IndexEntry {
        let key = StatKey {
            size: 2048,
            mtime_ns: 1_700_000_000_123_456_789,
            ctime_ns: -5,
            inode: u64::MAX,
            device: 7,
            mode: 0o100644,
        };
        IndexEntry {
            path: path.to_owned(),
            key: FileKey {
                file: key,
                link: Some(StatKey { size: 9, ..key }),
            },
            findings: vec![
                CachedFinding {
                    severity: Severity::Warning,
                    check: Check::Rule(9),
                    path: vec![Segment::Key("needs".into()), Segment::Index(3)],
                    location: Location {
                        line: 12,
                        column: 5,
                    },
                    message: "review overdue: Ünïcode ✓".into(),
                },
                CachedFinding {
                    severity: Severity::Error,
                    check: Check::File,
                    path: Vec::new(),
                    location: Location::START,
                    message: String::new(),
                },
            ],
            id_location: Location { line: 2, column: 5 },
            has_plan: true,
            folder: FolderFacts {
                id: Some("S117-0001".into()),
                nhs_number: Some("999 000 0018".into()),
                ended: false,
            },
            listing: ListingFacts {
                id: Some("S117-0001".into()),
                initials: Some("J.T.".into()),
                section: Some("37/41".into()),
                legal_status: Some(LegalStatus::Cto),
                next_review: Some(day("2027-01-31")),
                review_state: ReviewState::DueSoon,
                health: 2,
                social: 1,
                joint: 0,
                disputed: true,
                lifecycle: Lifecycle::EndingPlanned(day("2027-03-01")),
                icb: "NHS Test ICB".into(),
                local_authority: "Test Borough".into(),
                coordinator: "A. Coordinator".into(),
            },
        }
    }

    fn same(a: &IndexEntry, b: &IndexEntry) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn an_index_reads_back_as_written_with_or_without_the_row_facts() {
        let entries = [
            entry("team-a/s117-0001.yaml"),
            IndexEntry {
                key: FileKey {
                    link: None,
                    ..entry("x").key
                },
                listing: ListingFacts::none(),
                has_plan: false,
                folder: FolderFacts::default(),
                ..entry("b.yml")
            },
        ];
        let bytes = write_index(&entries.iter().collect::<Vec<_>>()).unwrap();
        let read = read_index(&bytes, true).unwrap();
        assert_eq!(read.len(), 2);
        assert!(read.iter().zip(&entries).all(|(a, b)| same(a, b)));
        let without = read_index(&bytes, false).unwrap();
        assert_eq!(without[0].listing, ListingFacts::none());
        assert_eq!(without[0].findings.len(), 2);
        assert_eq!(without[0].folder, entries[0].folder);
    }

    #[test]
    fn a_cut_or_damaged_index_is_refused_never_misread() {
        let entries = [entry("a.yaml"), entry("b.yaml")];
        let bytes = write_index(&entries.iter().collect::<Vec<_>>()).unwrap();
        for cut in 0..bytes.len() {
            assert!(read_index(&bytes[..cut], true).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read_index(&longer, true).is_none(), "a byte too many");
        // A count of entries far more than the bytes could hold reserves nothing.
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_index(&huge, true).is_none());
        // Every single byte changed: refused or read as something (the checksum in the
        // header is what catches a changed byte), never a panic.
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0xA5;
            let _ = read_index(&changed, true);
        }
    }
}
