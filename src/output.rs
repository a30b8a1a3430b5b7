//! Writing the site: all files at once, or none.
//!
//! Files go to a temporary folder beside the destination, which is swapped in
//! only when every file was written, so a failed build leaves the previous
//! output as it was. Files that did not change since the previous build are
//! hard-linked from it rather than written (see `writer`). `ccu serve` keeps the
//! site in memory instead.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

mod writer;

/// Output files by path relative to the output folder (`en/services/1-4/index.html`).
#[derive(Default, Debug)]
pub struct Site {
    /// Files held in memory (all of them, unless the site streams to disk).
    files: BTreeMap<String, Vec<u8>>,
    /// Sizes of the files already handed to the disk writer.
    streamed: BTreeMap<String, usize>,
    /// Hashes ([`crate::text::digest`]) of the pages (`…/index.html`) and search files handed to the disk writer.
    page_hashes: BTreeMap<String, u64>,
    sink: Option<Sink>,
}

/// The writers that put files into the staging folder while the build goes on.
#[derive(Debug)]
struct Sink {
    staging: Staging,
    writers: writer::Writers,
    precompress: bool,
}

/// A staging folder, removed when dropped unless it was published.
#[derive(Debug)]
struct Staging {
    path: PathBuf,
    /// An earlier output being brought up to date (see [`staging_for`]).
    reused: bool,
    published: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

impl Sink {
    /// A staging folder beside `out`, and writers that link the files the previous
    /// output (if a build wrote it) already holds unchanged.
    fn start(out: &Path, precompress: bool) -> std::io::Result<Sink> {
        let (out, staging) = staging_for(out)?;
        let previous = previous_output(&out);
        let writers =
            writer::Writers::start(staging.path.clone(), previous, precompress, staging.reused);
        Ok(Sink {
            staging,
            writers,
            precompress,
        })
    }

    /// Waits for every file sent so far to be written; in a reused staging folder,
    /// removes what is not one of `paths` (the site's files). Returns the folder.
    fn finish<'a>(self, paths: impl Iterator<Item = &'a String>) -> std::io::Result<Staging> {
        let counts = self.writers.finish()?;
        let t = std::time::Instant::now();
        if self.staging.reused {
            let mut keep: HashSet<String> = HashSet::from([MARKER.to_string()]);
            for rel in paths {
                if self.precompress && is_text(rel) {
                    keep.insert(format!("{rel}.gz"));
                    keep.insert(format!("{rel}.br"));
                }
                keep.insert(rel.clone());
            }
            prune(&self.staging.path, &keep)?;
        }
        if std::env::var_os("CCU_TIMINGS").is_some() {
            eprintln!(
                "files kept or linked {}, written {}, pruned in {} ms",
                counts.linked,
                counts.written,
                t.elapsed().as_millis()
            );
        }
        Ok(self.staging)
    }
}

/// Removes from `dir` every file whose path is not in `keep`, and the folders left empty.
fn prune(dir: &Path, keep: &HashSet<String>) -> std::io::Result<()> {
    let mut emptied = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !keep.contains(&rel) {
            std::fs::remove_file(entry.path())?;
            if let Some(parent) = entry.path().parent() {
                emptied.insert(parent.to_path_buf());
            }
        }
    }
    // Deepest first; a folder that still holds something stays.
    for folder in emptied.iter().rev() {
        let mut at = folder.as_path();
        while at != dir && std::fs::remove_dir(at).is_ok() {
            at = at.parent().unwrap_or(dir);
        }
    }
    Ok(())
}

/// The output a previous build wrote, whose unchanged files the next one links.
fn previous_output(out: &Path) -> Option<PathBuf> {
    let ours = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file());
    ours.then(|| out.to_path_buf())
}

/// The file every output of `ccu build` holds, so that a later build knows the
/// folder is its own to replace (and refuses any other non-empty folder).
pub const MARKER: &str = ".ccu-build";
const MARKER_TEXT: &str =
    "This folder was written by `ccu build`, which replaces it whole on each build.\n";

/// The output's folder name, for naming its hidden staging siblings.
fn output_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "dist".into())
}

/// The output before the last one, kept beside it (`.NAME.prev`) by the last build,
/// so that the next one brings it up to date instead of making every file and folder
/// anew (and the one after deletes no tree).
fn kept_output(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.prev"))
}

