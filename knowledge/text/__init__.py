"""Vietnamese text layer: normalisation, diacritic folding, abbreviations, tokens."""
from knowledge.text.abbreviations import ABBREVIATIONS, expand_abbreviations, folded_question
from knowledge.text.normalize import fold, fold_aligned, fold_word, has_diacritics, normalize, shorten, strip_tones
from knowledge.text.stopwords import STOPWORDS, content_tokens
from knowledge.text.thesaurus import expand_query, legal_terms_for
from knowledge.text.tokenize import folded_syllables, segmented_words, syllables, with_bigrams

__all__ = [
    "ABBREVIATIONS",
    "STOPWORDS",
    "content_tokens",
    "expand_abbreviations",
    "expand_query",
    "fold",
    "fold_aligned",
    "fold_word",
    "folded_question",
    "folded_syllables",
    "has_diacritics",
    "legal_terms_for",
    "normalize",
    "segmented_words",
    "shorten",
    "strip_tones",
    "syllables",
    "with_bigrams",
]
