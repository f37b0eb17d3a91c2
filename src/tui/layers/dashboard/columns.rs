//! The plans list's columns: which show at a width, how wide each is, and the one that takes
//! the place of the section and legal status while searching or sorting by a body.

use crate::tui::action::SortKey;
use crate::tui::layers::dashboard::list::PlanList;
use crate::tui::text::width;

/// A column of the list: title and width (including the space after it).
pub struct Column {
    pub title: &'static str,
    pub width: usize,
    pub kind: ColumnKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Id,
    Person,
    Section,
    Legal,
    NextReview,
    Health,
    Social,
    Joint,
    Icb,
    LocalAuthority,
    /// While searching: why the plan is listed (`LA: London Borough of Lambeth`).
    Matched,
    Flags,
}

/// Which column the list shows in place of the section and the legal status: why each plan
/// matched while searching, else the ICB or the local authority it is sorted by (a wide list
/// shows those anyway).
pub fn extra_column(list: &PlanList) -> Option<(ColumnKind, &'static str)> {
    if list.is_searching() {
        return Some((ColumnKind::Matched, "Matched"));
    }
    match list.sort {
        SortKey::Icb => Some((ColumnKind::Icb, "ICB")),
        SortKey::LocalAuthority => Some((ColumnKind::LocalAuthority, "Local authority")),
        _ => None,
    }
}

/// Put `extra` where the section and legal status were (their widths together), unless the
/// list shows that column already.
pub fn with_extra(
    mut columns: Vec<Column>,
    extra: Option<(ColumnKind, &'static str)>,
) -> Vec<Column> {
    let Some((kind, title)) = extra else {
        return columns;
    };
    if columns.iter().any(|column| column.kind == kind) {
        return columns;
    }
    let replaced = |column: &Column| matches!(column.kind, ColumnKind::Section | ColumnKind::Legal);
    let Some(at) = columns.iter().position(replaced) else {
        return columns;
    };
    let width = columns
        .iter()
        .filter(|column| replaced(column))
        .map(|column| column.width)
        .sum();
    columns.retain(|column| !replaced(column));
    // A wide list gives the extra column part of the flags' room (they need about 20).
    let mut width = width;
    if let Some(flags) = columns.iter_mut().find(|c| c.kind == ColumnKind::Flags) {
        let spare = flags
            .width
            .saturating_sub(24)
            .min(40usize.saturating_sub(width));
        flags.width -= spare;
        width += spare;
    }
    columns.insert(at, Column { title, width, kind });
    columns
}

/// Inside width below which the list narrows its columns (an 80-column terminal has 78).
const NARROW: usize = 78;

/// Flags never get fewer columns than this: `dispute` and a space.
const FLAGS_MIN: usize = 8;

/// Columns for a list `inner` columns wide: wide terminals add the ICB and the local authority;
/// narrow ones (down to the 60-column minimum) narrow the others so the flags always show.
pub fn columns(inner: usize) -> Vec<Column> {
    if inner < NARROW {
        return narrow_columns(inner);
    }
    let wide = inner >= 140;
    let count = |title, kind| Column {
        title,
        width: if wide { title_width(title) } else { 5 },
        kind,
    };
    let mut columns = vec![
        Column {
            title: "ID",
            width: 11,
            kind: ColumnKind::Id,
        },
        Column {
            title: "Person",
            width: 8,
            kind: ColumnKind::Person,
        },
        Column {
            title: "Sect",
            width: 6,
            kind: ColumnKind::Section,
        },
        Column {
            title: "Legal",
            width: 11,
            kind: ColumnKind::Legal,
        },
        Column {
            title: "Next review",
            // `15 Oct 2026 !` and a space; an ended plan's `ended 30/10/26` fits too.
            width: 16,
            kind: ColumnKind::NextReview,
        },
        count(if wide { "Health" } else { "Hlth" }, ColumnKind::Health),
        count(if wide { "Social" } else { "Soc" }, ColumnKind::Social),
        count(if wide { "Joint" } else { "Jnt" }, ColumnKind::Joint),
    ];
    if wide {
        let used: usize = 2 + columns.iter().map(|column| column.width).sum::<usize>();
        let each = ((inner.saturating_sub(used + 24)) / 2).min(42);
        columns.push(Column {
            title: "ICB",
            width: each,
            kind: ColumnKind::Icb,
        });
        columns.push(Column {
            title: "Local authority",
            width: each,
            kind: ColumnKind::LocalAuthority,
        });
    }
    let used: usize = 2 + columns.iter().map(|column| column.width).sum::<usize>();
    columns.push(Column {
        title: "Flags",
        width: inner.saturating_sub(used),
        kind: ColumnKind::Flags,
    });
    columns
}

/// Below 80 columns: the counts under one letter each, the next review with a short ended
/// date, then the section and the legal status (abbreviated) only where they fit beside flags
/// of at least `FLAGS_MIN` columns; the legal status goes first.
fn narrow_columns(inner: usize) -> Vec<Column> {
    let column = |title, width, kind| Column { title, width, kind };
    let mut columns = vec![
        column("ID", 11, ColumnKind::Id),
        column("Person", 7, ColumnKind::Person),
    ];
    let tail = [
        column("Next review", 15, ColumnKind::NextReview),
        column("H", 3, ColumnKind::Health),
        column("S", 3, ColumnKind::Social),
        column("J", 3, ColumnKind::Joint),
    ];
    let fixed: usize = 2 + columns.iter().chain(&tail).map(|c| c.width).sum::<usize>();
    let mut room = inner.saturating_sub(fixed + FLAGS_MIN);
    for (title, width, kind) in [
        ("Sect", 6, ColumnKind::Section),
        ("Legal", 6, ColumnKind::Legal),
    ] {
        if room >= width {
            columns.push(column(title, width, kind));
            room -= width;
        }
    }
    columns.extend(tail);
    let used: usize = 2 + columns.iter().map(|c| c.width).sum::<usize>();
    columns.push(column(
        "Flags",
        inner.saturating_sub(used),
        ColumnKind::Flags,
    ));
    columns
}

fn title_width(title: &str) -> usize {
    width(title) + 2
}