/// Where `out` is staged: a hidden sibling folder, marked as ours: the output before
/// the last one if a build kept it, else a fresh one. Staging folders that killed
/// builds left behind are removed first.
fn staging_for(out: &Path) -> std::io::Result<(PathBuf, Staging)> {
    let out = absolute(out)?;
    let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
    std::fs::create_dir_all(&parent)?;
    let name = output_name(&out);
    remove_stale_staging(&parent, &name);
    let path = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?
        .keep();
    let mut staging = Staging {
        path,
        reused: false,
        published: false,
    };
    let kept = kept_output(&parent, &name);
    let ours = std::fs::symlink_metadata(&kept).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(kept.join(MARKER)).is_ok_and(|m| m.is_file());
    // Renamed first: a build killed from here on leaves a `.NAME.new-` folder, which
    // the next build removes, never reuses half brought up to date.
    if ours && std::fs::remove_dir(&staging.path).is_ok() {
        if std::fs::rename(&kept, &staging.path).is_ok() {
            staging.reused = true;
            return Ok((out, staging));
        }
        std::fs::create_dir(&staging.path)?;
    }
    std::fs::write(staging.path.join(MARKER), MARKER_TEXT)?;
    Ok((out, staging))
}

/// Removes `.NAME.new-*` and `.NAME.old-*` folders in `parent` that hold our
/// marker (or nothing): what a build killed before its swap leaves behind.
fn remove_stale_staging(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let ours = prefixes.iter().any(|p| file_name.starts_with(p.as_str()));
        let path = entry.path();
        if !ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if path.join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_dir(&path); // only when empty
        }
    }
}

impl Site {
    /// A site whose files are written to a staging folder beside `out` as they are
    /// added, so that writing overlaps rendering and the site never sits in memory
    /// whole. `precompress` also writes `.gz` and `.br` beside each text file.
    pub fn streaming_to(out: &Path, precompress: bool) -> std::io::Result<Site> {
        Ok(Site {
            sink: Some(Sink::start(out, precompress)?),
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
                if rel.ends_with("index.html") || rel.starts_with("search/") {
                    self.page_hashes
                        .insert(rel.clone(), crate::text::digest(&bytes));
                }
                sink.writers
                    .send(rel, bytes)
                    .map_err(|()| "the output folder could not be written".to_string())?;
            }
            None => {
                self.files.insert(rel, bytes);
            }
        }
        Ok(())
    }

    /// Puts the previous output's file at `rel`, of `size` bytes, into a streaming
    /// site as it is (linked, not written): the caller knows its bytes are right.
    pub fn keep_previous(&mut self, rel: &str, size: usize) -> Result<(), String> {
        let Some(sink) = &self.sink else {
            return Err(format!(
                "`{rel}` cannot be kept: the site is not written to disk"
            ));
        };
        if self.streamed.insert(rel.to_string(), size).is_some() {
            return Err(format!("the output path `{rel}` is written twice"));
        }
        sink.writers
            .send_link(rel.to_string())
            .map_err(|()| "the output folder could not be written".to_string())
    }

    /// The hash ([`crate::text::digest`]) of a page (`…/index.html`) or search file written to disk by this site.
    pub fn page_hash(&self, rel: &str) -> Option<u64> {
        self.page_hashes.get(rel).copied()
    }

    /// The files under `prefix` written to disk by this site, with their hashes
    /// (pages and search files only).
    pub fn hashes_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a String, u64)> {
        self.page_hashes
            .range(prefix.to_string()..)
            .take_while(move |(rel, _)| rel.starts_with(prefix))
            .map(|(rel, h)| (rel, *h))
    }

    /// Moves the files at `paths` from `old` into this site (both in memory).
    /// Returns false, having moved nothing, when `old` lacks one of them.
    pub fn take_from(&mut self, old: &mut Site, paths: &[String]) -> bool {
        if !paths.iter().all(|p| old.files.contains_key(p)) {
            return false;
        }
        for p in paths {
            if let Some((path, bytes)) = old.files.remove_entry(p) {
                self.files.insert(path, bytes);
            }
        }
        true
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
    /// then removes the staging folder, leaving the output as it was. Returns
    /// the writer's own error, if writing is what failed (a full disk, say).
    pub fn abandon(self) -> Option<std::io::Error> {
        // The staging folder goes when it is dropped.
        let sink = self.sink?;
        sink.writers.finish().err()
    }

    /// Finishes writing every file under a sibling of `out`, then swaps it in.
    pub fn write_atomically(self, out: &Path) -> std::io::Result<()> {
        let mut staging = match self.sink {
            Some(sink) => sink.finish(self.streamed.keys())?,
            None => {
                let sink = Sink::start(out, false)?;
                let paths: Vec<String> = self.files.keys().cloned().collect();
                for (rel, bytes) in self.files {
                    if sink.writers.send(rel, bytes).is_err() {
                        break; // finish() says why
                    }
                }
                sink.finish(paths.iter())?
            }
        };
        publish(&staging.path, &absolute(out)?)?;
        staging.published = true;
        Ok(())
    }
}

