//! `aftercare summary`: counts and money by ICB and by local authority, for S117 leads and
//! finance: plans, current needs by category, open disputes (and for how long), plans ended
//! this year, and what is paid now: each body's part (who pays now: the agreed split, and a
//! disputed need in full by its interim funder; `plan::money::paid_now`), the cost under
//! dispute and who carries it, top-ups (apart from the S117 cost), direct payments and
//! personal health budgets. Text, CSV (for a spreadsheet, as `due`'s) or JSON.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use super::due::csv_field;
use super::table::{Align, Column, DEFAULT_WIDTH, output_width, render, wrap};
use crate::cli::{Context, exit, usage};
use crate::inert::inert_line;
use crate::plan::money::{Pence, Period};

pub use crate::plan::money::tally::{PAID_NOW_RULE, Summary, Tally, summarize, summarize_per};

/// Arguments of `aftercare summary`.
#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// The period money is shown for: what is paid now each week (default), month or year.
    #[arg(long, value_name = "week|month|year", default_value = "week", value_parser = parse_period)]
    pub per: Period,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Fit the text tables to this many columns (default: the terminal's width, or 80 when
    /// the output is not a terminal).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Csv,
    Json,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| format!("`{text}`: expected week, month or year"))
}

/// `aftercare summary` as typed: the counts on `out` (0), a usage error or an unreadable
/// folder on `err` (2).
pub fn execute(
    args: SummaryArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let settings = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let folder = match context.load_plans(args.dir.as_deref(), &settings) {
        Ok(folder) => folder,
        Err(message) => return usage(err, &message),
    };
    let summary = summarize_per(&folder.files, settings.today, args.per);
    match args.format {
        SummaryFormat::Text => write_table_fit(&summary, output_width(args.width), out),
        SummaryFormat::Csv => write_csv(&summary, out),
        SummaryFormat::Json => write_json(&summary, out),
    }?;
    Ok(exit::FINE)
}

/// Which body a row is about: what "paid now" means on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Icb,
    La,
    All,
}

impl Side {
    fn pays(self, tally: &Tally) -> Pence {
        match self {
            Side::Icb => tally.icb_pays_pence,
            Side::La => tally.la_pays_pence,
            Side::All => tally.paid_now_pence(),
        }
    }

    fn carries(self, tally: &Tally) -> Pence {
        match self {
            Side::Icb => tally.disputed_icb_carries_pence,
            Side::La => tally.disputed_la_carries_pence,
            Side::All => tally.disputed_pence,
        }
    }
}

/// `/wk`, `/mo`, `/yr`.
fn per_short(per: Period) -> &'static str {
    match per {
        Period::Week => "/wk",
        Period::Month => "/mo",
        Period::Year => "/yr",
    }
}

/// One row a body; the name comes last so a long one never pushes the numbers off the
/// screen: it is the column cut (with `…`) to fit `width`. Counts first, then money paid now.
fn write_section(
    title: &str,
    side: Side,
    rows: &BTreeMap<String, Tally>,
    summary: &Summary,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let right = |header: &str| Column::fixed(header, Align::Right);
    let columns = [
        right("Plans"),
        right("Health"),
        right("Social"),
        right("Joint"),
        right("Disputes (oldest)"),
        right("Ended 12m"),
        Column::text(title),
    ];
    let counts = |name: &str, tally: &Tally| {
        let disputes = match tally.oldest_dispute_days {
            Some(days) => format!("{} ({days} days)", tally.disputes_open),
            None => tally.disputes_open.to_string(),
        };
        vec![
            tally.plans.to_string(),
            tally.health_needs.to_string(),
            tally.social_needs.to_string(),
            tally.joint_needs.to_string(),
            disputes,
            tally.ended_last_12_months.to_string(),
            name.to_owned(),
        ]
    };
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(name, tally)| counts(&inert_line(name), tally))
        .collect();
    cells.push(counts("All", &summary.total));
    for line in render(&columns, &cells, width) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let per = per_short(summary.per);
    let columns = [
        right(&format!("Paid now{per}")),
        right(&format!("Disputed{per}")),
        right(&format!("It carries{per}")),
        right(&format!("Top-ups{per}")),
        right("DP"),
        right("PHB"),
        Column::text(title),
    ];
    let money = |name: &str, tally: &Tally, side: Side| {
        vec![
            side.pays(tally).to_string(),
            tally.disputed_pence.to_string(),
            side.carries(tally).to_string(),
            tally.top_ups_pence.to_string(),
            tally.direct_payments.to_string(),
            tally.personal_health_budgets.to_string(),
            name.to_owned(),
        ]
    };
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(name, tally)| money(&inert_line(name), tally, side))
        .collect();
    cells.push(money("All", &summary.total, Side::All));
    for line in render(&columns, &cells, width) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The summary as text, fitted to 80 columns.
pub fn write_table(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    write_table_fit(summary, DEFAULT_WIDTH, out)
}

