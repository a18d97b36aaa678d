//! Class 6: feedwright never writes through a symbolic link, never opens a non-regular file, and keeps an explicit rule for the new file's permissions.
