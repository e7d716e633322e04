//! Passing a notice on: File ▸ Print… (Ctrl+P) and File ▸ Export PDF… make a PDF of the shown
//! bundle with the verdict on every page and, if the reader wants, a circulation slip (回覧票)
//! as its first page. `state` holds the dialog's form and what the last job did, `view` draws
//! them, `job` makes, saves and hands on the PDF off the UI thread.

pub mod job;
pub mod state;
pub mod view;