/// The summary as text, every line at most `width` characters (names cut with `…`).
pub fn write_table_fit(
    summary: &Summary,
    width: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_section("ICB", Side::Icb, &summary.by_icb, summary, width, out)?;
    writeln!(out)?;
    write_section(
        "Local authority",
        Side::La,
        &summary.by_local_authority,
        summary,
        width,
        out,
    )?;
    let total = &summary.total;
    writeln!(out)?;
    // Live includes the plans with an ending planned: they stay live until its date.
    let mut said = vec![
        format!(
            "{} live ({} with an ending planned), {} ended",
            total.live, total.ending_planned, total.ended
        ),
        format!(
            "Paid now{}: ICB {}, LA {}, together {}.",
            per_short(summary.per),
            total.icb_pays_pence,
            total.la_pays_pence,
            total.paid_now_pence(),
        ),
        format!(
            "Under dispute: {}, carried now by the ICB {} and the LA {}.",
            total.disputed_pence, total.disputed_icb_carries_pence, total.disputed_la_carries_pence
        ),
    ];
    if total.unassigned_pence > Pence::ZERO {
        said.push(format!(
            "{} of it has no valid funding split: nobody is shown paying it (see `aftercare check`).",
            total.unassigned_pence
        ));
    }
    said.push(format!(
        "Paid now: active and agreed needs whose cost applies by today, on the agreed split; a need \
         under dispute is paid in full by the interim funder. It carries: the body's part of the \
         disputed cost. Top-ups ({}) are not S117 cost. DP: direct payments; PHB: personal \
         health budgets. Amounts go through a year (a week is 1/52, a month 1/12), rounded once to \
         the penny; shares are split by largest remainder, so they add up.",
        total.top_ups
    ));
    for paragraph in said {
        for line in wrap(&paragraph, width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// CSV that opens in a spreadsheet as it is (as `due`'s): UTF-8 with a byte-order mark, CRLF
/// lines, names defused; amounts in pounds with two decimals.
pub fn write_csv(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "\u{feff}")?;
    let header = "group,body,per,plans,health_needs,social_needs,joint_needs,disputes_open,\
oldest_dispute_days,ended_last_12_months,body_pays_now,icb_pays_now,la_pays_now,unassigned,\
disputed,disputed_icb_carries,disputed_la_carries,top_ups,top_ups_amount,direct_payments,\
personal_health_budgets";
    write!(out, "{header}\r\n")?;
    let rows = summary
        .by_icb
        .iter()
        .map(|(name, tally)| ("icb", name.as_str(), tally, Side::Icb))
        .chain(
            summary
                .by_local_authority
                .iter()
                .map(|(name, tally)| ("local_authority", name.as_str(), tally, Side::La)),
        )
        .chain([("all", "All", &summary.total, Side::All)]);
    for (group, name, tally, side) in rows {
        let days = tally
            .oldest_dispute_days
            .map(|days| days.to_string())
            .unwrap_or_default();
        let cells = [
            group.to_owned(),
            csv_field(name),
            summary.per.as_str().to_owned(),
            tally.plans.to_string(),
            tally.health_needs.to_string(),
            tally.social_needs.to_string(),
            tally.joint_needs.to_string(),
            tally.disputes_open.to_string(),
            days,
            tally.ended_last_12_months.to_string(),
            side.pays(tally).decimal(),
            tally.icb_pays_pence.decimal(),
            tally.la_pays_pence.decimal(),
            tally.unassigned_pence.decimal(),
            tally.disputed_pence.decimal(),
            tally.disputed_icb_carries_pence.decimal(),
            tally.disputed_la_carries_pence.decimal(),
            tally.top_ups.to_string(),
            tally.top_ups_pence.decimal(),
            tally.direct_payments.to_string(),
            tally.personal_health_budgets.to_string(),
        ];
        write!(out, "{}\r\n", cells.join(","))?;
    }
    Ok(())
}

pub fn write_json(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, summary).map_err(std::io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::document::PlanFile;
    use crate::plan::parse::parse_plan;
    use crate::plan::rules::tests::VALID;
    use chrono::NaiveDate;

    fn file(text: &str) -> PlanFile {
        PlanFile {
            path: "x.yaml".into(),
            display: "x.yaml".into(),
            plan: Some(parse_plan(text).unwrap().plan),
            findings: Vec::new(),
            id_location: crate::plan::finding::Location::START,
        }
    }

    #[test]
    fn counts_by_icb_and_la() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let other = VALID
            .replace("London Borough of Camden", "Royal Borough of Greenwich")
            .replace("{icb: 40, la: 60}", "{icb: 60, la: 40}")
            .replace("  dispute:\n    since: 2026-09-01\n    about: [N3]\n    interim_funder: icb\n    note: Furnished flat?\n", "");
        let summary = summarize(&[file(VALID), file(&other)], today);
        let icb = &summary.by_icb["NHS North Central London ICB"];
        assert_eq!(icb.plans, 2);
        assert_eq!(
            (icb.health_needs, icb.social_needs, icb.joint_needs),
            (2, 2, 2)
        );
        assert_eq!(icb.disputes_open, 1);
        assert_eq!(icb.oldest_dispute_days, Some(88));
        let camden = &summary.by_local_authority["London Borough of Camden"];
        assert_eq!((camden.plans, camden.disputes_open), (1, 1));
        assert_eq!(
            summary.by_local_authority["Royal Borough of Greenwich"].disputes_open,
            0
        );
        let mut text = Vec::new();
        write_table_fit(&summary, 120, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains("0  Royal Borough of Greenwich\n"),
            "names come last: {text}"
        );
        let mut narrow = Vec::new();
        write_table(&summary, &mut narrow).unwrap();
        let narrow = String::from_utf8(narrow).unwrap();
        assert!(
            narrow.lines().all(|line| line.chars().count() <= 80),
            "{narrow}"
        );
        assert!(narrow.contains("0  Royal Borough of Gr…\n"), "{narrow}");
        assert!(text.contains("1 (88 days)"), "{text}");
    }
}
