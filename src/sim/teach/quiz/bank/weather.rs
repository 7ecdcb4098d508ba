//! The bank's two questions about real data, the weather scenario: a drift
//! that is a broken data pipeline, and a fair hold-out in time.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// Real data: the weather scenario.
pub(super) const QUESTIONS: [Spec; 2] = [
    Spec {
        id: "weather-gap-is-a-pipeline-shift",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "Scenario 'Real weather (Nebraska, 1949–1999)', lowest and highest temperature, one year per batch. v1, trained on year 1 and never retrained, averages about 0.71 over the 48 yearly cycles after year 1; the model retrained every year on the last two averages about 0.74. Yet until year 32 the two score alike, and v1 falls behind only from year 33, where each feature column of the published file starts to hold the next column's measurement. What is the best reading of the gap?",
        code: None,
        options: [
            "Nebraska's climate changed abruptly in year 33, and only retraining could follow it.",
            "Mostly a broken data pipeline: from year 33 v1 reads other measurements under the same names, and retraining quietly learns the new meaning. With the columns put back, v1 keeps up; check what each column holds before trusting a drift story.",
            "v1 learned from fewer rows (one year against two), and a model trained on fewer rows always scores lower.",
            "From year 33 the deploy threshold of 0.65 rejects v1, so its line drops.",
        ],
        correct: 1,
        hint: "Compare the grey v1 line with the live line before and after year 33, then read Known problems in the weather panel.",
        explanation: "A gap between a stale model and a retrained one shows that something changed, not what. Here the data set's own file changes at day 12,001: every feature column moves by one. Before that, v1 is as good as the retrained model, though it learned from half as many rows; after it, v1 is fed other measurements than those it learned from. Put the columns back and the gap disappears. Retraining made the problem invisible; a check of what each column holds (its spread, its link to the others) would have flagged it.",
        solution: &[
            "Step 1: Split the 48 years at the shift: until year 32, v1 and the retrained model average within 0.01 of each other; from year 34 on, v1 averages below 0.65 and the retrained model at least 0.05 more.",
            "Step 2: Fewer rows cannot explain it: v1 had half the rows all along, yet kept up for 31 years.",
            "Step 3: The threshold cannot either: it judges only candidates; v1's score is measured each cycle, never checked.",
            "Step 4: Put every column back where it belongs from day 12,001 on and run again: v1 keeps up all the way (the two averages within 0.01). The weather did not change abruptly; the file did.",
            "Final answer: mostly a data-pipeline shift, which retraining hides.",
        ],
        mistakes: &[
            "Reading any gap between a stale and a retrained model as proof that the world drifted.",
            "Trusting a well-known data set's column names without checking what the columns hold.",
            "Blaming the amount of training data without comparing the years before the gap opened.",
        ],
    },
    Spec {
        id: "weather-hold-out-spread-over-the-year",
        difficulty: Difficulty::Hard,
        step: StepKind::Evaluate,
        prompt: "In the weather scenario each year's held-out days (30%) are spread over the year, every third or fourth day. A plain split would hold out each year's last 110 days instead. Why does that matter here?",
        code: None,
        options: [
            "It does not: any 30% of a year gives the same scores.",
            "The last days train faster, so the loop would run sooner.",
            "The last days of each year are missing from the file, so they cannot be held out.",
            "Each year's last 110 days are one season, with less rain (under 25% of days, against over 34% in the rest); scored only on them, the loop favours models that answer 'no rain', and on this data never retraining would even look better than retraining.",
        ],
        correct: 3,
        hint: "Compare how often it rains in each year's last 110 days with the rest of the year.",
        explanation: "A hold-out should look like the data the model will meet. In time-ordered data the last rows of a batch are not a random sample: for a batch of a year they are one season. Spread over the year, the held-out days cover every season, so the comparison of v1 with the retrained model is fair.",
        solution: &[
            "Step 1: Over the 49 whole years of the 49.7 years (18,159 days) the file holds, rain falls on fewer than 25% of each year's last 110 days, but on more than 34% of its first 255.",
            "Step 2: A model scored only on the drier days is rewarded for saying 'no rain' more often.",
            "Step 3: Run the scenario with the tail held out: v1, never retrained, averages above the model retrained every year. Spread over the year, it averages below.",
            "Final answer: the tail is one season; spreading the hold-out over the year keeps the scores fair.",
        ],
        mistakes: &[
            "Taking the last rows of a time-ordered batch for a random sample.",
            "Comparing models on a hold-out unlike the data they will serve.",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::RetrainTrigger;
    use crate::sim::teach::quiz::QuizQuestion;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
    }

    #[test]
    fn the_weather_gap_opens_at_the_shift_and_closes_with_the_columns_put_back() {
        use crate::sim::stream::weather::{parse_weather, FeaturePair};
        use crate::sim::testing::{before_and_after, columns_put_back, run_to_end};
        let q = question_by_id("weather-gap-is-a-pipeline-shift").unwrap();
        assert!(q
            .correct_option()
            .starts_with("Mostly a broken data pipeline"));
        let table = parse_weather(&crate::sim::testing::weather_file()).unwrap();
        let every = RetrainTrigger::EveryCycle;
        let sim = run_to_end(&table, FeaturePair::default(), every.clone());
        let (before, after, all) = before_and_after(&sim);
        // The prompt: about 0.71 and 0.74 over 48 years; alike until year 32.
        assert_eq!(all.cycles, 48);
        assert_eq!(
            ((all.v1 * 100.0).round(), (all.live * 100.0).round()),
            (71.0, 74.0)
        );
        assert!((before.live - before.v1).abs() < 0.01, "{before:?}");
        // Step 1: apart from year 34 on.
        assert!(
            after.v1 < 0.65 && after.live >= after.v1 + 0.05,
            "{after:?}"
        );
        // Step 2 (against option C): v1 learned from half the rows of the retrained models.
        let v1_rows = sim.registry().get(1).unwrap().window.rows;
        let later = sim.registry().get(sim.live_version()).unwrap().window.rows;
        assert_eq!(2 * v1_rows, later);
        // Step 3 (against option D): v1 is never judged again; it stays in the registry unchanged.
        assert!(sim.summaries().iter().all(|c| c.candidate != Some(1)));
        // Step 4 (against option A): with the columns put back, the gap closes.
        let fixed = run_to_end(&columns_put_back(&table), FeaturePair::default(), every);
        let (_, _, all_fixed) = before_and_after(&fixed);
        assert!(
            (all_fixed.live - all_fixed.v1).abs() < 0.01,
            "{all_fixed:?}"
        );
    }

    #[test]
    fn a_tail_hold_out_is_one_drier_season_and_flatters_never_retraining() {
        use crate::sim::retraining::weather_run::mean_scores;
        use crate::sim::stream::weather::{parse_weather, FeaturePair};
        use crate::sim::testing::{run_to_end, tail_and_rest_rain, tail_held_means};
        let q = question_by_id("weather-hold-out-spread-over-the-year").unwrap();
        assert!(q
            .correct_option()
            .starts_with("Each year's last 110 days are one season"));
        let table = parse_weather(&crate::sim::testing::weather_file()).unwrap();
        // The split holds out 110 of a year's 365 days (30%).
        assert_eq!(crate::sim::stream::holdout_rows(365, 0.3), 110);
        let (tail, rest) = tail_and_rest_rain(&table);
        assert!(tail < 0.25 && rest > 0.34, "{tail} {rest}");
        let tail_held = tail_held_means(&table);
        assert!(tail_held.v1 > tail_held.live, "{tail_held:?}");
        let sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let spread = mean_scores(sim.summaries()).unwrap();
        assert!(spread.v1 < spread.live, "{spread:?}");
    }
}
