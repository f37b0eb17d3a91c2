//! The need edit's money fields (format v1.1): the cost (amount, period, from), the delivery and
//! a top-up (amount, period, who pays, the written agreement's date), and the one change they
//! make. A blank amount takes the cost or top-up away; fields left as they were change nothing.

use chrono::NaiveDate;

use crate::plan::change::{Change, MoneyFields};
use crate::plan::model::Need;
use crate::plan::money::{Cost, Delivery, Pence, Period, TopUp, TopUpPayer};
use crate::tui::app::{App, Overlay};
use crate::tui::form::{Choice, DateRule, Field, Form};
use crate::tui::layers::prompt::quick_edit::QuickEdit;
use crate::tui::overlays::Purpose;

fn period_choices() -> Vec<Choice> {
    vec![
        Choice::new("", "not set"),
        Choice::word("week"),
        Choice::word("month"),
        Choice::word("year"),
    ]
}

fn delivery_choices() -> Vec<Choice> {
    vec![
        Choice::new("", "not set"),
        Choice::new("commissioned", "commissioned service"),
        Choice::new("direct_payment", "direct payment (s117(2C))"),
        Choice::new("personal_health_budget", "personal health budget"),
        Choice::new("other", "other"),
    ]
}

fn payer_choices() -> Vec<Choice> {
    vec![
        Choice::new("", "not set"),
        Choice::new("person", "the person"),
        Choice::new("third_party", "a third party"),
    ]
}

fn amount_text(amount: Option<Pence>) -> String {
    amount.map(Pence::decimal).unwrap_or_default()
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A new cost or top-up is most often weekly.
fn period_value(per: Option<Period>, recorded: bool) -> &'static str {
    match per {
        Some(per) => per.as_str(),
        None if recorded => "",
        None => "week",
    }
}

/// The choice that opens the money fields: left as it is, Enter on it submits the edit.
const MONEY: &str = "money";
const KEEP: &str = "keep";
const EDIT: &[&str] = &["edit"];

/// The need edit's money fields, filled from the need, shown once "Money" is turned to edit.
pub fn money_fields(need: &Need) -> Vec<Field> {
    let cost = need.money.cost;
    let top_up = need.money.top_up;
    let choice = Field::choice(
        MONEY,
        "Money",
        vec![
            Choice::new(KEEP, "as it is (Right: edit cost, delivery, top-up)"),
            Choice::new("edit", "edit cost, delivery, top-up"),
        ],
        KEEP,
    );
    let fields = vec![
        Field::text(
            "cost",
            "Cost £ (blank: none)",
            amount_text(cost.and_then(|c| c.amount)),
        ),
        Field::choice(
            "cost_per",
            "Cost per",
            period_choices(),
            period_value(cost.and_then(|c| c.per), cost.is_some()),
        ),
        Field::date(
            "cost_from",
            "Cost from",
            &date_text(cost.and_then(|c| c.from)),
            DateRule::Any,
        ),
        Field::choice(
            "delivery",
            "Delivery",
            delivery_choices(),
            need.money.delivery.map_or("", Delivery::as_str),
        ),
        Field::text(
            "top_up",
            "Top-up £ (preferred accommodation; blank: none)",
            amount_text(top_up.and_then(|t| t.amount)),
        ),
        Field::choice(
            "top_up_per",
            "Top-up per",
            period_choices(),
            period_value(top_up.and_then(|t| t.per), top_up.is_some()),
        ),
        Field::choice(
            "top_up_paid_by",
            "Top-up paid by",
            payer_choices(),
            top_up
                .and_then(|t| t.paid_by)
                .map_or("", TopUpPayer::as_str),
        ),
        Field::date(
            "top_up_agreed",
            "Top-up agreed in writing",
            &date_text(top_up.and_then(|t| t.agreed)),
            DateRule::NotFuture,
        ),
    ];
    std::iter::once(choice)
        .chain(fields.into_iter().map(|field| field.when(MONEY, EDIT)))
        .collect()
}

/// Meeting mode (unless configured): the need edit offers no money, so none shows, and its
/// hidden fields change nothing.
pub fn hide_money(form: &mut Form) {
    if let Some(field) = form.fields.iter_mut().find(|field| field.key == MONEY) {
        *field = Field::choice(
            MONEY,
            "Money",
            vec![Choice::new(KEEP, "costs hidden in meeting mode")],
            KEEP,
        );
    }
}

/// After each message: a need edit open in meeting mode offers no money (and once meeting
/// mode is on, an edit opened before it loses the choice too).
pub fn hide_money_in_meeting(app: &mut App) {
    if app.shows_costs() {
        return;
    }
    if let Some(Overlay::Prompt(prompt)) = app.nav.overlays.last_mut()
        && matches!(prompt.purpose, Purpose::Edit(QuickEdit::Text(_)))
    {
        hide_money(&mut prompt.form);
    }
}

/// An amount typed in a field: `None` when blank; the reason when it is not pounds to the penny.
fn typed_amount(form: &Form, key: &str) -> Result<Option<Pence>, String> {
    let text = form.value(key);
    let text = text.trim().trim_start_matches('£');
    if text.is_empty() {
        return Ok(None);
    }
    Pence::parse_pounds(text).map(Some)
}

/// A date typed in a field: `None` when blank; the reason when it cannot be read.
fn typed_date(form: &Form, key: &str, label: &str) -> Result<Option<NaiveDate>, String> {
    if form.value(key).trim().is_empty() {
        return Ok(None);
    }
    form.date(key)
        .map(Some)
        .ok_or_else(|| format!("{label}: not a date"))
}

/// The need's money as the form says: a blank amount removes a cost or top-up that had one
/// (one recorded without an amount is kept as it was).
fn money_from(form: &Form, need: &Need) -> Result<MoneyFields, String> {
    let from = MoneyFields::of(need);
    let cost = match typed_amount(form, "cost").map_err(|why| format!("Cost: {why}"))? {
        Some(amount) => Some(Cost {
            amount: Some(amount),
            per: Period::parse(&form.value("cost_per")),
            from: typed_date(form, "cost_from", "Cost from")?,
        }),
        None if from.cost.is_some_and(|cost| cost.amount.is_none()) => from.cost,
        None => None,
    };
    let top_up = match typed_amount(form, "top_up").map_err(|why| format!("Top-up: {why}"))? {
        Some(amount) => Some(TopUp {
            amount: Some(amount),
            per: Period::parse(&form.value("top_up_per")),
            paid_by: TopUpPayer::parse(&form.value("top_up_paid_by")),
            agreed: typed_date(form, "top_up_agreed", "Top-up agreed")?,
        }),
        None if from.top_up.is_some_and(|top_up| top_up.amount.is_none()) => from.top_up,
        None => None,
    };
    Ok(MoneyFields {
        cost,
        delivery: Delivery::parse(&form.value("delivery")),
        top_up,
    })
}

/// The money change the need edit makes, if it makes one (none while "Money" is left as it is).
pub fn money_change(id: &str, need: &Need, form: &Form) -> Result<Option<Change>, String> {
    if form.value(MONEY) != "edit" {
        return Ok(None);
    }
    let from = MoneyFields::of(need);
    let to = money_from(form, need)?;
    Ok((from != to).then(|| Change::NeedMoney {
        need: id.to_owned(),
        need_text: need.need.clone(),
        from,
        to,
    }))
}
