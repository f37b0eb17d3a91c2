//! The per-body tally behind `aftercare summary` and the app's register: plans, current needs
//! by category, open disputes, and what is paid now by each body (`paid_now`), the cost under
//! dispute and who carries it, top-ups (apart), direct payments and personal health budgets.
//! Pure: the plans and today are given.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{Pence, Period, plan_money};
use crate::plan::document::PlanFile;
use crate::plan::lifecycle::{Lifecycle, current_needs};
use crate::plan::model::{Category, Jurisdiction, Plan};

/// The numbers for one ICB or one local authority (or all). Money is over the summary's
/// period, in pence, and is what is paid now (see the module note).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub plans: usize,
    /// Plans under the law of Wales: where all of a health body's are, it is a Local Health
    /// Board, not an ICB (said so on screen; not part of `summary`'s JSON).
    #[serde(skip)]
    pub welsh_plans: usize,
    /// Plans whose S117 aftercare is owed today, planned endings included.
    pub live: usize,
    /// Live plans with a decided ending dated after today.
    pub ending_planned: usize,
    /// Plans whose decided ending is in effect today.
    pub ended: usize,
    pub health_needs: usize,
    pub social_needs: usize,
    pub joint_needs: usize,
    pub disputes_open: usize,
    /// Days the oldest open dispute has run.
    pub oldest_dispute_days: Option<i64>,
    pub ended_last_12_months: usize,
    /// What the ICB pays now for these plans' needs.
    pub icb_pays_pence: Pence,
    /// What the local authority pays now for these plans' needs.
    pub la_pays_pence: Pence,
    /// Cost paid now with no valid funding split (rule 5 says why): nobody is shown paying it.
    pub unassigned_pence: Pence,
    /// Cost of needs an open dispute is about, and what of it the ICB and the LA carry now.
    pub disputed_pence: Pence,
    pub disputed_icb_carries_pence: Pence,
    pub disputed_la_carries_pence: Pence,
    /// Top-ups for preferred accommodation: how many, and their sum (not S117 cost).
    pub top_ups: usize,
    pub top_ups_pence: Pence,
    /// Current needs delivered as a direct payment (s117(2C)) / a personal health budget.
    pub direct_payments: usize,
    pub personal_health_budgets: usize,
}

impl Tally {
    fn add(&mut self, plan: &Plan, today: NaiveDate, per: Period) {
        self.plans += 1;
        self.welsh_plans += usize::from(plan.jurisdiction() == Jurisdiction::Wales);
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
                Some(Category::Joint) => self.joint_needs += 1,
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
        let money = plan_money(plan, today, per);
        self.icb_pays_pence += money.icb;
        self.la_pays_pence += money.la;
        self.unassigned_pence += money.unassigned;
        self.disputed_pence += money.disputed;
        self.disputed_icb_carries_pence += money.disputed_icb;
        self.disputed_la_carries_pence += money.disputed_la;
        self.top_ups += money.top_up_count;
        self.top_ups_pence += money.top_ups;
        self.direct_payments += money.direct_payments;
        self.personal_health_budgets += money.health_budgets;
    }

    /// Everything paid now (both bodies, and any cost without a valid split).
    pub fn paid_now_pence(&self) -> Pence {
        self.icb_pays_pence + self.la_pays_pence + self.unassigned_pence
    }
}

/// How "paid now" is worked out, said with every total.
pub const PAID_NOW_RULE: &str = "paid now: active and agreed needs whose cost applies by today; the agreed split, or in full by the interim funder while a dispute is about the need";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The period every amount is for.
    pub per: Period,
    pub paid_now: &'static str,
    pub by_icb: BTreeMap<String, Tally>,
    pub by_local_authority: BTreeMap<String, Tally>,
    pub total: Tally,
}

/// The summary with money per week.
pub fn summarize(files: &[PlanFile], today: NaiveDate) -> Summary {
    summarize_per(files, today, Period::Week)
}

/// The summary with money over `per`.
pub fn summarize_per(files: &[PlanFile], today: NaiveDate, per: Period) -> Summary {
    let mut summary = Summary {
        per,
        paid_now: PAID_NOW_RULE,
        by_icb: BTreeMap::new(),
        by_local_authority: BTreeMap::new(),
        total: Tally::default(),
    };
    for plan in files.iter().filter_map(|file| file.plan.as_ref()) {
        let name = |value: &Option<String>| value.clone().unwrap_or_else(|| "(none given)".into());
        summary
            .by_icb
            .entry(name(&plan.responsible.icb))
            .or_default()
            .add(plan, today, per);
        summary
            .by_local_authority
            .entry(name(&plan.responsible.local_authority))
            .or_default()
            .add(plan, today, per);
        summary.total.add(plan, today, per);
    }
    summary
}
