//! Table tests for the grammar: phrase -> interval, point, unit, kind.

use jiff::civil::date;

use super::*;
use crate::model::{Bound, QuantityKind as K, Unit};

fn ctx_with(config: &Config) -> Context<'_> {
    Context {
        as_of: date(2017, 11, 11),
        config,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// (phrase, low, high, point, unit, kind); low/high given as Bound.
type Case = (&'static str, Bound, Bound, Option<f64>, Unit, K);

fn check(cases: &[Case]) {
    let config = Config::default();
    let ctx = ctx_with(&config);
    let mut bad = Vec::new();
    for (phrase, low, high, point, unit, kind) in cases {
        match normalize(phrase, &ctx) {
            Ok(q) => {
                let same_bound = |a: Bound, b: Bound| match (a, b) {
                    (Bound::Closed(x), Bound::Closed(y)) | (Bound::Open(x), Bound::Open(y)) => {
                        close(x, y)
                    }
                    (Bound::Unbounded, Bound::Unbounded) => true,
                    _ => false,
                };
                let same_point = match (q.point, point) {
                    (Some(a), Some(b)) => close(a, *b),
                    (None, None) => true,
                    _ => false,
                };
                if !(same_bound(q.interval.low(), *low)
                    && same_bound(q.interval.high(), *high)
                    && same_point
                    && q.unit == *unit
                    && q.kind == *kind)
                {
                    bad.push(format!(
                        "{phrase:?}: want {low:?}..{high:?} point {point:?} {unit} {kind:?}; got {}..{} -> {:?} point {:?} {} {:?}",
                        q.interval, "", q.interval.high(), q.point, q.unit, q.kind
                    ));
                }
            }
            Err(e) => bad.push(format!("{phrase:?}: error {e}")),
        }
    }
    assert!(bad.is_empty(), "{} failing:\n{}", bad.len(), bad.join("\n"));
}

use Bound::{Closed as C, Open as O, Unbounded as U};

#[test]
fn exact_figures() {
    check(&[
        (
            "1.9 million",
            C(1.85e6),
            O(1.95e6),
            Some(1.9e6),
            Unit::Count,
            K::Exact,
        ),
        (
            "470,000",
            C(465000.0),
            O(475000.0),
            Some(470000.0),
            Unit::Count,
            K::Exact,
        ),
        (
            "1,880,000",
            C(1875000.0),
            O(1885000.0),
            Some(1.88e6),
            Unit::Count,
            K::Exact,
        ),
        (
            "168 million",
            C(167.5e6),
            O(168.5e6),
            Some(168e6),
            Unit::Count,
            K::Exact,
        ),
        (
            "two million",
            C(1.5e6),
            O(2.5e6),
            Some(2e6),
            Unit::Count,
            K::Exact,
        ),
        ("3", C(2.5), O(3.5), Some(3.0), Unit::Count, K::Exact),
        (
            "4.1 percent",
            C(4.05),
            O(4.15),
            Some(4.1),
            Unit::Percent,
            K::Exact,
        ),
        ("93%", C(92.5), O(93.5), Some(93.0), Unit::Percent, K::Exact),
        (
            "$2.5bn",
            C(2.45e9),
            O(2.55e9),
            Some(2.5e9),
            Unit::Currency("USD".into()),
            K::Exact,
        ),
        (
            "-9.4",
            C(-9.45),
            O(-9.35),
            Some(-9.4),
            Unit::Count,
            K::Exact,
        ),
    ]);
}

#[test]
fn hedges() {
    check(&[
        (
            "nearly two million",
            C(1.8e6),
            C(2e6),
            Some(2e6),
            Unit::Count,
            K::ApproxBelow,
        ),
        (
            "about 170 million",
            C(153e6),
            C(187e6),
            Some(170e6),
            Unit::Count,
            K::ApproxAround,
        ),
        (
            "more than 500",
            O(500.0),
            U,
            Some(500.0),
            Unit::Count,
            K::LowerBound,
        ),
        (
            "at least 500",
            C(500.0),
            U,
            Some(500.0),
            Unit::Count,
            K::LowerBound,
        ),
        (
            "fewer than 20",
            U,
            O(20.0),
            Some(20.0),
            Unit::Count,
            K::UpperBound,
        ),
        (
            "up to 20",
            U,
            C(20.0),
            Some(20.0),
            Unit::Count,
            K::UpperBound,
        ),
        (
            "passed half a million",
            O(5e5),
            U,
            Some(5e5),
            Unit::Count,
            K::LowerBound,
        ),
        (
            "more than a decade",
            O(10.0),
            U,
            Some(10.0),
            Unit::Years,
            K::Duration,
        ),
        (
            "nearly two decades",
            C(18.0),
            C(20.0),
            Some(20.0),
            Unit::Years,
            K::Duration,
        ),
        (
            "about a third",
            C(0.3),
            C(1.1 / 3.0),
            Some(1.0 / 3.0),
            Unit::Ratio,
            K::ApproxAround,
        ),
    ]);
}

#[test]
fn vague_ranges_time() {
    check(&[
        (
            "hundreds of thousands",
            C(2e5),
            O(1e6),
            None,
            Unit::Count,
            K::Vague,
        ),
        ("a handful", C(2.0), C(6.0), None, Unit::Count, K::Vague),
        (
            "between 400,000 and 500,000",
            C(4e5),
            C(5e5),
            None,
            Unit::Count,
            K::Range,
        ),
        ("5-6 million", C(5e6), C(6e6), None, Unit::Count, K::Range),
        (
            "20 to 30 percent",
            C(20.0),
            C(30.0),
            None,
            Unit::Percent,
            K::Range,
        ),
        ("two or three", C(2.0), C(3.0), None, Unit::Count, K::Range),
        (
            "now in its sixth year",
            C(5.0),
            O(6.0),
            None,
            Unit::Years,
            K::OrdinalDuration,
        ),
        (
            "entering their 17th year",
            C(16.0),
            O(17.0),
            None,
            Unit::Years,
            K::OrdinalDuration,
        ),
        (
            "in his third decade",
            C(20.0),
            O(30.0),
            None,
            Unit::Years,
            K::OrdinalDuration,
        ),
        (
            "the six-year-old conflict",
            C(6.0),
            O(7.0),
            Some(6.0),
            Unit::Years,
            K::Duration,
        ),
        (
            "for five years",
            C(5.0),
            O(6.0),
            Some(5.0),
            Unit::Years,
            K::Duration,
        ),
        (
            "last year",
            C(2016.0),
            O(2017.0),
            Some(2016.0),
            Unit::Year,
            K::RelativeDate,
        ),
        (
            "two years ago",
            C(2015.0),
            O(2016.0),
            Some(2015.0),
            Unit::Year,
            K::RelativeDate,
        ),
        (
            "in 1987",
            C(1987.0),
            O(1988.0),
            Some(1987.0),
            Unit::Year,
            K::Date,
        ),
        (
            "one in five",
            C(0.195),
            O(0.205),
            Some(0.2),
            Unit::Ratio,
            K::Exact,
        ),
    ]);
}

#[test]
fn not_quantities() {
    let config = Config::default();
    let ctx = ctx_with(&config);
    for phrase in [
        "Air Force One",
        "World War II",
        "G20",
        "COVID-19",
        "Section 122",
        "5.21 am",
        "10:30",
        "v2.3.1",
        "won 3-1",
        "1. ",
        "one of the",
        "no one",
        "a man",
        "the first time",
        "call 555-1234",
    ] {
        let got = normalize(phrase, &ctx);
        assert!(
            matches!(got, Err(NormalizeError::NoNumber(_))),
            "{phrase:?} gave {got:?}"
        );
    }
}

#[test]
fn config_from_toml() {
    let c = Config::from_toml("slack_below = 0.2\nslack_around = 0.05\n").unwrap();
    assert_eq!(c.slack_below, 0.2);
    assert!(c.hedges().is_empty());
    let err = Config::from_toml("slack_below = 0.2\nslack_around = 0.05\nbogus = 1\n").unwrap_err();
    assert!(err.to_string().contains("bogus"), "{err}");
    assert!(Config::from_toml("slack_below = 2\nslack_around = 0.1").is_err());
    assert_eq!(Config::default().slack_below, 0.10);
}

#[test]
fn slack_comes_from_the_config() {
    let text = DEFAULT_HEDGES_TOML.replace("slack_below = 0.10", "slack_below = 0.20");
    let config = Config::from_toml(&text).unwrap();
    let q = normalize("nearly 100", &ctx_with(&config)).unwrap();
    assert_eq!(q.interval.low_value(), Some(80.0));
    assert_eq!(q.interval.high_value(), Some(100.0));
    // A config with no hedges reads "nearly 100" as the exact figure.
    let bare = Config::from_toml("slack_below = 0.1\nslack_around = 0.1\n").unwrap();
    let q = normalize("nearly 100", &ctx_with(&bare)).unwrap();
    assert_eq!(q.kind, K::Exact);
}

#[test]
fn errors_say_what_to_do() {
    let config = Config::default();
    let ctx = ctx_with(&config);
    let e = normalize("no figures here", &ctx).unwrap_err();
    assert!(e.to_string().contains("write the figure"), "{e}");
    let e = normalize("between 500 and 400", &ctx).unwrap_err();
    assert!(e.to_string().contains("smaller figure first"), "{e}");
}

/// A word set holds exactly its words: every one is found, and words close
/// to them (one letter more, less or changed, another case) are not.
#[test]
fn word_sets_hold_exactly_their_words() {
    let words = ["nearly", "about", "a", "over", "thousands"];
    let set = WordSet::new(words);
    for w in words {
        assert!(set.contains(w), "{w}");
    }
    for w in ["nearby", "abut", "b", "", "oveR", "thousand", "tens"] {
        assert!(!set.contains(w), "{w}");
    }
    // More words than hash classes: classes share words, and each word
    // still has its own place.
    let many: Vec<String> = (0..6000).map(|n| format!("w{n}")).collect();
    let set = WordSet::new(&many);
    let mut places: Vec<usize> = many
        .iter()
        .filter_map(|w| set.position(w.as_bytes()))
        .collect();
    places.sort();
    places.dedup();
    assert_eq!(places, (0..many.len()).collect::<Vec<_>>());
    assert!((0..6000).all(|n| !set.contains(&format!("x{n}"))));
}

/// Words the grammar passes over without trying its rules still read as
/// before when they open a quantity by a newsroom's own vague phrase.
#[test]
fn a_newsrooms_vague_phrase_opens_with_any_word() {
    let toml = DEFAULT_HEDGES_TOML.replacen(
        "[[vague]]",
        "[[vague]]\nphrase = \"umpteen\"\nlow = 10\nhigh = 100\n\n[[vague]]",
        1,
    );
    let config = Config::from_toml(&toml).unwrap();
    let q = normalize("umpteen", &ctx_with(&config)).unwrap();
    assert_eq!(q.kind, K::Vague);
    assert!(normalize("umpteen", &ctx_with(&Config::default())).is_err());
}

/// The hedges indexed by their last word give the hedge the walk over
/// every configured hedge gives, for the words before a figure ending in
/// each hedge, alone and after each hedge's first word.
#[test]
fn hedges_by_last_word_match_the_full_walk() {
    let config = Config::default();
    let ends = |h: &Hedge, words: &[&str]| {
        words.ends_with(&h.words.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let walk = |words: &[&str]| config.hedges().iter().find(|h| ends(h, words));
    let indexed = |words: &[&str]| {
        let last = words.last().copied().unwrap_or("");
        config.hedges_ending(last).find(|h| ends(h, words))
    };
    let mut tried = 0;
    for h in config.hedges() {
        let phrase: Vec<&str> = h.words.iter().map(String::as_str).collect();
        for before in config
            .hedges()
            .iter()
            .map(|g| g.words[0].as_str())
            .chain(["rose", ""])
        {
            let mut words: Vec<&str> = Some(before).filter(|w| !w.is_empty()).into_iter().collect();
            words.extend(&phrase);
            assert_eq!(walk(&words), indexed(&words), "{words:?}");
            assert!(indexed(&words).is_some(), "{words:?}");
            tried += 1;
        }
    }
    assert!(tried > 1000, "{tried}");
    assert_indexes_match_lists(&config, ["rose", "to", "of", "than", ""]);
}

/// The word gate holds the grammar's own opening words and the first word
/// of every configured vague phrase, and turns away words on neither list.
#[test]
fn word_rules_gate_holds_openers_and_vague_firsts() {
    let config = Config::default();
    for w in grammar::word_openers() {
        assert!(config.opens_word_rule(w.as_bytes()), "{w}");
    }
    for v in config.vague() {
        assert!(
            config.opens_word_rule(v.words[0].as_bytes()),
            "{}",
            v.phrase
        );
    }
    for w in ["said", "sixth", "people", "year", ""] {
        assert!(!config.opens_word_rule(w.as_bytes()), "{w}");
    }
}

/// The vague phrases indexed by their first word are the configured
/// phrases that open with it, in the configured order (longest first).
#[test]
fn vague_by_first_word_match_the_list() {
    let config = Config::default();
    let mut firsts: Vec<&str> = config.vague().iter().map(|v| v.words[0].as_str()).collect();
    firsts.dedup();
    let found = assert_indexes_match_lists(
        &config,
        firsts.into_iter().chain(["said", "the", "hundred", ""]),
    );
    assert!(found >= config.vague().len(), "{found}");
}

/// A newsroom's own lists, with what a hand-written file may hold: one
/// phrase in two lists, a phrase whose first and last words are the same,
/// capitals, and one vague phrase twice with different ranges. The indexes
/// give, for every word, the phrases the plain lists give, in their order,
/// and the first of two equal phrases still wins.
#[test]
fn indexes_follow_a_newsrooms_own_lists() {
    let toml = r#"
slack_below = 0.1
slack_around = 0.1

[hedges]
approx_below = ["About", "as much as", "nearly"]
approx_around = ["about", "as many as", "close to"]
lower_open = ["more than", "As"]

[postfix]
approx_around = ["or so", "Or So"]
lower_closed = ["or more", "or"]

[[vague]]
phrase = "a few"
low = 2
high = 10

[[vague]]
phrase = "A few"
low = 3
high = 5

[[vague]]
phrase = "a dozen or so"
low = 10
high = 15
"#;
    let config = Config::from_toml(toml).unwrap();
    let words: Vec<&str> = config
        .hedges()
        .iter()
        .chain(config.postfix())
        .flat_map(|h| h.words.iter().map(String::as_str))
        .chain(
            config
                .vague()
                .iter()
                .flat_map(|v| v.words.iter().map(String::as_str)),
        )
        .chain(["", "said", "About"])
        .collect();
    assert_indexes_match_lists(&config, words);
    // "about" is in two lists: the first listed (below) wins, as it did
    // when the lists were walked; "as much as" is matched whole.
    let ctx = ctx_with(&config);
    let about = normalize("about 100", &ctx).unwrap();
    assert_eq!(
        about.interval,
        normalize("nearly 100", &ctx).unwrap().interval
    );
    let much = normalize("as much as 100", &ctx).unwrap();
    assert_eq!(much.interval, about.interval);
    // "or so" is matched whole before the shorter "or", and its first
    // listing wins over the second.
    let or_so = normalize("100 or so", &ctx).unwrap();
    assert_eq!(
        or_so.interval,
        normalize("close to 100", &ctx).unwrap().interval
    );
    // The first of the two "a few" phrases gives the range.
    let few = normalize("a few", &ctx).unwrap();
    assert_eq!(
        (few.interval.low_value(), few.interval.high_value()),
        (Some(2.0), Some(10.0))
    );
}

/// For each word, the hedges ending with it, the postfix hedges and the
/// vague phrases opening with it, as the indexes give them, are those of
/// the plain lists, in the lists' order; gives how many vague phrases were
/// found.
fn assert_indexes_match_lists<'a>(
    config: &Config,
    words: impl IntoIterator<Item = &'a str>,
) -> usize {
    // The phrases of `list` whose word picked by `word_of` is `w`.
    fn with_word<'l, T>(list: &'l [T], word_of: fn(&T) -> Option<&String>, w: &str) -> Vec<&'l T> {
        list.iter()
            .filter(|p| word_of(p).map(String::as_str) == Some(w))
            .collect()
    }
    let mut vague_found = 0;
    for w in words {
        let want = with_word(config.hedges(), |h| h.words.last(), w);
        assert_eq!(config.hedges_ending(w).collect::<Vec<_>>(), want, "{w}");
        let want = with_word(config.postfix(), |h| h.words.first(), w);
        assert_eq!(config.postfix_opening(w).collect::<Vec<_>>(), want, "{w}");
        let want = with_word(config.vague(), |v| v.words.first(), w);
        assert_eq!(config.vague_opening(w).collect::<Vec<_>>(), want, "{w}");
        vague_found += want.len();
    }
    vague_found
}

/// Issue 23: the bounds the comparison forms give, open or closed, and the
/// exact figure "equals" states.
#[test]
fn issue_23_comparisons_keep_their_bounds() {
    use Bound::{Closed as C, Open as O, Unbounded as U};
    check(&[
        (">40", O(40.0), U, Some(40.0), Unit::Count, K::LowerBound),
        (">= 40", C(40.0), U, Some(40.0), Unit::Count, K::LowerBound),
        (
            "\u{2264} 15%",
            U,
            C(15.0),
            Some(15.0),
            Unit::Percent,
            K::UpperBound,
        ),
        ("<-40", U, O(-40.0), Some(-40.0), Unit::Count, K::UpperBound),
        (
            "< = 200",
            U,
            C(200.0),
            Some(200.0),
            Unit::Count,
            K::UpperBound,
        ),
        (
            "equals 30",
            C(30.0),
            C(30.0),
            Some(30.0),
            Unit::Count,
            K::Exact,
        ),
        ("= 30", C(30.0), C(30.0), Some(30.0), Unit::Count, K::Exact),
        (
            "300 or greater",
            C(300.0),
            U,
            Some(300.0),
            Unit::Count,
            K::LowerBound,
        ),
        (
            "surpassing 4000",
            O(4000.0),
            U,
            Some(4000.0),
            Unit::Count,
            K::LowerBound,
        ),
        (
            "smaller or equal than 200",
            U,
            C(200.0),
            Some(200.0),
            Unit::Count,
            K::UpperBound,
        ),
        // Joined either way round, each side keeping its own bound.
        (
            "at most 90 and at least 30",
            C(30.0),
            C(90.0),
            None,
            Unit::Count,
            K::Range,
        ),
        (
            "greater than 150 and smaller than 400",
            O(150.0),
            O(400.0),
            None,
            Unit::Count,
            K::Range,
        ),
        (
            "higher or equal than two hundred, lower or equal than five hundred",
            C(200.0),
            C(500.0),
            None,
            Unit::Count,
            K::Range,
        ),
    ]);
}

/// Issue 23: a phrase that looks like a figure but cannot be read says
/// why, and huge exponents and powers neither panic nor read as their
/// mantissa.
#[test]
fn issue_23_refusals_say_why() {
    let config = Config::default();
    let ctx = ctx_with(&config);
    for (phrase, why) in [
        ("1.5^10", "power is read only of ten"),
        ("2^10 people", "power is read only of ten"),
        ("3 x 10^99", "power is read only of ten"),
        ("10^999999", "power is read only of ten"),
        ("1e999999", "too many digits"),
        ("-1e999999", "too many digits"),
    ] {
        match normalize(phrase, &ctx) {
            Err(NormalizeError::Unreadable { detail, .. }) => {
                assert!(detail.contains(why), "{phrase:?}: {detail}")
            }
            other => panic!("{phrase:?} gave {other:?}"),
        }
    }
    // A power of ten past what a figure holds is no figure of 10.
    for phrase in ["10^999999", "3 x 10^99", "10^-99999999999", "2.5x10^9999"] {
        if let Ok(q) = normalize(phrase, &ctx) {
            let p = q.point.unwrap_or(0.0);
            assert!(p != 10.0 && p != 3.0 && p != 2.5, "{phrase:?} gave {q:?}");
        }
    }
}

/// Issue 23: not quantities in running text; the figure beside them is.
#[test]
fn issue_23_labels_in_running_text() {
    let config = Config::default();
    let ctx = ctx_with(&config);
    for (text, want) in [
        ("Airbus delivered 30 of the A350 jets.", &["30"][..]),
        (
            "The firm filed a 10-Q filing showing 5 pct growth.",
            &["5 pct"],
        ),
        ("Under Chapter 7 it owes $3 million.", &["$3 million"]),
        ("Article 5 was invoked by 29 members.", &["29"]),
        (
            "BMW sold 12,000 of the 3 Series last year.",
            &["12,000", "last year"],
        ),
        ("Form 20-F lists 4,100 staff.", &["4,100"]),
        ("Temperatures fell to minus three.", &["minus three"]),
        // Running text read as it was before issue 23's forms.
        (
            "Cargoes of 12,000 tonnes, plus or minus 10 pct.",
            &["12,000", "10 pct"],
        ),
        ("Boeing Co &lt;BA> 767's were bought.", &["767"]),
        ("It rose 6 pct and under the pact fell.", &["6 pct"]),
        (
            "Profits fell 0.2 pct from 1985 to 119.3 billion yuan.",
            &["0.2 pct", "1985", "119.3 billion yuan"],
        ),
        (
            "It may spend several hundred million dollars.",
            &["several hundred"],
        ),
        ("It bought 527,035 Series A shares.", &["527,035"]),
        (
            "Reserves were about equal to 30 days of imports.",
            &["about equal to 30 days"],
        ),
    ] {
        let got: Vec<&str> = grammar::scan(text, &ctx)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
}
