//! The staging folder's writers: a few threads put the files into it as the build
//! hands them over. A file whose bytes equal the previous output's file of the same
//! path is hard-linked from there instead of written (as `rsync --link-dest` does),
//! so an unchanged file costs no write now and frees no blocks when the previous
//! output is removed after the swap; its `.gz` and `.br` are linked with it.
//!
//! The previous output is only ever read and linked from, never written: every file
//! is created new in the staging folder, whose paths exist nowhere else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

/// A file to write, or one to link from the previous output as it is.
enum Job {
    Write(String, Vec<u8>),
    Link(String),
}
type Compress = fn(&[u8]) -> Vec<u8>;

/// Writer threads fed through one bounded channel.
#[derive(Debug)]
pub struct Writers {
    tx: mpsc::SyncSender<Job>,
    threads: Vec<JoinHandle<std::io::Result<()>>>,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    base: PathBuf,
    previous: Option<PathBuf>,
    precompress: bool,
    /// The staging folder is an earlier output being brought up to date, not empty.
    reuse: bool,
    /// Set by the first writer that fails, so that the others stop early.
    failed: AtomicBool,
    linked: AtomicUsize,
    written: AtomicUsize,
}

/// How many files were linked from the previous output and how many written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub linked: usize,
    pub written: usize,
}

impl Writers {
    /// Starts writing into `base`; unchanged files are linked from `previous`.
    /// `precompress` also puts `.gz` and `.br` beside each text file.
    pub fn start(
        base: PathBuf,
        previous: Option<PathBuf>,
        precompress: bool,
        reuse: bool,
    ) -> Writers {
        let (tx, rx) = mpsc::sync_channel::<Job>(256);
        let rx = Arc::new(Mutex::new(rx));
        let shared = Arc::new(Shared {
            base,
            previous,
            precompress,
            reuse,
            failed: AtomicBool::new(false),
            linked: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
        });
        // The time goes into system calls, not bytes: a few threads keep the disk busy
        // on two cores as on more.
        let n = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
        let threads = (0..n)
            .map(|_| {
                let (rx, shared) = (rx.clone(), shared.clone());
                std::thread::spawn(move || shared.run(&rx))
            })
            .collect();
        Writers {
            tx,
            threads,
            shared,
        }
    }

    /// Hands a file over; fails only when every writer has stopped on an error.
    pub fn send(&self, rel: String, bytes: Vec<u8>) -> Result<(), ()> {
        self.tx.send(Job::Write(rel, bytes)).map_err(|_| ())
    }

    /// Puts the previous output's file at `rel` into the staging folder as it is
    /// (the caller knows its bytes to be right).
    pub fn send_link(&self, rel: String) -> Result<(), ()> {
        self.tx.send(Job::Link(rel)).map_err(|_| ())
    }

    /// Waits for every file sent so far; the first writer's error, if one failed.
    pub fn finish(self) -> std::io::Result<Counts> {
        drop(self.tx);
        let mut first = Ok(());
        for t in self.threads {
            let r = t.join().expect("the writers do not panic");
            if first.is_ok() {
                first = r;
            }
        }
        first.map(|()| Counts {
            linked: self.shared.linked.load(Ordering::Relaxed),
            written: self.shared.written.load(Ordering::Relaxed),
        })
    }
}