/// Puts the finished folder `staged` in the place of `out`.
fn publish(staged: &Path, out: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staged, out);
    }
    if exchange(staged, out)? {
        // `staged` now holds the previous output: kept for the next build to bring up
        // to date. Where that name is taken, it goes; a failure to remove it only
        // leaves a stale folder, which the next build removes.
        let parent = out.parent().unwrap_or(Path::new("."));
        let kept = kept_output(parent, &output_name(out));
        if std::fs::symlink_metadata(&kept).is_ok() || std::fs::rename(staged, &kept).is_err() {
            let _ = std::fs::remove_dir_all(staged);
        }
        return Ok(());
    }
    swap_by_two_renames(staged, out)
}

/// Swaps two folders in one step, so that `out` exists at every moment and a
/// kill cannot leave the site without it. Ok(false) where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel, or a file system without the exchange.
        Err(rustix::io::Errno::NOSYS | rustix::io::Errno::INVAL) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// The fallback: move the old output aside, then the new one in.
fn swap_by_two_renames(staged: &Path, out: &Path) -> std::io::Result<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let old = tempfile::Builder::new()
        .prefix(&format!(".{}.old-", output_name(out)))
        .tempdir_in(parent)?
        .keep();
    // rename() needs the target free.
    std::fs::remove_dir(&old)?;
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staged, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(staged);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

/// An output error in an editor's words: the folder they gave (never the
/// hidden staging folder), what went wrong, and what to do.
pub fn describe_error(out: &Path, e: &std::io::Error) -> String {
    let shown = out.display();
    if e.kind() == std::io::ErrorKind::StorageFull {
        return format!(
            "no space left on the disk that holds {shown}\n  help: free some space on that disk, or give --out a folder on another disk, then build again"
        );
    }
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        return format!(
            "cannot write {shown}: permission denied\n  help: give --out a folder you may write to"
        );
    }
    // tempfile adds "at path /x/.dist.new-AbC123": not a name the editor knows.
    let text = e.to_string();
    let cause = text.split(" at path ").next().unwrap_or(&text);
    let cause = cause.split(" (os error").next().unwrap_or(cause);
    format!(
        "cannot write {shown}: {}\n  help: check that the folder's disk is writable and mounted, or give --out another folder",
        cause.to_lowercase()
    )
}

/// The root's entries that are sources: an output there would replace them.
const SOURCES: [&str; 5] = ["catalog.yaml", "content", "themes", "data", ".git"];

/// Refuses an output folder whose replacement would destroy something: the
/// root or a folder holding it, the sources, a file, or a non-empty folder
/// that no earlier `ccu build` wrote. Nothing is touched either way.
pub fn check_destination(root: &Path, out: &Path) -> Result<(), String> {
    let root =
        std::fs::canonicalize(root).map_err(|e| format!("cannot open {}: {e}", root.display()))?;
    let resolved = resolve(out).map_err(|e| format!("cannot open {}: {e}", out.display()))?;
    let shown = out.display();
    let help = format!(
        "give --out another folder, such as {}",
        root.join("dist").display()
    );
    if root.starts_with(&resolved) {
        return Err(format!(
            "the output folder {shown} contains the site's sources\n  help: {help}"
        ));
    }
    if let Some(source) = source_holding(&root, &resolved) {
        return Err(format!(
            "the output folder {shown} is the site's source {source}, which the build would replace\n  help: {help}"
        ));
    }
    match std::fs::metadata(&resolved) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(format!(
            "the output {shown} is a file, not a folder, and the build would replace it\n  help: {help}"
        )),
        Ok(_) if is_replaceable(&resolved) => Ok(()),
        Ok(_) => Err(format!(
            "the output folder {shown} holds files that ccu build did not write, and the build would replace it whole\n  help: give --out a new or empty folder, or move that folder away first"
        )),
    }
}

/// `out` as an absolute path with the links and `..` of its existing part resolved.
fn resolve(out: &Path) -> std::io::Result<PathBuf> {
    let mut existing = absolute(out)?;
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(&existing).is_err() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    Ok(resolved)
}

/// The source (`content/`, `catalog.yaml` …) that `path` is or lies in, if any.
fn source_holding(root: &Path, path: &Path) -> Option<String> {
    let first = path.strip_prefix(root).ok()?.components().next()?;
    let name = first.as_os_str().to_string_lossy();
    SOURCES.contains(&name.as_ref()).then(|| name.to_string())
}

/// An empty folder, or one an earlier build wrote: it holds our marker, or
/// (from before the marker) the search index and locator data only we write.
fn is_replaceable(dir: &Path) -> bool {
    let empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
    empty
        || dir.join(MARKER).is_file()
        || (dir.join("search/az/meta.json").is_file() && dir.join("locator/places.json").is_file())
}

