//! ccu-portal: builds the trilingual Central Coordination Units portal.
//!
//! Data flows one way: load (`catalog`, `content`) → validate → render (`render`)
//! → index (`search`, `locator`) → write (`output`). `site` wires the stages.

pub mod catalog;
pub mod content;
pub mod diag;
pub mod lang;
pub mod locator;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
