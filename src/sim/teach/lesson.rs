//! The lesson's own text: the concept snapshot, the key moments (each tied to
//! the process-table rows it explains) and the transcript of the animation. It is
//! data the engine sends ([`crate::sim::engine::protocol::Command::Lesson`]), not text
//! compiled into the page, which only draws it.

use serde::{Deserialize, Serialize};

/// A question a student asks while watching, its answer, and the table rows
/// (step number, button label) that show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyMoment {
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// Steps of the process table the answer points at, with a button label each.
    pub links: Vec<(u8, String)>,
}

/// The lesson as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonText {
    /// The section's title.
    pub title: String,
    /// The concept snapshot, one idea per line.
    pub concept: Vec<String>,
    /// The key moments.
    pub moments: Vec<KeyMoment>,
    /// What the animation shows, in prose (for screen readers and handouts).
    pub transcript: String,
}

const CONCEPT: [&str; 5] = [
    "Automated retraining uses new data to update models regularly.",
    "It triggers training, evaluates performance, and deploys if good.",
    "This cycle keeps a model fresh when the trigger fires as the data changes, the training window holds the new data and the threshold is one a model can reach.",
    "If performance is poor, the team is alerted and can then adjust the retraining by hand.",
    "Continuous retraining adapts to changing data patterns, and just as readily to a broken data pipeline, which it then hides.",
];

const TRANSCRIPT: &str = "This visual execution shows how automated retraining keeps machine learning models fresh, and when it does not. \
Starting with an existing trained model, new data is collected continuously. This new data triggers automated retraining, \
where the model is trained again on updated data. After training, the model is evaluated for performance. If the performance \
is above a set threshold, the new model is deployed to production. Otherwise, the system alerts the team and the current model \
stays live; the team can then adjust the retraining by hand (a different training window, more data, or a lower threshold, \
but only when the old one asks for more than any model can reach, never just to let a worse model through). \
This cycle repeats, and the model keeps up with new data as long as the trigger fires when the data changes, the training \
window holds the new data and the threshold is one a model can reach. The playground shows each of these failing: a drift \
detector that stalls, a window full of old data, a threshold above the best possible accuracy, and a data file whose \
columns shift, which retraining follows as if it were drift.";

/// (question, answer, links) of each key moment.
type MomentSpec = (&'static str, &'static str, &'static [(u8, &'static str)]);

const MOMENTS: [MomentSpec; 6] = [
    (
        "Why do we need to retrain the model automatically?",
        "Because new data keeps coming in (Step 2), and the world it describes drifts. Retraining updates the model to handle those changes, and a candidate that passes the check brings performance back up (Steps 5 and 6). Compare the live model with v1, never retrained, in the performance chart.",
        &[(2, "Show Step 2"), (5, "Show Step 5"), (6, "Show Step 6")],
    ),
    (
        "What happens if the new model's performance is not good enough?",
        "The check at Step 6 is False, so the flow takes the alert branch at Step 7: the team is alerted and the current live model stays; the team can then adjust the retraining by hand (a different training window, more data, or a lower threshold, but only when the old one asks for more than any model can reach, never just to let a worse model through). Only models that beat the threshold are deployed. Set the deploy threshold to 0.99 to see it.",
        &[(6, "Show Step 6"), (7, "Show Step 7")],
    ),
    (
        "What if retraining is not triggered this cycle?",
        "With a schedule or a drift detector as the trigger, Step 3 can decide that nothing retrains: Steps 4 to 6 are skipped and Step 7 keeps the live model, with no alert (nothing went wrong). Beware a detector that waits for a change while the model is bad but steady: a performance floor as a second trigger catches that. Choose the trigger 'Schedule' to see a cycle kept.",
        &[(3, "Show Step 3"), (7, "Show Step 7")],
    ),
    (
        "What if the true labels arrive late?",
        "In real systems they often do (a loan defaults months later, a diagnosis is confirmed weeks later). The inputs arrive at Step 2 but the labels do not, and everything that needs labels waits: scoring the live model, a performance or error-based trigger (Step 3), training on that batch. Meanwhile the model may already be stale and nobody can measure it. A test on the inputs alone (the KS detector) does not wait, which is why input-drift monitoring matters when labels are slow. Set 'Label delay' to 3 and compare the faint true line with the measured one in the accuracy chart.",
        &[(2, "Show Step 2"), (3, "Show Step 3")],
    ),
    (
        "Is retraining every cycle always best?",
        "Not when it costs something. Each training run at Step 4 costs compute: here a fixed cost per retrain plus 1 unit per 1,000 training rows, paid whether the candidate is deployed or not. When nothing drifts, the live model stays as good as a fresh one, so retraining every cycle buys little over a good trigger at Step 3; when everything drifts, never retraining loses a lot. Run the policy race with drift strength 0, then 1, and compare its cost column.",
        &[(3, "Show Step 3"), (4, "Show Step 4")],
    ),
    (
        "Does real data drift like the simulated stream?",
        "Load the scenario 'Real weather (Nebraska, 1949–1999)': 49.7 years (18,159 days) of weather at Offutt Air Force Base, one year per batch at Step 2. v1, never retrained, falls behind the model retrained every year, but only from year 33, where the published file's columns shift by one. Compare each year's scores at Step 5: a broken data pipeline can look just like drift, and retraining hides it. Check what the data holds before telling a drift story.",
        &[(2, "Show Step 2"), (5, "Show Step 5")],
    ),
];

