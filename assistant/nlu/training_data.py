"""Reading NLU training data written in Rasa's YAML format (version 3.x).

The file holds a list under ``nlu:`` of blocks, each one of

- ``intent: NAME`` with ``examples: |`` lines ``- text``, where entities are marked
  ``[lệ phí](detail_aspect)`` or ``[thứ hai]{"entity": "choice", "value": "2"}``;
- ``synonym: VALUE`` with examples that mean that value ("bao nhiêu tiền" -> "lệ phí");
- ``lookup: NAME`` or ``regex: NAME`` with example lines (checked here, used by a Rasa server).

Anything else is refused with ``BadInput`` naming the block, so that a broken file is
reported here rather than by a Rasa server at deployment.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.nlu.base import Entity
from knowledge.errors import BadInput
from knowledge.text import fold

DEFAULT_TRAINING_FILE = Path(__file__).resolve().parent / "data" / "nlu.yml"

_BLOCK_KINDS = ("intent", "synonym", "lookup", "regex")
_MARKUP = re.compile(r"\[(?P<text>[^\]]+?)\](?:\((?P<entity>[^)]*)\)|\{(?P<attributes>[^}]*)\})")
_NAME = re.compile(r"\w+")


@dataclass(frozen=True)
class Example:
    """One training message: plain text (markup removed) and its entity spans."""

    intent: str
    text: str
    entities: tuple[Entity, ...]


@dataclass(frozen=True)
class TrainingData:
    examples: tuple[Example, ...]
    synonyms: dict[str, str]  # lower-cased written form -> canonical value

    @property
    def intents(self) -> list[str]:
        """Intent names in the order of the file."""
        return list(dict.fromkeys(e.intent for e in self.examples))

    def entity_types_by_intent(self) -> dict[str, frozenset[str]]:
        """For each intent, the entity types annotated in its examples."""
        types: dict[str, set[str]] = defaultdict(set)
        for example in self.examples:
            types[example.intent].update(e.entity for e in example.entities)
        return {intent: frozenset(types[intent]) for intent in self.intents}


def _canonical(text: str, synonyms: Mapping[str, str]) -> str:
    """The value a span means: its synonym's value or a value written otherwise ("Phí", "le phi"
    -> "lệ phí"), compared without case and diacritics as the entity extractor does; else itself."""
    values = {fold(value): value for value in synonyms.values()}
    values.update({fold(form): value for form, value in synonyms.items()})
    return values.get(fold(text), text)


def parse_example(line: str, intent: str, synonyms: Mapping[str, str]) -> Example:
    """Strip Rasa entity markup from one example line, keeping the spans it marked."""
    plain: list[str] = []
    entities: list[Entity] = []
    position = 0
    cursor = 0
    for match in _MARKUP.finditer(line):
        plain.append(line[cursor:match.start()])
        position += match.start() - cursor
        text = match.group("text")
        entity, value = _entity_and_value(match, line)
        entities.append(Entity(entity, value or _canonical(text, synonyms), position, position + len(text), text))
        plain.append(text)
        position += len(text)
        cursor = match.end()
    plain.append(line[cursor:])
    return Example(intent, "".join(plain), tuple(entities))


def _entity_and_value(match: re.Match[str], line: str) -> tuple[str, str | None]:
    if match.group("attributes") is None:
        entity, value = match.group("entity").strip(), None
    else:
        try:
            attributes = json.loads("{" + match.group("attributes") + "}")
        except json.JSONDecodeError as exc:
            raise BadInput(f"nlu: entity attributes are not valid JSON in {line!r}: {exc}") from None
        if not isinstance(attributes, dict):
            raise BadInput(f"nlu: entity attributes must be a JSON object in {line!r}")
        entity, value = str(attributes.get("entity", "")), attributes.get("value")
        value = None if value is None else str(value)
    if not _NAME.fullmatch(entity):
        raise BadInput(f"nlu: bad entity name {entity!r} in {line!r} (write [text](entity_name))")
    return entity, value


def _example_lines(block: dict, label: str) -> list[str]:
    examples = block.get("examples")
    if not isinstance(examples, str):
        raise BadInput(f"nlu: {label} needs an 'examples: |' block of '- text' lines")
    lines = []
    for raw in examples.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("- ") or not line[2:].strip():
            raise BadInput(f"nlu: {label}: example lines start with '- ' followed by text, got {raw!r}")
        lines.append(line[2:].strip())
    if not lines:
        raise BadInput(f"nlu: {label} has no examples")
    return lines


def _blocks(document: object, source: str) -> list[tuple[str, str, dict]]:
    if not isinstance(document, dict) or "nlu" not in document:
        raise BadInput(f"{source}: not Rasa NLU data (no 'nlu:' list)")
    version = document.get("version")
    if not isinstance(version, str) or not re.fullmatch(r"3\.\d+", version):
        raise BadInput(f'{source}: needs version: "3.1" (a quoted 3.x string), got {version!r}')
    if not isinstance(document["nlu"], list):
        raise BadInput(f"{source}: 'nlu:' must be a list of blocks")
    blocks = []
    for index, block in enumerate(document["nlu"], start=1):
        kinds = [k for k in _BLOCK_KINDS if isinstance(block, dict) and k in block]
        if len(kinds) != 1:
            raise BadInput(f"{source}: block {index} must have exactly one of {', '.join(_BLOCK_KINDS)}")
        name = block[kinds[0]]
        if not isinstance(name, str) or not name.strip():
            raise BadInput(f"{source}: block {index} has an empty {kinds[0]} name")
        blocks.append((kinds[0], name.strip(), block))
    return blocks


def load_training_data(path: Path = DEFAULT_TRAINING_FILE, known_synonyms: Mapping[str, str] | None = None) -> TrainingData:
    """Read and check a Rasa NLU file; raise ``BadInput`` with the reason when it is not valid.

    ``known_synonyms`` (e.g. the training data's, when reading held-out messages) resolve
    entity values besides the file's own synonyms.
    """
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"cannot read NLU training data {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise BadInput(f"{path}: not valid YAML: {exc}") from None
    blocks = _blocks(document, str(path))
    synonyms: dict[str, str] = dict(known_synonyms or {})
    for kind, name, block in blocks:
        lines = _example_lines(block, f"{kind} {name!r}")
        if kind == "synonym":
            synonyms.update({line.lower(): name for line in lines})
    examples = [
        parse_example(line, name, synonyms)
        for kind, name, block in blocks
        if kind == "intent"
        for line in _example_lines(block, f"intent {name!r}")
    ]
    if not examples:
        raise BadInput(f"{path}: no intent examples")
    return TrainingData(tuple(examples), synonyms)
