//! Class 9: a build that waited for the lock never publishes an older view of the articles than a build before it.
