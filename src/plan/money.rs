//! Money on a plan (format v1.1): what a need costs, how it is delivered, a top-up for
//! preferred accommodation, and who pays what now. Exact integer pence throughout, never `f64`.
//!
//! How figures are made, stated once:
//! - A cost is converted to another period through a year: a week is 1/52 of a year and a month
//!   1/12, so a month is 12/52 of a week's worth (`weekly = monthly × 12 / 52`). The exact
//!   fraction is rounded to the nearest penny once, at the end, halves up.
//! - A need's converted cost is split between the ICB and the LA by its shares with the largest
//!   remainder method: each side gets the whole pence of its share, and the pence left over go to
//!   the larger fractional parts (a tie to the ICB), so the shares add up to the cost exactly.
//! - Totals are sums of those pence.
//!
//! Who pays now ([`paid_now`]): a need is paid for now when it is `active` or `agreed`, its cost
//! applies from today or earlier and the plan has not ended. The agreed split says who pays;
//! while an open dispute is about the need and names an interim funder, that funder pays it in
//! full. A disputed need with no interim funder stays on its recorded split, marked disputed.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use chrono::NaiveDate;

pub mod tally;

use super::model::{Category, Funder, Need, NeedStatus, Plan, Vocabulary, yaml_words};

/// An amount of money in whole pence (GBP). Never negative in a plan. In JSON: the pence, a
/// whole number.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pence(pub i64);

/// The largest amount a cost or top-up may give for one period: GBP 10 million (a typo guard,
/// and it keeps every product of the conversions far inside `i64`).
pub const MAX_AMOUNT: Pence = Pence(1_000_000_000);

impl Pence {
    pub const ZERO: Pence = Pence(0);

    /// Read pounds as a plan writes them: `1450`, `1450.5`, `1450.50`; no sign, at most two
    /// decimal places, no more than [`MAX_AMOUNT`]. The `Err` says why, in words for a finding.
    pub fn parse_pounds(text: &str) -> Result<Pence, String> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return Err(format!(
                "`{text}` is not an amount of pounds; write it like 1450.00 (no sign, no £)"
            ));
        }
        if fraction.len() > 2 {
            return Err(format!(
                "`{text}` has more than two decimal places; money is kept to the penny"
            ));
        }
        if whole.len() > 8 {
            return Err(format!(
                "`{text}` is more than {} for one period: a typo?",
                MAX_AMOUNT
            ));
        }
        let pounds: i64 = whole
            .parse()
            .map_err(|_| format!("`{text}` is too large"))?;
        let pence: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let amount = Pence(pounds * 100 + pence);
        if amount > MAX_AMOUNT {
            return Err(format!(
                "`{text}` is more than {MAX_AMOUNT} for one period: a typo?"
            ));
        }
        Ok(amount)
    }

    /// `1450.00`: pounds with two decimals, no sign or separator (CSV, the file).
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// `£1,450.00`, as people read money.
impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let pounds = (abs / 100).to_string();
        let mut grouped = String::new();
        for (position, digit) in pounds.chars().enumerate() {
            if position > 0 && (pounds.len() - position).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}£{grouped}.{:02}", abs % 100)
    }
}

impl Add for Pence {
    type Output = Pence;
    fn add(self, other: Pence) -> Pence {
        Pence(self.0 + other.0)
    }
}

impl AddAssign for Pence {
    fn add_assign(&mut self, other: Pence) {
        self.0 += other.0;
    }
}

impl Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        iter.fold(Pence::ZERO, Add::add)
    }
}

yaml_words!(
    /// The period an amount is for.
    Period ("a period") {
        Week => "week",
        Month => "month",
        Year => "year",
    }
);

impl Period {
    /// How many of this period make a year: the one basis of every conversion.
    pub fn per_year(self) -> i64 {
        match self {
            Period::Week => 52,
            Period::Month => 12,
            Period::Year => 1,
        }
    }
}

yaml_words!(
    /// How a need is delivered.
    Delivery ("a delivery") {
        Commissioned => "commissioned",
        DirectPayment => "direct_payment",
        PersonalHealthBudget => "personal_health_budget",
        Other => "other",
    }
);

yaml_words!(
    /// Who pays a top-up for preferred accommodation (never the ICB or the LA).
    TopUpPayer ("a top-up payer") {
        Person => "person",
        ThirdParty => "third_party",
    }
);

/// The S117 cost of a need: an amount for a period, from a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cost {
    pub amount: Option<Pence>,
    pub per: Option<Period>,
    pub from: Option<NaiveDate>,
}

/// A top-up for preferred accommodation (s117A): apart from the S117 cost, paid by the person
/// or a third party under a written agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct TopUp {
    pub amount: Option<Pence>,
    pub per: Option<Period>,
    pub paid_by: Option<TopUpPayer>,
    /// The date of the written agreement.
    pub agreed: Option<NaiveDate>,
}

/// The money fields of one need, all optional (format v1.1).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct NeedMoney {
    pub cost: Option<Cost>,
    pub delivery: Option<Delivery>,
    pub top_up: Option<TopUp>,
    /// The key (`charge` or `contribution`) under which the need records a charge to the
    /// person: unlawful for S117 aftercare, always an error.
    pub charge_key: Option<String>,
}