impl Shared {
    fn run(&self, rx: &Mutex<mpsc::Receiver<Job>>) -> std::io::Result<()> {
        let mut made = HashSet::new();
        loop {
            let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok(job) = job else {
                return Ok(());
            };
            if self.failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let done = match job {
                Job::Write(rel, bytes) => self.put(&rel, &bytes, &mut made),
                Job::Link(rel) => self.link(&rel, &mut made),
            };
            if let Err(e) = done {
                self.failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
    }

    /// Puts one file (and its compressed copies) into the staging folder.
    fn put(&self, rel: &str, bytes: &[u8], made: &mut HashSet<PathBuf>) -> std::io::Result<()> {
        let path = self.base.join(rel);
        self.make_parent(&path, made)?;
        let how = if self.reuse && same_bytes(&path, bytes) {
            Placed::Unchanged
        } else {
            let previous = self.previous.as_ref().map(|p| p.join(rel));
            let linked = previous
                .as_deref()
                .is_some_and(|old| same_bytes(old, bytes) && self.link_to(old, &path).is_ok());
            if !linked {
                self.write_to(&path, bytes)?;
            }
            if linked {
                Placed::Linked
            } else {
                Placed::Written
            }
        };
        self.count(how != Placed::Written);
        self.compressed(rel, bytes, how)
    }

    /// Links the previous output's file at `rel` (a copy where the link fails).
    fn link(&self, rel: &str, made: &mut HashSet<PathBuf>) -> std::io::Result<()> {
        let Some(previous) = &self.previous else {
            return Err(std::io::Error::other(format!(
                "no previous output holds {rel}"
            )));
        };
        let (old, path) = (previous.join(rel), self.base.join(rel));
        if !is_plain_file(&old) {
            return Err(std::io::Error::other(format!(
                "{rel} in the previous output is no longer a file"
            )));
        }
        self.make_parent(&path, made)?;
        let how = if self.reuse && same_file(&old, &path) {
            Placed::Unchanged
        } else if self.link_to(&old, &path).is_ok() {
            Placed::Linked
        } else {
            Placed::Written
        };
        self.count(how != Placed::Written);
        // The bytes are needed for a copy, or for compressed copies the previous
        // output may lack.
        let needs_bytes = how == Placed::Written || (self.precompress && super::is_text(rel));
        let bytes = if needs_bytes {
            std::fs::read(&old)?
        } else {
            Vec::new()
        };
        if how == Placed::Written {
            self.write_to(&path, &bytes)?;
        }
        self.compressed(rel, &bytes, how)
    }

    /// Puts `.gz` and `.br` of a text file beside it: kept when the file was and they
    /// are there, linked with the file when it was linked and the previous output has
    /// them, else made from `bytes`.
    fn compressed(&self, rel: &str, bytes: &[u8], how: Placed) -> std::io::Result<()> {
        if !self.precompress || !super::is_text(rel) {
            return Ok(());
        }
        let previous = self.previous.as_ref().map(|p| p.join(rel));
        let copies: [(&str, Compress); 2] = [("gz", super::gzip), ("br", super::brotli)];
        for (ext, compress) in copies {
            let copy = self.base.join(format!("{rel}.{ext}"));
            // A copy beside an unchanged file, or the previous output's beside a linked
            // one, was made from the same bytes.
            let reused = match how {
                Placed::Unchanged => is_plain_file(&copy),
                Placed::Linked => previous.as_deref().is_some_and(|old| {
                    let old = with_ext(old, ext);
                    is_plain_file(&old) && self.link_to(&old, &copy).is_ok()
                }),
                Placed::Written => false,
            };
            self.count(reused);
            if !reused {
                self.write_to(&copy, &compress(bytes))?;
            }
        }
        Ok(())
    }

    /// Creates the folders above `path`; in a reused folder, a file where a folder
    /// must go, and a folder where `path` goes, are removed first.
    fn make_parent(&self, path: &Path, made: &mut HashSet<PathBuf>) -> std::io::Result<()> {
        if self.reuse && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(path)?;
        }
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        if !made.insert(dir.to_path_buf()) {
            return Ok(());
        }
        if self.reuse
            && let Ok(rel) = dir.strip_prefix(&self.base)
        {
            let mut at = self.base.clone();
            for part in rel.components() {
                at.push(part);
                if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(&at)?;
                }
            }
        }
        std::fs::create_dir_all(dir)
    }

    /// Links `old` at `path`. In a reused folder `path` may exist: the link is made
    /// under a new name and renamed over it, so no existing file is ever written.
    fn link_to(&self, old: &Path, path: &Path) -> std::io::Result<()> {
        if !self.reuse {
            return std::fs::hard_link(old, path);
        }
        let tmp = temporary(path);
        remove_if_there(&tmp)?;
        std::fs::hard_link(old, &tmp)?;
        std::fs::rename(&tmp, path)
    }

    /// Writes `bytes` as a new file at `path` (in a reused folder, under a new name
    /// renamed over the old file, which may be linked from the live output).
    fn write_to(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if !self.reuse {
            return std::fs::write(path, bytes);
        }
        use std::io::Write;
        let tmp = temporary(path);
        remove_if_there(&tmp)?;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?
            .write_all(bytes)?;
        std::fs::rename(&tmp, path)
    }

    fn count(&self, linked: bool) {
        let c = if linked { &self.linked } else { &self.written };
        c.fetch_add(1, Ordering::Relaxed);
    }
}

/// How a file got into the staging folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    /// A reused staging folder already held it.
    Unchanged,
    /// Hard-linked from the previous output.
    Linked,
    Written,
}

