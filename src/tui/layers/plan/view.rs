//! One plan: a header line, the dispute (impossible to miss), the ending, the tabs, and the
//! tab's content (the needs tab is drawn by `needs`, the text tabs by `plan_tabs`). In
//! meeting mode: a large heading above, the age for the name, the needs by `meeting_needs`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::plan::dates::format_uk;
use crate::plan::lifecycle::{Lifecycle, later_detention, predates_discharge};
use crate::plan::model::Plan;
use crate::store::folder::PlanFile;
use crate::tui::action::PlanTab;
use crate::tui::app::App;
use crate::tui::layers::plan::screen::PlanScreen;
use crate::tui::layout::{self, PlanAreas};
use crate::tui::scroll_text::ScrollText;
use crate::tui::strings;
use crate::tui::text::{counted, fit, one_line, shown, width};

use super::heading_view;
use super::meeting_view;
use super::needs_view;
use crate::tui::layers::plan::tabs_view::{next_review_spans, tab_lines};

fn layout(app: &App, header: &[Line], banner: &[Line], area: Rect) -> PlanAreas {
    let rows = |lines: &[Line]| u16::try_from(lines.len()).unwrap_or(u16::MAX);
    layout::plan_areas(
        area,
        heading_view::heading_height(app, area),
        rows(header),
        rows(banner),
    )
}

pub fn render(app: &App, screen: &PlanScreen, frame: &mut Frame, area: Rect) {
    let Some(file) = app.folder.files.get(screen.file) else {
        return;
    };
    let Some(plan) = app.shown_plan(screen.file) else {
        return;
    };
    let columns = usize::from(area.width);
    let header = header_lines(app, screen, plan, columns);
    let banner = banner_lines(app, file, plan, columns);
    let parts = layout(app, &header, &banner, area);
    heading_view::render_heading(app, plan, frame, parts.heading);
    frame.render_widget(Paragraph::new(header), parts.header);
    frame.render_widget(Paragraph::new(banner), parts.banner);
    let columns = usize::from(parts.tabs.width);
    frame.render_widget(tab_bar(app, file, screen.tab, columns), parts.tabs);
    if screen.tab == PlanTab::Needs && app.ui.display.meeting {
        meeting_view::render(app, screen, plan, frame, parts.content);
    } else if screen.tab == PlanTab::Needs {
        needs_view::render(app, screen, plan, frame, parts.content);
    } else {
        render_text_tab(app, screen, file, plan, frame, parts.content);
    }
}

/// Lay `fields` out left to right, two spaces apart, starting a new line when one would not fit.
/// Field values are plan text: they are drawn inert (control characters as placeholders).
pub(super) fn flow(fields: Vec<Vec<Span<'static>>>, columns: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = vec![Span::raw(" ")];
    let mut used = 1;
    for mut field in fields {
        for span in &mut field {
            span.content = shown(&span.content).into();
        }
        let field_width: usize = field.iter().map(|span| span.width()).sum();
        if used > 1 && used + 2 + field_width > columns {
            lines.push(Line::from(std::mem::replace(
                &mut current,
                vec![Span::raw(" ")],
            )));
            used = 1;
        }
        if used > 1 {
            current.push(Span::raw("  "));
            used += 2;
        }
        used += field_width;
        current.extend(field);
    }
    lines.push(Line::from(current));
    lines
}

/// `*2 unsaved` while changes are pending, `saved` after a write, `read-only` when editing
/// is off.
fn edit_state(app: &App, screen: &PlanScreen) -> Option<Span<'static>> {
    let theme = &app.ui.theme;
    if let Some(session) = app.session.as_ref().filter(|s| s.file == screen.file) {
        if session.has_pending() {
            let count = session.entries.len();
            return Some(Span::styled(
                format!("*{count} unsaved"),
                theme.warning.patch(theme.heading),
            ));
        }
        if session.saved {
            return Some(Span::styled("saved", theme.heading));
        }
    }
    app.ui
        .read_only
        .as_ref()
        .map(|_| Span::styled("read-only", theme.muted))
}

