//! Matching predictions to gold attributions and counting, exactly as score.py does.

use super::data::{CharSpan, Gold, Predictions};
use super::py;
use std::collections::HashSet;

/// Where an item is: `article` indexes [`Gold::articles`], `index` that article's gold
/// attributions or its predictions ([`Predictions::get`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    /// Index into [`Gold::articles`].
    pub article: usize,
    /// Index into the article's gold attributions or predictions.
    pub index: usize,
}

/// A gold attribution and the prediction that found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// The gold attribution.
    pub gold: ItemRef,
    /// The prediction.
    pub pred: ItemRef,
    /// The speaker spans overlap, or neither has one.
    pub source_ok: bool,
    /// The cue spans overlap, or neither has one.
    pub cue_ok: bool,
}

/// The counts of one scoring run at one threshold, and what was matched to what.
///
/// The percentages score.py prints come from the methods; [`Scores::json_line`] prints them
/// as score.py does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// The coverage a prediction must exceed to find a gold attribution.
    pub threshold: f64,
    /// Gold attributions scored (after `--kinds`).
    pub gold: usize,
    /// Predictions scored (after `--kinds`), in gold articles only.
    pub pred: usize,
    /// Gold attributions found.
    pub true_pos: usize,
    /// Gold attributions missed.
    pub false_neg: usize,
    /// Predictions that found nothing.
    pub false_pos: usize,
    /// Found attributions whose speaker spans overlap (or both are missing).
    pub source_ok: usize,
    /// Found attributions whose cue spans overlap (or both are missing).
    pub cue_ok: usize,
    /// Found attributions with a gold `reference` and a predicted canonical name.
    pub canonical_n: usize,
    /// Of those, the ones naming the same person.
    pub canonical_ok: usize,
    /// Predictions whose content span equals a gold content span exactly.
    pub exact_tp: usize,
    /// Every match, in gold order.
    pub matches: Vec<Match>,
    /// The gold attributions no prediction found.
    pub missed: Vec<ItemRef>,
    /// The predictions that found none.
    pub false_alarms: Vec<ItemRef>,
}

/// The share of the gold content `g` that `p` covers.
fn coverage(g: CharSpan, p: CharSpan) -> f64 {
    let inter = g.end.min(p.end).saturating_sub(g.start.max(p.start));
    inter as f64 / g.end.saturating_sub(g.start).max(1) as f64
}

/// True when both spans are missing, or both are there and share a code point.
fn overlap(a: Option<CharSpan>, b: Option<CharSpan>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.end.min(b.end) > a.start.max(b.start),
        _ => false,
    }
}

/// score.py's canonical-speaker test: equal after case folding, or the reference's last word
/// (the surname) is a word of the predicted name.
pub fn same_person(reference: &str, canonical: &str) -> bool {
    let (r, c) = (py::casefold(reference), py::casefold(canonical));
    let (r, c) = (py::split(&r), py::split(&c));
    match r.last() {
        None => c.is_empty(),
        Some(_) if c.is_empty() => false,
        Some(last) => r == c || c.contains(last),
    }
}

/// Scores `preds` against `gold` at `threshold`: for each gold attribution in order, the
/// unused prediction of its article with the largest coverage above `threshold` (the first
/// one on a tie) finds it. With `kinds`, gold and predictions of other kinds are left out
/// (a prediction without a kind too); an empty list filters nothing.
pub fn score(gold: &Gold, preds: &Predictions, threshold: f64, kinds: Option<&[&str]>) -> Scores {
    let kinds = kinds.filter(|k| !k.is_empty());
    let wanted = |kind: &Option<String>| match kinds {
        None => true,
        Some(list) => kind.as_deref().is_some_and(|k| list.contains(&k)),
    };
    let mut s = Scores {
        threshold,
        ..Scores::default()
    };
    for (a, article) in gold.articles.iter().enumerate() {
        let all_preds = preds.get(&article.id);
        let golds: Vec<usize> = (0..article.attributions.len())
            .filter(|&k| wanted(&article.attributions[k].kind))
            .collect();
        let mut remaining: Vec<usize> = (0..all_preds.len())
            .filter(|&k| wanted(&all_preds[k].kind))
            .collect();
        s.gold += golds.len();
        s.pred += remaining.len();
        let gold_spans: HashSet<CharSpan> = golds
            .iter()
            .map(|&k| article.attributions[k].content)
            .collect();
        s.exact_tp += remaining
            .iter()
            .filter(|&&k| gold_spans.contains(&all_preds[k].content))
            .count();
        for &gk in &golds {
            let g = &article.attributions[gk];
            let mut best: Option<usize> = None;
            let mut best_score = 0.0;
            for (position, &pk) in remaining.iter().enumerate() {
                let c = coverage(g.content, all_preds[pk].content);
                if c > threshold && c > best_score {
                    best = Some(position);
                    best_score = c;
                }
            }
            let Some(position) = best else {
                s.false_neg += 1;
                s.missed.push(ItemRef {
                    article: a,
                    index: gk,
                });
                continue;
            };
            let pk = remaining.remove(position);
            let p = &all_preds[pk];
            s.true_pos += 1;
            let source_ok = overlap(g.source, p.source);
            let cue_ok = overlap(g.cue, p.cue);
            s.source_ok += usize::from(source_ok);
            s.cue_ok += usize::from(cue_ok);
            if let (Some(reference), Some(canonical)) = (&g.reference, &p.speaker_canonical) {
                s.canonical_n += 1;
                s.canonical_ok += usize::from(same_person(reference, canonical));
            }
            s.matches.push(Match {
                gold: ItemRef {
                    article: a,
                    index: gk,
                },
                pred: ItemRef {
                    article: a,
                    index: pk,
                },
                source_ok,
                cue_ok,
            });
        }
        s.false_pos += remaining.len();
        s.false_alarms.extend(
            remaining
                .into_iter()
                .map(|index| ItemRef { article: a, index }),
        );
    }
    s
}

