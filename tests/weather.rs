//! The real weather file (Offutt Air Force Base, Nebraska, 1949–1999): it loads,
//! its features and pairs, broken files, and the findings the page and quizzes
//! state about runs on it (integration tests: they run the whole loop).

#![cfg(not(target_arch = "wasm32"))]

use retrain_playground::sim::retraining::weather_run::mean_scores;
use retrain_playground::sim::stream::csv_data::Streaming;
use retrain_playground::sim::stream::weather::*;
use retrain_playground::sim::testing::{
    before_and_after, claimed_order, columns_put_back, retrained_cycles, run_to_end,
    scenario_params, tail_and_rest_rain, tail_held_means, weather_file,
};
use retrain_playground::sim::wording::policy_name;
use retrain_playground::sim::wording::{weather_offer_hint, weather_source, weather_span};

fn header() -> String {
    weather_file().lines().next().unwrap().to_string()
}

#[test]
fn the_file_loads_with_every_day_and_31_percent_rain() {
    let table = parse_weather(&weather_file()).expect("the committed file parses");
    assert_eq!(table.days(), WEATHER_DAYS);
    assert_eq!(table.days(), 18_159);
    assert_eq!(table.rainy_days(), RAINY_DAYS);
    let share = table.rainy_days() as f64 / table.days() as f64;
    assert_eq!((share * 100.0).round(), 31.0, "{share}");
    // Standardised by the source: every feature has mean ~0 and sd ~1.
    for f in WeatherFeature::ALL {
        let mean = table.day_values().iter().map(|r| r[f.index()]).sum::<f64>() / 18_159.0;
        assert!(mean.abs() < 0.1, "{f:?} mean {mean}");
    }
    assert_eq!(
        table.dataset(FeaturePair::default()).data.rows,
        WEATHER_DAYS
    );
}

#[test]
fn features_are_named_in_file_order() {
    let columns: Vec<&str> = WeatherFeature::ALL.iter().map(|f| f.column()).collect();
    assert_eq!(
        header(),
        format!("{},{RAIN_COLUMN}", columns.join(",")),
        "the enum follows the file's columns"
    );
    let table = parse_weather(&weather_file()).unwrap();
    let d = table.dataset(FeaturePair::default());
    assert_eq!(
        d.data.feature_names,
        [
            "Lowest temperature".to_string(),
            "Highest temperature".to_string()
        ]
    );
    assert_eq!(d.data.label_name, "rain");
    assert_eq!(d.streaming, Streaming::History);
    // The first day as the file has it: -1.49 and -1.39 before standardising again.
    let raw = &table.day_values()[0];
    assert_eq!((raw[6], raw[7]), (-1.49, -1.39));
    for f in WeatherFeature::ALL {
        assert_eq!(WeatherFeature::from_key(f.key()), Some(f));
    }
}

#[test]
fn a_pair_is_two_different_features_and_reads_back_from_its_key() {
    let p = FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::Visibility).unwrap();
    assert_eq!(p.key(), "dew-point,visibility");
    assert_eq!(FeaturePair::from_key(&p.key()), Ok(p));
    assert_eq!(FeaturePair::from_key(" dew-point , visibility "), Ok(p));
    assert!(matches!(
        FeaturePair::new(WeatherFeature::Visibility, WeatherFeature::Visibility),
        Err(WeatherError::SameFeature(WeatherFeature::Visibility))
    ));
    assert!(matches!(
        FeaturePair::from_key("wind,wind"),
        Err(WeatherError::SameFeature(WeatherFeature::WindSpeed))
    ));
    assert!(matches!(
        FeaturePair::from_key("wind,humidity"),
        Err(WeatherError::UnknownFeature(k)) if k == "humidity"
    ));
    for bad in ["", "wind", "wind,visibility,dew-point", ","] {
        assert!(FeaturePair::from_key(bad).is_err(), "{bad}");
    }
    // Choosing a feature already in the pair swaps the two.
    assert_eq!(
        p.with_first(WeatherFeature::Visibility),
        FeaturePair::new(WeatherFeature::Visibility, WeatherFeature::DewPoint).unwrap()
    );
    assert_eq!(
        p.with_second(WeatherFeature::WindSpeed),
        FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::WindSpeed).unwrap()
    );
    // A message cannot smuggle in a pair of one feature.
    let same = serde_json::to_string(&("Visibility", "Visibility")).unwrap();
    assert!(serde_json::from_str::<FeaturePair>(&same).is_err());
    let back: FeaturePair = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}

