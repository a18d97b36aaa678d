//! Where a build may write: into real folders, onto regular files, never through a link.
//!
//! The output folder's path comes from feeds.toml, which is trusted, so the links on the way to
//! it (a symlinked home, `/var -> /private/var`) are the machine's and are followed. What is *at*
//! that path and below it may come from a contributor, though (a committed `public/` that is a
//! link to `/etc`, `public/rss.xml -> /etc/shadow`, a FIFO named `rss.xml`): so the output folder
//! itself and every folder below it must be a real folder, and every file opened there (a feed
//! compared and replaced, the lock file) must be absent or a regular file. Anything else is
//! refused with an [`Error::Io`] naming it, before anything is read or written. Each check is a
//! `symlink_metadata`; the opens that follow add `O_NOFOLLOW | O_NONBLOCK` and check the opened
//! file again, so a link or a FIFO swapped in after the check is refused, never followed or
//! waited on. (A folder swapped for a link between its check and the creation of a temporary
//! file in it is not caught; only a process that can already write the output folder can do
//! that.) A replaced feed keeps the permission bits of the regular file it replaces, never its
//! setuid, setgid or sticky bits: see [`new_mode`].

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Component, Path};

use crate::diagnostics::display_path;
use crate::error::Error;

/// Mode of a feed that replaces no regular file.
pub const DEFAULT_MODE: u32 = 0o644;

/// What a refused path should become, said in its error.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// The output folder named in feeds.toml.
    OutputFolder,
    /// A folder below it.
    Folder,
    /// A feed or the lock file.
    File,
}

impl Role {
    /// How to fix a path in this role that is not what it should be (a `link`, or not).
    fn fix(self, link: bool) -> &'static str {
        match self {
            Role::OutputFolder if link => {
                "replace it with a real folder, or set `output` in feeds.toml to the folder it \
                 points to"
            }
            Role::OutputFolder | Role::Folder => "replace it with a real folder",
            Role::File => "delete it, and the next build writes a regular file in its place",
        }
    }
}

/// What kind of file `t` is, for a message.
fn kind(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a fifo";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// The error refusing `path`, which is `m` instead of what `role` needs.
fn refused(path: &Path, m: &fs::Metadata, role: Role) -> Error {
    let path = display_path(path);
    let t = m.file_type();
    if t.is_symlink() {
        let why = format!("feedwright never writes through links; {}", role.fix(true));
        return Error::io(path, "is a symbolic link", io::Error::other(why));
    }
    let why = format!("it is {}; {}", kind(t), role.fix(false));
    let what = match role {
        Role::File => "is not a regular file",
        Role::OutputFolder | Role::Folder => "is not a folder",
    };
    Error::io(path, what, io::Error::other(why))
}

/// Options that never follow a link in the last component and never wait on a FIFO.
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options
}

/// Checks that `path` is a real folder. A missing one is created when `create` is set (the
/// output folder with its parents, a folder below it alone) and otherwise reported as `false`.
fn real_folder(path: &Path, role: Role, create: bool) -> Result<bool, Error> {
    let mut created = false;
    loop {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => return Ok(true),
            Ok(m) => return Err(refused(path, &m, role)),
            Err(e) if e.kind() == io::ErrorKind::NotFound && create && !created => {
                let (made, what) = match role {
                    Role::OutputFolder => (fs::create_dir_all(path), "cannot create output folder"),
                    Role::Folder | Role::File => (fs::create_dir(path), "cannot create folder"),
                };
                match made {
                    // Another feed staged in parallel may have made it first: check it again.
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        return Err(Error::io(display_path(path), what, e))
                    }
                    _ => created = true,
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io(display_path(path), "cannot read", e)),
        }
    }
}