fn is_text(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or("");
    ["html", "css", "mjs", "js", "json", "xml", "txt", "svg"].contains(&ext)
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

    #[cfg(target_os = "linux")]
    #[test]
    fn the_output_exists_at_every_moment_of_the_swap() {
        // Watch the output while it is replaced again and again: with two renames
        // there is a moment without it (a kill there leaves no output); with one
        // exchange there is none.
        use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let missing = std::sync::Arc::new(AtomicU64::new(0));
        let mut site = Site::default();
        site.add("index.html", "first").unwrap();
        site.write_atomically(&out).unwrap();
        let watcher = {
            let (stop, missing, out) = (stop.clone(), missing.clone(), out.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if std::fs::symlink_metadata(&out).is_err() {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        };
        for i in 0..400 {
            let mut site = Site::default();
            site.add("index.html", format!("build {i}")).unwrap();
            site.write_atomically(&out).unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        watcher.join().unwrap();
        assert_eq!(missing.load(Ordering::Relaxed), 0, "the output was missing");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "build 399"
        );
        // The output and the one before it, kept for the next build.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn output_errors_name_the_folder_given_and_say_what_to_do() {
        let out = Path::new("site");
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let msg = describe_error(out, &full);
        assert!(
            msg.starts_with("no space left on the disk that holds site\n  help: "),
            "{msg}"
        );
        // tempfile names its hidden folder in the error: the editor never sees it.
        let staged =
            std::io::Error::other("File exists (os error 17) at path \"/x/.site.new-sACCTq\"");
        let msg = describe_error(out, &staged);
        assert!(!msg.contains(".site.new-"), "{msg}");
        assert!(
            msg.starts_with("cannot write site: file exists\n  help: "),
            "{msg}"
        );
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
        // No staging folders are left behind: the output, and the one before it.
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(left, [".dist.prev", "dist"]);
    }

    /// Every file under `dir` (but the marker) with its text.
    fn texts(dir: &Path) -> Vec<(String, String)> {
        let mut all: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                let bytes = std::fs::read(e.path()).unwrap();
                (rel, String::from_utf8_lossy(&bytes).to_string())
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn the_output_before_the_last_is_brought_up_to_date_never_written_into() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let build = |files: &[(&str, &str)]| {
            let mut s = Site::streaming_to(&out, true).unwrap();
            for (rel, text) in files {
                s.add(*rel, *text).unwrap();
            }
            s.write_atomically(&out).unwrap();
        };
        build(&[("a.html", "a1"), ("b/index.html", "b1"), ("c.html", "c1")]);
        build(&[("a.html", "a1"), ("b/index.html", "b2"), ("c.html", "c1")]);
        let prev = dir.path().join(".dist.prev");
        // Names for build 2's files, which build 3 reuses the folder of build 1 for.
        let held = dir.path().join("held");
        std::fs::create_dir(&held).unwrap();
        for rel in ["a.html", "b/index.html", "c.html"] {
            std::fs::hard_link(out.join(rel), held.join(rel.replace('/', "-"))).unwrap();
        }
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let a_before = inode(&out.join("a.html"));
        // b is now a file where a folder was, c is gone, d is new.
        build(&[("a.html", "a1"), ("b", "b3"), ("d/index.html", "d3")]);
        let plain: Vec<(String, String)> = texts(&out)
            .into_iter()
            .filter(|(rel, _)| !rel.ends_with(".gz") && !rel.ends_with(".br"))
            .collect();
        assert_eq!(
            plain,
            [
                ("a.html".to_string(), "a1".to_string()),
                ("b".into(), "b3".into()),
                ("d/index.html".into(), "d3".into())
            ]
        );
        let compressed: Vec<String> = texts(&out)
            .into_iter()
            .map(|(rel, _)| rel)
            .filter(|rel| rel.ends_with(".gz") || rel.ends_with(".br"))
            .collect();
        assert_eq!(
            compressed,
            [
                "a.html.br",
                "a.html.gz",
                "d/index.html.br",
                "d/index.html.gz"
            ]
        );
        assert_eq!(
            inode(&out.join("a.html")),
            a_before,
            "an unchanged file stays"
        );
        assert!(!out.join("c.html").exists() && !out.join("b").is_dir());
        // Build 2's files, now in the kept folder, kept their bytes.
        assert_eq!(
            texts(&held),
            [
                ("a.html".to_string(), "a1".to_string()),
                ("b-index.html".into(), "b2".into()),
                ("c.html".into(), "c1".into())
            ]
        );
        assert_eq!(
            std::fs::read_to_string(prev.join("b/index.html")).unwrap(),
            "b2"
        );
        // A killed build's half-updated folder is never reused: it is a `.dist.new-` one.
        assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| {
            !e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".dist.new-")
        }));
    }
}
