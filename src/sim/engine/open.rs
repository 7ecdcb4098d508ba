//! Opening a link or a ready scenario. The engine reads the link
//! (`share::parse_link`), starts what it names (the settings' run, a
//! scenario and its fault, a guide chapter's run) and answers with what the
//! page must do: the view, the teacher's options, the scenario to show, the
//! link's problems, and the data file to fetch when the run needs it (the
//! page fetches it: the engine answers each command at once).

use super::protocol::{DataFetch, LinkOpened, LinkView, Opened, ProgressIntent, ScenarioShown};
use super::share::parse_link;
use super::Engine;
use crate::sim::params::SimParams;
use crate::sim::retraining::problem::Problem;
use crate::sim::retraining::scenarios::{scenario, Scenario, ScenarioData};
use crate::sim::retraining::team_view::TeamView;
use crate::sim::retraining::validate::Fault;
use crate::sim::stream::real_data::RealData;
use crate::sim::teach::guide::{chapter, with_choices, GUIDE_SEED};
use crate::sim::wording::problem_text;

impl Engine {
    /// Opens a link (the page's query text). A chapter link opens that
    /// chapter (its run with the link's seed; the reader's place moves there).
    /// Any other link opens the playground when it names settings, a scenario
    /// or teacher options, else the reader's saved place (the page loads the
    /// stored progress first); its run is the scenario it names, the weather
    /// data it names (fetched by the page first), or its settings. An unknown
    /// scenario is one more problem; the rest of the link still applies.
    pub(super) fn open_link(&mut self, text: &str) -> Opened {
        let link = parse_link(text);
        let mut problems = link.problems;
        // The link says which view the page opens in (a chapter's own
        // controls decide within the guide).
        self.team = (link.team_view && link.chapter.is_none()).then_some(TeamView {
            locked: link.lock_view,
            diagnosis: None,
        });
        if let Some(c) = link.chapter.and_then(chapter) {
            let progress = self.progress(ProgressIntent::OpenChapter(c.number));
            let mut opened = self.started(with_choices(&c, &link.params), None);
            opened.link = Some(LinkOpened {
                view: LinkView::Guide {
                    chapter: c.number,
                    seed: link.params.seed,
                },
                hidden: Vec::new(),
                lock_seed: false,
                presenter: link.presenter,
                progress: Some(progress),
                problems,
            });
            return opened;
        }
        let saved = self.progress.guide;
        let view = if link.names_settings || saved.playground {
            LinkView::Playground
        } else {
            LinkView::Guide {
                chapter: saved.chapter,
                seed: GUIDE_SEED,
            }
        };
        let found = link.scenario.as_deref().and_then(|key| {
            let s = scenario(key);
            if s.is_none() {
                problems.push(problem_text(&Problem::UnknownScenario(key.to_string())));
            }
            s
        });
        // Before the first run there is none to keep: if the real data
        // cannot be fetched, the link's settings start on the synthetic stream.
        let fallback = Some(link.params.clone());
        let mut opened = match (found, link.data) {
            (Some(s), _) => self.open(&s, fallback),
            (None, Some(data)) => Opened {
                fetch: Some(DataFetch {
                    data,
                    params: link.params,
                    fallback,
                    scenario: None,
                }),
                ..Opened::default()
            },
            (None, None) => self.started(link.params, None),
        };
        opened.link = Some(LinkOpened {
            view,
            hidden: link.hidden,
            lock_seed: link.lock_seed,
            presenter: link.presenter,
            progress: None,
            problems,
        });
        opened
    }

    /// Opens the scenario called `key`, chosen on the page: its run and
    /// fault, or its weather file to fetch (the run on screen stays if that
    /// fails). An unknown key changes nothing and says so.
    pub(super) fn open_scenario(&mut self, key: &str) -> Opened {
        match scenario(key) {
            Some(s) => self.open(&s, None),
            None => {
                let mut snap = self.snapshot();
                snap.error = Some(Problem::UnknownScenario(key.to_string()));
                Opened {
                    run: Some(snap),
                    ..Opened::default()
                }
            }
        }
    }

