//! Reading the site root's text files: the one place that decides what an
//! editor's file may be (inside the root, no link, not too large, UTF-8).

use crate::diag::Diagnostic;
use std::path::{Component, Path};

/// Reads a text file under `root`, refusing what an editor cannot have meant:
/// paths leaving the root or passing through a link, anything but a regular
/// file (a FIFO would hang the read, a device would never end), oversized
/// files, invalid UTF-8.
pub fn read_text(root: &Path, rel: &Path, max: u64, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = rel.to_string_lossy().replace('\\', "/");
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        diags.push(
            Diagnostic::error(&shown, "this path leaves the site folder")
                .help("keep every file inside the site folder"),
        );
        return None;
    }
    if let Some(link) = linked_component(root, rel) {
        let link = link.to_string_lossy().replace('\\', "/");
        let msg = if link == shown {
            "this is a symbolic link, which is not followed".to_string()
        } else {
            format!("{link} is a symbolic link, which is not followed")
        };
        diags.push(
            Diagnostic::error(&shown, msg)
                .help("replace the link with the file or folder itself, inside the site folder"),
        );
        return None;
    }
    match read_regular(&root.join(rel), max) {
        Ok(bytes) => decode(&shown, bytes, diags),
        Err(problem) => {
            let help = match problem {
                Unreadable::Missing => format!(
                    "run the command in the site folder or pass --root; looked in {}",
                    root.display()
                ),
                Unreadable::NotAFile => "replace it with a plain text file".into(),
                Unreadable::TooBig(..) => "split it or remove what does not belong in it".into(),
                Unreadable::Io(_) => "check that the file can be read".into(),
            };
            diags.push(Diagnostic::error(&shown, problem.to_string()).help(help));
            None
        }
    }
}

/// The first part of `rel` (counted from `root`) that is a symbolic link, if any:
/// a linked folder would let files from outside the root into the site.
pub fn linked_component(root: &Path, rel: &Path) -> Option<std::path::PathBuf> {
    let mut part = std::path::PathBuf::new();
    for c in rel.components() {
        part.push(c);
        if std::fs::symlink_metadata(root.join(&part)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(part);
        }
    }
    None
}

/// `rel` as shown to the editor, when it stays under `root` through no link; else why the
/// file was not `done` ("written", "deleted").
fn inside_root(root: &Path, rel: &Path, link_is: &str, done: &str) -> Result<String, String> {
    let shown = rel.to_string_lossy().replace('\\', "/");
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!(
            "{shown}: this path leaves the site folder; nothing was {done}"
        ));
    }
    if let Some(link) = linked_component(root, rel) {
        return Err(format!(
            "{}: a symbolic link, which is {link_is}; nothing was {done}",
            link.to_string_lossy()
        ));
    }
    Ok(shown)
}

/// The name every temporary file of a save starts with (hidden), so that those a killed
/// save left behind can be found and removed ([`remove_stale_temps`]).
pub const TEMP_PREFIX: &str = ".ccu-edit-";

/// An I/O error in words, without the absolute path some errors carry: messages name
/// files relative to the site root.
fn plain(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    }
}

