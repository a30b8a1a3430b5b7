//! Reading the site root's text files: the one place that decides what an
//! editor's file may be (inside the root, no link, not too large, UTF-8).

use crate::diag::Diagnostic;
use std::path::{Component, Path};

/// Reads a text file under `root`, refusing what an editor cannot have meant:
/// paths leaving the root, links, oversized files, invalid UTF-8.
pub fn read_text(root: &Path, rel: &Path, max: u64, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = rel.to_string_lossy().replace('\\', "/");
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        diags.push(
            Diagnostic::error(&shown, "this path leaves the site folder")
                .help("keep every file inside the site folder"),
        );
        return None;
    }
    let path = root.join(rel);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) => {
            let msg = if e.kind() == std::io::ErrorKind::NotFound {
                "the file does not exist".to_string()
            } else {
                format!("the file cannot be read: {e}")
            };
            diags.push(Diagnostic::error(&shown, msg).help(format!(
                "run the command in the site folder or pass --root; looked in {}",
                root.display()
            )));
            return None;
        }
    };
    if meta.file_type().is_symlink() {
        diags.push(
            Diagnostic::error(&shown, "this is a symbolic link, which is not followed")
                .help("replace the link with the file itself"),
        );
        return None;
    }
    if meta.len() > max {
        diags.push(
            Diagnostic::error(
                &shown,
                format!(
                    "the file is {} bytes, more than the {} allowed",
                    meta.len(),
                    max
                ),
            )
            .help("split it or remove what does not belong in it"),
        );
        return None;
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                &shown,
                format!("the file cannot be read: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some(s.strip_prefix('\u{feff}').unwrap_or(&s).to_string()),
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(&shown, "the file is not valid UTF-8 text")
                    .at(line, 0)
                    .help("save the file as UTF-8 (most editors offer it under \"Save as\")"),
            );
            None
        }
    }
}