/// Checks that the output folder `root` and each folder of `rel` below it are real folders,
/// not links; with `create`, makes the missing ones. Returns whether they all exist.
pub fn real_folders(root: &Path, rel: &Path, create: bool) -> Result<bool, Error> {
    if !real_folder(root, Role::OutputFolder, create)? {
        return Ok(false);
    }
    let mut path = root.to_path_buf();
    for part in rel.components() {
        match part {
            Component::Normal(name) => path.push(name),
            Component::CurDir => continue,
            _ => {
                let outside =
                    io::Error::new(io::ErrorKind::InvalidInput, "leaves the output folder");
                return Err(Error::io(
                    display_path(&root.join(rel)),
                    "cannot write",
                    outside,
                ));
            }
        }
        if !real_folder(&path, Role::Folder, create)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Opens `options` on `path` only if it is a regular file (checked before and after opening,
/// so that neither a link nor a FIFO is ever followed or waited on). `Ok(None)` if there is no
/// file there; `what` names a failure to open it.
fn open_regular(
    path: &Path,
    options: &mut OpenOptions,
    what: &'static str,
) -> Result<Option<(File, fs::Metadata)>, Error> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => return Err(refused(path, &m, Role::File)),
        // Missing: opening it says whether that is fine (it creates) or not (`None`).
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(display_path(path), what, e)),
    }
    let file = match no_follow(options).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(display_path(path), what, e)),
    };
    let m = file
        .metadata()
        .map_err(|e| Error::io(display_path(path), what, e))?;
    if !m.is_file() {
        return Err(refused(path, &m, Role::File));
    }
    Ok(Some((file, m)))
}

/// Opens the old version of a feed for reading, with its metadata: `None` if there is none.
pub fn open_old(path: &Path) -> Result<Option<(File, fs::Metadata)>, Error> {
    open_regular(path, OpenOptions::new().read(true), "cannot read")
}

/// Opens (creating) the lock file at `path` for writing, without truncating it.
pub fn open_lock(path: &Path) -> Result<File, Error> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    match open_regular(path, &mut options, "cannot open lock file")? {
        Some((file, _)) => Ok(file),
        // Only if its folder vanished meanwhile.
        None => Err(Error::io(
            display_path(path),
            "cannot open lock file",
            io::ErrorKind::NotFound.into(),
        )),
    }
}

/// Opens a folder to flush it to disk, if it still is one.
pub fn open_folder(path: &Path) -> Option<File> {
    no_follow(OpenOptions::new().read(true)).open(path).ok()
}

