//! The plans list: one row per plan file, only the visible rows built, so a folder of 10,000
//! plans costs what a folder of 20 does. Initials only: no name, NHS number or birth date.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::plan::dates::format_uk;
use crate::plan::lifecycle::Lifecycle;
use crate::store::git::GitError;
use crate::tui::app::{App, LoadState};
use crate::tui::git_status::{GitFolder, GitState};
use crate::tui::layers::dashboard::columns::{
    Column, ColumnKind, columns, extra_column, with_extra,
};
use crate::tui::layers::dashboard::list::scroll_offset;
use crate::tui::layers::dashboard::summary::{PlanSummary, ReviewState, search_fields};
use crate::tui::strings::{self, MISSING};
use crate::tui::text::{counted, fit, shown, thousands, truncate, width};

/// After the id of a plan whose file differs from git's last commit (or was never
/// committed), as editors mark a modified file; the status line says what it means.
const UNCOMMITTED: &str = "*";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let over_time = match (app.folder.counts.ended, app.folder.counts.ending_planned) {
        (0, 0) => String::new(),
        (ended, 0) => format!(" ({} ended)", thousands(ended)),
        (0, planned) => format!(" ({} to end)", thousands(planned)),
        (ended, planned) => format!(
            " ({} ended, {} to end)",
            thousands(ended),
            thousands(planned)
        ),
    };
    let counts = |over_time: &str| {
        format!(
            " {}{over_time}, {} overdue, {} due soon, {}{} ",
            counted(app.folder.counts.plans, "plan"),
            thousands(app.folder.counts.overdue),
            thousands(app.folder.counts.due_soon),
            counted(app.folder.counts.disputes, "dispute"),
            if app.folder.counts.invalid > 0 {
                format!(", {} invalid", thousands(app.folder.counts.invalid))
            } else {
                String::new()
            }
        )
    };
    // Room for ` Plans ` and the corners beside the counts: at 60 columns the ended and
    // ending counts go (the list's rows still say `ended`, `ending`), never the title.
    let mut counts_text = counts(&over_time);
    if width(&counts_text) + 2 + 7 + 1 > usize::from(area.width) {
        counts_text = counts("");
    }
    // Corners, the title's own words and a gap between the two titles.
    let room = usize::from(area.width).saturating_sub(width(&counts_text) + 2 + 10 + 1);
    let folder = truncate(&app.folder.path, room, theme.symbols.ellipsis);
    // With no room left for the folder's name, the title is only `Plans`, never `Plans ()`.
    let title = if folder.is_empty() {
        " Plans ".to_owned()
    } else {
        format!(" Plans ({folder}) ")
    };
    let block = Block::bordered()
        .border_set(theme.border)
        .title(Span::styled(title, theme.heading))
        .title_top(Line::from(counts_text).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let columns = with_extra(
        columns(usize::from(inner.width)),
        extra_column(&app.nav.list),
    );
    let status = Rect { height: 1, ..inner };
    render_status(app, frame, status);
    let titles = Rect {
        y: inner.y + 1,
        height: 1,
        ..inner
    };
    let mut title_spans = vec![Span::raw("  ")];
    for column in &columns {
        title_spans.push(Span::styled(
            fit(column.title, column.width, theme.symbols.ellipsis),
            theme.heading,
        ));
    }
    frame.render_widget(Line::from(title_spans), titles);
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    render_rows(app, &columns, frame, list);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let list = &app.nav.list;
    let mut left = vec![Span::styled(" sorted by ", theme.muted)];
    let sort = match (list.is_searching(), list.reversed) {
        (true, _) => "match".to_owned(),
        (false, false) => list.sort.label().to_owned(),
        (false, true) => format!("{}, reversed", list.sort.label()),
    };
    left.push(Span::raw(sort));
    for part in list.exact.parts() {
        left.push(Span::raw("  "));
        left.push(Span::styled(
            format!("[{}]", app.shown(&part)),
            theme.heading,
        ));
    }
    if list.only_overdue {
        left.push(Span::raw("  "));
        left.push(Span::styled("[overdue only]", theme.overdue));
    }
    if list.only_disputed {
        left.push(Span::raw("  "));
        left.push(Span::styled("[disputes only]", theme.dispute));
    }
    let mut cursor = None;
    if list.searching || !list.query.is_empty() {
        left.push(Span::raw("  search: /"));
        let before: usize = left.iter().map(|span| span.width()).sum();
        let query = shown_query(app);
        left.push(Span::styled(query.clone(), theme.heading));
        if list.searching {
            let column = before + width(&query);
            cursor = u16::try_from(column).ok().map(|column| area.x + column);
        }
    }
    if list.is_filtered() {
        left.push(Span::styled(
            format!("  {} shown", thousands(list.rows.len())),
            theme.muted,
        ));
    }
    let left = Line::from(left);
    let used = left.width();
    frame.render_widget(left, area);
    let right = match &app.folder.load {
        LoadState::Scanning => Some(Span::styled("scanning the folder...", theme.muted)),
        LoadState::Loading { loaded, total } => Some(Span::styled(
            format!("loading {} of {}", thousands(*loaded), thousands(*total)),
            theme.warning,
        )),
        LoadState::Done if app.folder.unread() > 0 => Some(Span::styled(
            format!(
                "reading plans {} of {}",
                thousands(app.folder.listed - app.folder.unread()),
                thousands(app.folder.listed)
            ),
            theme.muted,
        )),
        LoadState::Done => git_status(app),
        LoadState::Failed(_) => Some(Span::styled("cannot read the folder", theme.error)),
    };
    // What git says goes where there is room for it, never over the sort, the search or a
    // filter in force.
    if let Some(right) = right.filter(|right| used + 1 + right.width() <= usize::from(area.width)) {
        frame.render_widget(Line::from(right).right_aligned(), area);
    }
    if let Some(x) = cursor.filter(|x| *x < area.right()) {
        frame.set_cursor_position(Position { x, y: area.y });
    }
}

