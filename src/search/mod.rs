//! Search (see the search issue).
