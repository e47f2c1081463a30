//! Table-driven tests of the attribution rules on sentences written for them.

use crate::doc::Article;
use crate::pipeline::Pipeline;

/// (content, speaker, canonical, cue, rule) of every attributed claim found in `text`
/// (assertions are the assertions stage's to test).
pub(super) fn claims(text: &str) -> Vec<(String, String, String, String, String)> {
    claims_with(&Pipeline::default_pipeline().unwrap(), text)
}

/// The same, with the given pipeline.
fn claims_with(pipeline: &Pipeline, text: &str) -> Vec<(String, String, String, String, String)> {
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
                "that the glacier has lost half its mass",
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
            want: &[("that demand had collapsed", "The company", "Acme Corp", "said", "speaker-cue-that")],
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
            want: &[("things “should be settled by the summer” at the latest", "Lopez", "Lopez", "said", "speaker-cue-clause")],
        },
        // A quote inside reported speech that no clause rule bounds: one mixed claim from the
        // cue to the end of the quote's clause.
        Case {
            text: "Ortiz said by then he “had delivered the letter to the court.”",
            want: &[("by then he “had delivered the letter to the court.”", "Ortiz", "Ortiz", "said", "speaker-cue-mixed")],
        },
        // A noun of people sharing a cue's stem is not a cue ("reporters" and "report"): the
        // quote gets the sentence's subject by position, with its verb.
        Case {
            text: "Reporters waited outside, “hoping for a statement by the end of the day.”",
            want: &[("“hoping for a statement by the end of the day.”", "Reporters", "Reporters", "waited", "subject-verb-quote")],
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
        // `"…" -Name` with a hyphen for a dash.
        Case {
            text: "\"Nothing about this plan adds up for the families,\" -Rita Olsen",
            want: &[("\"Nothing about this plan adds up for the families,\"", "Rita Olsen", "Rita Olsen", "-", "quote-dash-speaker")],
        },
        // A speaker introduced with a colon on the line before.
        Case {
            text: "The county clerk wrote on Friday:\n\"Every ballot will be counted by hand before the result is announced.\"",
            want: &[("\"Every ballot will be counted by hand before the result is announced.\"", "The county clerk", "", "wrote", "intro-colon-quote")],
        },
        // A nested quote stays inside its speaker's quote.
        Case {
            text: "\"The mayor told me, 'We will not raise the fare this year,' and I believed her,\" said commuter Ali Demir.",
            want: &[("\"The mayor told me, 'We will not raise the fare this year,' and I believed her,\"", "commuter Ali Demir", "Ali Demir", "said", "quote-cue-speaker")],
        },
        // Scare quotes and titles of works are not claims.
        Case {
            text: "The so-called \"fair deal\" was signed by both sides. The band played \"Born to Run\" at the end of the show.",
            want: &[],
        },
        // Reported speech on warned/argued/insisted/denied/estimated.
        Case {
            text: "The union argued the new rota was unsafe for night staff. Lee denied that he had met the lobbyist before the vote. Officials estimated that the repairs would cost four million dollars.",
            want: &[
                ("the new rota was unsafe for night staff", "The union", "", "argued", "speaker-cue-clause"),
                ("that he had met the lobbyist before the vote", "Lee", "Lee", "denied", "speaker-cue-that"),
                ("that the repairs would cost four million dollars", "Officials", "", "estimated", "speaker-cue-that"),
            ],
        },
        // A negated cue in a contraction is no claim.
        Case {
            text: "He's not claiming that the election was stolen by anyone.",
            want: &[],
        },
        // Titles and roles before a name; a role joined to its body.
        Case {
            text: "Sen. Elizabeth Warren said the bill would protect small savers. A spokesperson for the ministry said the talks would resume on Monday.",
            want: &[
                ("the bill would protect small savers", "Sen. Elizabeth Warren", "Elizabeth Warren", "said", "speaker-cue-clause"),
                ("the talks would resume on Monday", "A spokesperson for the ministry", "", "said", "speaker-cue-clause"),
            ],
        },
        // `it` and `the company` resolve to the organisation; a bare noun opens the clause.
        Case {
            text: "Orlen Steel Corp cut its forecast on Monday. It said demand for steel had fallen sharply. The company said prices would stay low.",
            want: &[
                ("demand for steel had fallen sharply", "It", "Orlen Steel Corp", "said", "speaker-cue-clause"),
                ("prices would stay low", "The company", "Orlen Steel Corp", "said", "speaker-cue-clause"),
            ],
        },
        // Title and surname resolve to the full name; `I`/`we` inside the quote never speak.
        Case {
            text: "Samuel Garman runs the port. Mr. Garman said the cranes were too old to repair. \"We are ready, and I know we will win,\" the coach said.",
            want: &[
                ("the cranes were too old to repair", "Mr. Garman", "Samuel Garman", "said", "speaker-cue-clause"),
                ("\"We are ready, and I know we will win,\"", "the coach", "", "said", "quote-speaker-cue"),
            ],
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

/// A pipeline that leaves out the grammar lists gets the English ones built in: the same
/// claims as `news-en`, which names them.
#[test]
fn grammar_lists_default_to_english() {
    let (_, source) = crate::lexicon::Resources::Embedded
        .read("news-en.toml")
        .unwrap();
    let grammar = [
        "determiners",
        "subject_pronouns",
        "according",
        "complementisers",
        "prepositions",
        "clause_openers",
        "auxiliaries",
        "between_speaker_and_cue",
        "negations",
        "time_words",
        "content_stops",
        "gendered_titles",
        "after_speaker",
    ];
    let stripped: String = source
        .lines()
        .filter(|line| !grammar.iter().any(|g| line.starts_with(&format!("{g} ="))))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(source.lines().count() - stripped.lines().count() >= grammar.len());
    let bare =
        Pipeline::from_toml("bare.toml", &stripped, crate::lexicon::Resources::Embedded).unwrap();
    let text = "Mr. Okafor did not say the bridge would close. According to the ministry, \
                exports fell by a third. Ms. Lind spoke. She said that the harbour has lost \
                half its trade, adding that ships wait. “Prices rose,” Ana Lind said.";
    let got = claims_with(&bare, text);
    assert!(got.len() >= 3, "{got:?}");
    assert_eq!(got, claims(text));
}

/// The per-thread memo of what the lists say of each word belongs to one lexicon: a pipeline
/// whose cue list lacks a verb does not inherit what another pipeline's list made of its forms.
#[test]
fn stem_memo_is_per_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let pipelines = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
    let (_, source) = crate::lexicon::Resources::Embedded
        .read("news-en.toml")
        .unwrap();
    let with_cues = |name: &str, entries: &str| {
        let path = dir.path().join(name);
        let header = "# test cues\n# source: written for this test\n# license: MIT\n";
        std::fs::write(&path, format!("{header}{entries}\n")).unwrap();
        let toml = source.replace("lexicons/en/cues.txt", path.to_str().unwrap());
        Pipeline::from_toml(
            name,
            &toml,
            crate::lexicon::Resources::Dir(pipelines.clone()),
        )
        .unwrap()
    };
    // Only the base form is listed: "warned" is found through its stem.
    let warn = with_cues("warn.txt", "warn +clause");
    let say = with_cues("say.txt", "say says said saying +clause");
    let text = "Ana Lind warned that the harbour would close.";
    for _ in 0..2 {
        let warned = claims_with(&warn, text);
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert_eq!(warned[0].3, "warned");
        assert_eq!(claims_with(&say, text), vec![]);
    }
}

/// German word order, cues and quotation marks with `news-de`: sentences written for the
/// test, one pattern each.
#[test]
fn german_patterns() {
    let pipeline = Pipeline::built_in("news-de").unwrap();
    type Want<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);
    let cases: &[(&str, &[Want<'static>])] = &[
        (
            "Die Ärztin Miriam Kohl leitet die Klinik. „Wir haben genug Betten“, sagte Kohl.",
            &[(
                "„Wir haben genug Betten“",
                "Kohl",
                "Miriam Kohl",
                "sagte",
                "quote-cue-speaker",
            )],
        ),
        (
            "Feuerwehrchef Stefan Brandt sagte: „Der Brand ist unter Kontrolle.“",
            &[(
                "„Der Brand ist unter Kontrolle.“",
                "Feuerwehrchef Stefan Brandt",
                "Stefan Brandt",
                "sagte",
                "speaker-cue-quote",
            )],
        ),
        (
            "»Die Straße bleibt bis Freitag gesperrt«, so Polizeisprecher Jonas Reiter.",
            &[(
                "»Die Straße bleibt bis Freitag gesperrt«",
                "Polizeisprecher Jonas Reiter",
                "Jonas Reiter",
                "so",
                "quote-cue-speaker",
            )],
        ),
        (
            "Nina Falk ist Ökonomin. „Die Preise steigen“, sagte sie, „und die Löhne nicht.“",
            &[(
                "„Die Preise steigen“ „und die Löhne nicht.“",
                "sie",
                "Nina Falk",
                "sagte",
                "quote-split",
            )],
        ),
        (
            "Bürgermeisterin Petra Lang sagte, dass die Brücke im Mai wieder öffnet.",
            &[(
                "dass die Brücke im Mai wieder öffnet",
                "Bürgermeisterin Petra Lang",
                "Petra Lang",
                "sagte",
                "speaker-cue-that",
            )],
        ),
        (
            "Laut Ministerin Eva Roth ist der Haushalt ausgeglichen.",
            &[(
                "ist der Haushalt ausgeglichen",
                "Ministerin Eva Roth",
                "Eva Roth",
                "Laut",
                "according-to-first",
            )],
        ),
        (
            "Nach Angaben der Polizei wurden drei Menschen leicht verletzt.",
            &[(
                "wurden drei Menschen leicht verletzt",
                "der Polizei",
                "",
                "Nach Angaben",
                "according-to-first",
            )],
        ),
        (
            "Der Haushalt ist laut Ministerin Eva Roth ausgeglichen.",
            &[(
                "Der Haushalt ist ausgeglichen",
                "Ministerin Eva Roth",
                "Eva Roth",
                "laut",
                "according-to-aside",
            )],
        ),
        (
            "Markus Feld leitet den Verein. Er sagte, die Saison sei schwierig gewesen.",
            &[(
                "die Saison sei schwierig gewesen",
                "Er",
                "Markus Feld",
                "sagte",
                "speaker-cue-clause",
            )],
        ),
        (
            "Sabine Ott führt die Firma. Frau Ott betonte, dass niemand entlassen werde.",
            &[(
                "dass niemand entlassen werde",
                "Frau Ott",
                "Sabine Ott",
                "betonte",
                "speaker-cue-that",
            )],
        ),
        // The speaker before a postposition flagged `+after`.
        (
            "Dem Bericht zufolge sind die Mieten gestiegen.",
            &[(
                "sind die Mieten gestiegen",
                "Dem Bericht",
                "",
                "zufolge",
                "according-to-first",
            )],
        ),
        // ... and inside the sentence, which runs on around it.
        (
            "Die Mieten sind dem Bericht zufolge gestiegen.",
            &[(
                "Die Mieten sind gestiegen",
                "dem Bericht",
                "",
                "zufolge",
                "according-to-aside",
            )],
        ),
        // `sie` is a woman, a group or any feminine noun: here a company.
        (
            "Die Lohmann AG baut Stellen ab. Sie teilte mit, dass 200 Stellen wegfallen.",
            &[(
                "dass 200 Stellen wegfallen",
                "Sie",
                "Lohmann AG",
                "teilte",
                "speaker-cue-that",
            )],
        ),
        // A plural cue form makes `sie` they: not the woman named last.
        (
            "Klaus Brenner und Petra Lang leiten den Betriebsrat. „Wir kämpfen weiter“, sagten sie.",
            &[("„Wir kämpfen weiter“", "sie", "", "sagten", "quote-cue-speaker")],
        ),
        // Herr and a surname resolve to the full name.
        (
            "Klaus Brenner ist Bauer. Herr Brenner sagte: „Der Regen kam zu spät.“",
            &[(
                "„Der Regen kam zu spät.“",
                "Herr Brenner",
                "Klaus Brenner",
                "sagte",
                "speaker-cue-quote",
            )],
        ),
        // A negated cue reports nothing.
        ("Tobias Wendt sagte nicht, dass er zurücktreten werde.", &[]),
        // The verb second, the subject after it.
        (
            "Am Montag erklärte der Trainer Lukas Berg, die Mannschaft sei bereit.",
            &[(
                "die Mannschaft sei bereit",
                "der Trainer Lukas Berg",
                "Lukas Berg",
                "erklärte",
                "speaker-cue-clause",
            )],
        ),
        // A separable verb: the particle closes the clause after the speaker.
        (
            "Lukas Berg ist Trainer. „Wir sind sehr zufrieden“, fügte er hinzu.",
            &[(
                "„Wir sind sehr zufrieden“",
                "er",
                "Lukas Berg",
                "fügte",
                "quote-cue-speaker",
            )],
        ),
        (
            "Das Ministerium teilte mit, dass die Schulen am Montag öffnen.",
            &[(
                "dass die Schulen am Montag öffnen",
                "Das Ministerium",
                "",
                "teilte",
                "speaker-cue-that",
            )],
        ),
        // A nested ‚…‘ stays inside its quote.
        (
            "„Die Kunden riefen: ‚Endlich wieder offen‘“, sagte Händler Jan Vogt.",
            &[(
                "„Die Kunden riefen: ‚Endlich wieder offen‘“",
                "Händler Jan Vogt",
                "Jan Vogt",
                "sagte",
                "quote-cue-speaker",
            )],
        ),
    ];
    for (text, want) in cases {
        let got = claims_with(&pipeline, text);
        let got: Vec<Want> = got
            .iter()
            .map(|(a, b, c, d, e)| (a.as_str(), b.as_str(), c.as_str(), d.as_str(), e.as_str()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// Checks, for each text, the speaker and rule of the claim whose content holds `fragment`.
fn check_speakers(cases: &[(&str, &str, &str, &str)]) {
    for &(text, fragment, speaker, rule) in cases {
        let all = claims(text);
        let claim = all
            .iter()
            .find(|c| c.0.contains(fragment))
            .unwrap_or_else(|| panic!("no claim holds {fragment:?} in {text:?}: {all:?}"));
        assert_eq!(
            (claim.1.as_str(), claim.4.as_str()),
            (speaker, rule),
            "{text}"
        );
    }
}

/// Quotes no cue rule attributes get the speaker their position gives.
#[test]
fn speakers_by_position() {
    check_speakers(&[
        // a speaker after the quote with a verb that is not a cue
        (
            "“We will fix the roof before winter,” Ines Moreau, the caretaker, waved at the crowd.",
            "fix the roof",
            "Ines Moreau",
            "quote-speaker-verb",
        ),
        // an aside holding a quote of its own between the speaker and the verb
        (
            "“We have had better summers than this one,” Ohio activist Bill Easton, wearing a hat that read “Corn Power,” said quietly.",
            "better summers",
            "Ohio activist Bill Easton",
            "quote-speaker-verb",
        ),
        // the subject of the sentence the quote stands in, whatever the verb
        (
            "The teacher thanked the volunteers for “keeping every shelf in order for thirty years.”",
            "every shelf",
            "The teacher",
            "subject-verb-quote",
        ),
        (
            "Walking past the mill, Tomas Berg pondered whether “any of these looms will run again this year.”",
            "these looms",
            "Tomas Berg",
            "subject-verb-quote",
        ),
        // an age before the name
        (
            "19-year-old Petra Lind echoed the mood: “We came here for the music and stayed for the people.”",
            "stayed for",
            "19-year-old Petra Lind",
            "subject-colon-quote",
        ),
        // a document as the speaker
        (
            "An early memo quoted the director as warning “the budget will not stretch past the spring.”",
            "the budget",
            "An early memo",
            "subject-verb-quote",
        ),
        // a quote signed on the next line with a dash
        (
            "“We will rebuild the pier before the summer season starts.”\n\n- Ana Ruiz, Port Lee.",
            "rebuild the pier",
            "Ana Ruiz",
            "quote-dash-speaker",
        ),
        // "As Ruiz put it": the name after `as` is the subject
        (
            "As Ana Ruiz put it, “The pier comes first, and the boardwalk can wait a year.”",
            "The pier",
            "Ana Ruiz",
            "subject-verb-quote",
        ),
        // a subject no list names, read up to its auxiliary
        (
            "Her oldest neighbours have mocked the fence, calling it “the ugliest thing on the whole street.”",
            "ugliest thing",
            "Her oldest neighbours",
            "subject-verb-quote",
        ),
        // a line ending in a colon before the quote's paragraph
        (
            "Rosa Quint went on:\n\n“The ferry has run late every day this month, and nobody answers.”",
            "The ferry",
            "Rosa Quint",
            "colon-line-quote",
        ),
        (
            "Fewer farms sold this year - more from Aldo Petri:\n\n“Prices held steady even as the number of buyers fell by half.”",
            "Prices held",
            "Aldo Petri",
            "colon-line-quote",
        ),
    ]);
}

/// A quote nobody is named for keeps an empty speaker.
#[test]
fn unattributed_quote_keeps_no_speaker() {
    check_speakers(&[(
        "The bakery closed. “Nothing lasts forever in this town, not even bread.”",
        "Nothing lasts",
        "",
        "quote-unattributed",
    )]);
}

/// Asides, times and documents between or around a speaker and the cue, and a tail between
/// the cue and the second piece of a split quote.
#[test]
fn speakers_past_asides() {
    check_speakers(&[
        // a bracketed party and state after the name, with and without a comma
        (
            "“We owe the valley a new bridge,” Rep. Nora Field (D-Ore.) said.",
            "new bridge",
            "Rep. Nora Field",
            "quote-speaker-cue",
        ),
        (
            "Gov. Kate Brandt (R-Ida.), said the tax “will not pass this session at all.”",
            "will not pass",
            "Gov. Kate Brandt",
            "speaker-cue-clause",
        ),
        // an age and a hometown after the name
        (
            "“The mill kept this town alive,” Mark Ruiz, 34, of Salem, said.",
            "mill kept",
            "Mark Ruiz",
            "quote-speaker-cue",
        ),
        // a time between the speaker and the cue
        (
            "Mark Ruiz on Tuesday said the levy would fund two new schools.",
            "the levy",
            "Mark Ruiz",
            "speaker-cue-clause",
        ),
        (
            "Dora Pike last week said the ferry would stop running in March.",
            "the ferry",
            "Dora Pike",
            "speaker-cue-clause",
        ),
        // a clause opened by a conjunction or preposition is not the subject
        (
            "While the council met, Ruiz said, “We will not give up on the harbour plan.”",
            "give up",
            "Ruiz",
            "speaker-cue-quote",
        ),
        (
            "For the third time this year, Ruiz told reporters the levy “would not pass at all.”",
            "not pass",
            "Ruiz",
            "speaker-cue-clause",
        ),
        // four asides between the name and the cue
        (
            "“Both plans scare me,” Harry Bond, 30, of Tulsa, Okla., who was among those asked, said later.",
            "Both plans",
            "Harry Bond",
            "quote-speaker-cue",
        ),
        // a digest line: a heading, a dash and the name before a colon
        (
            "RAIN KEEPS FARMERS HOME - Ada Brun: “Fields stayed flooded for most of the spring, and planting came late.”",
            "Fields stayed",
            "Ada Brun",
            "colon-line-quote",
        ),
        // a document's issuer speaks
        (
            "The union issued a statement saying, “Our members will not accept this offer.”",
            "Our members",
            "The union",
            "speaker-cue-quote",
        ),
    ]);
    // The second piece of a split quote after a time, place or topic tail.
    for (text, pieces) in [
        (
            "“The roads will stay shut,” he said Tuesday in Salem, “until the snow is gone.”",
            "“The roads will stay shut,” “until the snow is gone.”",
        ),
        (
            "“To the extent they listen,” she said of the council, “they will be annoyed.”",
            "“To the extent they listen,” “they will be annoyed.”",
        ),
        (
            "“Nothing was settled,” Sen. Ada Marsh (D-Vt.) said Friday. “We meet again next week.”",
            "“Nothing was settled,” “We meet again next week.”",
        ),
    ] {
        let got = claims(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, pieces, "{text}");
    }
}

/// Speakers in the news forms the rules above missed or misread.
#[test]
fn speakers_in_news_forms() {
    check_speakers(&[
        // a participle after a quote goes on with the subject's speech: what follows it is
        // content, never the speaker
        (
            "The mayor said the budget was “tight,” noting that it is “the smallest the town has seen in twenty years.”",
            "the smallest",
            "The mayor",
            "subject-verb-quote",
        ),
        // a role joined to a name by a preposition
        (
            "The senator from Vermont said the bridge “must be rebuilt before the winter comes.”",
            "must be rebuilt",
            "The senator from Vermont",
            "speaker-cue-clause",
        ),
        // a quoted paragraph after an attribution that ends with a relative clause on its
        // speaker floats on that speaker
        (
            "“There is nothing left to fix,” said Ana Ruiz, who thinks often about the mill.\n\n“We rebuilt it twice, and I would do it again.”",
            "rebuilt it twice",
            "",
            "floating-quote",
        ),
        // datelines are not subjects
        (
            "Washington (AFP) – Senator Ana Ruiz took aim at the plan, saying that “it will cost far more than anyone admits.”",
            "cost far more",
            "Senator Ana Ruiz",
            "speaker-cue-that",
        ),
        (
            "DECATUR, Ill. — Sen. Ana Ruiz went after the plan, calling it “a waste of money and of everyone's time.”",
            "a waste of money",
            "Sen. Ana Ruiz",
            "speaker-names-quote",
        ),
        // a clause opened by a conjunction has its own subject
        (
            "When Ruiz later turned to the harbour and said it would “open again by the summer,” the crowd cheered.",
            "open again",
            "Ruiz",
            "speaker-cue-clause",
        ),
        // a capitalised grammar word is no speaker; a document after `From` is
        (
            "From the report: “Most of the wells in the valley were tested twice last year.”",
            "Most of the wells",
            "the report",
            "colon-line-quote",
        ),
        // a newspaper speaks; `According to X:` opens a quote as its comma does
        (
            "According to the newspaper, “the harbour will need dredging every spring from now on.”",
            "harbour will need",
            "the newspaper",
            "according-to-first",
        ),
        (
            "According to the Valley Post: “The harbour will need dredging every spring from now on.”",
            "harbour will need",
            "the Valley Post",
            "according-to-first",
        ),
        // a participle goes on with the speech before it
        (
            "“The levy is fair,” Ruiz said on KXL's \"Morning Desk,\" adding, “Nobody has shown me a better way to pay for schools.”",
            "Nobody has shown",
            "Ruiz",
            "speaker-cue-quote",
        ),
        (
            "“The levy is fair to everyone,” Ruiz said before adding: “Nobody has shown me a better way.”",
            "Nobody has shown",
            "Ruiz",
            "speaker-cue-quote",
        ),
        (
            "Later in the hearing, Ruiz stated that the levy “was fair.” Adding, “Nobody has shown me a better way to pay.”",
            "Nobody has shown",
            "Ruiz",
            "speaker-cue-quote",
        ),
        // a short quote is speech when its position names someone, and the quote after
        // its attribution goes on with it
        (
            "“Not a chance,” Ruiz grinned. “We have counted every ballot twice already.”",
            "counted every ballot",
            "Ruiz",
            "quote-speaker-verb",
        ),
        // a quote with a speaker named right after it does not float
        (
            "“We will win this,” Ruiz said.\n\n“Not with these numbers you won't,” Okafor shot back.",
            "these numbers",
            "Okafor",
            "quote-speaker-verb",
        ),
        // a sentence of attribution alone after a quote that ends its own sentence
        (
            "“The budget is settled. We vote next week.” said council member Ana Ruiz when asked about the plan.",
            "We vote next week",
            "council member Ana Ruiz",
            "quote-cue-speaker",
        ),
        (
            "“We will rebuild the pier before the summer.” Ana Ruiz, the harbour master, wrote in March.",
            "rebuild the pier",
            "Ana Ruiz",
            "quote-speaker-cue",
        ),
        (
            "“I am calling from the campaign. How are you today?” Ana Ruiz, a retired nurse, said pleasantly into the phone.",
            "How are you",
            "Ana Ruiz",
            "quote-speaker-cue",
        ),
        // a cue word after a possessive is a noun (unless `that` follows)
        (
            "The mayor called Ruiz's remarks on the levy “a new low for this council.”",
            "a new low",
            "The mayor",
            "speaker-cue-mixed",
        ),
        (
            "He’s predicting he will do “very, very well” in the next vote.",
            "very well",
            "He",
            "speaker-cue-clause",
        ),
        // another speaker's attribution after a comma ends a content clause
        (
            "After Ruiz argued that the levy was too high, Okafor said only that the numbers “don't add up at all.”",
            "don't add up",
            "Okafor",
            "speaker-cue-that",
        ),
        // a sentence of attribution alone before a quote
        (
            "The council met on Monday.\n\nMayor Ana Ruiz agreed. “The levy is the only way to pay for the new school.”",
            "The levy is",
            "Mayor Ana Ruiz",
            "cue-line-quote",
        ),
        (
            "Tom Okafor said in a statement on Friday. “Nobody on the council wanted this outcome.”",
            "Nobody on the council",
            "Tom Okafor",
            "cue-line-quote",
        ),
        // a misdirected closing mark closes its quote, so the quote after it goes on
        (
            "“Apparently not,“ he said. “A leopard doesn’t change its spots.”",
            "A leopard",
            "he",
            "quote-speaker-cue",
        ),
        // a participle after a comma goes on with the attribution right before it
        (
            "Ruiz and Okafor will meet next week, Spicer said, adding, “They need to sit down and have a good talk.”",
            "sit down",
            "Spicer",
            "speaker-cue-quote",
        ),
        // a phrase after a preposition is an object: the subject speaks
        (
            "Ana Ruiz answered the question on Facebook writing, “Yes, I will fix the roads this year.”",
            "fix the roads",
            "Ana Ruiz",
            "speaker-cue-quote",
        ),
        (
            "Her campaign sent an email to supporters stating, “The council vote is a win for every family.”",
            "a win for",
            "Her campaign",
            "speaker-cue-quote",
        ),
        // `As X …,` with a subject of its own after the comma; `Here in Salem,` opens no subject
        (
            "As Okafor spoke, the crowd chanted, “Fix the roads now, fix them now!”",
            "Fix the roads",
            "the crowd",
            "speaker-cue-quote",
        ),
        (
            "Here in Salem, Ruiz stepped up her attacks, saying, “The council has failed every family in town.”",
            "has failed",
            "Ruiz",
            "speaker-cue-quote",
        ),
        (
            "As Ana Ruiz, the mayor, put it: “The bridge comes first, and the boardwalk can wait.”",
            "bridge comes first",
            "Ana Ruiz",
            "subject-verb-quote",
        ),
        // a paragraph that is a quote after a line about a named person
        (
            "Ana Ruiz praised the crew for their work on the bridge.\n\n“Nobody here took a day off all winter.”",
            "Nobody here",
            "Ana Ruiz",
            "subject-line-quote",
        ),
        // an adverb like `since` between the subject and the verb
        (
            "Ruiz has since apologized for the delay: “I should have told the council much sooner.”",
            "should have told",
            "Ruiz",
            "subject-verb-quote",
        ),
        // a place after a place is no speaker; a given name after a comma is
        (
            "Cory James, 22, of Flint, Mich., said the vote “was never going to be close at all.”",
            "never going",
            "Cory James",
            "speaker-cue-clause",
        ),
        (
            "Speaking at a town hall in Salem, New Hampshire, Ruiz went after Okafor, calling him “a total stiff on every issue.”",
            "a total stiff",
            "Ruiz",
            "speaker-names-quote",
        ),
        (
            "The leader of the Valley League, Jonathan Greene, warned that the ban “would be unacceptable to every member.”",
            "unacceptable",
            "Jonathan Greene",
            "speaker-cue-that",
        ),
        // a title with the body it is of
        (
            "Former Secretary of State Ana Ruiz urged voters to turn out, saying, “Every vote counts this year.”",
            "Every vote",
            "Former Secretary of State Ana Ruiz",
            "speaker-cue-quote",
        ),
        // a verb and its object after a name are no role words
        (
            "The vote went on.\n\nAna Ruiz urged voters on Tuesday, saying, “Every vote counts this year, and every vote matters.”",
            "Every vote",
            "Ana Ruiz",
            "speaker-cue-quote",
        ),
        // `but said` shares the subject; a noun for people may be the subject
        (
            "The case went on.\n\nA spokesman for the mill declined to address the report but said in a statement that “the mill did not, at any time, break the rules.”",
            "did not",
            "A spokesman",
            "speaker-cue-that",
        ),
        (
            "The case went on.\n\nAttorneys for the mill opposed the effort, saying in court files that the records were private and “have never been public.”",
            "never been public",
            "Attorneys",
            "speaker-cue-that",
        ),
        // an inverted cue opening its clause before a quote; not one that takes an object
        (
            "Because of how the council set the schedule, explained Ana Ruiz, “the vote will be over by March.”",
            "over by March",
            "Ana Ruiz",
            "speaker-cue-quote",
        ),
        (
            "Hours later, Okafor returned the favour, telling Reuters, “Ana and I have been friends for a long time.”",
            "friends for a long time",
            "Okafor",
            "speaker-cue-quote",
        ),
        // a place before a colon is no speaker; the subject of the line is
        (
            "The council met.\n\nRuiz has taken the view common among mayors in coastal towns: “The harbour comes before the roads.”",
            "harbour comes",
            "Ruiz",
            "subject-verb-quote",
        ),
        // a question and a short sentence of a name and its verb, then the quote going on
        (
            "“Would it be negotiable at all?” Okafor pressed. “Maybe some of the plan could stay.”",
            "Maybe some",
            "Okafor",
            "quote-speaker-verb",
        ),
        // a bracketed party and state between the name and its colon
        (
            "The hearing went on.\n\nRep. Ana Ruiz (D-Ore.): “I have not heard anyone else cite that figure.”",
            "heard anyone",
            "Rep. Ana Ruiz",
            "speaker-colon-quote",
        ),
        // a sentence opened by the cue, the name and an aside before the quote
        (
            "The old mill was turned into a museum. Said Dora Pike, who grew up on the same street, “We were all so proud of it.”",
            "so proud",
            "Dora Pike",
            "speaker-cue-quote",
        ),
        // `and then` between a second verb and the subject it shares
        (
            "“We think the message will carry,” Ruiz said at a news conference, and then predicted: “Turnout is going to grow.”",
            "Turnout is",
            "Ruiz",
            "speaker-cue-quote",
        ),
        // a place and a day after the opening phrase, then a subject with a determiner
        (
            "At the town hall meeting in Hudson, New Hampshire Monday, the Ruiz supporter retorted: “There is no plan at all.”",
            "no plan",
            "the Ruiz supporter",
            "speaker-cue-quote",
        ),
        // lowercase role words before the name after an inverted cue
        (
            "“Thanks for coming out tonight,” said master of ceremonies Ana Ruiz, a baker from Salem.",
            "Thanks for coming",
            "master of ceremonies Ana Ruiz",
            "quote-cue-speaker",
        ),
    ]);
    let got = claims("Secretary of State Ana Ruiz said, “Every vote counts this year.”");
    assert_eq!(got[0].2, "Ana Ruiz");
    // a quote after reported speech in its paragraph goes on with that claim
    let got = claims(
        "The levy was fair to every family, Ruiz said. “Nobody has shown me a better way to pay.”",
    );
    assert_eq!(
        (got.len(), got[0].0.as_str(), got[0].1.as_str()),
        (
            1,
            "The levy was fair to every family “Nobody has shown me a better way to pay.”",
            "Ruiz"
        )
    );
    let got = claims("“Not a chance,” Ruiz grinned. “We have counted every ballot twice.”");
    assert_eq!(
        got[0].0,
        "“Not a chance,” “We have counted every ballot twice.”"
    );
}

/// Short quotes with no one named, and names and titles, are not claims.
#[test]
fn titles_and_terms_are_not_claims() {
    for text in [
        "The mayor released a memo titled “The Facts on Where the Vote Stands.”",
        "The fair, billed as “The Biggest Show in the Valley,” opened on Friday.",
        "The storm was, in a word, “biblical.” Nobody had seen the like.",
        "This sentiment echoed “all the way down.”",
        // a passive naming cue reports nothing of its subject
        "The new fund will informally be dubbed “the Harbour Rescue Plan” by its backers.",
        "The so called “harbour plan” was never put to a vote.",
    ] {
        assert_eq!(claims(text), Vec::new(), "{text}");
    }
}