/// The search as typed; in meeting mode one `*` a character, as a password is shown, since
/// what is typed may be (the start of) a name, a date of birth or an NHS number.
fn shown_query(app: &App) -> String {
    let query = &app.nav.list.query;
    if app.ui.display.meeting {
        "*".repeat(query.chars().count())
    } else {
        query.clone()
    }
}

/// What git says about the folder, where the uncommitted flags would appear.
fn git_status(app: &App) -> Option<Span<'static>> {
    let theme = &app.ui.theme;
    match &app.git.state {
        GitState::Checking => None,
        GitState::Ready(GitFolder {
            status_failed: Some(error),
            ..
        }) => Some(Span::styled(
            format!("uncommitted plans unknown: {} ", error.brief()),
            theme.muted,
        )),
        GitState::Ready(folder) if folder.uncommitted.is_empty() => team_status(app, folder),
        GitState::Ready(folder) => Some(Span::styled(
            format!(
                "{UNCOMMITTED} {} not committed {}",
                counted(folder.uncommitted.len(), "plan"),
                team_status(app, folder).map_or(String::new(), |span| span.content.into_owned())
            ),
            theme.warning,
        )),
        GitState::Unavailable(GitError::NotInstalled) => {
            Some(Span::styled("git not installed: no history ", theme.muted))
        }
        GitState::Unavailable(GitError::NotARepository(_)) => {
            Some(Span::styled("not in git: no history ", theme.muted))
        }
        GitState::Unavailable(_) => Some(Span::styled("git unavailable ", theme.muted)),
    }
}

/// Where this clone stands with the team's server (as of the last fetch): `2 commits not yet
/// shared, 1 to take (Y syncs)`; nothing when in step or when there is no server.
fn team_status(app: &App, folder: &GitFolder) -> Option<Span<'static>> {
    let (ahead, behind) = folder.ahead_behind?;
    let mut parts = Vec::new();
    if app.git.syncing {
        parts.push("syncing".to_owned());
    }
    if ahead > 0 {
        parts.push(crate::commands::sync::not_shared_words(ahead));
    }
    if behind > 0 {
        parts.push(format!("{behind} from the team to take"));
    }
    if parts.is_empty() {
        return None;
    }
    Some(Span::styled(
        format!("{} (Y syncs) ", parts.join(", ")),
        app.ui.theme.muted,
    ))
}