/// `num / den`, or 0 when `den` is 0.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// The harmonic mean as score.py computes it (same operations in the same order).
fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// `round(100 * num / den, 1)` for integer counts, `None` when `den` is 0.
fn percent_of_counts(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| py::round1((100 * num) as f64 / den as f64))
}

impl Scores {
    /// tp / (tp + fp), or 0.
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    /// tp / (tp + fn), or 0.
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }

    /// The harmonic mean of precision and recall, or 0.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// Exact content matches / predictions, or 0.
    pub fn exact_precision(&self) -> f64 {
        ratio(self.exact_tp, self.pred)
    }

    /// Exact content matches / gold attributions, or 0.
    pub fn exact_recall(&self) -> f64 {
        ratio(self.exact_tp, self.gold)
    }

    /// The harmonic mean of the exact precision and recall, or 0.
    pub fn exact_f1(&self) -> f64 {
        harmonic(self.exact_precision(), self.exact_recall())
    }

    /// Speaker accuracy among found attributions, in percent rounded as score.py rounds it;
    /// `None` when nothing was found.
    pub fn source_acc(&self) -> Option<f64> {
        percent_of_counts(self.source_ok, self.true_pos)
    }

    /// Cue accuracy among found attributions, in percent rounded like score.py.
    pub fn cue_acc(&self) -> Option<f64> {
        percent_of_counts(self.cue_ok, self.true_pos)
    }

    /// Canonical-speaker accuracy, in percent rounded like score.py; `None` when no found
    /// attribution had a gold `reference`.
    pub fn canonical_acc(&self) -> Option<f64> {
        percent_of_counts(self.canonical_ok, self.canonical_n)
    }

    /// The line score.py prints for these scores: the same keys, order, rounding and number
    /// formatting (`{"threshold": 0.3, "gold": 5188, …, "exact_F1": 61.4}`).
    pub fn json_line(&self) -> String {
        let pct = |x: f64| py::float_repr(py::round1(100.0 * x));
        let opt = |x: Option<f64>| x.map_or_else(|| "null".to_string(), py::float_repr);
        format!(
            "{{\"threshold\": {}, \"gold\": {}, \"pred\": {}, \"tp\": {}, \"fn\": {}, \"fp\": {}, \
             \"P\": {}, \"R\": {}, \"F1\": {}, \"source_acc\": {}, \"cue_acc\": {}, \
             \"canonical_acc\": {}, \"exact_P\": {}, \"exact_R\": {}, \"exact_F1\": {}}}",
            py::float_repr(self.threshold),
            self.gold,
            self.pred,
            self.true_pos,
            self.false_neg,
            self.false_pos,
            pct(self.precision()),
            pct(self.recall()),
            pct(self.f1()),
            opt(self.source_acc()),
            opt(self.cue_acc()),
            opt(self.canonical_acc()),
            pct(self.exact_precision()),
            pct(self.exact_recall()),
            pct(self.exact_f1()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{GoldArticle, GoldAttribution, Prediction};

    fn sp(start: usize, end: usize) -> CharSpan {
        CharSpan::new(start, end)
    }

    /// A gold attribution: content, source, kind.
    fn g(content: (usize, usize), source: Option<(usize, usize)>, kind: &str) -> GoldAttribution {
        GoldAttribution {
            content: sp(content.0, content.1),
            source: source.map(|(a, b)| sp(a, b)),
            kind: Some(kind.to_string()),
            ..GoldAttribution::default()
        }
    }

    /// A prediction: content, source, kind.
    fn p(content: (usize, usize), source: Option<(usize, usize)>, kind: &str) -> Prediction {
        Prediction {
            content: sp(content.0, content.1),
            source: source.map(|(a, b)| sp(a, b)),
            kind: Some(kind.to_string()),
            ..Prediction::default()
        }
    }

    fn one_article(golds: Vec<GoldAttribution>, preds: Vec<Prediction>) -> (Gold, Predictions) {
        let gold = Gold {
            articles: vec![GoldArticle {
                id: "a".into(),
                attributions: golds,
            }],
        };
        let mut predictions = Predictions::new();
        for x in preds {
            predictions.push("a", x);
        }
        (gold, predictions)
    }

    #[test]
    fn coverage_and_overlap() {
        assert_eq!(coverage(sp(0, 10), sp(5, 20)), 0.5);
        assert_eq!(coverage(sp(0, 10), sp(20, 30)), 0.0);
        assert_eq!(coverage(sp(5, 5), sp(0, 10)), 0.0); // empty gold: max(1, 0)
        assert_eq!(coverage(sp(9, 5), sp(0, 10)), 0.0); // reversed gold: no intersection
        assert!(overlap(None, None));
        assert!(!overlap(Some(sp(0, 3)), None));
        assert!(!overlap(Some(sp(0, 3)), Some(sp(3, 5)))); // touching is not overlapping
        assert!(overlap(Some(sp(0, 4)), Some(sp(3, 5))));
    }

    #[test]
    fn greedy_matching_cases() {
        // (case, gold, predictions, threshold, (tp, fn, fp), matched (gold, pred) pairs)
        type Case = (
            &'static str,
            Vec<GoldAttribution>,
            Vec<Prediction>,
            f64,
            (usize, usize, usize),
            Vec<(usize, usize)>,
        );
        let cases: Vec<Case> = vec![
            (
                "coverage must be strictly above the threshold",
                vec![g((0, 10), None, "direct")],
                vec![p((0, 3), None, "direct")],
                0.3,
                (0, 1, 1),
                vec![],
            ),
            (
                "just above the threshold",
                vec![g((0, 10), None, "direct")],
                vec![p((0, 4), None, "direct")],
                0.3,
                (1, 0, 0),
                vec![(0, 0)],
            ),
            (
                "a tie goes to the first prediction",
                vec![g((0, 10), None, "direct")],
                vec![p((0, 8), None, "direct"), p((2, 10), None, "direct")],
                0.3,
                (1, 0, 1),
                vec![(0, 0)],
            ),
            (
                "the best coverage wins, not the first above the threshold",
                vec![g((0, 10), None, "direct")],
                vec![p((0, 5), None, "direct"), p((0, 9), None, "direct")],
                0.3,
                (1, 0, 1),
                vec![(0, 1)],
            ),
            (
                "greedy in gold order: the first gold takes the shared prediction",
                vec![g((0, 10), None, "direct"), g((0, 12), None, "direct")],
                vec![p((0, 10), None, "direct")],
                0.3,
                (1, 1, 0),
                vec![(0, 0)],
            ),
            (
                "a used prediction is not used again",
                vec![g((0, 10), None, "direct"), g((0, 10), None, "direct")],
                vec![p((0, 10), None, "direct"), p((1, 10), None, "direct")],
                0.3,
                (2, 0, 0),
                vec![(0, 0), (1, 1)],
            ),
        ];
        for (name, golds, preds, t, counts, pairs) in cases {
            let (gold, preds) = one_article(golds, preds);
            let s = score(&gold, &preds, t, None);
            assert_eq!((s.true_pos, s.false_neg, s.false_pos), counts, "{name}");
            let got: Vec<(usize, usize)> = s
                .matches
                .iter()
                .map(|m| (m.gold.index, m.pred.index))
                .collect();
            assert_eq!(got, pairs, "{name}");
        }
    }

    #[test]
    fn speakers_both_missing_count_as_right() {
        let (gold, preds) = one_article(
            vec![
                g((0, 10), None, "direct"),
                g((20, 30), Some((40, 45)), "direct"),
                g((50, 60), None, "direct"),
                g((70, 80), Some((0, 4)), "direct"),
            ],
            vec![
                p((0, 10), None, "direct"),            // both missing: right
                p((20, 30), Some((44, 50)), "direct"), // overlapping: right
                p((50, 60), Some((0, 4)), "direct"),   // gold has none: wrong
                p((70, 80), Some((4, 8)), "direct"),   // touching only: wrong
            ],
        );
        let s = score(&gold, &preds, 0.3, None);
        assert_eq!((s.true_pos, s.source_ok, s.cue_ok), (4, 2, 4));
        assert_eq!(s.source_acc(), Some(50.0));
        assert_eq!(s.cue_acc(), Some(100.0));
    }

    #[test]
    fn kinds_filter_gold_and_predictions() {
        let mut unknown = p((40, 50), None, "direct");
        unknown.kind = None;
        let (gold, preds) = one_article(
            vec![g((0, 10), None, "direct"), g((20, 30), None, "indirect")],
            vec![
                p((0, 10), None, "mixed"),
                p((20, 30), None, "indirect"),
                unknown,
            ],
        );
        let s = score(&gold, &preds, 0.3, Some(&["direct", "mixed"]));
        // gold: only the direct one; predictions: only the mixed one (no kind: left out)
        assert_eq!((s.gold, s.pred, s.true_pos, s.false_pos), (1, 1, 1, 0));
        // an empty list filters nothing, as `if kinds:` in score.py
        let s = score(&gold, &preds, 0.3, Some(&[]));
        assert_eq!((s.gold, s.pred), (2, 3));
    }

    #[test]
    fn exact_spans_and_their_f1() {
        let (gold, preds) = one_article(
            vec![g((0, 10), None, "direct"), g((20, 30), None, "direct")],
            vec![
                p((0, 10), None, "direct"),
                p((0, 10), None, "direct"), // a second exact copy counts again
                p((20, 29), None, "direct"),
            ],
        );
        let s = score(&gold, &preds, 0.3, None);
        assert_eq!(s.exact_tp, 2);
        assert_eq!(s.exact_precision(), 2.0 / 3.0);
        assert_eq!(s.exact_recall(), 1.0);
        assert!(s
            .json_line()
            .ends_with(r#""exact_P": 66.7, "exact_R": 100.0, "exact_F1": 80.0}"#));
    }

    #[test]
    fn canonical_names() {
        let cases = [
            ("Dana Ruiz", "dana ruiz", true),
            ("Dana Ruiz", "Ms. Ruiz", true), // the surname is a word of it
            ("Ruiz", "Dana Ruiz", true),
            ("Dana Ruiz", "Dana", false),
            ("Dana Ruiz", "Ruizova", false),
            ("STRASSE", "Anna Straße", true), // full case folding
            ("", "", true),
            ("  ", "", true),
            ("", "Ruiz", false),
            ("Ruiz", "", false),
        ];
        for (reference, canonical, want) in cases {
            assert_eq!(
                same_person(reference, canonical),
                want,
                "{reference:?} {canonical:?}"
            );
        }
        let mut gold = g((0, 10), None, "direct");
        gold.reference = Some("Dana Ruiz".into());
        let mut without = gold.clone();
        without.content = sp(20, 30);
        without.reference = None;
        let mut right = p((0, 10), None, "direct");
        right.speaker_canonical = Some("Ruiz".into());
        let mut unnamed = p((20, 30), None, "direct");
        unnamed.speaker_canonical = Some("Someone".into());
        let (gold, preds) = one_article(vec![gold, without], vec![right, unnamed]);
        let s = score(&gold, &preds, 0.3, None);
        assert_eq!((s.canonical_n, s.canonical_ok), (1, 1));
    }

    #[test]
    fn rounding_of_the_printed_percentages() {
        // (tp, fp, fn, P, R, F1 as score.py prints them; computed with python3)
        let cases = [
            (1, 19, 0, "5.0", "100.0", "9.5"), // 5.0 exactly
            (3, 17, 0, "15.0", "100.0", "26.1"),
            (1, 15, 0, "6.2", "100.0", "11.8"), // 6.25 exactly: half to even, down
            (3, 13, 0, "18.8", "100.0", "31.6"), // 18.75 exactly: half to even, up
            (1, 1999, 0, "0.1", "100.0", "0.1"), // 0.05 is a little above the tie in binary
            (1, 7, 0, "12.5", "100.0", "22.2"),
            (7, 1, 0, "87.5", "100.0", "93.3"),
            (1, 2, 0, "33.3", "100.0", "50.0"),
            (2, 1, 1, "66.7", "66.7", "66.7"),
            (0, 0, 3, "0.0", "0.0", "0.0"),
            (1, 0, 1999, "100.0", "0.1", "0.1"),
            (2001, 1, 0, "100.0", "100.0", "100.0"), // 99.95… rounds to 100.0
        ];
        for (tp, fp, fn_, want_p, want_r, want_f) in cases {
            let s = Scores {
                threshold: 0.3,
                true_pos: tp,
                false_pos: fp,
                false_neg: fn_,
                ..Scores::default()
            };
            let line = s.json_line();
            let want = format!(r#""P": {want_p}, "R": {want_r}, "F1": {want_f}, "#);
            assert!(line.contains(&want), "{tp}/{fp}/{fn_}: {line}");
        }
    }
}
