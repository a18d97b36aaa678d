//! Class 3 and 4: records that cost time or memory far beyond their size (quadratic paths, deep nesting, blown-up output) are refused with a clear error, fast.
