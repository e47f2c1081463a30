//! Every built-in stage through `claimsift::testing`: alone, inside the default pipeline and
//! on random input, on sentences written for this test.

use claimsift::testing::StageTest;
use claimsift::Pipeline;

/// Texts that exercise each stage's paths, with why each is here.
const TEXTS: &[&str] = &[
    // an empty article and one of only white space
    "",
    " \n\n\t",
    // a plain quote with its speaker, a title and a pronoun later
    "Dr. Lena Ortiz runs the clinic. “We open at eight,” Ortiz said. She added that it is busy.",
    // a quote running over two paragraphs, reopened and closed only at the end
    "“The first part runs on here\n\n“and ends in the second paragraph,” said the mayor.",
    // unbalanced marks and a stray closing one
    "He said “this never closes.\n\n” Then nothing. 'odd",
    // reported speech and an assertion with money and a percentage
    "According to the council, rents rose 12% last year. The budget is $4.5 billion.",
    // multi-byte text around the marks
    "« Ça va », dit Zoë. „Gut“, sagte Jürgen. 「はい」と彼は言った。",
];

#[test]
fn built_in_stages_keep_their_promises() {
    let pipeline = Pipeline::default_pipeline().unwrap();
    let names: Vec<&str> = pipeline.stages().map(|s| s.name()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    for stage in pipeline.stages() {
        StageTest::new(stage).check(TEXTS);
    }
}

/// The German pipeline's stages, with its word order switches on, the same way: German
/// sentences written for this test, then random text.
#[test]
fn german_stages_keep_their_promises() {
    let texts = [
        "„Wir bleiben“, sagte sie, „und kämpfen.“ Am Montag erklärte der Trainer Lukas Berg, \
         die Mannschaft sei bereit.",
        "Zufolge. Laut, so: »Ja«, fügte er hinzu. Dem Bericht zufolge sank der Umsatz.",
        "Die Lage ist laut Ministerin Eva Roth ernst. Herr Ott sagte nicht, dass er geht.",
        "„Sie riefen: ‚Wir bleiben‘“, sagten sie. Das Landratsamt teilte mit, dass …",
    ];
    let german = || Pipeline::built_in("news-de").unwrap();
    for stage in german().stages() {
        StageTest::with_pipeline(stage, german()).check(&texts);
    }
}
