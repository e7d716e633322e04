//! The library as a reader following incidents looks at it: issuers (as the reader named their
//! keys; a key the reader has not named is listed by its key id), under each its series, under
//! each its reports 第1報…第N報, with the numbers missing between them, the numbers held by
//! two different notices, and the reports that arrived after a later one (a rollback: an old
//! notice sent again, perhaps to pass for the current one).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use super::Notice;

/// The kept notices grouped for reading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// Issuers the reader named, by name; then keys the reader has not named, by key id.
    pub issuers: Vec<IssuerGroup>,
}

/// The notices of one issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerGroup {
    /// The reader's name for the signer; `None` for a key the reader has not named (an unknown
    /// signer or the public demo key): then [`IssuerGroup::key_ids`] holds that one key.
    pub name: Option<String>,
    /// The keys that signed these notices (more than one after a key rollover).
    pub key_ids: Vec<String>,
    /// Its series, by id.
    pub series: Vec<SeriesGroup>,
}

/// The reports of one series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesGroup {
    /// The series id.
    pub series_id: String,
    /// Its reports by number (and, within a number, by when they were received).
    pub reports: Vec<Notice>,
    /// Numbers missing between 1 and the highest kept, as ranges.
    pub missing: Vec<RangeInclusive<u32>>,
    /// Numbers held by more than one different notice.
    pub conflicts: Vec<u32>,
    /// Reports received after a report with a higher number had been received: each with
    /// that higher number.
    pub rollbacks: Vec<Rollback>,
}

/// A report that arrived after a later report of its series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    /// The report that arrived late (its id in the library).
    pub id: String,
    /// Its number.
    pub sequence: u32,
    /// The highest number received before it.
    pub after: u32,
}

impl Listing {
    /// Groups `notices`.
    pub fn of(notices: Vec<Notice>) -> Listing {
        // Named issuers first (sorted by name), then unnamed keys (sorted by key id).
        let mut groups: BTreeMap<(bool, String), BTreeMap<String, Vec<Notice>>> = BTreeMap::new();
        for notice in notices {
            let key = match &notice.signer {
                Some(name) => (false, name.clone()),
                None => (true, notice.key_id.clone()),
            };
            groups
                .entry(key)
                .or_default()
                .entry(notice.series_id.clone())
                .or_default()
                .push(notice);
        }
        let issuers = groups
            .into_iter()
            .map(|((unnamed, name), series)| {
                let mut key_ids: Vec<String> = series
                    .values()
                    .flatten()
                    .map(|notice| notice.key_id.clone())
                    .collect();
                key_ids.sort_unstable();
                key_ids.dedup();
                IssuerGroup {
                    name: (!unnamed).then_some(name),
                    key_ids,
                    series: series
                        .into_iter()
                        .map(|(series_id, reports)| SeriesGroup::of(series_id, reports))
                        .collect(),
                }
            })
            .collect();
        Listing { issuers }
    }

    /// How many notices are unread.
    pub fn unread(&self) -> usize {
        self.issuers
            .iter()
            .flat_map(|issuer| &issuer.series)
            .flat_map(|series| &series.reports)
            .filter(|notice| !notice.read)
            .count()
    }
}

impl SeriesGroup {
    fn of(series_id: String, mut reports: Vec<Notice>) -> SeriesGroup {
        reports.sort_by(|a, b| {
            (a.sequence, a.received_at, &a.id).cmp(&(b.sequence, b.received_at, &b.id))
        });
        let mut missing = Vec::new();
        let mut conflicts = Vec::new();
        let mut expected = 1u32;
        for (index, report) in reports.iter().enumerate() {
            // Only a notice from a key the reader trusts says which numbers exist: a revoked
            // or unknown key's 第100報 must not make 第4報–第99報 look missing.
            if report.sequence > expected && trusted(report) {
                missing.push(expected..=report.sequence - 1);
            }
            if index > 0
                && reports[index - 1].sequence == report.sequence
                && conflicts.last() != Some(&report.sequence)
            {
                conflicts.push(report.sequence);
            }
            if trusted(report) {
                expected = expected.max(report.sequence.saturating_add(1));
            }
        }
        let rollbacks = rollbacks(&reports);
        SeriesGroup {
            series_id,
            reports,
            missing,
            conflicts,
            rollbacks,
        }
    }
}

/// Whether a notice comes from a key the reader trusts (now): only those say which numbers of
/// a series exist.
fn trusted(notice: &Notice) -> bool {
    matches!(
        notice.status,
        crate::trust::Status::Verified | crate::trust::Status::VerifiedWithCaution
    )
}

