//! The reader's room: a bundle on screen. The trust banner ([`banner`]), the panels around the
//! letters ([`panels`]: menu bar, toolbar, search bar, dialogs; the [`side_list`]; the two
//! document [`panes`]), each letter laid out and painted ([`document`], from the reading order
//! of [`crate::document::letter`]), moving around the bundle (links, Back, the withheld-item and search cursors:
//! [`navigation`]), search that folds full- and half-width forms ([`search`]), text selected across a letter's
//! parts ([`selection`]), the detail panel of the
//! current masked field or omitted section ([`withheld_detail`]) and the recently opened files
//! ([`recent`]).

pub mod banner;
pub mod document;
pub mod navigation;
pub mod panels;
pub mod panes;
pub mod recent;
pub mod search;
pub mod selection;
pub mod side_list;
pub mod withheld_detail;