/// The lesson.
pub fn lesson_text() -> LessonText {
    LessonText {
        title: "The lesson: how automated retraining keeps models fresh, and when it does not"
            .into(),
        concept: CONCEPT.iter().map(|c| c.to_string()).collect(),
        moments: MOMENTS
            .iter()
            .map(|(question, answer, links)| KeyMoment {
                question: question.to_string(),
                answer: answer.to_string(),
                links: links.iter().map(|(s, l)| (*s, l.to_string())).collect(),
            })
            .collect(),
        transcript: TRANSCRIPT.into(),
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::step_kind::StepKind;

    #[test]
    fn the_lesson_has_its_five_ideas_and_six_moments_pointing_at_real_steps() {
        let l = lesson_text();
        assert_eq!(l.concept.len(), 5);
        assert_eq!(l.moments.len(), 6);
        let steps: Vec<u8> = StepKind::ALL.iter().map(|s| s.number()).collect();
        for m in &l.moments {
            assert!(m.question.ends_with('?'), "{}", m.question);
            assert!(!m.links.is_empty());
            for (step, label) in &m.links {
                assert!(steps.contains(step), "step {step}");
                assert_eq!(label, &format!("Show Step {step}"));
                let named = [
                    format!("Step {step}"),
                    format!("Steps {step}"),
                    format!("and {step}"),
                ];
                assert!(
                    named.iter().any(|n| m.answer.contains(n.as_str())),
                    "{step}: {}",
                    m.answer
                );
            }
        }
        assert!(l.transcript.contains("alerts the team"));
    }

    #[test]
    fn the_lessons_claims_name_the_conditions_they_hold_under() {
        let l = lesson_text();
        let mut texts: Vec<&str> = l.concept.iter().map(String::as_str).collect();
        texts.extend(l.moments.iter().map(|m| m.answer.as_str()));
        texts.push(&l.transcript);
        // A fresh model is promised only under its conditions, which the
        // playground shows failing one by one.
        let conditions =
            "the trigger fires as the data changes, the training window holds the new \
                          data and the threshold is one a model can reach";
        assert!(
            l.concept.iter().any(|c| c.contains(conditions)),
            "{:?}",
            l.concept
        );
        for failure in [
            "a drift detector that stalls",
            "a window full of old data",
            "a threshold above the best possible accuracy",
            "a data file whose columns shift",
        ] {
            assert!(l.transcript.contains(failure), "{failure}");
        }
        for text in &texts {
            for universal in [
                "keeps models accurate and fresh",
                "repeats indefinitely",
                "maintains accuracy over time",
                "keeping performance high",
            ] {
                assert!(!text.contains(universal), "{universal:?} in {text}");
            }
            // A lower threshold is a fix only for one that no model can reach.
            if text.contains("lower threshold") {
                assert!(
                    text.contains("a lower threshold, but only when the old one asks for more \
                                   than any model can reach, never just to let a worse model through"),
                    "{text}"
                );
            }
        }
        assert!(l.title.ends_with("and when it does not"), "{}", l.title);
    }
}
