//! The register drawn: a scrolled text, one block per ICB and per local authority, and a bar
//! chart (ratatui's `BarChart`) of the weekly cost each body pays now. Every bar has its body
//! and its amount written beside it, so nothing rests on colour (mono) or on block symbols
//! (`--ascii` folds the bars to `#`). In meeting mode, unless configured, no amount is drawn.

use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Padding};

use crate::plan::money::Pence;
use crate::plan::money::tally::{Summary, Tally};
use crate::tui::app::App;
use crate::tui::layers::register::areas;
use crate::tui::scroll_text::{ScrollText, TextScroll};
use crate::tui::text::{counted, fit, shown, wrap};

/// Said where money would be, in meeting mode.
pub const COSTS_HIDDEN: &str = "costs hidden in meeting mode";

/// Said in place of a chart by team: the format has no team.
pub const NO_TEAM: &str =
    "By team: the plans record no team, so costs are shown by ICB and by local authority only.";

/// The widest a body's name is drawn beside its bar.
const BAR_NAME_WIDTH: usize = 28;

/// Which body a block or a bar is about, and so which of a tally's amounts it pays.
#[derive(Clone, Copy)]
enum Body {
    Icb,
    La,
}

impl Body {
    /// A health body whose plans are all Welsh is a Local Health Board, not an ICB.
    fn short(self, tally: &Tally) -> &'static str {
        match self {
            Body::Icb if tally.plans > 0 && tally.welsh_plans == tally.plans => "LHB",
            Body::Icb => "ICB",
            Body::La => "LA ",
        }
    }

    fn this(self, tally: &Tally) -> &'static str {
        match self.short(tally) {
            "LHB" => "this LHB",
            "ICB" => "this ICB",
            _ => "this LA",
        }
    }

    fn pays(self, tally: &Tally) -> Pence {
        match self {
            Body::Icb => tally.icb_pays_pence,
            Body::La => tally.la_pays_pence,
        }
    }

    fn carries(self, tally: &Tally) -> Pence {
        match self {
            Body::Icb => tally.disputed_icb_carries_pence,
            Body::La => tally.disputed_la_carries_pence,
        }
    }
}

/// Every body of the summary, ICBs first, each with its tally.
fn bodies(summary: &Summary) -> impl Iterator<Item = (Body, &String, &Tally)> {
    let icbs = summary
        .by_icb
        .iter()
        .map(|(name, tally)| (Body::Icb, name, tally));
    let las = summary
        .by_local_authority
        .iter()
        .map(|(name, tally)| (Body::La, name, tally));
    icbs.chain(las)
}

fn body_lines(
    app: &App,
    body: Body,
    name: &str,
    tally: &Tally,
    costs: bool,
    lines: &mut Vec<Line<'static>>,
) {
    let theme = &app.ui.theme;
    lines.push(Line::from(vec![
        Span::styled(body.short(tally).trim_end().to_owned(), theme.heading),
        Span::raw("  "),
        Span::styled(shown(name), theme.heading),
    ]));
    let mut say = |text: String| lines.push(Line::raw(format!("  {text}")));
    say(format!(
        "{} ({} live); current needs: {} health, {} social, {} joint",
        counted(tally.plans, "plan"),
        tally.live,
        tally.health_needs,
        tally.social_needs,
        tally.joint_needs
    ));
    let disputes = match tally.oldest_dispute_days {
        Some(days) if tally.disputes_open > 0 => {
            format!(
                "{} (oldest {days} days)",
                counted(tally.disputes_open, "open dispute")
            )
        }
        _ => counted(tally.disputes_open, "open dispute"),
    };
    say(disputes);
    if costs {
        say(format!(
            "paid now by {}: {}/wk",
            body.this(tally),
            body.pays(tally)
        ));
        if tally.disputed_pence > Pence::ZERO {
            say(format!(
                "under dispute: {}/wk; {} carries {}/wk now",
                tally.disputed_pence,
                body.this(tally),
                body.carries(tally)
            ));
        } else {
            say("under dispute: none".to_owned());
        }
        say(format!(
            "top-ups: {}, {}/wk (apart: not S117 cost)",
            tally.top_ups, tally.top_ups_pence
        ));
    }
    say(format!(
        "direct payments: {}; personal health budgets: {}",
        tally.direct_payments, tally.personal_health_budgets
    ));
    lines.push(Line::default());
}

