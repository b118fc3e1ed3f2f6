"""Vietnamese text layer: normalisation, diacritic folding, abbreviations, tokens."""
from knowledge.text.abbreviations import ABBREVIATIONS, expand_abbreviations
from knowledge.text.normalize import fold, fold_aligned, has_diacritics, normalize, strip_tones
from knowledge.text.tokenize import folded_syllables, segmented_words, syllables, with_bigrams

__all__ = [
    "ABBREVIATIONS",
    "expand_abbreviations",
    "fold",
    "fold_aligned",
    "folded_syllables",
    "has_diacritics",
    "normalize",
    "segmented_words",
    "strip_tones",
    "syllables",
    "with_bigrams",
]
