//! Scan the plans folder and load every plan file, in parallel, never failing on a bad file.
