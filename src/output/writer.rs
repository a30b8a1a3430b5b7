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
    pub fn start(base: PathBuf, previous: Option<PathBuf>, precompress: bool) -> Writers {
        let (tx, rx) = mpsc::sync_channel::<Job>(256);
        let rx = Arc::new(Mutex::new(rx));
        let shared = Arc::new(Shared {
            base,
            previous,
            precompress,
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
        make_parent(&path, made)?;
        let previous = self.previous.as_ref().map(|p| p.join(rel));
        let linked = previous
            .as_deref()
            .is_some_and(|old| same_bytes(old, bytes) && std::fs::hard_link(old, &path).is_ok());
        self.count(linked);
        if !linked {
            std::fs::write(&path, bytes)?;
        }
        self.compressed(rel, bytes, linked)
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
        make_parent(&path, made)?;
        let linked = is_plain_file(&old) && std::fs::hard_link(&old, &path).is_ok();
        self.count(linked);
        // The bytes are needed for a copy, or for compressed copies the previous
        // output may lack.
        let needs_bytes = !linked || (self.precompress && super::is_text(rel));
        let bytes = if needs_bytes {
            std::fs::read(&old)?
        } else {
            Vec::new()
        };
        if !linked {
            std::fs::write(&path, &bytes)?;
        }
        self.compressed(rel, &bytes, linked)
    }

    /// Puts `.gz` and `.br` of a text file beside it: linked with the file when it was
    /// linked and the previous output has them, else made from `bytes`.
    fn compressed(&self, rel: &str, bytes: &[u8], linked: bool) -> std::io::Result<()> {
        let previous = self.previous.as_ref().map(|p| p.join(rel));
        if self.precompress && super::is_text(rel) {
            let copies: [(&str, Compress); 2] = [("gz", super::gzip), ("br", super::brotli)];
            for (ext, compress) in copies {
                let copy = self.base.join(format!("{rel}.{ext}"));
                // The previous copy was made from the same bytes: linked with its file.
                let reused = linked
                    && previous.as_deref().is_some_and(|old| {
                        let old = with_ext(old, ext);
                        is_plain_file(&old) && std::fs::hard_link(&old, &copy).is_ok()
                    });
                self.count(reused);
                if !reused {
                    std::fs::write(&copy, compress(bytes))?;
                }
            }
        }
        Ok(())
    }

    fn count(&self, linked: bool) {
        let c = if linked { &self.linked } else { &self.written };
        c.fetch_add(1, Ordering::Relaxed);
    }
}

fn make_parent(path: &Path, made: &mut HashSet<PathBuf>) -> std::io::Result<()> {
    if let Some(dir) = path.parent()
        && made.insert(dir.to_path_buf())
    {
        std::fs::create_dir_all(dir)?;
    }
    Ok(())
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
        let w = Writers::start(base.to_path_buf(), previous.map(Path::to_path_buf), true);
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
        let w = Writers::start(new.clone(), Some(old.clone()), true);
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
        let w = Writers::start(dir.path().to_path_buf(), None, false);
        w.send("x/index.html".into(), b"page".to_vec()).unwrap();
        assert!(w.finish().is_err());
    }
}