#[test]
fn a_broken_file_is_named_and_never_panics() {
    let file = weather_file();
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "does not start"),
        (
            "<!doctype html><title>404</title>".into(),
            "does not start with",
        ),
        (
            file.replacen("rain\n", "rain\n1,2,3\n", 1),
            "row 2 has 3 fields",
        ),
        (
            file.replacen(",0\n", ",0,9\n", 1),
            "nothing belongs after column `rain`",
        ),
        (file.replacen(",0\n", ",yes\n", 1), "`yes` is not 0 or 1"),
        (
            file.replacen("-1.48", "abc", 1),
            "column `temperature`: `abc` is not a number",
        ),
        (file.replacen("-1.48", "inf", 1), "not a finite number"),
        (
            file.lines().take(1000).collect::<Vec<_>>().join("\n"),
            "the file has 999 days, the weather data has 18,159",
        ),
        (format!("{file}1,1,1,1,1,1,1,1,1\n"), "18,160 days"),
    ];
    for (text, says) in cases {
        let e = parse_weather(&text).expect_err(says);
        assert!(e.to_string().contains(says), "{e} should say {says:?}");
    }
    // CRLF, a byte-order mark and blank lines read as the plain file.
    let crlf = format!("\u{feff}{}\r\n\r\n", file.replace('\n', "\r\n"));
    assert_eq!(parse_weather(&crlf).unwrap().days(), WEATHER_DAYS);
}

#[test]
fn never_retrained_falls_behind_retrained_on_the_real_file() {
    use retrain_playground::sim::params::RetrainTrigger;
    let table = parse_weather(&weather_file()).unwrap();
    let sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
    let m = mean_scores(sim.summaries()).unwrap();
    assert_eq!(m.cycles, 48, "years 2 to 49");
    // What the scenario's text promises: about 0.71 against about 0.74.
    assert!((0.70..0.72).contains(&m.v1), "v1 {}", m.v1);
    assert!((0.73..0.75).contains(&m.live), "live {}", m.live);
    assert!(m.live - m.v1 > 0.02, "{m:?}");
    // The policy race on the same years: every year beats never.
    let race = retrain_playground::sim::retraining::race::policy_race_on(
        &scenario_params(),
        Some(std::sync::Arc::new(table.dataset(FeaturePair::default()))),
        retrain_playground::sim::retraining::race::MAX_RACE_CYCLES,
    )
    .unwrap();
    assert_eq!(race.cycles, 48, "the race runs the years the data holds");
    let (never, every) = (&race.runs[0], &race.runs[1]);
    assert_eq!(never.accuracy.len(), 48);
    assert!((never.mean_accuracy - m.v1).abs() < 1e-12);
    assert!(every.mean_accuracy > never.mean_accuracy + 0.02, "{race:?}");
}

/// The race's schedule policy is named by what it does on yearly
/// batches: 6 hours of the simulated clock per cycle, so midnight comes
/// every 4th cycle, every 4th year (a test here, not in race.rs, so that
/// race never imports weather).
#[test]
fn on_the_weather_a_daily_schedule_is_named_every_fourth_year() {
    use retrain_playground::sim::params::RetrainTrigger;
    use retrain_playground::sim::retraining::race::{policy_race_on, MAX_RACE_CYCLES};
    let table = parse_weather(&weather_file()).unwrap();
    let data = Some(std::sync::Arc::new(table.dataset(FeaturePair::default())));
    let schedule = |params: &retrain_playground::sim::params::SimParams| {
        let race = policy_race_on(params, data.clone(), MAX_RACE_CYCLES).unwrap();
        let run = race
            .runs
            .into_iter()
            .find(|r| matches!(r.trigger, RetrainTrigger::Schedule(_)))
            .expect("a schedule runs in every race");
        let valid = params.clone().trigger(run.trigger.clone()).check().unwrap();
        let mut sim =
            retrain_playground::sim::retraining::cycle::Simulation::with_data(valid, data.clone())
                .unwrap();
        sim.finish_cycles(race.cycles);
        let retrained = retrained_cycles(&sim);
        assert_eq!(run.retrains as usize, retrained.len());
        (policy_name(&run.policy), retrained)
    };
    let params = scenario_params();
    let (name, retrained) = schedule(&params);
    assert_eq!(
        name,
        "Schedule (0 0 * * * on the 6-hour clock: every 4th year)"
    );
    assert_eq!(retrained, (1..=12).map(|k| 4 * k).collect::<Vec<u32>>());
    // Once a year on the clock is once in 4 years of the clock's days:
    // never, over the 48 years.
    let yearly = params.trigger(RetrainTrigger::Schedule("0 0 1 1 *".into()));
    let (name, retrained) = schedule(&yearly);
    assert_eq!(
        name,
        "Schedule (0 0 1 1 * on the 6-hour clock: never fired)"
    );
    assert!(retrained.is_empty());
}

