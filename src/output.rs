//! Writing the site: all files at once, or none.
//!
//! Files go to a temporary folder beside the destination, which is swapped in
//! only when every file was written, so a failed build leaves the previous
//! output as it was. `ccu serve` keeps the site in memory instead.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;

/// Output files by path relative to the output folder (`en/services/1-4/index.html`).
#[derive(Default, Debug)]
pub struct Site {
    /// Files held in memory (all of them, unless the site streams to disk).
    files: BTreeMap<String, Vec<u8>>,
    /// Sizes of the files already handed to the disk writer.
    streamed: BTreeMap<String, usize>,
    sink: Option<Sink>,
}

/// A writer thread that puts files into the staging folder while the build goes on.
#[derive(Debug)]
struct Sink {
    staging: tempfile::TempDir,
    tx: mpsc::SyncSender<(String, Vec<u8>)>,
    writer: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Sink {
    /// Waits for every file sent so far to be written; returns the staging folder.
    fn finish(self) -> std::io::Result<tempfile::TempDir> {
        drop(self.tx);
        self.writer.join().expect("the writer does not panic")?;
        Ok(self.staging)
    }
}

/// Where `out` is staged: a fresh hidden sibling folder.
fn staging_for(out: &Path) -> std::io::Result<(PathBuf, String, tempfile::TempDir)> {
    let out = absolute(out)?;
    let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "dist".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;
    Ok((out, name, staging))
}

impl Site {
    /// A site whose files are written to a staging folder beside `out` as they are
    /// added, so that writing overlaps rendering and the site never sits in memory
    /// whole. `precompress` also writes `.gz` and `.br` beside each text file.
    pub fn streaming_to(out: &Path, precompress: bool) -> std::io::Result<Site> {
        let (_, _, staging) = staging_for(out)?;
        let base = staging.path().to_path_buf();
        let (tx, rx) = mpsc::sync_channel::<(String, Vec<u8>)>(256);
        let writer = std::thread::spawn(move || {
            let mut made: HashSet<PathBuf> = HashSet::new();
            for (rel, bytes) in rx {
                let path = base.join(&rel);
                if let Some(dir) = path.parent()
                    && made.insert(dir.to_path_buf())
                {
                    std::fs::create_dir_all(dir)?;
                }
                if precompress && is_text(&rel) {
                    std::fs::write(base.join(format!("{rel}.gz")), gzip(&bytes))?;
                    std::fs::write(base.join(format!("{rel}.br")), brotli(&bytes))?;
                }
                std::fs::write(&path, &bytes)?;
            }
            Ok(())
        });
        Ok(Site {
            sink: Some(Sink {
                staging,
                tx,
                writer,
            }),
            ..Site::default()
        })
    }

    /// Adds a file; refuses a path that would land outside the output folder.
    pub fn add(&mut self, rel: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<(), String> {
        let rel = rel.into();
        let p = Path::new(&rel);
        let safe = !rel.is_empty()
            && !rel.contains('\\')
            && p.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(format!(
                "the output path `{rel}` would be written outside the output folder"
            ));
        }
        let bytes = bytes.into();
        match &self.sink {
            Some(sink) => {
                if self.streamed.insert(rel.clone(), bytes.len()).is_some() {
                    return Err(format!("the output path `{rel}` is written twice"));
                }
                sink.tx
                    .send((rel, bytes))
                    .map_err(|_| "the output folder could not be written".to_string())?;
            }
            None => {
                self.files.insert(rel, bytes);
            }
        }
        Ok(())
    }

    /// A file held in memory (not one already streamed to disk).
    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    /// The paths of every file, in memory or streamed.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.files.keys().chain(self.streamed.keys())
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.streamed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum::<usize>() + self.streamed.values().sum::<usize>()
    }

    /// Stops a streaming site that will not be published: waits for its writer,
    /// then removes the staging folder, leaving the output as it was.
    pub fn abandon(self) {
        if let Some(sink) = self.sink {
            let _ = sink.finish(); // the staging folder goes when it is dropped
        }
    }