/// Writes a text file under `root` (the editor's save) so that a crash never leaves half
/// a file: the text goes to a temporary file beside it, which is then renamed over it.
/// Refuses paths that leave the root or pass through a link, as [`read_text`] does. A
/// missing folder inside the root (`content/ru`) is made.
pub fn write_text(root: &Path, rel: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let shown = inside_root(root, rel, "not written through", "written")?;
    let target = root.join(rel);
    let dir = target.parent().unwrap_or(root);
    let fail = |e: std::io::Error| {
        format!(
            "cannot write {shown}: {}; the file was left as it was",
            plain(&e)
        )
    };
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes several files under `root` (a guide's languages) all or none: every path is
/// checked before the first is written, and when one cannot be written, those written
/// before it get back what they held (or are removed, if they are new).
pub fn write_all(root: &Path, files: &[(String, String)]) -> Result<(), String> {
    for (rel, _) in files {
        inside_root(root, Path::new(rel), "not written through", "written")?;
    }
    let before: Vec<Option<String>> = files
        .iter()
        .map(|(rel, _)| std::fs::read_to_string(root.join(rel)).ok())
        .collect();
    for (n, (rel, text)) in files.iter().enumerate() {
        let Err(e) = write_text(root, Path::new(rel), text) else {
            continue;
        };
        let mut kept = Vec::new();
        for ((rel, _), old) in files[..n].iter().zip(&before) {
            let undone = match old {
                Some(old) => write_text(root, Path::new(rel), old),
                None => remove(root, Path::new(rel)),
            };
            if undone.is_err() {
                kept.push(rel.clone());
            }
        }
        let e = e.trim_end_matches("; the file was left as it was");
        return Err(if kept.is_empty() {
            format!("{e}; nothing was written")
        } else {
            format!(
                "{e}; {} could not be put back as it was and should be checked",
                kept.join(", ")
            )
        });
    }
    Ok(())
}

/// Removes the temporary files of saves that never finished (a killed `ccu serve`)
/// from the folders the editor writes in: the root and `content/` with its language
/// folders. Only regular files named [`TEMP_PREFIX`]… are removed; links are not
/// followed. Returns what was removed, relative to the root.
pub fn remove_stale_temps(root: &Path) -> Vec<String> {
    let mut removed = Vec::new();
    let mut dirs = vec![std::path::PathBuf::new(), "content".into()];
    if let Ok(entries) = std::fs::read_dir(root.join("content")) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(Path::new("content").join(e.file_name()));
            }
        }
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let ours = e.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
            if ours
                && e.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed.push(dir.join(e.file_name()).to_string_lossy().replace('\\', "/"));
            }
        }
    }
    removed
}

/// Deletes a file under `root` (an editor's guide), refusing what [`write_text`] refuses.
pub fn remove(root: &Path, rel: &Path) -> Result<(), String> {
    let shown = inside_root(root, rel, "not followed", "deleted")?;
    std::fs::remove_file(root.join(rel))
        .map_err(|e| format!("cannot delete {shown}: {}", plain(&e)))
}

enum Unreadable {
    Missing,
    NotAFile,
    /// The size found (or at least found), and the limit.
    TooBig(u64, u64),
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Missing => write!(f, "the file does not exist"),
            Unreadable::NotAFile => write!(
                f,
                "this is not a regular file (a pipe, device or folder), which is not read"
            ),
            Unreadable::TooBig(len, max) => {
                write!(f, "the file is {len} bytes, more than the {max} allowed")
            }
            Unreadable::Io(e) => write!(f, "the file cannot be read: {e}"),
        }
    }
}

/// The bytes of a regular file, never more than `max`. The file is opened without
/// blocking and checked again once open, so a pipe put in its place cannot hang us.
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Unreadable::Missing,
        _ => Unreadable::Io(e),
    };
    if !std::fs::symlink_metadata(path).map_err(io)?.is_file() {
        return Err(Unreadable::NotAFile);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Unreadable::NotAFile);
    }
    if meta.len() > max {
        return Err(Unreadable::TooBig(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(Unreadable::TooBig(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// UTF-8 text without a byte-order mark, or a diagnostic naming the first bad line.
fn decode(shown: &str, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s.strip_prefix('\u{feff}').unwrap_or(&s).to_string()),
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(shown, "the file is not valid UTF-8 text")
                    .at(line, 0)
                    .help("save the file as UTF-8 (most editors offer it under \"Save as\")"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_file_whole_and_never_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/en")).unwrap();
        std::fs::write(root.join("catalog.yaml"), "old").unwrap();
        write_text(&root, Path::new("catalog.yaml"), "new").unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("catalog.yaml")).unwrap(),
            "new"
        );
        // Nothing left beside it.
        let names: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // Out of the root, by `..` or through a link: refused, nothing written.
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        let err = write_text(&root, Path::new("../outside/x.md"), "x").unwrap_err();
        assert!(err.contains("leaves the site folder"), "{err}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, root.join("content/ru")).unwrap();
            let err = write_text(&root, Path::new("content/ru/x.md"), "x").unwrap_err();
            assert!(err.contains("symbolic link"), "{err}");
            std::os::unix::fs::symlink(outside.join("y.md"), root.join("content/en/y.md")).unwrap();
            assert!(write_text(&root, Path::new("content/en/y.md"), "y").is_err());
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }
}
