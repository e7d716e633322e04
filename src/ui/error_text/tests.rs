//! Tests of the Japanese renderings.
