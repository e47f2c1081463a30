//! Table-driven tests of where a claim's content starts and ends, on sentences written for
//! them: paraphrases before a quote, time phrases after a cue, a second report of the same
//! speaker, cue words used as nouns, and naming claims.

use super::tests::claims;

/// (content, speaker, cue, rule) of a claim.
type Want = (&'static str, &'static str, &'static str, &'static str);

fn check(cases: &[(&str, &[Want])]) {
    for (text, want) in cases {
        let got: Vec<(String, String, String, String)> = claims(text)
            .into_iter()
            .map(|(content, speaker, _, cue, rule)| (content, speaker, cue, rule))
            .collect();
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn paraphrase_before_a_quote_is_part_of_the_claim() {
    check(&[
        // a sentence that a short quote finishes, attributed after the quote
        (
            "The new ferry timetable is “a small miracle,” Nora Falk said.",
            &[(
                "The new ferry timetable is “a small miracle,”",
                "Nora Falk",
                "said",
                "quote-speaker-cue",
            )],
        ),
        // one quoted word, the speaker after the cue
        (
            "Rents in the old town are “absurd,” said Pim Dekker.",
            &[(
                "Rents in the old town are “absurd,”",
                "Pim Dekker",
                "said",
                "quote-cue-speaker",
            )],
        ),
        // a quote that opens its sentence stays alone
        (
            "“The harbour will stay open,” Nora Falk said.",
            &[(
                "“The harbour will stay open,”",
                "Nora Falk",
                "said",
                "quote-speaker-cue",
            )],
        ),
        // a colon introduces the quote: the words before it are not content
        (
            "Nora Falk had one answer: “Wait and see,” she said.",
            &[("“Wait and see,”", "she", "said", "quote-speaker-cue")],
        ),
    ]);
}

#[test]
fn content_keeps_that() {
    check(&[(
        "Auditor Ruth Bell said on Friday that the accounts were in order.",
        &[(
            "that the accounts were in order",
            "Auditor Ruth Bell",
            "said",
            "speaker-cue-that",
        )],
    )]);
}

#[test]
fn time_phrase_after_the_cue_is_not_content() {
    check(&[
        (
            "Ortiz said on Thursday he “had delivered the letter to the court.”",
            &[(
                "he “had delivered the letter to the court.”",
                "Ortiz",
                "said",
                "speaker-cue-clause",
            )],
        ),
        (
            "Lina Park said last week the mill would close in spring.",
            &[(
                "the mill would close in spring",
                "Lina Park",
                "said",
                "speaker-cue-clause",
            )],
        ),
        (
            "Lina Park said earlier this month, the mill would close in spring.",
            &[(
                "the mill would close in spring",
                "Lina Park",
                "said",
                "speaker-cue-clause",
            )],
        ),
    ]);
}

#[test]
fn a_second_report_of_the_same_speaker_is_its_own_claim() {
    check(&[(
        "Tom Reyes said the levy was fair and said that the council would keep it.",
        &[
            (
                "the levy was fair",
                "Tom Reyes",
                "said",
                "speaker-cue-clause",
            ),
            (
                "that the council would keep it",
                "Tom Reyes",
                "said",
                "speaker-cue-that",
            ),
        ],
    )]);
}

#[test]
fn a_cue_word_after_a_determiner_is_a_noun() {
    check(&[
        // `report` and `claim` are cues as verbs only
        (
            "The report that the mill would close worried the town.",
            &[],
        ),
        (
            "Her claim that the vote was rigged was dismissed by the court.",
            &[],
        ),
        (
            "The union said that the claim was false.",
            &[(
                "that the claim was false",
                "The union",
                "said",
                "speaker-cue-that",
            )],
        ),
    ]);
}

#[test]
fn a_naming_claim_runs_to_the_end_of_its_clause() {
    check(&[
        (
            "Ada Moss called the levy “a tax on hope” because it falls on the poorest families.",
            &[(
                "the levy “a tax on hope” because it falls on the poorest families",
                "Ada Moss",
                "called",
                "speaker-names-quote",
            )],
        ),
        // a clause that runs on too long keeps the naming only
        (
            "Ada Moss called the levy “a tax on hope” because it falls on the poorest families \
             of the valley, who have paid more each year since the mill closed and the river \
             flooded and the road washed out, while the owners of the big farms upstream paid \
             nothing at all.",
            &[(
                "the levy “a tax on hope”",
                "Ada Moss",
                "called",
                "speaker-names-quote",
            )],
        ),
    ]);
}

#[test]
fn an_appositive_after_the_speaker_is_not_content() {
    check(&[
        (
            "The new levy will hurt small shops, said Rita Gomez, who runs a bakery on the \
             high street and chairs the traders' association.",
            &[(
                "The new levy will hurt small shops",
                "Rita Gomez",
                "said",
                "content-cue-speaker",
            )],
        ),
        // a participle after the cue's tail opens another attribution
        (
            "Mira Holt studies rivers. The dam is failing, Holt said on Monday, noting that \
             the spillway had cracked.",
            &[
                ("The dam is failing", "Holt", "said", "content-speaker-cue"),
                (
                    "that the spillway had cracked",
                    "Holt",
                    "noting",
                    "speaker-cue-that",
                ),
            ],
        ),
    ]);
}

#[test]
fn a_split_quote_may_go_on_after_an_appositive() {
    check(&[(
        "“The ferry is late again,” said Olga Brandt, who chairs the commuters' group, “and \
         nobody tells us why.”",
        &[(
            "“The ferry is late again,” “and nobody tells us why.”",
            "Olga Brandt",
            "said",
            "quote-split",
        )],
    )]);
}
