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
