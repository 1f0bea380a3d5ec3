use super::*;
use proptest::prelude::*;

fn input<'a>(title: Value<'a>, description: Value<'a>) -> RawInput<'a> {
    RawInput {
        activity_type: Value::Text("Call"),
        title,
        description,
        author_id: Value::Absent,
        author_name: Value::Absent,
    }
}

fn codes(issues: &[ValidationIssue]) -> Vec<(&'static str, &'static str)> {
    issues
        .iter()
        .map(|i| (i.field.name(), i.detail.code()))
        .collect()
}

fn title_issues(title: &str) -> Vec<ValidationIssue> {
    validate_field(Field::Title, Value::Text(title))
}

#[test]
fn a_complete_valid_input_has_no_issues_and_parses() {
    let raw = RawInput {
        activity_type: Value::Text("Email"),
        title: Value::Text("Sent the 2026 quote - pump"),
        description: Value::Text("Emoji are fine here 🏊"),
        author_id: Value::Text("u-1"),
        author_name: Value::Null,
    };
    assert_eq!(validate_input(&raw), vec![]);
    let parsed = parse_input(&raw).unwrap();
    assert_eq!(parsed.activity_type, ActivityType::Email);
    assert_eq!(parsed.author_id.as_deref(), Some("u-1"));
    assert_eq!(parsed.author_name, None);
    assert_eq!(parsed.issues(), vec![]);
}

#[test]
fn type_is_required_and_one_of_four_case_sensitive() {
    for blank in [Value::Absent, Value::Null, Value::Text("")] {
        assert_eq!(
            codes(&validate_field(Field::Type, blank)),
            [("type", "required")]
        );
    }
    let issues = validate_field(Field::Type, Value::Text("call"));
    assert_eq!(
        issues[0].detail,
        IssueDetail::InvalidOption {
            options: vec!["Call".into(), "Text".into(), "Email".into(), "Other".into()].into()
        }
    );
    assert_eq!(
        issues[0].message,
        "Type must be one of Call, Text, Email, Other."
    );
    for name in ACTIVITY_TYPES {
        assert_eq!(validate_field(Field::Type, Value::Text(name)), vec![]);
    }
    assert_eq!(
        codes(&validate_field(Field::Type, Value::Other)),
        [("type", "invalid_type")]
    );
}

#[test]
fn title_missing_empty_or_whitespace_only_is_required_alone() {
    for blank in ["", " ", "   ", "\t", " \u{A0}\u{2003}\u{3000}\n"] {
        let issues = title_issues(blank);
        assert_eq!(codes(&issues), [("title", "required")], "{blank:?}");
        assert_eq!(issues[0].message, "Title is required.");
    }
    for blank in [Value::Absent, Value::Null] {
        assert_eq!(
            codes(&validate_field(Field::Title, blank)),
            [("title", "required")]
        );
    }
    // U+FEFF is not whitespace for .NET (nor for Rust): it is an invalid character.
    assert_eq!(
        codes(&title_issues("\u{FEFF}")),
        [("title", "invalid_characters")]
    );
}

#[test]
fn title_length_counts_utf16_units_up_to_sixty() {
    assert_eq!(title_issues(&"a".repeat(60)), vec![]);
    let issues = title_issues(&"a".repeat(61));
    assert_eq!(
        issues[0].detail,
        IssueDetail::TooLong {
            max: 60,
            actual: 61
        }
    );
    assert_eq!(
        issues[0].message,
        "Title must be at most 60 characters; it has 61."
    );
    // 59 letters and one emoji (two UTF-16 units) is 61: too long, and the emoji is not allowed.
    let issues = title_issues(&format!("{}😀", "a".repeat(59)));
    assert_eq!(
        codes(&issues),
        [("title", "too_long"), ("title", "invalid_characters")]
    );
    assert_eq!(
        issues[0].detail,
        IssueDetail::TooLong {
            max: 60,
            actual: 61
        }
    );
}

#[test]
fn title_allows_only_ascii_letters_digits_hyphen_and_space() {
    assert_eq!(title_issues("Pump-repair call 2 at 10 AM"), vec![]);
    assert_eq!(title_issues("-"), vec![]);
    assert_eq!(title_issues(" leading and trailing "), vec![]);
    let issues = title_issues("Café_visit_é – ok\t😀");
    assert_eq!(
        issues,
        vec![ValidationIssue {
            field: Field::Title,
            detail: IssueDetail::InvalidCharacters {
                characters: ["é", "_", "–", "\t", "😀"].map(IssueText::from).to_vec()
            },
            message: "Title may contain only letters A-Z, digits 0-9, hyphens and spaces; \
                      remove \"é\", \"_\", \"–\", U+0009, \"😀\"."
                .into()
        }]
    );
}