fn render_rows(app: &App, columns: &[Column], frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let list = &app.nav.list;
    let page = usize::from(area.height);
    if list.rows.is_empty() {
        let message = match &app.folder.load {
            LoadState::Failed(message) => Line::styled(shown(message), theme.error),
            LoadState::Scanning => Line::styled("Looking for plan files...", theme.muted),
            _ if list.is_filtered() => Line::styled(
                "No plan matches. Esc clears the search and filters.",
                theme.muted,
            ),
            LoadState::Loading { .. } => Line::styled("Loading...", theme.muted),
            LoadState::Done => Line::styled(
                format!("No plan files (*.yaml) in {}.", shown(&app.folder.path)),
                theme.muted,
            ),
        };
        let text = Paragraph::new(message).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(text, area);
        return;
    }
    let offset = scroll_offset(list.offset, list.selected, page, list.rows.len());
    let end = (offset + page).min(list.rows.len());
    let visible = &list.rows[offset..end];
    let matched_room = columns
        .iter()
        .find(|column| column.kind == ColumnKind::Matched)
        .map_or(0, |column| column.width.saturating_sub(1));
    for (row_number, file_index) in visible.iter().enumerate() {
        let selected = offset + row_number == list.selected;
        let summary = &app.folder.summaries[*file_index];
        let uncommitted = app
            .folder
            .files
            .get(*file_index)
            .is_some_and(|file| app.git.state.is_uncommitted(&file.path));
        let why = list
            .hits
            .get(offset + row_number)
            .and_then(|hit| matched_because(app, *file_index, hit.field?, matched_room));
        // In meeting mode an invalid row's error waits for its plan: until then the people
        // it may name are not known to the masking.
        let withheld = app.ui.display.meeting && app.folder.is_awaited(*file_index);
        let line = row(
            app,
            columns,
            summary,
            (selected, uncommitted, withheld),
            why.as_deref(),
        );
        let row_area = Rect {
            y: area.y + row_number as u16,
            height: 1,
            ..area
        };
        frame.render_widget(line, row_area);
    }
}

/// Why a plan is listed by the search: the field its first word matched, and its text
/// (masked in meeting mode as everything on screen is).
fn matched_because(app: &App, file: usize, field: usize, room: usize) -> Option<String> {
    let (mut texts, mut labels) = (Vec::new(), Vec::new());
    search_fields(app.folder.files.get(file)?, &mut texts, &mut labels);
    let (label, text) = (labels.get(field)?, texts.get(field)?);
    // Too narrow for any text: which field matched (`LA`, `need`).
    if room < 11 {
        return Some((*label).to_owned());
    }
    let whole = format!("{label}: {text}");
    let text = if width(&whole) <= room {
        (*text).to_owned()
    } else {
        around_word(text, &app.nav.list.query, app.ui.theme.symbols.ellipsis)
    };
    Some(format!("{label}: {}", app.shown(&text)))
}

/// A long text from a little before where the search's first word is found in it
/// (`…Lambeth Living Well`), so the narrow column shows the part that matched.
fn around_word(text: &str, query: &str, ellipsis: &str) -> String {
    const BEFORE: usize = 0;
    let word = query
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['^', '\'', '$', '!'])
        .to_lowercase();
    let lower = text.to_lowercase();
    // Character offsets: lower-casing can change a text's length in bytes.
    let found = (!word.is_empty())
        .then(|| lower.find(&word))
        .flatten()
        .map(|at| lower[..at].chars().count());
    match found {
        // A short text (an id, initials) shows whole.
        Some(at) if at > BEFORE + 1 && text.chars().count() > 16 => {
            let start = at - BEFORE;
            format!("{ellipsis}{}", text.chars().skip(start).collect::<String>())
        }
        _ => text.to_owned(),
    }
}

fn row(
    app: &App,
    columns: &[Column],
    summary: &PlanSummary,
    (selected, uncommitted, withheld): (bool, bool, bool),
    why: Option<&str>,
) -> Line<'static> {
    let theme = &app.ui.theme;
    let marker = if selected {
        theme.symbols.selected
    } else {
        "  "
    };
    let mut spans = vec![Span::raw(marker)];
    let ellipsis = theme.symbols.ellipsis;
    let cell = |text: &str, column: &Column, style: Style| {
        Span::styled(
            fit(text, column.width.saturating_sub(1), ellipsis) + " ",
            style,
        )
    };
    if !summary.is_valid() {
        let (id_column, person_column) = (&columns[0], &columns[1]);
        spans.push(id_cell(
            app,
            summary.id.as_deref().unwrap_or("---"),
            id_column,
            uncommitted,
        ));
        spans.push(cell(
            summary.initials.as_deref().unwrap_or("---"),
            person_column,
            Style::new(),
        ));
        let rest: usize = columns[2..].iter().map(|column| column.width).sum();
        let error = match withheld {
            true => "details once the plan is read".into(),
            false => app.shown(summary.first_error.as_deref().unwrap_or("unreadable")),
        };
        spans.push(Span::styled(
            fit(&format!("(invalid: {error})"), rest, ellipsis),
            theme.error,
        ));
    } else {
        for column in columns {
            spans.push(match column.kind {
                ColumnKind::Id => id_cell(
                    app,
                    summary.id.as_deref().unwrap_or(MISSING),
                    column,
                    uncommitted,
                ),
                ColumnKind::Person => cell(
                    summary.initials.as_deref().unwrap_or(MISSING),
                    column,
                    Style::new(),
                ),
                ColumnKind::Section => cell(
                    summary.section.as_deref().unwrap_or(MISSING),
                    column,
                    Style::new(),
                ),
                ColumnKind::Legal => cell(
                    if column.width < 11 {
                        strings::legal_status_tiny(summary.legal_status)
                    } else {
                        strings::legal_status_short(summary.legal_status)
                    },
                    column,
                    Style::new(),
                ),
                ColumnKind::NextReview => next_review_cell(app, summary, column),
                ColumnKind::Health => cell(&summary.health.to_string(), column, theme.health),
                ColumnKind::Social => cell(&summary.social.to_string(), column, theme.social),
                ColumnKind::Joint => cell(&summary.joint.to_string(), column, theme.joint),
                ColumnKind::Icb => cell(body_name(&summary.icb, column), column, Style::new()),
                ColumnKind::LocalAuthority => cell(
                    body_name(&summary.local_authority, column),
                    column,
                    Style::new(),
                ),
                ColumnKind::Matched => cell(why.unwrap_or(""), column, theme.muted),
                ColumnKind::Flags => {
                    spans.extend(flags(app, summary, column.width));
                    continue;
                }
            });
        }
    }
    let line = Line::from(spans);
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

