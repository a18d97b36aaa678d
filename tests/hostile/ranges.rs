//! Class 2: every value is validated where it is read, with the range every output format can carry; never a panic.