    /// Starts scenario `s` (and its fault); a weather scenario asks for its
    /// file instead, with `fallback` to start if the file cannot be had.
    fn open(&mut self, s: &Scenario, fallback: Option<SimParams>) -> Opened {
        let shown = ScenarioShown {
            title: s.title.to_string(),
            watch: s.watch.to_string(),
        };
        let real = match s.data {
            ScenarioData::Synthetic => None,
            ScenarioData::Weather(pair) => Some(RealData::Weather(pair)),
            ScenarioData::Circle => Some(RealData::Circle),
        };
        if let Some(data) = real {
            return Opened {
                fetch: Some(DataFetch {
                    data,
                    params: s.params.clone(),
                    fallback,
                    scenario: Some(shown),
                }),
                ..Opened::default()
            };
        }
        Opened {
            scenario: Some(shown),
            ..self.started(s.params.clone(), s.fault)
        }
    }

    /// Starts a run of `params` with `fault` in its first batch, as
    /// [`super::protocol::Command::Start`] and `InjectFault` would.
    fn started(&mut self, params: SimParams, fault: Option<Fault>) -> Opened {
        let error = self.start(params);
        if let Some(f) = fault {
            self.sim.inject_fault(f);
        }
        let mut snap = self.snapshot();
        snap.error = error;
        Opened {
            run: Some(snap),
            fault,
            ..Opened::default()
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::protocol::{Command, Reply};
    use super::*;
    use crate::sim::engine::share::Hidden;
    use crate::sim::retraining::scenarios::{CIRCLE_SCENARIO, WEATHER_SCENARIO};
    use crate::sim::stream::weather::{FeaturePair, WeatherFeature};
    use crate::sim::wording::link_problems;

    /// The engine's answer to a link.
    fn open(engine: &mut Engine, link: &str) -> Opened {
        match engine.answer(Command::OpenLink(link.into())) {
            Reply::Opened(opened) => *opened,
            other => panic!("OpenLink answers with Opened, not {other:?}"),
        }
    }

    /// An engine as a page opens it: nothing stored yet.
    fn fresh() -> Engine {
        let mut engine = Engine::new(SimParams::default()).0;
        engine.answer(Command::Progress(ProgressIntent::Load(None)));
        engine
    }

    #[test]
    fn a_settings_link_starts_its_run_in_the_playground_with_the_teachers_options() {
        let mut engine = fresh();
        engine.handle(Command::Run(9));
        let opened = open(
            &mut engine,
            "?seed=9&threshold=0.9&hide=noise,race&lock=seed&presenter=1",
        );
        let run = opened.run.expect("the link's run started");
        assert_eq!(
            (run.cycle, run.params.seed, run.params.threshold),
            (0, 9, 0.9)
        );
        assert_eq!(run.error, None);
        assert_eq!(
            (opened.fault, opened.scenario, opened.fetch),
            (None, None, None)
        );
        let link = opened.link.expect("a link's decisions");
        assert_eq!(link.view, LinkView::Playground);
        assert_eq!(
            link.hidden,
            [
                Hidden::Control("noise".into()),
                Hidden::Panel(crate::sim::engine::share::Panel::Race)
            ]
        );
        assert!(link.lock_seed && link.presenter);
        assert_eq!((link.progress, link.problems), (None, vec![]));
    }

    #[test]
    fn a_team_link_opens_the_team_view_and_a_plain_link_closes_it() {
        let mut engine = fresh();
        let run = open(&mut engine, "?seed=3&view=team").run.unwrap();
        assert!(run.hides_truth() && !run.team.unwrap().locked);
        let run = open(&mut engine, "?seed=3&view=team&lock=view")
            .run
            .unwrap();
        assert!(run.team.unwrap().locked && run.best_possible.is_none());
        let run = open(&mut engine, "?seed=3").run.unwrap();
        assert_eq!(run.team, None);
        assert!(run.best_possible.is_some());
        let run = open(&mut engine, "chapter=2&view=team").run.unwrap();
        assert_eq!(run.team, None, "a chapter decides its own view");
    }

    #[test]
    fn a_chapter_link_opens_the_chapter_and_moves_the_readers_place() {
        let mut engine = fresh();
        let opened = open(&mut engine, "chapter=3&presenter=1&hide=noise");
        let c = chapter(3).unwrap();
        let run = opened.run.expect("the chapter's run started");
        assert_eq!(
            run.params,
            with_choices(&c, &SimParams::default().seed(GUIDE_SEED))
        );
        let link = opened.link.unwrap();
        assert_eq!(
            link.view,
            LinkView::Guide {
                chapter: 3,
                seed: GUIDE_SEED
            }
        );
        assert!(link.presenter);
        assert!(
            link.hidden.is_empty(),
            "the guide shows only its own controls"
        );
        let progress = link.progress.expect("the place moved");
        assert_eq!(progress.progress.guide.chapter, 3);
        // A chapter link with its own seed runs it.
        let link = open(&mut engine, "chapter=2&seed=7").link.unwrap();
        assert_eq!(
            link.view,
            LinkView::Guide {
                chapter: 2,
                seed: 7
            }
        );
        // The newest chapter opens by link with its labels late.
        let opened = open(&mut engine, "chapter=10");
        let run = opened.run.expect("chapter 10's run started");
        assert_eq!(run.params.label_delay, 3);
        assert_eq!(
            opened.link.unwrap().view,
            LinkView::Guide {
                chapter: 10,
                seed: GUIDE_SEED
            }
        );
    }

    #[test]
    fn a_link_without_settings_opens_the_saved_place() {
        // A first visit: chapter 1.
        let mut engine = fresh();
        let link = open(&mut engine, "").link.unwrap();
        assert_eq!(
            link.view,
            LinkView::Guide {
                chapter: 1,
                seed: GUIDE_SEED
            }
        );
        // The reader left for the playground last time; only the presenter
        // view (or a chapter that does not exist) leaves the choice to that.
        engine.answer(Command::Progress(ProgressIntent::OpenPlayground));
        for text in ["presenter=1", "chapter=99"] {
            let opened = open(&mut engine, text);
            assert_eq!(opened.link.unwrap().view, LinkView::Playground, "{text}");
            assert_eq!(opened.run.unwrap().params, SimParams::default());
        }
        engine.answer(Command::Progress(ProgressIntent::OpenChapter(4)));
        let link = open(&mut engine, "presenter=1").link.unwrap();
        assert_eq!(
            link.view,
            LinkView::Guide {
                chapter: 4,
                seed: GUIDE_SEED
            }
        );
        assert!(link.presenter);
    }

    #[test]
    fn a_scenario_link_starts_the_scenario_and_its_fault() {
        let mut engine = fresh();
        let opened = open(&mut engine, "scenario=bad-data");
        let s = scenario("bad-data").unwrap();
        let run = opened.run.expect("the scenario's run started");
        assert_eq!(run.params, s.params);
        assert!(s.fault.is_some());
        assert_eq!((opened.fault, run.pending_fault), (s.fault, s.fault));
        assert_eq!(
            opened.scenario,
            Some(ScenarioShown {
                title: s.title.into(),
                watch: s.watch.into()
            })
        );
        assert_eq!(opened.link.unwrap().view, LinkView::Playground);
        // Chosen on the page: the same run, and no link's decisions.
        let chosen = match engine.answer(Command::OpenScenario("sudden-concept".into())) {
            Reply::Opened(o) => *o,
            other => panic!("{other:?}"),
        };
        let s = scenario("sudden-concept").unwrap();
        assert_eq!(chosen.run.unwrap().params, s.params);
        assert_eq!((chosen.fault, chosen.link), (None, None));
        let snap = engine.handle(Command::OpenScenario("no-such".into()));
        assert_eq!(snap.params, s.params, "an unknown scenario changes nothing");
        assert_eq!(
            problem_text(&snap.error.unwrap()),
            "There is no scenario called `no-such`."
        );
    }

    #[test]
    fn a_weather_link_asks_for_the_file_with_a_fallback() {
        let mut engine = fresh();
        let opened = open(
            &mut engine,
            "batch=365&data=weather&features=dew-point,temperature",
        );
        assert_eq!(opened.run, None, "no run until the file arrives");
        let fetch = opened.fetch.expect("the file is fetched first");
        assert_eq!(
            fetch.data,
            RealData::Weather(
                FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::Temperature).unwrap()
            )
        );
        assert_eq!(fetch.params.batch_size, 365);
        assert_eq!(fetch.fallback, Some(fetch.params.clone()));
        assert_eq!(fetch.scenario, None);
        assert_eq!(opened.link.unwrap().view, LinkView::Playground);
        // The weather scenario: its settings, shown once its run starts; the
        // link's settings if the file cannot be had.
        let opened = open(&mut engine, &format!("scenario={WEATHER_SCENARIO}&seed=5"));
        let s = scenario(WEATHER_SCENARIO).unwrap();
        let fetch = opened.fetch.unwrap();
        assert_eq!(fetch.params, s.params);
        assert_eq!(fetch.fallback, Some(SimParams::default().seed(5)));
        assert_eq!(fetch.scenario.map(|x| x.title), Some(s.title.to_string()));
        assert_eq!((opened.run, opened.scenario), (None, None));
        // Chosen on the page: nothing to fall back to, the run on screen stays.
        let snap = engine.handle(Command::OpenScenario(WEATHER_SCENARIO.into()));
        assert_eq!(snap.params, SimParams::default());
        let Reply::Opened(o) = engine.answer(Command::OpenScenario(WEATHER_SCENARIO.into())) else {
            panic!("expected Opened")
        };
        assert_eq!(o.fetch.unwrap().fallback, None);
    }

    #[test]
    fn a_circle_link_or_scenario_asks_for_its_file() {
        let mut engine = fresh();
        let opened = open(&mut engine, "batch=250&data=circle");
        assert_eq!(opened.run, None, "no run until the file arrives");
        let fetch = opened.fetch.expect("the file is fetched first");
        assert_eq!(
            (fetch.data, fetch.params.batch_size),
            (RealData::Circle, 250)
        );
        assert_eq!(fetch.data.file(), "data/circle-minku.csv");
        assert_eq!(fetch.fallback, Some(fetch.params.clone()));
        let Reply::Opened(o) = engine.answer(Command::OpenScenario(CIRCLE_SCENARIO.into())) else {
            panic!("expected Opened")
        };
        let fetch = o.fetch.unwrap();
        assert_eq!((fetch.data, fetch.fallback), (RealData::Circle, None));
        assert_eq!(
            fetch.scenario.map(|x| x.title),
            Some("Circle (Minku, White & Yao 2010)".to_string())
        );
    }

    #[test]
    fn a_garbled_link_names_its_problems_and_the_engine_keeps_working() {
        let mut engine = fresh();
        let opened = open(
            &mut engine,
            "#?bogus=1&threshold=7&scenario=no%20such&seed=%FF&features=wind",
        );
        let link = opened.link.unwrap();
        let notice = link_problems(&link.problems).expect("problems are named");
        assert!(
            notice.starts_with("Some of the link could not be used: "),
            "{notice}"
        );
        for says in [
            "`bogus`",
            "Deploy threshold",
            "There is no scenario called `no such`.",
            "`seed`",
            "`features`",
        ] {
            assert!(notice.contains(says), "{says}: {notice}");
        }
        assert_eq!(link.view, LinkView::Playground);
        let run = opened.run.expect("the rest of the link still runs");
        assert_eq!(run.params, SimParams::default());
        let snap = engine.handle(Command::FinishCycle);
        assert_eq!((snap.cycle, snap.error), (1, None));
        // Hostile text is cut short, never echoed at length.
        let long = "x".repeat(10_000);
        let link = open(&mut engine, &format!("scenario={long}")).link.unwrap();
        assert!(
            link.problems.iter().all(|p| p.len() < 200),
            "{:?}",
            link.problems
        );
        assert_eq!(link_problems(&[]), None);
    }
}