/// The name a file is made under before it is renamed over `path`.
fn temporary(path: &Path) -> PathBuf {
    with_ext(path, "ccu-tmp")
}

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Are `a` and `b` the same file (one inode under two names)?
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && b.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn with_ext(path: &Path, ext: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// A regular file (not a link, folder or device).
fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Does the regular file at `path` hold exactly `bytes`? The length first, so that
/// most changed files are told apart without reading them.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    meta.is_file()
        && meta.len() == bytes.len() as u64
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn ino(p: &Path) -> u64 {
        std::fs::metadata(p).unwrap().ino()
    }

    fn write_with(base: &Path, previous: Option<&Path>, files: &[(&str, &str)]) -> Counts {
        let w = Writers::start(
            base.to_path_buf(),
            previous.map(Path::to_path_buf),
            true,
            false,
        );
        for (rel, text) in files {
            w.send(rel.to_string(), text.as_bytes().to_vec()).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn unchanged_files_are_linked_and_changed_ones_written_new() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        let first = write_with(
            &old,
            None,
            &[
                ("en/a.html", "same"),
                ("en/b.html", "before"),
                ("c.bin", "xy"),
            ],
        );
        assert_eq!(first.linked, 0);
        // Same length, other bytes: must not be taken for the same file.
        std::fs::write(old.join("c.bin"), "zz").unwrap();
        let counts = write_with(
            &new,
            Some(&old),
            &[
                ("en/a.html", "same"),
                ("en/b.html", "after!"),
                ("c.bin", "xy"),
            ],
        );
        // a.html and its .gz and .br linked; b.html (3 files) and c.bin written.
        assert_eq!(
            counts,
            Counts {
                linked: 3,
                written: 4
            }
        );
        assert_eq!(ino(&old.join("en/a.html")), ino(&new.join("en/a.html")));
        assert_eq!(
            ino(&old.join("en/a.html.br")),
            ino(&new.join("en/a.html.br"))
        );
        assert_ne!(ino(&old.join("en/b.html")), ino(&new.join("en/b.html")));
        assert_eq!(
            std::fs::read_to_string(new.join("en/b.html")).unwrap(),
            "after!"
        );
        assert_eq!(std::fs::read_to_string(new.join("c.bin")).unwrap(), "xy");
        // The previous output is never written to.
        assert_eq!(
            std::fs::read_to_string(old.join("en/b.html")).unwrap(),
            "before"
        );
        assert_eq!(std::fs::read_to_string(old.join("c.bin")).unwrap(), "zz");
    }

    #[test]
    fn a_kept_file_is_linked_with_its_compressed_copies_or_they_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        write_with(&old, None, &[("a.html", "page a"), ("b.html", "page b")]);
        std::fs::remove_file(old.join("b.html.br")).unwrap();
        let w = Writers::start(new.clone(), Some(old.clone()), true, false);
        for rel in ["a.html", "b.html"] {
            w.send_link(rel.to_string()).unwrap();
        }
        let counts = w.finish().unwrap();
        // a.html with its .gz and .br, b.html and its .gz linked; its .br made again.
        assert_eq!(
            counts,
            Counts {
                linked: 5,
                written: 1
            }
        );
        for rel in ["a.html", "a.html.gz", "a.html.br", "b.html", "b.html.gz"] {
            assert_eq!(ino(&old.join(rel)), ino(&new.join(rel)), "{rel}");
        }
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut ::brotli::Decompressor::new(
                &std::fs::read(new.join("b.html.br")).unwrap()[..],
                4096,
            ),
            &mut text,
        )
        .unwrap();
        assert_eq!(text, "page b");
    }

    #[test]
    fn a_link_in_the_previous_output_is_never_followed_or_linked() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(dir.path().join("outside.html"), "page").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.html"), old.join("index.html"))
            .unwrap();
        let counts = write_with(&new, Some(&old), &[("index.html", "page")]);
        assert_eq!(counts.linked, 0);
        let meta = std::fs::symlink_metadata(new.join("index.html")).unwrap();
        assert!(meta.is_file() && meta.nlink() == 1, "a file of its own");
    }

    #[test]
    fn a_failed_write_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        // A file where a folder must go: creating `x/…` fails.
        std::fs::write(dir.path().join("x"), "").unwrap();
        let w = Writers::start(dir.path().to_path_buf(), None, false, false);
        w.send("x/index.html".into(), b"page".to_vec()).unwrap();
        assert!(w.finish().is_err());
    }
}
