//! Problems found in an editor's input, reported the way cargo reports them:
//! what is wrong, where (file, line, column, field path), and what to do.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path of the file relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// Field path inside the file, such as `services[3].name.ru`; empty for the whole file.
    pub path: String,
    /// The same place as an editor sees it in the file, such as `service 1.3, name.ru`
    /// (list entries by their id, not by position); empty where `path` reads well already.
    pub place: String,
    pub message: String,
    /// What the editor should do about it.
    pub help: String,
}

impl Diagnostic {
    pub fn error(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: 0,
            column: 0,
            path: String::new(),
            place: String::new(),
            message: message.into(),
            help: String::new(),
        }
    }

    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn place(mut self, place: impl Into<String>) -> Self {
        self.place = place.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `catalog.yaml:5:3` (line and column only where known).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{}", self.file, l),
            (l, c) => format!("{}:{}:{}", self.file, l, c),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: ")?;
        // A problem with the site folder itself has no file to name.
        if !self.file.is_empty() {
            write!(f, "{}: ", self.location())?;
        }
        let place = if self.place.is_empty() {
            &self.path
        } else {
            &self.place
        };
        if !place.is_empty() {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}", self.message)?;
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run, in a stable order: by file, then line, then message.
pub fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column, &a.path, &a.message)
            .cmp(&(b.severity, &b.file, b.line, b.column, &b.path, &b.message))
    });
    diags.dedup();
    diags
}