fn header_lines(app: &App, screen: &PlanScreen, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let label = |text: &str| Span::styled(format!("{text} "), theme.muted);
    let value = |text: Option<&String>| {
        Span::raw(mask.owned(text.map_or(strings::MISSING, String::as_str)))
    };
    let responsible = &plan.responsible;
    let mut fields = vec![
        vec![Span::styled(
            mask.owned(plan.id.as_deref().unwrap_or("(no id)")),
            theme.heading,
        )],
        vec![Span::styled(
            mask.owned(plan.person.initials.as_deref().unwrap_or_default()),
            theme.heading,
        )],
    ];
    if let Some(state) = edit_state(app, screen) {
        fields.insert(1, vec![state]);
    }
    if app.ui.display.meeting {
        fields.extend(heading_view::age_field(app, plan));
    } else if let Some(name) = &plan.person.name {
        fields.push(vec![Span::raw(name.clone())]);
    }
    fields.push(vec![Span::raw(format!("s{}", plan.section_label()))]);
    fields.push(vec![Span::raw(strings::legal_status_long(
        plan.episode.legal_status,
    ))]);
    // An ended plan has no next review: `ended 30 Oct 2026` stands in its place.
    let ended = Lifecycle::of(plan, app.settings.today).is_ended();
    let mut review = if ended {
        Vec::new()
    } else {
        vec![label("next review")]
    };
    review.extend(next_review_spans(app, plan));
    if screen.header {
        // The header has the keys: `d` sets this date.
        review = review
            .into_iter()
            .map(|span| span.patch_style(theme.selected))
            .collect();
        review.insert(0, Span::raw(theme.symbols.selected));
    }
    fields.push(review);
    fields.push(vec![label("ICB:"), value(responsible.icb.as_ref())]);
    fields.push(vec![
        label("LA:"),
        value(responsible.local_authority.as_ref()),
    ]);
    // Why these bodies (`responsible.basis`); it may name a place, so not in meeting mode.
    if !app.ui.display.meeting {
        for (what, text) in basis_parts(plan) {
            fields.push(vec![label(what), Span::raw(text)]);
        }
    }
    fields.push(vec![
        label("Care coordinator:"),
        value(responsible.care_coordinator.as_ref()),
    ]);
    fields.extend(super::money_view::header_field(app, plan));
    flow(fields, columns)
}

/// What `responsible.basis` records, each part a field of the header (`GP then:`, `lived
/// before detention:`, `basis decided`), so the header wraps between them.
fn basis_parts(plan: &Plan) -> Vec<(&'static str, String)> {
    let Some(basis) = plan.responsible.basis.as_ref() else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if let Some(gp) = &basis.gp_practice {
        parts.push(("GP then:", gp.clone()));
    }
    if let Some(lived) = &basis.lived_before_detention {
        parts.push(("lived before detention:", lived.clone()));
    }
    let decided = match (basis.decided, &basis.decided_by) {
        (Some(date), Some(by)) => Some(format!("{} by {by}", format_uk(date))),
        (Some(date), None) => Some(format_uk(date)),
        (None, Some(by)) => Some(format!("by {by}")),
        (None, None) => None,
    };
    parts.extend(decided.map(|text| ("bodies decided", text)));
    parts
        .into_iter()
        .map(|(what, text)| (what, crate::inert::inert_line(&text).into_owned()))
        .collect()
}