fn lines(app: &App, summary: &Summary, costs: bool, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = Vec::new();
    if costs {
        for text in wrap(&format!("Per week, {}.", summary.paid_now), columns) {
            lines.push(Line::styled(text, theme.muted));
        }
    } else {
        lines.push(Line::styled(
            format!("{COSTS_HIDDEN} (config meeting_shows_costs: true shows them)"),
            theme.warning,
        ));
    }
    for text in wrap(NO_TEAM, columns) {
        lines.push(Line::styled(text, theme.muted));
    }
    lines.push(Line::default());
    for (body, name, tally) in bodies(summary) {
        body_lines(app, body, name, tally, costs, &mut lines);
    }
    let total = &summary.total;
    lines.push(Line::styled("All plans", theme.heading));
    lines.push(Line::raw(format!(
        "  {} ({} live, {} ending planned, {} ended)",
        counted(total.plans, "plan"),
        total.live,
        total.ending_planned,
        total.ended
    )));
    if costs {
        lines.push(Line::raw(format!(
            "  paid now: ICB {}/wk, LA {}/wk, together {}/wk",
            total.icb_pays_pence,
            total.la_pays_pence,
            total.paid_now_pence()
        )));
        if total.unassigned_pence > Pence::ZERO {
            lines.push(Line::styled(
                format!(
                    "  {}/wk of it has no valid funding split: nobody is shown paying it",
                    total.unassigned_pence
                ),
                theme.warning,
            ));
        }
    }
    lines
}

/// One bar per body, its name and weekly amount written beside it.
fn bars(summary: &Summary) -> Vec<Bar<'static>> {
    let amounts: Vec<String> = bodies(summary)
        .map(|(body, _, tally)| body.pays(tally).to_string())
        .collect();
    let amount_width = amounts
        .iter()
        .map(|text| text.chars().count())
        .max()
        .unwrap_or(0);
    bodies(summary)
        .zip(amounts)
        .map(|((body, name, tally), amount)| {
            let label = format!(
                "{} {:<BAR_NAME_WIDTH$} {amount:>amount_width$}",
                body.short(tally),
                fit(name, BAR_NAME_WIDTH, "..")
            );
            let value = u64::try_from(body.pays(tally).0).unwrap_or(0);
            Bar::with_label(label, value).text_value(String::new())
        })
        .collect()
}

pub fn render(app: &App, scroll: &TextScroll, summary: &Summary, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let costs = app.shows_costs();
    let title = if costs {
        " Register: paid now, per week "
    } else {
        " Register (costs hidden in meeting mode) "
    };
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let bars = if costs { bars(summary) } else { Vec::new() };
    let (chart_area, text_area) = areas(inner, bars.len());
    if let Some(chart_area) = chart_area {
        let shown_bars = usize::from(chart_area.height.saturating_sub(2));
        let title = if shown_bars < bars.len() {
            format!(
                " Weekly cost paid now, by body ({shown_bars} of {}; all below) ",
                bars.len()
            )
        } else {
            " Weekly cost paid now, by body ".to_owned()
        };
        let chart = BarChart::horizontal(bars)
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.joint)
            .label_style(theme.base)
            .block(
                Block::bordered()
                    .border_set(theme.border)
                    .title(Span::styled(title, theme.heading)),
            );
        frame.render_widget(chart, chart_area);
    }
    let text = lines(app, summary, costs, usize::from(text_area.width));
    frame.render_widget(ScrollText::new(text, scroll), text_area);
}
