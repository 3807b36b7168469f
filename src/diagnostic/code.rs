//! Every kind of problem Faro reports, with a stable code (`E0102`) and a
//! name (`unknown-key`).
//!
//! The message of a diagnostic may be reworded at any time; its code may not.
//! Tests match on codes, editors search the guide (`docs/diagnostics.md`) for
//! them, and a code once published is never given to another kind of problem:
//! a kind that goes away leaves its number unused. Numbers are grouped by the
//! area of the site the problem is in (the hundreds), and the letter says
//! whether the problem stops the build (`E`) or is a warning (`W`). One code
//! covers one kind of problem wherever it is found: an unknown key is
//! `unknown-key` in front matter, in `site.yaml` and in a data file alike.

use std::fmt;

use super::Severity;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $letter:ident $number:literal $name:literal,)*) => {
        /// A kind of problem; see the module's doc.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The number, unique among all codes whatever their letter.
            pub fn number(self) -> u16 {
                match self {
                    $(Code::$variant => $number,)*
                }
            }

            /// The name in kebab case (`unknown-key`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Whether a problem of this kind stops the build.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => codes!(@severity $letter),)*
                }
            }
        }
    };
    (@severity E) => { Severity::Error };
    (@severity W) => { Severity::Warning };
}

codes! {
    // YAML and the values every data file shares: 01xx.
    /// The YAML cannot be read (quotes, indentation, a stray `:`).
    YamlSyntax = E 101 "yaml-syntax",
    /// A key that the file does not take (`titel` for `title`).
    UnknownKey = E 102 "unknown-key",
    /// A value of the wrong form: text where a number goes, one item where a list goes.
    WrongType = E 103 "wrong-type",
    /// A required key is missing (a page's `title`, an entry's `answered_by`).
    MissingKey = E 104 "missing-key",
    /// The same key twice in one mapping.
    DuplicateKey = E 105 "duplicate-key",
    /// A word that is not one of the words a key accepts (`kind`, `topics`, `chart`, …).
    UnknownValue = E 106 "unknown-value",
    /// A list that must hold at least one item is empty.
    EmptyList = E 107 "empty-list",
    /// A text is missing in one of the site's languages.
    MissingLanguageText = E 108 "missing-language-text",
    /// A web address that is not one (no `https://`, spaces).
    BadWebAddress = E 109 "bad-web-address",
    /// A date not written as YYYY-MM-DD.
    BadDate = E 110 "bad-date",
    /// A language code that is not a lowercase BCP 47 code.
    BadLanguageCode = E 111 "bad-language-code",

    // Site settings (`content/site.yaml`): 02xx.
    /// The folder has no `content/site.yaml`.
    NoSiteSettings = E 201 "no-site-settings",
    /// `languages` lists no language.
    NoLanguages = E 202 "no-languages",
    /// A language is listed twice under `languages`.
    DuplicateLanguage = E 203 "duplicate-language",
    /// A language code that is not one of the site's languages.
    UnknownLanguage = E 204 "unknown-language",
    /// `base_url` is not a usable address.
    BadBaseUrl = E 205 "bad-base-url",
    /// `exit_url` is not an https:// address, or lacks a language.
    BadExitUrl = E 206 "bad-exit-url",
    /// `theme` is not a folder name.
    BadThemeName = E 207 "bad-theme-name",
    /// A language's `fallback` cannot be followed.
    BadFallback = E 208 "bad-fallback",
    /// `base_url` is still the example address.
    PlaceholderBaseUrl = W 209 "placeholder-base-url",

    // Pages and front matter: 03xx.
    /// A page does not start with `---`.
    NoFrontMatter = E 301 "no-front-matter",
    /// The front matter has no closing `---`.
    UnclosedFrontMatter = E 302 "unclosed-front-matter",
    /// A page's file name has no language (`signs.md` for `signs.en.md`).
    NoLanguageSuffix = E 303 "no-language-suffix",
    /// A slug, file name or folder name that cannot be part of an address.
    BadSlug = E 304 "bad-slug",
    /// An alias that is not an old address of this site.
    BadAlias = E 305 "bad-alias",
    /// Two pages or files would be written to the same address.
    DuplicateUrl = E 306 "duplicate-url",
    /// An invisible control character in a page.
    ControlCharacter = E 307 "control-character",
    /// Lists, quotes or emphasis nested too deep.
    TooDeeplyNested = E 308 "too-deeply-nested",
    /// A file in `content/` that Faro does not read.
    UnusedFile = W 309 "unused-file",
    /// A story without `consent: true` (it is not published).
    StoryWithoutConsent = W 310 "story-without-consent",
    /// A story with consent but no `consent_source`.
    ConsentWithoutSource = W 311 "consent-without-source",
    /// A page still has the text `faro new` wrote.
    PlaceholderText = W 312 "placeholder-text",

    // Links and Markdown: 04xx.
    /// A link to a page that does not exist or is not published.
    BrokenLink = E 401 "broken-link",
    /// An image or file link to something `static/` does not hold.
    MissingStaticFile = E 402 "missing-static-file",
    /// An HTML comment `<!--` without `-->`.
    UnclosedHtmlComment = E 403 "unclosed-html-comment",
    /// HTML written in a page when the site does not allow it.
    RawHtml = E 404 "raw-html",
    /// An image without alt text.
    ImageWithoutAlt = E 405 "image-without-alt",
    /// A link to a `#part` of a page that has no such heading.
    MissingAnchor = W 406 "missing-anchor",
    /// A second level-1 heading (`# …`) in a page.
    ExtraTitleHeading = W 407 "extra-title-heading",
    /// A heading that skips a level (`##` then `####`).
    SkippedHeadingLevel = W 408 "skipped-heading-level",
    /// A table without a header row.
    TableWithoutHeader = W 409 "table-without-header",
    /// A link with no text.
    EmptyLinkText = W 410 "empty-link-text",
    /// A link whose text does not say where it leads ("click here").
    VagueLinkText = W 411 "vague-link-text",
    /// A `javascript:` link.
    ScriptLink = W 412 "script-link",
    /// HTML that runs code or loads another page.
    UnsafeHtml = W 413 "unsafe-html",
    /// A phone number in a page that no directory entry has.
    NumberNotInDirectory = W 414 "number-not-in-directory",

    // The help directory: 05xx.
    /// The directory has no `regions.yaml`.
    NoRegionsFile = E 501 "no-regions-file",
    /// Two entries share an id.
    DuplicateId = E 502 "duplicate-id",
    /// An id that is not lowercase letters, digits and hyphens.
    BadId = E 503 "bad-id",
    /// An area that `regions.yaml` does not name.
    UnknownRegion = E 504 "unknown-region",
    /// A country code that is not ISO 3166-1 alpha-2.
    BadCountryCode = E 505 "bad-country-code",
    /// A subdivision code that is not ISO 3166-2, or under the wrong country.
    BadSubdivisionCode = E 506 "bad-subdivision-code",
    /// A region listed twice in `regions.yaml`.
    DuplicateRegion = E 507 "duplicate-region",
    /// A time zone that is not an IANA name.
    BadTimeZone = E 508 "bad-time-zone",
    /// A phone number or short code that cannot be dialled as written.
    BadPhoneNumber = E 509 "bad-phone-number",
    /// A Mexican number in a form that no longer works (01, 044, +52 1).
    ObsoletePhonePrefix = E 510 "obsolete-phone-prefix",
    /// An email address that is not a plain address.
    BadEmail = E 511 "bad-email",
    /// Opening hours that cannot be read.
    BadHours = E 512 "bad-hours",
    /// `verified` is a day after today.
    FutureVerifiedDate = E 513 "future-verified-date",
    /// An entry last verified more than a year ago.
    StaleEntry = W 514 "stale-entry",

    // Statistics: 06xx.
    /// A chart block names a data set that does not exist.
    UnknownDataSet = E 601 "unknown-data-set",
    /// A chart block names a data set that has errors.
    DataSetHasErrors = E 602 "data-set-has-errors",
    /// A chart block names a data set that is a draft.
    DraftDataSet = E 603 "draft-data-set",
    /// A value that is not a number.
    NotANumber = E 604 "not-a-number",
    /// A value below zero where a count goes.
    NegativeValue = E 605 "negative-value",
    /// A value too large to draw.
    ValueTooLarge = E 606 "value-too-large",
    /// A stacked chart whose values add up to zero.
    EmptyStack = E 607 "empty-stack",
    /// The values do not add up to the declared `total`.
    TotalMismatch = W 608 "total-mismatch",

    // Theme and templates: 07xx.
    /// The theme named in `site.yaml` does not exist.
    MissingTheme = E 701 "missing-theme",
    /// The theme lacks a file it needs (a template, its stylesheet, its strings for a language).
    MissingThemeFile = E 702 "missing-theme-file",
    /// A template cannot be read or run.
    TemplateError = E 703 "template-error",
    /// The theme's CSS cannot be read.
    CssError = E 704 "css-error",
    /// An interface string defined twice.
    DuplicateInterfaceString = E 705 "duplicate-interface-string",
    /// An interface string missing in one language.
    MissingInterfaceString = E 706 "missing-interface-string",

    // Files and output: 08xx.
    /// A file or folder that cannot be read.
    UnreadableFile = E 801 "unreadable-file",
    /// A file that is not saved as UTF-8.
    NotUtf8 = E 802 "not-utf8",
    /// An address too long for a QR code.
    QrCodeTooLong = E 803 "qr-code-too-long",

    // Translations: 09xx.
    /// A PO or XLIFF file that cannot be read.
    UnreadableTranslationFile = E 901 "unreadable-translation-file",
    /// A PO entry without the msgctxt that says where it goes.
    TranslationWithoutContext = E 902 "translation-without-context",
    /// A translation file for a language that cannot be imported.
    WrongTranslationLanguage = E 903 "wrong-translation-language",
    /// A translation of a text the site no longer has.
    UnknownText = E 904 "unknown-text",
    /// The source text changed after the file was exported.
    SourceChangedSinceExport = E 905 "source-changed-since-export",
    /// The translation in the site changed after the file was exported.
    TranslationChangedSinceExport = E 906 "translation-changed-since-export",
    /// A translation that drops a placeholder, link or chart of its source.
    LostPlaceholder = E 907 "lost-placeholder",
    /// An imported translation cannot be written into its file.
    CannotWriteTranslation = E 908 "cannot-write-translation",
    /// A translation made from an older source text.
    OutdatedTranslation = W 909 "outdated-translation",
    /// A language shows texts from its fallback.
    PartlyTranslated = W 910 "partly-translated",
    /// A translated page kept the source's title.
    UntranslatedTitle = W 911 "untranslated-title",
}

impl Code {
    /// `E0102`: the letter of the severity and the number in four digits.
    pub fn id(self) -> String {
        let letter = match self.severity() {
            Severity::Error => 'E',
            Severity::Warning => 'W',
        };
        format!("{letter}{:04}", self.number())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_ids_are_four_digits() {
        for code in Code::ALL {
            assert!(code.name().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{code}");
            assert!((100..10_000).contains(&code.number()), "{code}");
        }
        assert_eq!(Code::UnknownKey.id(), "E0102");
        assert_eq!(Code::StaleEntry.to_string(), "W0514 stale-entry");
    }
}
