//! Class 8: what contributors name (files, keys) is printed escaped, and test hooks are not in release builds.