    /// Finishes writing every file under a fresh sibling of `out`, then swaps it in.
    pub fn write_atomically(self, out: &Path) -> std::io::Result<()> {
        let (out, name, staging) = match self.sink {
            Some(sink) => {
                let staging = sink.finish()?;
                let out = absolute(out)?;
                let name = out
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_else(|| "dist".into());
                (out, name, staging)
            }
            None => {
                let (out, name, staging) = staging_for(out)?;
                write_all(&self.files, staging.path())?;
                (out, name, staging)
            }
        };
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        let staged = staging.keep();
        if out.exists() {
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(&parent)?
                .keep();
            // rename() needs the target free: move the old output aside first.
            std::fs::remove_dir(&old)?;
            std::fs::rename(&out, &old)?;
            if let Err(e) = std::fs::rename(&staged, &out) {
                let _ = std::fs::rename(&old, &out);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e);
            }
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&staged, &out)?;
        }
        Ok(())
    }
}

fn is_text(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or("");
    ["html", "css", "mjs", "js", "json", "xml", "txt", "svg"].contains(&ext)
}

/// Folders first, then the files on several threads: a large site is tens of
/// thousands of small files, and the time goes into system calls, not bytes.
fn write_all(files: &BTreeMap<String, Vec<u8>>, base: &Path) -> std::io::Result<()> {
    let dirs: std::collections::BTreeSet<&Path> = files
        .keys()
        .filter_map(|rel| Path::new(rel).parent())
        .collect();
    for dir in dirs {
        std::fs::create_dir_all(base.join(dir))?;
    }
    let files: Vec<(&String, &Vec<u8>)> = files.iter().collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(2)
        * 2;
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .try_for_each(|(rel, bytes)| std::fs::write(base.join(rel), bytes))
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("writing does not panic"))
    })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    {
        // Quality 9 of 11: nearly the smallest output at a fraction of the time.
        let mut w = ::brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    out
}

fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output() {
        let mut s = Site::default();
        assert!(s.add("../evil.html", "x").is_err());
        assert!(s.add("/etc/passwd", "x").is_err());
        assert!(s.add("en/../../x", "x").is_err());
        assert!(s.add("en/index.html", "x").is_ok());
    }

    #[test]
    fn precompressed_files_decompress_to_the_original() {
        use std::io::Read;
        let page = "<p>Əmək pensiyası</p>".repeat(50);
        let mut gz = String::new();
        flate2::read::GzDecoder::new(gzip(page.as_bytes()).as_slice())
            .read_to_string(&mut gz)
            .unwrap();
        assert_eq!(gz, page);
        let mut br = String::new();
        ::brotli::Decompressor::new(brotli(page.as_bytes()).as_slice(), 4096)
            .read_to_string(&mut br)
            .unwrap();
        assert_eq!(br, page);
        assert!(is_text("en/index.html") && is_text("search/en/meta.json"));
        assert!(!is_text("a.bin"), "only text is precompressed");
    }

    #[test]
    fn a_streaming_site_is_swapped_in_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let mut a = Site::streaming_to(&out, false).unwrap();
        a.add("en/index.html", "first").unwrap();
        assert!(
            a.add("en/index.html", "again").is_err(),
            "a path written twice is refused"
        );
        a.write_atomically(&out).unwrap();
        let mut b = Site::streaming_to(&out, true).unwrap();
        b.add("en/index.html", "second").unwrap();
        b.abandon();
        assert_eq!(
            std::fs::read_to_string(out.join("en/index.html")).unwrap(),
            "first"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder is left"
        );
        let mut c = Site::streaming_to(&out, true).unwrap();
        c.add("en/index.html", "third").unwrap();
        c.write_atomically(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("en/index.html")).unwrap(),
            "third"
        );
        assert!(out.join("en/index.html.gz").exists() && out.join("en/index.html.br").exists());
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let mut a = Site::default();
        a.add("old.html", "old").unwrap();
        a.write_atomically(&out).unwrap();
        let mut b = Site::default();
        b.add("en/new.html", "new").unwrap();
        b.write_atomically(&out).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("en/new.html")).unwrap(),
            "new"
        );
        // No staging folders are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