#[test]
fn invalid_characters_message_lists_five_and_counts_the_rest() {
    let issues = title_issues("a.b,c;d:e!f?g");
    assert_eq!(
        issues[0].message,
        "Title may contain only letters A-Z, digits 0-9, hyphens and spaces; \
         remove \".\", \",\", \";\", \":\", \"!\" and 1 more."
    );
    let IssueDetail::InvalidCharacters { characters } = &issues[0].detail else {
        panic!("{issues:?}")
    };
    assert_eq!(characters.len(), 6);
}

#[test]
fn description_is_optional_and_at_most_300_units() {
    for absent in [Value::Absent, Value::Null, Value::Text("")] {
        assert_eq!(validate_field(Field::Description, absent), vec![]);
    }
    let exact = "é".repeat(300);
    assert_eq!(
        validate_field(Field::Description, Value::Text(&exact)),
        vec![]
    );
    let long = format!("{}🏊", "x".repeat(299));
    let issues = validate_field(Field::Description, Value::Text(&long));
    assert_eq!(
        issues[0].detail,
        IssueDetail::TooLong {
            max: 300,
            actual: 301
        }
    );
    assert_eq!(
        issues[0].message,
        "Description must be at most 300 characters; it has 301."
    );
}

#[test]
fn every_non_string_value_is_invalid_type_naming_string() {
    for field in Field::INPUT {
        for other in [Value::Other, Value::Unreadable] {
            let issues = validate_field(field, other);
            assert_eq!(
                issues,
                vec![ValidationIssue::new(
                    field,
                    IssueDetail::InvalidType {
                        expected: "string".into()
                    }
                )]
            );
        }
    }
    assert_eq!(
        validate_field(Field::AuthorName, Value::Other)[0].message,
        "Author name must be a string."
    );
}

#[test]
fn authors_accept_any_string() {
    for author in ["", "System", "Zoë O'Brien 🏊", &"x".repeat(5000)] {
        assert_eq!(validate_field(Field::AuthorId, Value::Text(author)), vec![]);
        assert_eq!(
            validate_field(Field::AuthorName, Value::Text(author)),
            vec![]
        );
    }
}

#[test]
fn all_issues_are_reported_at_once_in_field_order() {
    let raw = RawInput {
        activity_type: Value::Text("Fax"),
        title: Value::Text(&"_".repeat(70)),
        description: Value::Text(&"d".repeat(301)),
        author_id: Value::Other,
        author_name: Value::Other,
    };
    assert_eq!(
        codes(&validate_input(&raw)),
        [
            ("type", "invalid_option"),
            ("title", "too_long"),
            ("title", "invalid_characters"),
            ("description", "too_long"),
            ("authorId", "invalid_type"),
            ("authorName", "invalid_type"),
        ]
    );
    assert_eq!(parse_input(&raw).unwrap_err().len(), 6);
}

#[test]
fn non_objects_and_unknown_fields_have_their_own_issues() {
    let issue = ValidationIssue::not_an_object();
    assert_eq!(
        (issue.field.name(), issue.detail.code()),
        ("input", "invalid_type")
    );
    assert_eq!(issue.message, "The activity must be an object.");
    let issues = validate_field(Field::CustomerId, Value::Text("x"));
    assert_eq!(issues, vec![ValidationIssue::unknown_field()]);
    assert_eq!(
        issues[0].message,
        "Unknown field; the fields are type, title, description, authorId, authorName."
    );
    assert_eq!(Field::input_field("authorName"), Some(Field::AuthorName));
    assert_eq!(Field::input_field("AuthorName"), None);
}

#[test]
fn only_type_and_title_read_the_text_and_a_length_never_passes_them() {
    let reading: Vec<_> = Field::INPUT.iter().filter(|f| f.reads_text()).collect();
    assert_eq!(reading, [&Field::Type, &Field::Title]);
    for field in [Field::Type, Field::Title] {
        for length in [0, 4, 20] {
            assert_eq!(
                codes(&validate_field(field, Value::Length(length))),
                [(field.name(), "invalid_type")]
            );
        }
    }
    assert_eq!(
        codes(&validate_field(Field::Description, Value::Length(301))),
        [("description", "too_long")]
    );
    assert_eq!(
        validate_field(Field::AuthorName, Value::Length(1 << 20)),
        vec![]
    );
}