/// Need keys that record a charge or contribution from the person.
pub const CHARGE_KEYS: &[&str] = &["charge", "contribution"];
/// The keys of a need's `cost`.
pub const COST_KEYS: &[&str] = &["amount", "per", "from"];
/// The keys of a need's `top_up`.
pub const TOP_UP_KEYS: &[&str] = &["amount", "per", "paid_by", "agreed"];

/// `amount` per `per` over the period `over`, rounded once to the nearest penny (halves up).
pub fn convert(amount: Pence, per: Period, over: Period) -> Pence {
    let numerator = i128::from(amount.0) * i128::from(per.per_year());
    let denominator = i128::from(over.per_year());
    Pence(round_half_up(numerator, denominator))
}

fn round_half_up(numerator: i128, denominator: i128) -> i64 {
    let rounded = (2 * numerator + denominator).div_euclid(2 * denominator);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// `total` split by `weights` (any scale, not all zero) with the largest remainder method: the
/// parts add up to `total` exactly; a tie in remainders goes to the earlier weight.
pub fn split_largest_remainder(total: Pence, weights: &[i64]) -> Vec<Pence> {
    let sum: i128 = weights.iter().map(|&w| i128::from(w.max(0))).sum();
    if sum == 0 {
        return vec![Pence::ZERO; weights.len()];
    }
    let exact: Vec<(i128, i128)> = weights
        .iter()
        .map(|&w| {
            let product = i128::from(total.0) * i128::from(w.max(0));
            (product.div_euclid(sum), product.rem_euclid(sum))
        })
        .collect();
    let mut parts: Vec<i64> = exact.iter().map(|(whole, _)| *whole as i64).collect();
    let mut left = total.0 - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for index in order {
        if left <= 0 {
            break;
        }
        parts[index] += 1;
        left -= 1;
    }
    parts.into_iter().map(Pence).collect()
}

/// Why a need's payment falls where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaidBy {
    /// The need's funding split (or its category's single funder).
    AgreedSplit,
    /// An open dispute is about the need: the interim funder pays it in full meanwhile.
    InterimFunder(Funder),
    /// An open dispute is about the need but names no interim funder: the recorded split stands.
    DisputedNoInterimFunder,
    /// No split that totals 100 and no single funder from the category: nobody is shown paying.
    NoValidSplit,
}

/// Who pays what of one need now, over one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The whole cost over the period: `icb + la + unassigned`.
    pub cost: Pence,
    pub icb: Pence,
    pub la: Pence,
    /// Cost with no valid split (rule 5 says why).
    pub unassigned: Pence,
    pub paid_by: PaidBy,
}

impl Payment {
    pub fn is_disputed(&self) -> bool {
        matches!(
            self.paid_by,
            PaidBy::InterimFunder(_) | PaidBy::DisputedNoInterimFunder
        )
    }
}

/// Has the plan's S117 ended by `today` (an ending dated later is a plan, not an ending)?
fn ended_by(plan: &Plan, today: NaiveDate) -> bool {
    plan.ending
        .as_ref()
        .and_then(|ending| ending.date)
        .is_some_and(|date| date <= today)
}

/// Is an open dispute in the plan about this need?
pub fn is_disputed(plan: &Plan, need: &Need) -> bool {
    let (Some(dispute), Some(id)) = (&plan.responsible.dispute, need.id.as_deref()) else {
        return false;
    };
    dispute.about.iter().any(|about| about.trim() == id)
}

/// The ICB and LA shares in percent that say who pays the need when agreed: its funding when
/// the shares are 0-100 and total 100, else its category's single funder when it has no funding.
fn agreed_shares(need: &Need) -> Option<(i64, i64)> {
    match need.funding {
        Some(funding) => {
            let (icb, la) = (funding.icb_share(), funding.la_share());
            let valid = (0..=100).contains(&icb) && (0..=100).contains(&la) && icb + la == 100;
            valid.then_some((icb, la))
        }
        None => match need.category {
            Some(Category::Health) => Some((100, 0)),
            Some(Category::Social) => Some((0, 100)),
            _ => None,
        },
    }
}

/// Is the need's cost being paid on `today`: an active or agreed need, its cost in force, the
/// plan not ended? Returns the cost when it is.
pub fn cost_in_force(plan: &Plan, need: &Need, today: NaiveDate) -> Option<(Pence, Period)> {
    if ended_by(plan, today) {
        return None;
    }
    if !matches!(need.status, Some(NeedStatus::Active | NeedStatus::Agreed)) {
        return None;
    }
    let cost = need.money.cost?;
    if cost.from.is_some_and(|from| from > today) {
        return None;
    }
    Some((cost.amount?, cost.per?))
}