/// The reports received after a higher number of the same series from a trusted key, in the
/// order received. Arrival is known to the second: notices received within the same second
/// are never taken as one after the other.
fn rollbacks(reports: &[Notice]) -> Vec<Rollback> {
    let mut by_arrival: Vec<&Notice> = reports.iter().collect();
    by_arrival.sort_by(|a, b| (a.received_at, &a.id).cmp(&(b.received_at, &b.id)));
    // The highest trusted number received strictly before the current second, and the highest
    // within it (which counts only from the next second on).
    let mut before: Option<u32> = None;
    let mut this_second: Option<(jiff::Timestamp, u32)> = None;
    let mut out = Vec::new();
    for report in by_arrival {
        if let Some((second, highest)) = this_second
            && second < report.received_at
        {
            before = before.max(Some(highest));
            this_second = None;
        }
        if let Some(after) = before.filter(|&highest| highest > report.sequence) {
            out.push(Rollback {
                id: report.id.clone(),
                sequence: report.sequence,
                after,
            });
        }
        if trusted(report) {
            let highest =
                this_second.map_or(report.sequence, |(_, highest)| highest.max(report.sequence));
            this_second = Some((report.received_at, highest));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::Status;

    fn notice(signer: Option<&str>, key: &str, series: &str, sequence: u32, id: &str) -> Notice {
        Notice {
            id: id.to_owned(),
            signer: signer.map(str::to_owned),
            claimed_issuer: "みかさ".to_owned(),
            key_id: key.to_owned(),
            series_id: series.to_owned(),
            sequence,
            bundle_id: format!("b{sequence}"),
            issued_at: "2023-06-29T00:00:00+09:00".to_owned(),
            received_at: jiff::Timestamp::UNIX_EPOCH,
            status: Status::Verified,
            read: false,
        }
    }

    #[test]
    fn gaps_and_conflicts_are_found_per_series() {
        let listing = Listing::of(vec![
            notice(Some("みかさ"), "K1", "s", 5, "e"),
            notice(Some("みかさ"), "K1", "s", 2, "b"),
            notice(Some("みかさ"), "K2", "s", 2, "c"),
            notice(None, "K9", "s", 1, "z"),
        ]);
        assert_eq!(listing.issuers.len(), 2);
        let named = &listing.issuers[0];
        assert_eq!(named.name.as_deref(), Some("みかさ"));
        assert_eq!(named.key_ids, vec!["K1", "K2"]);
        let series = &named.series[0];
        assert_eq!(series.missing, vec![1..=1, 3..=4]);
        assert_eq!(series.conflicts, vec![2]);
        assert_eq!(listing.issuers[1].name, None);
        assert!(listing.issuers[1].series[0].missing.is_empty());
        assert_eq!(listing.unread(), 4);
    }

    #[test]
    fn a_report_received_after_a_later_one_is_a_rollback() {
        let at = |seconds: i64| jiff::Timestamp::from_second(seconds).unwrap();
        let mut first = notice(Some("みかさ"), "K1", "s", 1, "a");
        let mut third = notice(Some("みかさ"), "K1", "s", 3, "c");
        let mut second = notice(Some("みかさ"), "K1", "s", 2, "b");
        first.received_at = at(10);
        third.received_at = at(20);
        second.received_at = at(30);
        let listing = Listing::of(vec![first, third, second]);
        assert_eq!(
            listing.issuers[0].series[0].rollbacks,
            vec![Rollback {
                id: "b".into(),
                sequence: 2,
                after: 3
            }]
        );
        // Received in order, or within the same second (a batch), nothing is late.
        let listing = Listing::of(vec![
            notice(Some("みかさ"), "K1", "s", 1, "z"),
            notice(Some("みかさ"), "K1", "s", 2, "y"),
            notice(Some("みかさ"), "K1", "s", 3, "a"),
        ]);
        assert!(listing.issuers[0].series[0].rollbacks.is_empty());
        // A revoked key's high number makes nothing look old or missing.
        let mut revoked = notice(Some("みかさ"), "K1", "s", 100, "r");
        revoked.status = Status::Revoked;
        revoked.received_at = at(10);
        let mut genuine = notice(Some("みかさ"), "K2", "s", 3, "g");
        genuine.received_at = at(20);
        let listing = Listing::of(vec![revoked, genuine]);
        let series = &listing.issuers[0].series[0];
        assert!(series.rollbacks.is_empty(), "{:?}", series.rollbacks);
        assert_eq!(series.missing, vec![1..=2]);
    }

    #[test]
    fn a_huge_number_is_one_gap_not_billions() {
        let listing = Listing::of(vec![notice(None, "K", "s", u32::MAX, "a")]);
        assert_eq!(listing.issuers[0].series[0].missing, vec![1..=u32::MAX - 1]);
    }
}
