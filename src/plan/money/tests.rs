//! Tests of the money arithmetic and of who pays now.

use super::*;
use crate::plan::model::{Dispute, Funding};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn pounds_read_exactly_to_the_penny_and_refuse_the_rest() {
    assert_eq!(Pence::parse_pounds("1450"), Ok(Pence(145_000)));
    assert_eq!(Pence::parse_pounds("1450.5"), Ok(Pence(145_050)));
    assert_eq!(Pence::parse_pounds("0.07"), Ok(Pence(7)));
    for bad in [
        "-5",
        "£12",
        "12.345",
        "1,450",
        "",
        ".5",
        "5.",
        "1e3",
        "99999999.99",
    ] {
        assert!(Pence::parse_pounds(bad).is_err(), "{bad}");
    }
    assert_eq!(Pence(145_050).to_string(), "£1,450.50");
    assert_eq!(Pence(123_456_789).to_string(), "£1,234,567.89");
    assert_eq!(Pence(7).decimal(), "0.07");
}

#[test]
fn periods_convert_through_a_year_and_round_once_half_up() {
    // £1,000 a month = £12,000 a year = £230.769... a week.
    assert_eq!(
        convert(Pence(100_000), Period::Month, Period::Week),
        Pence(23_077)
    );
    // £26.26 a year / 52 = 50.5p: a half rounds up.
    assert_eq!(convert(Pence(2_626), Period::Year, Period::Week), Pence(51));
    assert_eq!(
        convert(Pence(10_000), Period::Week, Period::Year),
        Pence(520_000)
    );
    assert_eq!(convert(Pence(999), Period::Week, Period::Week), Pence(999));
}

#[test]
fn shares_add_up_to_the_total_by_largest_remainder() {
    assert_eq!(
        split_largest_remainder(Pence(101), &[50, 50]),
        vec![Pence(51), Pence(50)],
        "a tie goes to the first (the ICB)"
    );
    assert_eq!(
        split_largest_remainder(Pence(23_077), &[40, 60]),
        vec![Pence(9_231), Pence(13_846)]
    );
    assert_eq!(
        split_largest_remainder(Pence(100), &[33, 33, 34]),
        vec![Pence(33), Pence(33), Pence(34)]
    );
    for total in 0..500 {
        for icb in [0, 1, 33, 40, 50, 67, 99, 100] {
            let parts = split_largest_remainder(Pence(total), &[icb, 100 - icb]);
            assert_eq!(parts[0] + parts[1], Pence(total), "{total} {icb}");
        }
    }
}

fn need(id: &str, category: Category, funding: Option<(i64, i64)>, weekly: i64) -> Need {
    Need {
        id: Some(id.into()),
        need: Some("Supported living".into()),
        category: Some(category),
        funding: funding.map(|(icb, la)| Funding {
            icb: Some(icb),
            la: Some(la),
        }),
        status: Some(NeedStatus::Active),
        money: NeedMoney {
            cost: Some(Cost {
                amount: Some(Pence(weekly)),
                per: Some(Period::Week),
                from: Some(day("2026-04-01")),
            }),
            ..NeedMoney::default()
        },
        ..Need::default()
    }
}

#[test]
fn an_open_dispute_moves_the_disputed_need_to_the_interim_funder_in_full() {
    let today = day("2026-11-28");
    let mut plan = Plan {
        needs: vec![
            need("N1", Category::Health, None, 10_000),
            need("N2", Category::Joint, Some((40, 60)), 50_001),
        ],
        ..Plan::default()
    };
    let agreed = plan_money(&plan, today, Period::Week);
    assert_eq!((agreed.icb, agreed.la), (Pence(30_000), Pence(30_001)));
    assert_eq!(agreed.disputed, Pence::ZERO);

    plan.responsible.dispute = Some(Dispute {
        about: vec!["N2".into()],
        interim_funder: Some(Funder::La),
        ..Dispute::default()
    });
    let now = plan_money(&plan, today, Period::Week);
    assert_eq!((now.icb, now.la), (Pence(10_000), Pence(50_001)));
    assert_eq!(
        (now.disputed, now.disputed_icb, now.disputed_la),
        (Pence(50_001), Pence::ZERO, Pence(50_001))
    );
    let payment = paid_now_weekly(&plan, &plan.needs[1], today).unwrap();
    assert_eq!(payment.paid_by, PaidBy::InterimFunder(Funder::La));

    plan.responsible.dispute.as_mut().unwrap().interim_funder = None;
    let payment = paid_now_weekly(&plan, &plan.needs[1], today).unwrap();
    assert_eq!(payment.paid_by, PaidBy::DisputedNoInterimFunder);
    assert_eq!((payment.icb, payment.la), (Pence(20_000), Pence(30_001)));
}

