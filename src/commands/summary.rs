//! `aftercare summary`: counts by ICB and by local authority, for S117 leads: plans, needs by
//! category, joint funding shares, open disputes (and for how long), plans ended this year.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::cli::{Context, Format, exit, usage};
use crate::inert::inert_line;
use crate::plan::document::PlanFile;
use crate::plan::lifecycle::{Lifecycle, current_needs};
use crate::plan::model::{Category, Plan};

/// Arguments of `aftercare summary`.
#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
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
    let counts = summarize(&folder.files, settings.today);
    match args.format {
        Format::Text => write_table(&counts, out),
        Format::Json => write_json(&counts, out),
    }?;
    Ok(exit::FINE)
}

/// The numbers for one ICB or one local authority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub plans: usize,
    /// Plans whose S117 aftercare is owed today, planned endings included.
    pub live: usize,
    /// Live plans with a decided ending dated after today.
    pub ending_planned: usize,
    /// Plans whose decided ending is in effect today.
    pub ended: usize,
    pub health_needs: usize,
    pub social_needs: usize,
    pub joint_needs: usize,
    /// Sum of ICB shares over current joint needs, in percent points (e.g. 40 + 50 = 90).
    pub joint_icb_share_total: i64,
    pub joint_la_share_total: i64,
    pub disputes_open: usize,
    /// Days the oldest open dispute has run.
    pub oldest_dispute_days: Option<i64>,
    pub ended_last_12_months: usize,
}

impl Tally {
    fn add(&mut self, plan: &Plan, today: NaiveDate) {
        self.plans += 1;
        let lifecycle = Lifecycle::of(plan, today);
        match lifecycle {
            Lifecycle::Live => self.live += 1,
            Lifecycle::EndingPlanned(_) => {
                self.live += 1;
                self.ending_planned += 1;
            }
            Lifecycle::Ended(_) => self.ended += 1,
        }
        for need in current_needs(plan, lifecycle) {
            match need.category {
                Some(Category::Health) => self.health_needs += 1,
                Some(Category::Social) => self.social_needs += 1,
                Some(Category::Joint) => {
                    self.joint_needs += 1;
                    if let Some(funding) = need.funding {
                        self.joint_icb_share_total += funding.icb_share();
                        self.joint_la_share_total += funding.la_share();
                    }
                }
                None => {}
            }
        }
        if let Some(dispute) = &plan.responsible.dispute {
            self.disputes_open += 1;
            if let Some(since) = dispute.since {
                let days = (today - since).num_days();
                self.oldest_dispute_days =
                    Some(self.oldest_dispute_days.map_or(days, |old| old.max(days)));
            }
        }
        let year_ago = today - Duration::days(365);
        if let Lifecycle::Ended(date) = lifecycle
            && date > year_ago
        {
            self.ended_last_12_months += 1;
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub by_icb: BTreeMap<String, Tally>,
    pub by_local_authority: BTreeMap<String, Tally>,
    pub total: Tally,
}

pub fn summarize(files: &[PlanFile], today: NaiveDate) -> Summary {
    let mut summary = Summary::default();
    for plan in files.iter().filter_map(|file| file.plan.as_ref()) {
        let name = |value: &Option<String>| value.clone().unwrap_or_else(|| "(none given)".into());
        summary
            .by_icb
            .entry(name(&plan.responsible.icb))
            .or_default()
            .add(plan, today);
        summary
            .by_local_authority
            .entry(name(&plan.responsible.local_authority))
            .or_default()
            .add(plan, today);
        summary.total.add(plan, today);
    }
    summary
}

/// The average joint split as `ICB/LA`, rounded so the two total 100.
fn average_split(tally: &Tally) -> String {
    if tally.joint_needs == 0 {
        return "-".into();
    }
    let count = tally.joint_needs as f64;
    let icb = (tally.joint_icb_share_total as f64 / count).round() as i64;
    format!("{icb}/{}", 100 - icb)
}

/// One row a body; the name comes last so a long one never pushes the numbers off an
/// 80-column screen.
fn write_section(
    title: &str,
    rows: &BTreeMap<String, Tally>,
    total: &Tally,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Plans  Health  Social  Joint  Avg split  Disputes (oldest)  Ended 12m  {title}"
    )?;
    let line = |name: &str, tally: &Tally| {
        let disputes = match tally.oldest_dispute_days {
            Some(days) => format!("{} ({days} days)", tally.disputes_open),
            None => tally.disputes_open.to_string(),
        };
        format!(
            "{:>5}  {:>6}  {:>6}  {:>5}  {:>9}  {disputes:>17}  {:>9}  {name}",
            tally.plans,
            tally.health_needs,
            tally.social_needs,
            tally.joint_needs,
            average_split(tally),
            tally.ended_last_12_months
        )
    };
    for (name, tally) in rows {
        writeln!(out, "{}", line(&inert_line(name), tally))?;
    }
    writeln!(out, "{}", line("All", total))
}

pub fn write_table(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    write_section("ICB", &summary.by_icb, &summary.total, out)?;
    writeln!(out)?;
    write_section(
        "Local authority",
        &summary.by_local_authority,
        &summary.total,
        out,
    )?;
    // Live includes the plans with an ending planned: they stay live until its date.
    let total = &summary.total;
    writeln!(out)?;
    writeln!(
        out,
        "{} live ({} with an ending planned), {} ended",
        total.live, total.ending_planned, total.ended
    )
}

pub fn write_json(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, summary).map_err(std::io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse::parse_plan;
    use crate::plan::rules::tests::VALID;

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
        assert_eq!(
            (icb.joint_icb_share_total, icb.joint_la_share_total),
            (100, 100)
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
        write_table(&summary, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("      50/50"), "average joint split: {text}");
        assert!(
            text.contains("0  Royal Borough of Greenwich\n"),
            "names come last: {text}"
        );
        assert!(text.contains("1 (88 days)"), "{text}");
    }
}