#[test]
fn the_default_pair_separates_best_in_the_scenarios_loop() {
    use retrain_playground::sim::params::RetrainTrigger;
    let table = parse_weather(&weather_file()).unwrap();
    let mean_live = |pair| {
        let sim = run_to_end(&table, pair, RetrainTrigger::EveryCycle);
        mean_scores(sim.summaries()).unwrap().live
    };
    let best = mean_live(FeaturePair::default());
    for (i, &a) in WeatherFeature::ALL.iter().enumerate() {
        for &b in &WeatherFeature::ALL[i + 1..] {
            let pair = FeaturePair::new(a, b).unwrap();
            if pair != FeaturePair::default() {
                let other = mean_live(pair);
                assert!(other < best, "{pair:?} {other:.3} >= default {best:.3}");
            }
        }
    }
}

#[test]
fn the_run_ends_after_the_last_whole_batch_and_never_wraps_around() {
    use retrain_playground::sim::params::RetrainTrigger;
    let table = parse_weather(&weather_file()).unwrap();
    let mut sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
    assert_eq!(sim.cycle(), 48);
    assert!(sim.at_end());
    assert_eq!(sim.cycles_left(), Some(0));
    assert_eq!(sim.streamed_rows(), Some(49 * DAYS_PER_YEAR));
    let before = sim.summaries().len();
    assert!(sim.step().is_none() && sim.finish_cycle().is_none());
    assert_eq!((sim.cycle(), sim.summaries().len()), (48, before));
    // Seasons: batches of 91 days; 18,159 days hold 199 of them.
    let params = scenario_params().batch_size(91).check().unwrap();
    let data = std::sync::Arc::new(table.dataset(FeaturePair::default()));
    let sim = retrain_playground::sim::retraining::cycle::Simulation::with_data(
        params,
        Some(data.clone()),
    )
    .unwrap();
    assert_eq!(sim.cycles_left(), Some(198));
    // A batch larger than the data: v1 learns from all of it, no cycle follows.
    let params = scenario_params().batch_size(20_000).check().unwrap();
    let mut sim =
        retrain_playground::sim::retraining::cycle::Simulation::with_data(params, Some(data))
            .unwrap();
    assert_eq!(sim.cycles_left(), Some(0));
    assert_eq!(sim.streamed_rows(), Some(WEATHER_DAYS));
    assert!(sim.step().is_none());
}

#[test]
fn validation_sets_aside_the_year_with_the_impossible_pressure() {
    use retrain_playground::sim::params::RetrainTrigger;
    use retrain_playground::sim::retraining::outcome::AlertReason;
    let table = parse_weather(&weather_file()).unwrap();
    let p = WeatherFeature::SeaLevelPressure.index();
    for day in PRESSURE_ERROR_DAYS {
        assert!(table.day_values()[day - 1][p] > 90.0, "day {day}");
    }
    let others = table.day_values().iter().enumerate();
    let highest_else = others
        .filter(|(i, _)| !PRESSURE_ERROR_DAYS.contains(&(i + 1)))
        .map(|(_, d)| d[p].abs())
        .fold(0.0, f64::max);
    assert!(highest_else < 5.0, "{highest_else}");
    let pair = FeaturePair::new(
        WeatherFeature::SeaLevelPressure,
        WeatherFeature::MaxTemperature,
    )
    .unwrap();
    let sim = run_to_end(&table, pair, RetrainTrigger::EveryCycle);
    let year_10 = year_of(PRESSURE_ERROR_DAYS[0]) as u32 - 1;
    assert!(sim
        .alerts()
        .iter()
        .any(|a| a.cycle == year_10 && matches!(a.reason, AlertReason::ValidationFailed { .. })));
    // The shift (year 33) changes the pressure column's spread: the range check sees it.
    let shift_year = year_of(SHIFT_DAY) as u32 - 1;
    assert!(
        sim.alerts()
            .iter()
            .any(|a| a.cycle == shift_year
                && matches!(a.reason, AlertReason::ValidationFailed { .. }))
    );
    // With the two temperatures it sees nothing, all 48 years.
    let quiet = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
    assert!(quiet
        .alerts()
        .iter()
        .all(|a| !matches!(a.reason, AlertReason::ValidationFailed { .. })));
}