#[test]
fn many_distinct_characters_are_each_listed_once_in_order() {
    // Past 32 distinct non-ASCII characters a set takes over from comparing with the list.
    let distinct: Vec<char> = ('\u{4E00}'..='\u{4E63}').collect();
    let title: String = distinct
        .iter()
        .chain(&distinct)
        .chain(['_', '_', '!'].iter())
        .collect();
    let issues = title_issues(&title);
    let IssueDetail::InvalidCharacters { characters } = &issues[1].detail else {
        panic!("{issues:?}");
    };
    let expected: Vec<String> = distinct
        .iter()
        .chain(['_', '!'].iter())
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        characters.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn the_details_are_the_issues_without_their_messages() {
    let raw = RawInput {
        activity_type: Value::Text("Fax"),
        title: Value::Text("Pool_party!"),
        description: Value::Length(301),
        author_id: Value::Other,
        author_name: Value::Null,
    };
    let mut details = vec![];
    input_details(&raw, &mut Vec::new(), |field, detail| {
        details.push(ValidationIssue::new(field, detail.clone()))
    });
    assert_eq!(details, validate_input(&raw));
    assert_eq!(details.len(), 4);
    let issue = &details[1];
    assert_eq!(issue_message(issue.field, &issue.detail), issue.message);
}

#[test]
fn issues_serialize_with_code_and_parameters_beside_field_and_message() {
    let issue = &title_issues(&"a".repeat(61))[0];
    let json = serde_json::to_value(issue).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "field": "title", "code": "too_long", "max": 60, "actual": 61,
            "message": "Title must be at most 60 characters; it has 61."
        })
    );
    let back: ValidationIssue = serde_json::from_value(json).unwrap();
    assert_eq!(&back, issue);
}

#[test]
fn constants_agree_with_the_rules() {
    assert_eq!(TITLE_MAX_LENGTH, 60);
    assert_eq!(DESCRIPTION_MAX_LENGTH, 300);
    assert_eq!(ACTIVITY_TYPES, ["Call", "Text", "Email", "Other"]);
    assert!(TITLE_PATTERN.contains(&format!("{{1,{TITLE_MAX_LENGTH}}}")));
    // The unbounded form differs only in the bound (one or more, the length checked apart).
    assert_eq!(
        TITLE_PATTERN_UNBOUNDED.replacen('+', &format!("{{1,{TITLE_MAX_LENGTH}}}"), 1),
        TITLE_PATTERN
    );
    assert!(TITLE_PATTERN_UNBOUNDED.ends_with("]+"));
    for c in (0u8..=127).map(char::from) {
        let in_pattern_class = c.is_ascii_alphanumeric() || c == '-' || c == ' ';
        assert_eq!(is_title_char(c), in_pattern_class, "{c:?}");
    }
    let names: Vec<_> = Field::INPUT.iter().map(|f| f.name()).collect();
    assert_eq!(names, INPUT_FIELD_NAMES);
    for (i, field) in Field::ALL.iter().enumerate() {
        assert_eq!(*field as usize, i);
    }
}

// ---- property tests against an independent oracle ----

/// The whitespace of .NET's `char.IsWhiteSpace`, listed from its documentation rather than
/// derived from Rust's `char::is_whitespace`.
const DOTNET_WHITESPACE: &[char] = &[
    '\t', '\n', '\u{B}', '\u{C}', '\r', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

const TITLE_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789- ";

#[derive(Debug, PartialEq)]
struct TitleVerdict {
    required: bool,
    too_long: Option<usize>,
    invalid: Vec<char>,
}

fn title_oracle(s: &str) -> TitleVerdict {
    if s.chars().all(|c| DOTNET_WHITESPACE.contains(&c)) {
        return TitleVerdict {
            required: true,
            too_long: None,
            invalid: vec![],
        };
    }
    let units = s.encode_utf16().count();
    let mut invalid: Vec<char> = vec![];
    for c in s.chars() {
        if !TITLE_ALPHABET.contains(c) && !invalid.contains(&c) {
            invalid.push(c);
        }
    }
    TitleVerdict {
        required: false,
        too_long: (units > 60).then_some(units),
        invalid,
    }
}

fn title_verdict(issues: &[ValidationIssue]) -> TitleVerdict {
    let mut verdict = TitleVerdict {
        required: false,
        too_long: None,
        invalid: vec![],
    };
    for issue in issues {
        assert_eq!(issue.field, Field::Title);
        match &issue.detail {
            IssueDetail::Required => verdict.required = true,
            IssueDetail::TooLong { max: 60, actual } => verdict.too_long = Some(*actual as usize),
            IssueDetail::InvalidCharacters { characters } => {
                verdict.invalid = characters
                    .iter()
                    .map(|c| c.chars().next().unwrap())
                    .collect();
            }
            other => panic!("unexpected title issue {other:?}"),
        }
    }
    verdict
}

/// Characters rich in the cases that trip validators: non-ASCII letters, emoji (two UTF-16
/// units), tabs, NBSP and other spaces, en-dash, underscores, line breaks.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::sample::select(TITLE_ALPHABET.chars().collect::<Vec<_>>()),
        1 => proptest::sample::select(vec!['é', 'ß', 'Ж', 'ñ', 'Ω', '中', 'ı', 'Å']),
        1 => proptest::sample::select(vec!['😀', '🏊', '👍', '\u{1F9FD}', '𝔸']),
        1 => proptest::sample::select(vec!['\t', '\u{A0}', '\u{2003}', '\u{3000}', '\n', '\u{FEFF}']),
        1 => proptest::sample::select(vec!['–', '—', '_', '.', '\'', '/', '‐']),
        1 => any::<char>(),
    ]
}

