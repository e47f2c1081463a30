//! Table-driven tests of the attribution rules on sentences written for them.

use crate::doc::Article;
use crate::pipeline::Pipeline;

/// (content, speaker, canonical, cue, rule) of every attributed claim found in `text`
/// (assertions are the assertions stage's to test).
fn claims(text: &str) -> Vec<(String, String, String, String, String)> {
    let pipeline = Pipeline::default_pipeline().unwrap();
    let doc = pipeline.run(Article {
        id: "t".into(),
        source: "t".into(),
        text: text.into(),
    });
    let slice = |s: Option<crate::doc::Span>| s.map(|s| s.of(text).to_string()).unwrap_or_default();
    doc.claims
        .iter()
        .filter(|c| c.assertion.is_none())
        .map(|c| {
            let a = &c.attribution;
            let content: Vec<&str> = a.content.iter().map(|p| p.of(text)).collect();
            (
                content.join(" "),
                slice(a.speaker),
                a.speaker_canonical.clone(),
                slice(a.cue),
                a.rule.to_string(),
            )
        })
        .collect()
}

#[test]
fn patterns() {
    struct Case {
        text: &'static str,
        want: &'static [(
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
        )],
    }
    let cases = [
        Case {
            text: "Dana Ruiz runs the bakery. “We sell out by noon,” Ruiz said.",
            want: &[(
                "“We sell out by noon,”",
                "Ruiz",
                "Dana Ruiz",
                "said",
                "quote-speaker-cue",
            )],
        },
        Case {
            text: "“The bridge will reopen in May,” said Mayor Tom Okafor.",
            want: &[(
                "“The bridge will reopen in May,”",
                "Mayor Tom Okafor",
                "Tom Okafor",
                "said",
                "quote-cue-speaker",
            )],
        },
        Case {
            text: "Harbour chief Lena Voss said: “Ships are waiting for days.”",
            want: &[(
                "“Ships are waiting for days.”",
                "Harbour chief Lena Voss",
                "Lena Voss",
                "said",
                "speaker-cue-quote",
            )],
        },
        Case {
            text: "“Prices rose,” Ana Lind said, “and wages did not.”",
            want: &[(
                "“Prices rose,” “and wages did not.”",
                "Ana Lind",
                "Ana Lind",
                "said",
                "quote-split",
            )],
        },
        Case {
            text: "According to the ministry, exports fell by a third last year.",
            want: &[(
                "exports fell by a third last year",
                "the ministry",
                "",
                "According to",
                "according-to-first",
            )],
        },
        Case {
            text: "Exports fell by a third last year, according to Carla Mendes.",
            want: &[(
                "Exports fell by a third last year",
                "Carla Mendes",
                "Carla Mendes",
                "according to",
                "according-to-last",
            )],
        },
        Case {
            text: "Professor Ivo Brandt said that the glacier has lost half its mass.",
            want: &[(
                "the glacier has lost half its mass",
                "Professor Ivo Brandt",
                "Ivo Brandt",
                "said",
                "speaker-cue-that",
            )],
        },
        Case {
            text: "Mira Holt studies rivers. Holt's position is that the dam must go.",
            want: &[(
                "the dam must go",
                "Holt",
                "Mira Holt",
                "position is",
                "position-is-that",
            )],
        },
        Case {
            text: "Senator Paul Grant spoke on Monday. He did not say that the vote would fail.",
            want: &[],
        },
        Case {
            text: "Rosa Diaz chairs the panel. The budget, she said, will be cut by a third.",
            want: &[("The budget will be cut by a third", "she", "Rosa Diaz", "said", "content-aside-cue")],
        },
        Case {
            text: "Mayor Ken Abara called the plan “a gift to landlords.”",
            want: &[("the plan “a gift to landlords.”", "Mayor Ken Abara", "Ken Abara", "called", "speaker-names-quote")],
        },
        Case {
            text: "Hugh Hill, a doctor at the city clinic, said the ward was full.",
            want: &[("the ward was full", "Hugh Hill", "Hugh Hill", "said", "speaker-cue-clause")],
        },
        Case {
            text: "Acme Corp cut 200 jobs. The company said that demand had collapsed.",
            want: &[("demand had collapsed", "The company", "Acme Corp", "said", "speaker-cue-that")],
        },
        Case {
            text: "Coach Ida Berg is quoted as saying the team is tired.",
            want: &[("the team is tired", "Coach Ida Berg", "Ida Berg", "saying", "speaker-cue-clause")],
        },
        Case {
            text: "“We will win this,” Ida Berg said. “We always do.”\n“Nobody believes us yet,” she said.",
            want: &[
                ("“We will win this,” “We always do.”", "Ida Berg", "Ida Berg", "said", "quote-speaker-cue"),
                ("“Nobody believes us yet,”", "she", "Ida Berg", "said", "quote-speaker-cue"),
            ],
        },
        Case {
            text: "“The river is rising fast,” warned Jan Novak.\n“Every hour counts for the families downstream.”",
            want: &[
                ("“The river is rising fast,”", "Jan Novak", "Jan Novak", "warned", "quote-cue-speaker"),
                ("“Every hour counts for the families downstream.”", "", "Jan Novak", "", "floating-quote"),
            ],
        },
        Case {
            text: "“Trust the data, not the noise.” — Amy Chen, statistician",
            want: &[("“Trust the data, not the noise.”", "Amy Chen", "Amy Chen", "—", "quote-dash-speaker")],
        },
        Case {
            text: "The fans waved a banner reading “Blue Army.”",
            want: &[],
        },
        // A cue earlier in the sentence, with an addressee, place and time before the comma.
        Case {
            text: "The mayor told reporters in Boston on Tuesday, “We will rebuild the bridge before winter.”",
            want: &[("“We will rebuild the bridge before winter.”", "The mayor", "", "told", "speaker-cue-quote")],
        },
        // An unnamed speaker with a relative clause, and `said of X,` before the quote.
        Case {
            text: "A senior aide, who asked not to be named, said of the governor, “She takes the threat very seriously.”",
            want: &[("“She takes the threat very seriously.”", "A senior aide", "", "said", "speaker-cue-quote")],
        },
        // A speaker phrase with a prepositional tail and no name.
        Case {
            text: "Another source close to the talks said, “Nobody expects a deal before the spring.”",
            want: &[("“Nobody expects a deal before the spring.”", "Another source close to the talks", "", "said", "speaker-cue-quote")],
        },
        // A manner adverb between speaker and cue.
        Case {
            text: "Mayor Ines Roth jokingly said, “It seems I am becoming popular at last.”",
            want: &[("“It seems I am becoming popular at last.”", "Mayor Ines Roth", "Ines Roth", "said", "speaker-cue-quote")],
        },
        // A leading time phrase is not the subject of a participle's speech.
        Case {
            text: "On Sunday, Okafor spoke to the crowd, saying, “We will not back down from this fight.”",
            want: &[("“We will not back down from this fight.”", "Okafor", "Okafor", "saying", "speaker-cue-quote")],
        },
        // A quote inside reported speech that opens with a bare noun: one mixed claim.
        Case {
            text: "Lopez said things “should be settled by the summer” at the latest.",
            want: &[("things “should be settled by the summer” at the latest", "Lopez", "Lopez", "said", "speaker-cue-mixed")],
        },
        // A noun of people sharing a cue's stem is not a cue ("reporters" and "report").
        Case {
            text: "Reporters waited outside, “hoping for a statement by the end of the day.”",
            want: &[("“hoping for a statement by the end of the day.”", "", "", "", "quote-unattributed")],
        },
        // A relative clause after a speaker that follows the cue.
        Case {
            text: "“Nobody will trust the polls now,” said a party strategist who spoke on condition of anonymity.",
            want: &[("“Nobody will trust the polls now,”", "a party strategist", "", "said", "quote-cue-speaker")],
        },
        // A hyphenated modifier inside a speaker phrase; `read` as the cue of a text.
        Case {
            text: "“She must stop blaming others for her mistakes,” the conservative-leaning newspaper wrote. “The voters deserve answers,” the editorial read.",
            want: &[
                ("“She must stop blaming others for her mistakes,”", "the conservative-leaning newspaper", "", "wrote", "quote-speaker-cue"),
                ("“The voters deserve answers,”", "the editorial", "", "read", "quote-speaker-cue"),
            ],
        },
        // A question mark ends the sentence inside the quote; the speaker follows it.
        Case {
            text: "“What made you change your mind so suddenly?” Ines Kell asked.",
            want: &[("“What made you change your mind so suddenly?”", "Ines Kell", "Ines Kell", "asked", "quote-speaker-cue")],
        },
        // ... but a new sentence with no cue close by is not the quote's attribution.
        Case {
            text: "“Is this the end of the line for the old bridge?” Ines Kell studied the plans for a long time before she answered.",
            want: &[("“Is this the end of the line for the old bridge?”", "", "", "", "quote-unattributed")],
        },
        Case {
            text: "Paul Grant spoke on Monday. He said the vote would fail.",
            want: &[(
                "the vote would fail",
                "He",
                "Paul Grant",
                "said",
                "speaker-cue-clause",
            )],
        },
    ];
    for case in cases {
        let got = claims(case.text);
        let want: Vec<(String, String, String, String, String)> = case
            .want
            .iter()
            .map(|(a, b, c, d, e)| {
                (
                    a.to_string(),
                    b.to_string(),
                    c.to_string(),
                    d.to_string(),
                    e.to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "{}", case.text);
    }
}
