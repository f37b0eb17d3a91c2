//! Money on the plan view: a need's cost (per its period, and weekly), who pays what of it now,
//! how it is delivered and its top-up (apart from the S117 cost); the plan header's totals per
//! body, weekly or (`$`) yearly. Nothing here draws when money is hidden: in meeting mode
//! unless the config says `meeting_shows_costs: true`.

use ratatui::text::Span;

use crate::plan::dates::format_uk;
use crate::plan::model::{Funder, Need, Plan};
use crate::plan::money::{Delivery, PaidBy, Period, TopUpPayer, convert, paid_now, plan_money};
use crate::tui::app::App;

/// `/wk`, `/mo`, `/yr`.
pub fn per_short(per: Period) -> &'static str {
    match per {
        Period::Week => "/wk",
        Period::Month => "/mo",
        Period::Year => "/yr",
    }
}

/// The period the header's totals are for: a week, or a year on request (`$`).
pub fn header_period(app: &App) -> Period {
    if app.ui.money_yearly {
        Period::Year
    } else {
        Period::Week
    }
}

fn delivery_words(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::Commissioned => "commissioned service",
        Delivery::DirectPayment => "direct payment (s117(2C))",
        Delivery::PersonalHealthBudget => "personal health budget",
        Delivery::Other => "other",
    }
}

fn funder_words(funder: Funder) -> &'static str {
    match funder {
        Funder::Icb => "ICB",
        Funder::La => "LA",
    }
}

/// The header's field: `paid now/wk ICB £496.00 · LA £744.00`, with the cost under dispute and
/// top-ups when there are any; `None` when money is hidden or no need of the plan has money.
pub fn header_field(app: &App, plan: &Plan) -> Option<Vec<Span<'static>>> {
    if !app.shows_costs() || !plan.needs.iter().any(|need| need.money.cost.is_some()) {
        return None;
    }
    let theme = &app.ui.theme;
    let per = header_period(app);
    let money = plan_money(plan, app.today(), per);
    let short = per_short(per);
    let mut text = format!("ICB {} · LA {}", money.icb, money.la);
    if money.unassigned.0 > 0 {
        text.push_str(&format!(" · no valid split {}", money.unassigned));
    }
    if money.disputed.0 > 0 {
        text.push_str(&format!(" (disputed {})", money.disputed));
    }
    if money.top_up_count > 0 {
        text.push_str(&format!(" · top-ups apart {}", money.top_ups));
    }
    Some(vec![
        Span::styled(format!("paid now{short} "), theme.muted),
        Span::raw(text),
    ])
}

/// The detail pane's money fields for a need, as `(label, value)`; empty when money is hidden
/// or the need records none.
pub fn need_fields(app: &App, plan: &Plan, need: &Need) -> Vec<(&'static str, String)> {
    if !app.shows_costs() {
        return Vec::new();
    }
    let mut fields = Vec::new();
    if let Some(cost) = need.money.cost {
        let amount = match (cost.amount, cost.per) {
            (Some(amount), Some(Period::Week)) => format!("{amount}/wk"),
            (Some(amount), Some(per)) => format!(
                "{amount}{} ({}/wk)",
                per_short(per),
                convert(amount, per, Period::Week)
            ),
            (Some(amount), None) => format!("{amount} (period not set)"),
            (None, _) => "amount not set".to_owned(),
        };
        let from = cost
            .from
            .map(|date| format!(" from {}", format_uk(date)))
            .unwrap_or_default();
        fields.push(("Cost", format!("{amount}{from}")));
        let pays = match paid_now(plan, need, app.today(), Period::Week) {
            None => "nothing now (not active or agreed, not yet in force, or ended)".to_owned(),
            Some(payment) => {
                let split = format!("ICB {}/wk · LA {}/wk", payment.icb, payment.la);
                match payment.paid_by {
                    PaidBy::AgreedSplit => split,
                    PaidBy::InterimFunder(funder) => format!(
                        "{split} (disputed: the interim funder, {}, pays in full)",
                        funder_words(funder)
                    ),
                    PaidBy::DisputedNoInterimFunder => {
                        format!("{split} (disputed, no interim funder: the recorded split)")
                    }
                    PaidBy::NoValidSplit => {
                        format!("nobody: no valid funding split ({}/wk)", payment.cost)
                    }
                }
            }
        };
        fields.push(("Pays now", pays));
    }
    if let Some(delivery) = need.money.delivery {
        fields.push(("Delivery", delivery_words(delivery).to_owned()));
    }
    if let Some(top_up) = need.money.top_up {
        let amount = match (top_up.amount, top_up.per) {
            (Some(amount), Some(per)) => format!("{amount}{}", per_short(per)),
            (Some(amount), None) => amount.to_string(),
            (None, _) => "amount not set".to_owned(),
        };
        let payer = match top_up.paid_by {
            Some(TopUpPayer::Person) => "paid by the person",
            Some(TopUpPayer::ThirdParty) => "paid by a third party",
            None => "payer not set",
        };
        let agreed = top_up
            .agreed
            .map(|date| format!("agreed in writing {}", format_uk(date)))
            .unwrap_or_else(|| "no written agreement date".to_owned());
        fields.push((
            "Top-up (apart, not S117 cost)",
            format!("{amount}, {payer}, {agreed}"),
        ));
    }
    fields
}

/// Meeting mode's line of money for a need, only when configured to show it:
/// `£1,925.00/wk: ICB £1,155.00 · LA £770.00 now`, a top-up apart.
pub fn meeting_line(app: &App, plan: &Plan, need: &Need) -> Option<String> {
    if !app.shows_costs() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(payment) = paid_now(plan, need, app.today(), Period::Week) {
        parts.push(format!(
            "{}/wk: ICB {} · LA {} now",
            payment.cost, payment.icb, payment.la
        ));
    }
    if let Some(top_up) = need.money.top_up
        && let (Some(amount), Some(per)) = (top_up.amount, top_up.per)
    {
        parts.push(format!("top-up apart {amount}{}", per_short(per)));
    }
    (!parts.is_empty()).then(|| parts.join("   "))
}