/// Pearson correlation of two columns.
fn correlation(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}

/// Each of the 9 columns' (rain the ninth) spread, and the correlation of
/// every two of them, for `rows`.
fn column_stats(rows: &[([f64; 8], bool)]) -> ([f64; 9], [[f64; 9]; 9]) {
    let columns: Vec<Vec<f64>> = (0..9)
        .map(|j| {
            rows.iter()
                .map(|(d, r)| {
                    if j == 8 {
                        f64::from(u8::from(*r))
                    } else {
                        d[j]
                    }
                })
                .collect()
        })
        .collect();
    let spread = std::array::from_fn(|j| {
        let xs = &columns[j];
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
    });
    let corr =
        std::array::from_fn(|a| std::array::from_fn(|b| correlation(&columns[a], &columns[b])));
    (spread, corr)
}

/// The days as (features, rain).
fn rows(table: &WeatherTable) -> Vec<([f64; 8], bool)> {
    table
        .day_values()
        .iter()
        .copied()
        .zip(table.rain().iter().copied())
        .collect()
}

/// Calls `visit` with every order of `items` (by swaps).
fn permutations(items: &mut [usize; 8], k: usize, visit: &mut dyn FnMut(&[usize; 8])) {
    if k == items.len() {
        visit(items);
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, visit);
        items.swap(k, i);
    }
}

#[test]
fn every_column_shifts_by_one_from_the_shift_day_on() {
    let table = parse_weather(&weather_file()).unwrap();
    let all = rows(&table);
    let pressure = WeatherFeature::SeaLevelPressure.index();
    // Before: without the two impossible pressures, which would swamp its spread.
    let before: Vec<_> = all[..SHIFT_DAY - 1]
        .iter()
        .filter(|(d, _)| d[pressure].abs() < 5.0)
        .copied()
        .collect();
    let (sd_b, corr_b) = column_stats(&before);
    let (sd_a, corr_a) = column_stats(&all[SHIFT_DAY - 1..]);
    // How far the days after the shift, read in `order`, are from those before.
    let distance = |order: &[usize; 8]| {
        let at = |j: usize| if j == 8 { 8 } else { order[j] };
        let mut d = 0.0;
        for a in 0..9 {
            d += (sd_a[at(a)] - sd_b[a]).abs();
            for b in a + 1..9 {
                d += (corr_a[at(a)][at(b)] - corr_b[a][b]).abs();
            }
        }
        d / 45.0
    };
    let claimed = claimed_order();
    assert_eq!(claimed, [7, 0, 1, 2, 3, 4, 5, 6]);
    let identity: [usize; 8] = std::array::from_fn(|i| i);
    let (as_named, as_claimed) = (distance(&identity), distance(&claimed));
    assert!(as_named > 4.0 * as_claimed, "{as_named} {as_claimed}");
    // No other order of the eight columns fits better.
    let mut best = (f64::INFINITY, identity);
    permutations(&mut identity.clone(), 0, &mut |p| {
        let d = distance(p);
        if d < best.0 {
            best = (d, *p);
        }
    });
    assert_eq!(best.1, claimed, "{best:?} vs {as_claimed}");
    // The break is at the shift day: the year before reads as named, the year after as claimed.
    let year = |from: usize, order: &[usize; 8]| {
        let (sd, corr) = column_stats(&all[from..from + 365]);
        (0..8)
            .map(|a| (sd[order[a]] - sd_b[a]).abs() + (corr[order[a]][8] - corr_b[a][8]).abs())
            .sum::<f64>()
            / 8.0
    };
    assert!(year(SHIFT_DAY - 366, &identity) < year(SHIFT_DAY - 366, &claimed));
    assert!(year(SHIFT_DAY - 1, &claimed) < year(SHIFT_DAY - 1, &identity));
}