/// The permission bits of a feed replacing a file with metadata `old`: those of the old file
/// if it was a regular file, without setuid, setgid and sticky (`mode & 0o777`), else
/// [`DEFAULT_MODE`] (0644: world-readable, as feeds are published), whatever the umask.
#[cfg(unix)]
pub fn new_mode(old: Option<&fs::Metadata>) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    old.filter(|m| m.is_file())
        .map_or(DEFAULT_MODE, |m| m.permissions().mode() & 0o777)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.unwrap().success(), "mkfifo {}", path.display());
    }

    fn message(e: Error) -> String {
        e.to_string()
    }

    #[test]
    fn folders_must_be_real_from_the_output_folder_down() {
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("public"), dir.path().join("elsewhere"));
        fs::create_dir(&elsewhere).unwrap();
        assert!(!real_folders(&root, Path::new("a/b"), false).unwrap());
        assert!(!root.exists(), "checking creates nothing");
        assert!(real_folders(&root, Path::new("a/./b"), true).unwrap());
        assert!(root.join("a/b").is_dir());
        symlink(&elsewhere, root.join("a/b/c")).unwrap();
        for create in [false, true] {
            let e = message(real_folders(&root, Path::new("a/b/c/d"), create).unwrap_err());
            assert!(e.ends_with("a/b/c: is a symbolic link: feedwright never writes through links; replace it with a real folder"), "{e}");
        }
        fs::write(root.join("a/file"), b"x").unwrap();
        let e = message(real_folders(&root, Path::new("a/file/d"), true).unwrap_err());
        assert!(
            e.ends_with(
                "a/file: is not a folder: it is a regular file; replace it with a real folder"
            ),
            "{e}"
        );
        let e = message(real_folders(&root, Path::new("../x"), true).unwrap_err());
        assert!(e.contains("leaves the output folder"), "{e}");
        let linked = dir.path().join("linked");
        symlink(&root, &linked).unwrap();
        let e = message(real_folders(&linked, Path::new(""), true).unwrap_err());
        assert!(e.ends_with("linked: is a symbolic link: feedwright never writes through links; replace it with a real folder, or set `output` in feeds.toml to the folder it points to"), "{e}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn only_regular_files_are_opened_and_links_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"secret").unwrap();
        assert!(open_old(&dir.path().join("none")).unwrap().is_none());
        let (link, dangling) = (dir.path().join("link"), dir.path().join("dangling"));
        symlink(&victim, &link).unwrap();
        symlink(dir.path().join("created"), &dangling).unwrap();
        for p in [&link, &dangling] {
            let e = message(open_old(p).unwrap_err());
            assert!(e.contains(": is a symbolic link: feedwright never writes through links; delete it, and the next build writes a regular file in its place"), "{e}");
            let e = message(open_lock(p).unwrap_err());
            assert!(e.contains(": is a symbolic link:"), "{e}");
        }
        assert!(
            !dir.path().join("created").exists(),
            "a link's target is never created"
        );
        assert_eq!(fs::read(&victim).unwrap(), b"secret");
        // A FIFO is refused at once: neither reading nor writing waits for the other end.
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        let e = message(open_old(&fifo).unwrap_err());
        assert!(e.ends_with("fifo: is not a regular file: it is a fifo; delete it, and the next build writes a regular file in its place"), "{e}");
        assert!(message(open_lock(&fifo).unwrap_err()).contains("it is a fifo"));
        let e = message(open_old(dir.path()).unwrap_err());
        assert!(e.contains("it is a folder"), "{e}");
        let lock = dir.path().join("lock");
        open_lock(&lock).unwrap();
        assert!(lock.is_file());
        assert!(open_old(&lock).unwrap().is_some());
    }

    #[test]
    fn opens_refuse_a_link_or_fifo_swapped_in_after_the_check() {
        // What `open_regular` does after its check: the open itself neither follows nor waits.
        let dir = tempfile::tempdir().unwrap();
        let (link, fifo) = (dir.path().join("link"), dir.path().join("fifo"));
        symlink(dir.path().join("target"), &link).unwrap();
        mkfifo(&fifo);
        let write = || no_follow(OpenOptions::new().create(true).write(true)).open(&link);
        assert!(write().is_err());
        assert!(!dir.path().join("target").exists());
        // With no reader, a plain open for writing would wait for ever.
        assert!(no_follow(OpenOptions::new().write(true))
            .open(&fifo)
            .is_err());
        let read = no_follow(OpenOptions::new().read(true))
            .open(&fifo)
            .unwrap();
        assert!(
            !read.metadata().unwrap().is_file(),
            "so open_regular refuses it"
        );
    }

    #[test]
    fn a_new_feed_keeps_only_the_permission_bits_of_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, b"x").unwrap();
        assert_eq!(new_mode(None), 0o644);
        for (old, new) in [
            (0o4777, 0o777),
            (0o2640, 0o640),
            (0o1600, 0o600),
            (0o444, 0o444),
        ] {
            fs::set_permissions(&file, fs::Permissions::from_mode(old)).unwrap();
            assert_eq!(
                new_mode(Some(&fs::metadata(&file).unwrap())),
                new,
                "{old:o}"
            );
        }
        let folder = fs::metadata(dir.path()).unwrap();
        assert_eq!(
            new_mode(Some(&folder)),
            0o644,
            "only a regular file lends its mode"
        );
    }
}