fn string_near(lengths: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(tricky_char(), lengths).prop_map(|cs| cs.into_iter().collect())
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        string_near(0..=4),
        string_near(55..=62),
        string_near(290..=302),
        // Mostly-whitespace strings, to probe the "required" rule.
        proptest::collection::vec(proptest::sample::select(DOTNET_WHITESPACE.to_vec()), 0..=5)
            .prop_map(|cs| cs.into_iter().collect()),
    ]
}

/// The title issues of `title` as a caller that keeps one spare list gets them.
fn title_details_with(spare: &mut Vec<IssueText>, title: &str) -> Vec<IssueDetail> {
    let mut details = vec![];
    field_details(Field::Title, Value::Text(title), spare, |_, detail| {
        details.push(detail.clone())
    });
    details
}

#[test]
fn a_kept_list_is_refilled_without_traces_of_the_last_title() {
    // Longer, shorter, other characters, and past the 32 after which the bit set takes over:
    // each title's characters are its own, whatever the list held before.
    let many: String = ('\u{4E00}'..='\u{4E63}').collect();
    let titles = [
        "Café_!",
        "é",
        "Pool_party!",
        "ß~~ß_é",
        &many,
        "Ünïcödé",
        "",
        "Fine",
        "Café_!",
    ];
    let mut spare = Vec::new();
    for title in titles {
        let kept = title_details_with(&mut spare, title);
        assert_eq!(
            kept,
            title_details_with(&mut Vec::new(), title),
            "{title:?}"
        );
        let fresh: Vec<_> = validate_field(Field::Title, Value::Text(title));
        assert_eq!(
            kept,
            fresh.into_iter().map(|i| i.detail).collect::<Vec<_>>()
        );
    }
    // The list of the last title with invalid characters is kept for the next one.
    assert!(spare.capacity() > 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_kept_list_gives_what_a_new_one_gives(a in tricky_string(), b in tricky_string()) {
        let mut spare = Vec::new();
        title_details_with(&mut spare, &a);
        prop_assert_eq!(title_details_with(&mut spare, &b), title_details_with(&mut Vec::new(), &b));
    }

    #[test]
    fn title_verdict_agrees_with_the_oracle(title in tricky_string()) {
        let raw = input(Value::Text(&title), Value::Absent);
        let issues = validate_input(&raw);
        prop_assert_eq!(title_verdict(&issues), title_oracle(&title));
    }

    #[test]
    fn description_verdict_agrees_with_the_oracle(description in tricky_string()) {
        let raw = input(Value::Text("Fine title"), Value::Text(&description));
        let issues = validate_input(&raw);
        let units = description.encode_utf16().count();
        if units > 300 {
            prop_assert_eq!(issues, vec![ValidationIssue::new(Field::Description, IssueDetail::TooLong {
                max: 300, actual: units as u32 })]);
        } else {
            prop_assert_eq!(issues, vec![]);
        }
    }

    #[test]
    fn validate_field_agrees_with_validate_input(
        title in tricky_string(),
        description in tricky_string(),
        type_name in proptest::sample::select(vec!["Call", "Other", "call", "", "Fax"]),
    ) {
        let raw = RawInput {
            activity_type: Value::Text(type_name),
            title: Value::Text(&title),
            description: Value::Text(&description),
            author_id: Value::Other,
            author_name: Value::Null,
        };
        let all = validate_input(&raw);
        for field in Field::INPUT {
            let alone = validate_field(field, raw.get(field));
            let from_all: Vec<ValidationIssue> = all.iter().filter(|i| i.field == field).cloned().collect();
            prop_assert_eq!(alone, from_all);
        }
    }

    /// What lets a shell skip copying the text of a field whose rule does not read it: giving
    /// such a field its length alone gives exactly the issues its text gives.
    #[test]
    fn a_length_stands_for_the_text_where_the_rule_reads_no_text(text in tricky_string()) {
        for field in Field::INPUT {
            let given = if field.reads_text() { Value::Text(&text) } else { Value::Length(utf16_len(&text)) };
            prop_assert_eq!(validate_field(field, given), validate_field(field, Value::Text(&text)));
        }
    }

    #[test]
    fn utf16_len_matches_encode_utf16(s in any::<String>()) {
        prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
    }
}