#[test]
fn only_active_or_agreed_needs_in_force_on_a_live_plan_are_paid_now() {
    let today = day("2026-11-28");
    let mut plan = Plan {
        needs: vec![need("N1", Category::Health, None, 10_000)],
        ..Plan::default()
    };
    assert!(paid_now_weekly(&plan, &plan.needs[0], today).is_some());
    for status in [NeedStatus::Proposed, NeedStatus::OnHold, NeedStatus::Ended] {
        plan.needs[0].status = Some(status);
        assert!(paid_now_weekly(&plan, &plan.needs[0], today).is_none());
    }
    plan.needs[0].status = Some(NeedStatus::Agreed);
    plan.needs[0].money.cost.as_mut().unwrap().from = Some(day("2026-12-01"));
    assert!(paid_now_weekly(&plan, &plan.needs[0], today).is_none());
    plan.needs[0].money.cost.as_mut().unwrap().from = None;
    plan.ending = Some(crate::plan::model::Ending {
        date: Some(day("2026-11-01")),
        ..Default::default()
    });
    assert!(paid_now_weekly(&plan, &plan.needs[0], today).is_none());
}

#[test]
fn a_split_that_does_not_total_100_leaves_the_cost_unassigned() {
    let plan = Plan {
        needs: vec![need("N1", Category::Joint, Some((40, 50)), 1_000)],
        ..Plan::default()
    };
    let money = plan_money(&plan, day("2026-11-28"), Period::Week);
    assert_eq!(
        (money.icb, money.la, money.unassigned),
        (Pence(0), Pence(0), Pence(1_000))
    );
    assert_eq!(money.total(), Pence(1_000));
}

#[test]
fn accommodation_is_named_in_whole_words() {
    let mut need = Need {
        need: Some("Preferred care home (Rose Court), en-suite room".into()),
        ..Need::default()
    };
    assert!(is_accommodation(&need));
    need.need = Some("Extra-care supported flat with staff on site".into());
    assert!(is_accommodation(&need));
    need.need = Some("Day centre: carehome visits".into());
    assert!(!is_accommodation(&need));
    need.need = Some("Depot clinic every four weeks".into());
    assert!(!is_accommodation(&need));
}

#[test]
fn top_ups_are_totalled_apart_from_the_s117_cost() {
    let today = day("2026-11-28");
    let mut plan = Plan {
        needs: vec![need("N1", Category::Joint, Some((50, 50)), 100_000)],
        ..Plan::default()
    };
    plan.needs[0].money.top_up = Some(TopUp {
        amount: Some(Pence(36_000)),
        per: Some(Period::Month),
        paid_by: Some(TopUpPayer::ThirdParty),
        agreed: Some(day("2026-01-05")),
    });
    plan.needs[0].money.delivery = Some(Delivery::DirectPayment);
    let money = plan_money(&plan, today, Period::Week);
    assert_eq!(money.total(), Pence(100_000), "the top-up is not S117 cost");
    // 360.00 a month = 4,320.00 a year = 83.076.. a week.
    assert_eq!((money.top_up_count, money.top_ups), (1, Pence(8_308)));
    assert_eq!((money.direct_payments, money.health_budgets), (1, 0));
    plan.needs[0].status = Some(NeedStatus::Proposed);
    let money = plan_money(&plan, today, Period::Week);
    assert_eq!((money.total(), money.top_up_count), (Pence::ZERO, 0));
}