/// Who pays what of this need now, over `over` (a week for every total the tool shows):
/// `None` when nothing is paid for it now. The one rule every total uses.
pub fn paid_now(plan: &Plan, need: &Need, today: NaiveDate, over: Period) -> Option<Payment> {
    let (amount, per) = cost_in_force(plan, need, today)?;
    let cost = convert(amount, per, over);
    let disputed = is_disputed(plan, need);
    let interim = plan
        .responsible
        .dispute
        .as_ref()
        .and_then(|dispute| dispute.interim_funder);
    let (shares, paid_by) = match (disputed, interim) {
        (true, Some(Funder::Icb)) => (Some((100, 0)), PaidBy::InterimFunder(Funder::Icb)),
        (true, Some(Funder::La)) => (Some((0, 100)), PaidBy::InterimFunder(Funder::La)),
        (true, None) => match agreed_shares(need) {
            Some(shares) => (Some(shares), PaidBy::DisputedNoInterimFunder),
            None => (None, PaidBy::NoValidSplit),
        },
        (false, _) => match agreed_shares(need) {
            Some(shares) => (Some(shares), PaidBy::AgreedSplit),
            None => (None, PaidBy::NoValidSplit),
        },
    };
    let Some((icb_share, la_share)) = shares else {
        return Some(Payment {
            cost,
            icb: Pence::ZERO,
            la: Pence::ZERO,
            unassigned: cost,
            paid_by,
        });
    };
    let parts = split_largest_remainder(cost, &[icb_share, la_share]);
    Some(Payment {
        cost,
        icb: parts[0],
        la: parts[1],
        unassigned: Pence::ZERO,
        paid_by,
    })
}

/// [`paid_now`] over a week.
pub fn paid_now_weekly(plan: &Plan, need: &Need, today: NaiveDate) -> Option<Payment> {
    paid_now(plan, need, today, Period::Week)
}

/// A plan's money now, over one period: what each body pays, what is disputed and who carries
/// it, and what lies apart from the S117 cost (top-ups) or is counted (direct payments, budgets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanMoney {
    pub icb: Pence,
    pub la: Pence,
    pub unassigned: Pence,
    /// Cost of needs an open dispute is about.
    pub disputed: Pence,
    /// Of `disputed`, what the ICB and the LA pay now.
    pub disputed_icb: Pence,
    pub disputed_la: Pence,
    /// Top-ups on active and agreed needs (not S117 cost), and how many there are.
    pub top_ups: Pence,
    pub top_up_count: usize,
    /// Current needs delivered as a direct payment / a personal health budget.
    pub direct_payments: usize,
    pub health_budgets: usize,
}

impl PlanMoney {
    /// Everything the ICB and the LA pay now (top-ups apart).
    pub fn total(&self) -> Pence {
        self.icb + self.la + self.unassigned
    }
}

/// The plan's money now over `over`: the sums of [`paid_now`] for its needs, top-ups apart.
pub fn plan_money(plan: &Plan, today: NaiveDate, over: Period) -> PlanMoney {
    let mut money = PlanMoney::default();
    for need in &plan.needs {
        if let Some(payment) = paid_now(plan, need, today, over) {
            money.icb += payment.icb;
            money.la += payment.la;
            money.unassigned += payment.unassigned;
            if payment.is_disputed() {
                money.disputed += payment.cost;
                money.disputed_icb += payment.icb;
                money.disputed_la += payment.la;
            }
        }
        if !need.is_current() || ended_by(plan, today) {
            continue;
        }
        match need.money.delivery {
            Some(Delivery::DirectPayment) => money.direct_payments += 1,
            Some(Delivery::PersonalHealthBudget) => money.health_budgets += 1,
            _ => {}
        }
        let in_force = matches!(need.status, Some(NeedStatus::Active | NeedStatus::Agreed));
        if let Some(top_up) = need.money.top_up.filter(|_| in_force) {
            money.top_up_count += 1;
            if let (Some(amount), Some(per)) = (top_up.amount, top_up.per) {
                money.top_ups += convert(amount, per, over);
            }
        }
    }
    money
}

/// Needs a top-up can lawfully be for: the accommodation the Choice of Accommodation
/// Regulations 2014 cover (care home, supported living, shared lives), named in the need text
/// in one of these words or phrases (whole words, any case; `extra-care` is `extra care`).
const ACCOMMODATION_WORDS: &[&str] = &[
    "accommodation",
    "care home",
    "nursing home",
    "residential",
    "supported living",
    "supported housing",
    "supported flat",
    "supported lodgings",
    "shared lives",
    "extra care",
    "hostel",
];

/// Does the need's text name accommodation a top-up may be for (whole words, any case)?
pub fn is_accommodation(need: &Need) -> bool {
    let Some(text) = &need.need else {
        return false;
    };
    let words = words_of(text);
    ACCOMMODATION_WORDS
        .iter()
        .any(|phrase| contains_phrase(&words, phrase))
}

/// The text's words, lower case, split at anything that is not a letter or a digit.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The position of the first occurrence of `phrase` (words) in `words`, whole words only.
pub fn find_phrase(words: &[String], phrase: &str) -> Option<usize> {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len())
        .position(|window| window.iter().zip(&wanted).all(|(a, b)| a == b))
}

fn contains_phrase(words: &[String], phrase: &str) -> bool {
    find_phrase(words, phrase).is_some()
}

#[cfg(test)]
mod tests;
