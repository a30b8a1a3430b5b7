//! ccu-portal: builds the trilingual Central Coordination Units portal.
//!
//! Data flows one way: load (`catalog`, `content`) → validate → render (`render`)
//! → index (`search`, `locator`) → write (`output`). `site` wires the stages.
//!
//! Layers (a module uses only those before it; docs/architecture.md has the detail):
//! 1. base: `lang`, `text`, `diag`, `files`, `output`, `par` — nothing else of ours;
//! 2. stages: `catalog` → `content` → `locator` → `render` → `search`;
//! 3. wiring: `site` runs the stages, `serve` and the binary use `site`.

pub mod catalog;
pub mod content;
pub mod diag;
pub mod edit;
pub mod files;
pub mod lang;
pub mod locator;
pub mod output;
pub mod par;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