/// Errors, the dispute and the ending, each on a line of its own.
fn banner_lines(app: &App, file: &PlanFile, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = Vec::new();
    // Pending changes that would add an error block the write: say so at once.
    if let Some(session) = app.session.as_ref().filter(|s| s.has_pending())
        && let Some(first) = session.issues(&app.settings).errors.first()
    {
        lines.push(Line::styled(
            fit(
                &format!(" PENDING CHANGES ADD AN ERROR (u undoes): {first}"),
                columns,
                theme.symbols.ellipsis,
            ),
            theme.error,
        ));
    }
    // A plan opened despite its errors says so before anything else.
    if file.errors() > 0 {
        lines.push(Line::styled(
            format!(
                " INVALID: {}, shown as far as it could be read (5 Findings)",
                counted(file.errors(), "error")
            ),
            theme.error,
        ));
    }
    lines.extend(super::conflicts::banner(app, plan, columns));
    if let Some(dispute) = &plan.responsible.dispute {
        let ids = dispute.about.join(", ");
        let since = dispute
            .since
            .map(|date| format!(" since {}", format_uk(date)))
            .unwrap_or_default();
        let funder = match dispute.interim_funder {
            Some(_) => format!("interim funder {}", strings::funder(dispute.interim_funder)),
            None => "NO INTERIM FUNDER: a dispute must not delay care".to_owned(),
        };
        // What, since when and who pays come first; the needs' words if there is room.
        let mut headline = format!(" DISPUTE ICB/LA{since} about {ids}, {funder}");
        let texts: Vec<String> = dispute
            .about
            .iter()
            .filter_map(|id| plan.need_by_id(id)?.need.as_deref())
            .map(|text| one_line(&app.shown(text)))
            .collect();
        if !texts.is_empty() {
            headline.push_str(&format!(": {}", texts.join("; ")));
        }
        lines.push(Line::styled(
            fit(&headline, columns, theme.symbols.ellipsis),
            theme.dispute,
        ));
    }
    if plan.ending.is_some() {
        let text = match Lifecycle::of(plan, app.settings.today) {
            Lifecycle::Ended(date) => {
                format!(
                    " S117 ENDED {} (details on the Reviews tab)",
                    format_uk(date)
                )
            }
            Lifecycle::EndingPlanned(date) => format!(
                " S117 ENDING {}: decided, not yet in effect; the plan stays live until then",
                format_uk(date)
            ),
            Lifecycle::Live => match later_detention(plan) {
                Some(later) => format!(
                    " ENDING NO LONGER HOLDS: detained again {} (s117(1)); see Findings",
                    format_uk(later.detained)
                ),
                None if plan
                    .ending
                    .as_ref()
                    .and_then(|ending| ending.date)
                    .is_some_and(|date| predates_discharge(plan, date)) =>
                {
                    " ENDING NOT IN EFFECT: dated before the person left hospital; see Findings"
                        .to_owned()
                }
                None => " ENDING NOT IN EFFECT: its date or a decider is missing; see Findings"
                    .to_owned(),
            },
        };
        lines.push(Line::styled(
            fit(&text, columns, theme.symbols.ellipsis),
            theme.warning.patch(theme.heading),
        ));
    }
    lines
}

/// The tabs, each with its number key; in short words (`Voice`, `Crisis`) when the whole
/// words do not fit, so every tab's number shows at 60 columns.
fn tab_bar(app: &App, file: &PlanFile, current: PlanTab, columns: usize) -> Line<'static> {
    let theme = &app.ui.theme;
    let titles = |short: bool| -> Vec<String> {
        PlanTab::ALL
            .into_iter()
            .enumerate()
            .map(|(index, tab)| {
                let words = if short {
                    tab.short_title()
                } else {
                    tab.title()
                };
                let mut title = format!("{} {words}", index + 1);
                if tab == PlanTab::Findings && !file.findings.is_empty() {
                    title.push_str(&format!(" ({})", file.findings.len()));
                }
                title
            })
            .collect()
    };
    // Each tab takes its title, two brackets or spaces around it and a gap after.
    let needed = |titles: &[String], gap: usize| {
        1 + titles.iter().map(|t| width(t) + 2 + gap).sum::<usize>()
    };
    let (chosen, gap) = [(titles(false), 1), (titles(true), 1), (titles(true), 0)]
        .into_iter()
        .find(|(titles, gap)| needed(titles, *gap) <= columns)
        .unwrap_or((titles(true), 0));
    let mut spans = vec![Span::raw(" ")];
    for (tab, title) in PlanTab::ALL.into_iter().zip(chosen) {
        if tab == current {
            spans.push(Span::styled(format!("[{title}]"), theme.selected));
        } else {
            spans.push(Span::raw(format!(" {title} ")));
        }
        spans.push(Span::raw(" ".repeat(gap)));
    }
    Line::from(spans)
}

fn text_block(app: &App, tab: PlanTab) -> Block<'static> {
    Block::bordered()
        .border_set(app.ui.theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {} ", tab.title()),
            app.ui.theme.heading,
        ))
}

fn render_text_tab(
    app: &App,
    screen: &PlanScreen,
    file: &PlanFile,
    plan: &Plan,
    frame: &mut Frame,
    area: Rect,
) {
    let block = text_block(app, screen.tab);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = tab_lines(
        app,
        &file.findings,
        plan,
        screen.tab,
        usize::from(inner.width),
    );
    frame.render_widget(ScrollText::new(lines, &screen.scroll), inner);
}
