//! The domain: an S117 aftercare plan, its validation and its dates. No terminal, no file system.

pub mod assess;
pub mod change;
pub mod date_reading;
pub mod dates;
pub mod document;
pub mod finding;
pub mod lifecycle;
pub mod listing;
pub mod merge;
pub mod model;
pub mod money;
pub mod new_plan;
pub mod nhs;
pub mod parse;
pub mod pending;
pub mod places;
pub mod privacy;
pub mod review_state;
pub mod rules;
pub mod spans;
pub mod template;