/// A body's name as a column fits it: whole, or without the words most names share.
fn body_name<'n>(name: &'n str, column: &Column) -> &'n str {
    if width(name) < column.width {
        name
    } else {
        strings::short_body_name(name)
    }
}

/// The plan id, with `*` after it when its file is not committed.
fn id_cell(app: &App, id: &str, column: &Column, uncommitted: bool) -> Span<'static> {
    let ellipsis = app.ui.theme.symbols.ellipsis;
    let room = column.width.saturating_sub(1);
    let text = if uncommitted {
        truncate(id, room.saturating_sub(UNCOMMITTED.len()), ellipsis) + UNCOMMITTED
    } else {
        id.to_owned()
    };
    Span::raw(fit(&text, room, ellipsis) + " ")
}

fn next_review_cell(app: &App, summary: &PlanSummary, column: &Column) -> Span<'static> {
    let theme = &app.ui.theme;
    if let Lifecycle::Ended(date) = summary.lifecycle
        && let Some(ended) = summary.lifecycle.dated_label()
    {
        // A narrow column gives the date short (`ended 30/10/26`), never cut.
        let ended = if width(&ended) < column.width {
            ended
        } else {
            format!("ended {}", date.format("%d/%m/%y"))
        };
        return Span::styled(
            fit(&ended, column.width, theme.symbols.ellipsis),
            theme.muted,
        );
    }
    let Some(date) = summary.next_review else {
        return Span::raw(fit(MISSING, column.width, theme.symbols.ellipsis));
    };
    let (mark, style) = match summary.review_state {
        ReviewState::Overdue => (theme.symbols.overdue, theme.overdue),
        ReviewState::DueSoon => (theme.symbols.due_soon, theme.due_soon),
        _ => ("", Style::new()),
    };
    let text = format!("{} {mark}", format_uk(date));
    Span::styled(fit(&text, column.width, theme.symbols.ellipsis), style)
}

/// `dispute`, `ended`, `2 warn`: words, each with its colour.
fn flags(app: &App, summary: &PlanSummary, columns: usize) -> Vec<Span<'static>> {
    let theme = &app.ui.theme;
    let mut flags: Vec<(String, Style)> = Vec::new();
    if summary.disputed {
        flags.push(("dispute".into(), theme.dispute));
    }
    // An ended plan says so in its next review's place; a planned ending is a flag.
    if let Lifecycle::EndingPlanned(_) = summary.lifecycle
        && let Some(ending) = summary.lifecycle.dated_label()
    {
        let used: usize = flags.iter().map(|(text, _)| width(text) + 1).sum();
        let short = used + width(&ending) > columns;
        flags.push((if short { "ending".into() } else { ending }, theme.muted));
    }
    if summary.warnings > 0 {
        flags.push((format!("{} warn", summary.warnings), theme.warning));
    }

    let mut spans = Vec::new();
    let mut used = 0;
    for (text, style) in flags {
        let gap = usize::from(used > 0);
        if used + gap + width(&text) > columns {
            break;
        }
        if gap == 1 {
            spans.push(Span::raw(" "));
        }
        used += gap + width(&text);
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::raw(" ".repeat(columns.saturating_sub(used))));
    spans
}
