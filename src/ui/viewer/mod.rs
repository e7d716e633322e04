//! The reader's room: a bundle on screen. The trust banner ([`banner`]), the panels around the
//! letters ([`panels`]: menu bar, toolbar, search bar, side list, panes, dialogs), each letter
//! laid out and painted ([`document`], from the reading order of [`letter`]), moving around the
//! bundle (links, Back, the withheld-item and search cursors: [`navigation`]), search that
//! folds full- and half-width forms ([`search`]) and the recently opened files ([`recent`]).

pub mod banner;
pub mod document;
pub mod letter;
pub mod navigation;
pub mod panels;
pub mod recent;
pub mod search;