#[test]
fn v1_falls_behind_after_the_shift_and_not_with_the_columns_put_back() {
    use retrain_playground::sim::params::RetrainTrigger;
    let table = parse_weather(&weather_file()).unwrap();
    let split = before_and_after;
    let published = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
    let (before, after, all) = split(&published);
    assert!(
        (before.live - before.v1).abs() < 0.01,
        "level before the shift: {before:?}"
    );
    assert!(
        after.v1 < 0.65 && after.live > after.v1 + 0.05,
        "apart after it: {after:?}"
    );
    assert!(all.live > all.v1 + 0.02, "{all:?}");
    let fixed = columns_put_back(&table);
    let repaired = run_to_end(&fixed, FeaturePair::default(), RetrainTrigger::EveryCycle);
    let (_, after_fixed, all_fixed) = split(&repaired);
    assert!(
        (all_fixed.live - all_fixed.v1).abs() < 0.01,
        "no gap once put back: {all_fixed:?}"
    );
    assert!(
        after_fixed.v1 > after.v1 + 0.05 && (after_fixed.live - after_fixed.v1).abs() < 0.02,
        "after the shift day too: {after_fixed:?} (published {after:?})"
    );
}

#[test]
fn a_hold_out_of_each_years_last_days_scores_one_season_and_flatters_v1() {
    use retrain_playground::sim::params::RetrainTrigger;
    let table = parse_weather(&weather_file()).unwrap();
    let (tail, rest) = tail_and_rest_rain(&table);
    assert!(tail < 0.25 && rest > 0.34, "tail {tail:.3}, rest {rest:.3}");
    // Streamed with that tail as the hold-out, never retraining looks better.
    let m = tail_held_means(&table);
    assert!(
        m.v1 > m.live,
        "with the tail held out, v1 looks better: {m:?}"
    );
    let spread = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
    let m = mean_scores(spread.summaries()).unwrap();
    assert!(m.live > m.v1, "spread over the year, it does not: {m:?}");
}

#[test]
fn whole_years_are_counted_from_the_first_day() {
    assert_eq!(whole_year(1, 365), Some(1));
    assert_eq!(whole_year(366, 730), Some(2));
    assert_eq!(whole_year(17_521, 17_885), Some(49));
    assert_eq!(whole_year(2, 366), None);
    assert_eq!(whole_year(1, 91), None);
}

#[test]
fn the_words_about_the_weather_span_agree_with_the_data() {
    let table = retrain_playground::sim::stream::weather::parse_weather(
        &retrain_playground::sim::testing::weather_file(),
    )
    .expect("the committed file reads");
    assert_eq!(table.days(), WEATHER_DAYS);
    // 49.7 calendar years; in the page's 365-day years, 49 whole ones and
    // 274 days (49.75), so "nearly 50 years", never 50.
    let calendar_years = table.days() as f64 / DAYS_PER_CALENDAR_YEAR;
    assert_eq!(format!("{calendar_years:.1}"), "49.7");
    let page_years = table.days() as f64 / DAYS_PER_YEAR as f64;
    assert!((49.7..50.0).contains(&page_years), "{page_years}");
    assert_eq!(table.days() / DAYS_PER_YEAR, 49);
    assert_eq!(weather_span(), "49.7 years (18,159 days)");
    let lesson = retrain_playground::sim::teach::lesson::lesson_text();
    let scenario = retrain_playground::sim::retraining::scenarios::scenario(
        retrain_playground::sim::retraining::scenarios::WEATHER_SCENARIO,
    )
    .expect("the weather scenario");
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    // Where the span or the place is named, both are named as the data has them.
    let naming = [
        weather_source(),
        weather_offer_hint(),
        scenario.watch.to_string(),
        lesson
            .moments
            .iter()
            .map(|m| m.answer.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        readme.to_string(),
    ];
    for text in &naming {
        assert!(text.contains(&weather_span()), "{text}");
        assert!(text.contains("Offutt Air Force Base"), "{text}");
    }
    assert!(readme.contains("nearly 50 years of daily weather"));
    // Nothing the page shows rounds the span up or calls the base an airport.
    let mut shown: Vec<String> = naming.to_vec();
    for q in retrain_playground::sim::teach::quiz::question_bank() {
        shown.push(q.prompt);
        shown.extend(q.options);
        shown.push(q.explanation);
        shown.extend(q.solution);
        shown.extend(q.mistakes);
    }
    shown.extend(lesson.concept);
    shown.push(lesson.transcript);
    for s in retrain_playground::sim::retraining::scenarios::scenarios() {
        shown.push(s.watch.to_string());
    }
    for text in &shown {
        for wrong in ["50 years", "50-year", "airport", "49 years"] {
            let rounded = text.contains(wrong) && !text.contains("nearly 50 years");
            assert!(!rounded, "{wrong:?} in {text}");
        }
    }
}
