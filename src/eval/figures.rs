//! The figures an evaluation is made of: a rate as reports give it, the confusion table,
//! how often a signal fired, how often the offender was named, and how soon the warning came.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// A rate as reports give it: the value (`None` where it is undefined) and the percentage
/// the command line prints, so that every reader shows the same figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(pub Option<f64>);

impl Share {
    fn of(part: usize, whole: usize) -> Share {
        Share(ratio(part, whole))
    }
}

impl fmt::Display for Share {
    /// One decimal and `%`, or `-` where the rate is undefined.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => write!(f, "{:.1}%", v * 100.0),
            None => f.write_str("-"),
        }
    }
}

impl Serialize for Share {
    /// `{"value": 0.853, "percent": "85.3%"}`; both `null` where the rate is undefined.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Share", 2)?;
        out.serialize_field("value", &self.0)?;
        out.serialize_field("percent", &self.0.map(|_| self.to_string()))?;
        out.end()
    }
}

/// True and false positives and negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Positives flagged.
    pub tp: usize,
    /// Negatives flagged.
    pub fp: usize,
    /// Positives missed.
    pub fn_: usize,
    /// Negatives not flagged.
    pub tn: usize,
}

impl Confusion {
    pub(super) fn add(&mut self, actual: bool, predicted: bool) {
        match (actual, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub(super) fn merge(&mut self, other: &Confusion) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    /// The share of flagged records that are positives; undefined for a table without
    /// positives (the benign label, a source of ordinary chats), where only the
    /// false-positive rate says something.
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fn_ == 0 {
            return None;
        }
        ratio(self.tp, self.tp + self.fp)
    }

    /// The share of positives that were flagged.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r))
    }

    /// The share of negatives that were flagged.
    pub fn false_positive_rate(&self) -> Option<f64> {
        ratio(self.fp, self.fp + self.tn)
    }

    /// How many records were counted.
    pub fn records(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// How many records were flagged.
    pub fn flagged(&self) -> usize {
        self.tp + self.fp
    }
}

impl Serialize for Confusion {
    /// The counts, then the rates, so that no reader computes them again.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Confusion", 10)?;
        out.serialize_field("tp", &self.tp)?;
        out.serialize_field("fp", &self.fp)?;
        out.serialize_field("fn_", &self.fn_)?;
        out.serialize_field("tn", &self.tn)?;
        out.serialize_field("records", &self.records())?;
        out.serialize_field("flagged", &self.flagged())?;
        out.serialize_field("precision", &Share(self.precision()))?;
        out.serialize_field("recall", &Share(self.recall()))?;
        out.serialize_field("f1", &Share(self.f1()))?;
        out.serialize_field("fp_rate", &Share(self.false_positive_rate()))?;
        out.end()
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// How often a signal or pattern fired in positive and in negative records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Firing {
    /// Positive records it fired in.
    pub positive: usize,
    /// Negative records it fired in.
    pub negative: usize,
}

impl Firing {
    /// The share of the records it fired in that are positives.
    pub fn precision(&self) -> Share {
        Share::of(self.positive, self.positive + self.negative)
    }

    /// The share of all `positives` it fired in.
    pub fn recall(&self, positives: usize) -> Share {
        Share::of(self.positive, positives)
    }

    /// Counts one more record it fired in.
    pub(super) fn count(&mut self, positive: bool) {
        if positive {
            self.positive += 1;
        } else {
            self.negative += 1;
        }
    }

    pub(super) fn merge(&mut self, other: &Firing) {
        self.positive += other.positive;
        self.negative += other.negative;
    }

    /// The counts with their rates, recall over all `positives`.
    pub(super) fn figures(&self, positives: usize) -> FiringFigures {
        FiringFigures { positive: self.positive, negative: self.negative, precision: self.precision(), recall: self.recall(positives) }
    }
}

/// A [`Firing`] with its rates, as the evaluation's JSON gives it.
#[derive(Serialize)]
pub(super) struct FiringFigures {
    positive: usize,
    negative: usize,
    precision: Share,
    recall: Share,
}

/// How often the person a record is about is the one the report names first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Naming {
    /// Positive records that say who the offender is.
    pub offenders: usize,
    /// Of those, the ones flagged with the offender as the report's first person.
    pub named: usize,
}

impl Naming {
    /// The share of offenders named.
    pub fn share(&self) -> Share {
        Share::of(self.named, self.offenders)
    }
}

impl Serialize for Naming {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Naming", 3)?;
        out.serialize_field("offenders", &self.offenders)?;
        out.serialize_field("named", &self.named)?;
        out.serialize_field("share", &self.share())?;
        out.end()
    }
}

/// How many messages it took to warn: for each flagged positive record, the messages read
/// when its first person's evidence first reached `medium` (as if read message by message).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Positive records counted.
    pub positives: usize,
    /// Of those, the ones warned at all.
    pub warned: usize,
    /// How many records were warned after reading each number of messages.
    pub lines: BTreeMap<usize, usize>,
}

impl Warnings {
    /// The median number of messages read before the warning, over warned records.
    pub fn median(&self) -> Option<usize> {
        let middle = self.warned.checked_sub(1)? / 2;
        let mut seen = 0;
        self.lines.iter().find_map(|(&lines, &count)| {
            seen += count;
            (seen > middle).then_some(lines)
        })
    }

    pub(super) fn merge(&mut self, other: &Warnings) {
        self.positives += other.positives;
        self.warned += other.warned;
        for (&lines, &count) in &other.lines {
            *self.lines.entry(lines).or_default() += count;
        }
    }
}

impl Serialize for Warnings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Warnings", 5)?;
        out.serialize_field("positives", &self.positives)?;
        out.serialize_field("warned", &self.warned)?;
        out.serialize_field("share", &Share::of(self.warned, self.positives))?;
        out.serialize_field("median", &self.median())?;
        out.serialize_field("lines", &self.lines)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_rates() {
        let c = Confusion { tp: 8, fp: 2, fn_: 2, tn: 88 };
        assert_eq!(c.precision(), Some(0.8));
        assert_eq!(c.recall(), Some(0.8));
        assert!((c.f1().unwrap() - 0.8).abs() < 1e-9);
        assert_eq!(c.false_positive_rate(), Some(2.0 / 90.0));
        assert_eq!(Confusion::default().precision(), None);
        let benign = Confusion { tp: 0, fp: 3, fn_: 0, tn: 97 };
        assert_eq!((benign.precision(), benign.f1()), (None, None), "no positives: no precision, not 0%");
        assert_eq!(benign.false_positive_rate(), Some(0.03));
    }
}
