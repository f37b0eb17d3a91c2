//! NHS number format and Modulus 11 check.
