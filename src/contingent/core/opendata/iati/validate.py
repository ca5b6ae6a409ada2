"""``validate_iati``: the 2.03 XSD *and* the codelists, which the XSD does not check.

Reference data is read from the shared data directory passed in (``<data>/iati-schemas-2.03``
and ``<data>/iati-codelists-2.03``), never fetched: the parser runs with ``no_network=True``
and entity resolution off, and the schemas are local files (the XSD's ``xml.xsd`` import is
resolved next to it).

Stages, in order; a stage that cannot run stops the rest:
1. ``xml`` — the bytes parse as XML and carry no DOCTYPE (entities are never expanded);
2. ``schema`` — root ``iati-activities`` is validated against ``iati-activities-schema.xsd``,
   root ``iati-organisations`` against ``iati-organisations-schema.xsd``, anything else is refused;
3. ``codelist`` — for every ``mapping`` in ``mapping.xml`` (XPath → codelist, with an optional
   condition on the element, e.g. ``@vocabulary = '2'``) each selected value must be a code of
   that codelist. Unknown codes are errors for lists marked ``complete="1"`` and warnings for
   open lists (``complete="0"``, e.g. Country, Language); codes marked ``withdrawn`` are warnings.
   Mapped codelists absent from the data directory are reported once as warnings, never skipped
   silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from contingent.core.opendata.problems import Problem, Severity

SCHEMAS_DIR = "iati-schemas-2.03"
CODELISTS_DIR = "iati-codelists-2.03"
_ROOT_SCHEMAS = {
    "iati-activities": "iati-activities-schema.xsd",
    "iati-organisations": "iati-organisations-schema.xsd",
}


@dataclass(frozen=True, slots=True)
class Codelist:
    name: str
    complete: bool
    active: frozenset[str]
    withdrawn: frozenset[str]


@dataclass(frozen=True, slots=True)
class CodelistRule:
    xpath: str  # selects the values (attributes or text nodes)
    codelist: str
    path: str  # as written in mapping.xml, for messages
    condition: str | None


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@lru_cache(maxsize=4)
def _schema(data_dir: str, filename: str) -> etree.XMLSchema:
    path = Path(data_dir) / SCHEMAS_DIR / filename
    return etree.XMLSchema(etree.parse(str(path), _safe_parser()))


@lru_cache(maxsize=2)
def load_codelist_rules(data_dir: str) -> tuple[CodelistRule, ...]:
    mapping = etree.parse(str(Path(data_dir) / CODELISTS_DIR / "mapping.xml"), _safe_parser())
    rules = []
    for element in mapping.iterfind("mapping"):
        path = element.findtext("path", "").strip()
        ref = element.find("codelist").get("ref")
        condition = (element.findtext("condition") or "").strip() or None
        rules.append(CodelistRule(_xpath_for(path, condition), ref, path, condition))
    return tuple(rules)


def _xpath_for(path: str, condition: str | None) -> str:
    """Put the condition on the element that owns the attribute or text being checked."""
    owner, _, leaf = path.rpartition("/")
    if condition is None:
        return path
    return f"{owner}[{condition}]/{leaf}"


@lru_cache(maxsize=2)
def load_codelists(data_dir: str) -> dict[str, Codelist]:
    lists: dict[str, Codelist] = {}
    for folder in ("embedded", "non-embedded"):
        for path in sorted((Path(data_dir) / CODELISTS_DIR / folder).glob("*.xml")):
            root = etree.parse(str(path), _safe_parser()).getroot()
            active: set[str] = set()
            withdrawn: set[str] = set()
            for item in root.iter("codelist-item"):
                code = (item.findtext("code") or "").strip()
                (withdrawn if item.get("status") == "withdrawn" else active).add(code)
            name = root.get("name") or path.stem
            lists[name] = Codelist(
                name, root.get("complete") == "1", frozenset(active), frozenset(withdrawn)
            )
    return lists


def validate_iati(xml_bytes: bytes, data_dir: Path) -> list[Problem]:
    """All problems found, in stage order; an empty list means the file is valid."""
    try:
        tree = etree.fromstring(xml_bytes, _safe_parser()).getroottree()
    except etree.XMLSyntaxError as error:
        return [Problem("xml", "xml.syntax", str(error), line=error.lineno)]
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        # IATI files have no DTD; entities are never expanded (no XXE) and an unexpanded entity
        # node makes libxml2's schema validator fail internally, so refuse the file outright.
        return [Problem("xml", "xml.doctype", "a DOCTYPE is not allowed in an IATI file", "/")]
    root_tag = tree.getroot().tag
    if root_tag not in _ROOT_SCHEMAS:
        return [Problem("schema", "schema.root", f"root element {root_tag!r} is not IATI", "/")]
    schema = _schema(str(data_dir), _ROOT_SCHEMAS[root_tag])
    try:
        valid = schema.validate(tree)
    except etree.XMLSchemaValidateError as error:
        return [Problem("schema", "schema.internal", str(error), "/")]
    if not valid:
        return [
            Problem("schema", "schema.invalid", e.message, e.path or "", line=e.line)
            for e in schema.error_log
        ]
    return check_codelists(tree, data_dir)


def check_codelists(tree: etree._ElementTree, data_dir: Path) -> list[Problem]:
    lists = load_codelists(str(data_dir))
    problems: list[Problem] = []
    missing: set[str] = set()
    for rule in load_codelist_rules(str(data_dir)):
        codelist = lists.get(rule.codelist)
        for value in tree.xpath(rule.xpath):
            if codelist is None:
                missing.add(rule.codelist)
                continue
            problem = _check_value(str(value), value, codelist, rule)
            if problem is not None:
                problems.append(problem)
    for name in sorted(missing):
        problems.append(
            Problem(
                "codelist",
                "codelist.unavailable",
                f"codelist {name} is not in the data directory",
                severity=Severity.WARNING,
            )
        )
    return problems


def _check_value(text: str, node: object, codelist: Codelist, rule: CodelistRule) -> Problem | None:
    code = text.strip()
    if code in codelist.active:
        return None
    owner = node.getparent() if hasattr(node, "getparent") else None  # lxml smart string
    where = owner.getroottree().getpath(owner) if owner is not None else rule.path
    line = owner.sourceline if owner is not None else None
    if code in codelist.withdrawn:
        return Problem(
            "codelist",
            "codelist.withdrawn",
            f"{code!r} is withdrawn from {codelist.name} ({rule.path})",
            where,
            line,
            Severity.WARNING,
        )
    return Problem(
        "codelist",
        "codelist.not_in_list",
        f"{code!r} is not a code of {codelist.name} ({rule.path})",
        where,
        line,
        Severity.ERROR if codelist.complete else Severity.WARNING,
    )
