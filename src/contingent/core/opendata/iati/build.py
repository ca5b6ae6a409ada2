"""Serialise ``IatiActivity`` values to an IATI 2.03 ``iati-activities`` document with lxml.

Element order follows the 2.03 XSD sequence (access.md §4.2): iati-identifier, reporting-org,
title, description, participating-org+, activity-status, activity-date+, recipient-country,
sector, transaction*. Currency is declared once per activity (``@default-currency="USD"``);
each ``value`` carries its ``@value-date`` (required by the XSD). Datetimes are aware UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from contingent.core.canonical import iso_utc
from contingent.core.opendata.iati.model import IatiActivity, IatiOrg, IatiTransaction

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def build_iati_activities(activities: Sequence[IatiActivity], generated_at: datetime) -> bytes:
    root = etree.Element("iati-activities", version="2.03")
    root.set("generated-datetime", iso_utc(generated_at))
    for activity in activities:
        root.append(_activity(activity))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _narrative(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    etree.SubElement(element, "narrative").text = text
    return element


def _org(parent: etree._Element, tag: str, org: IatiOrg, **extra: str) -> None:
    attrs = dict(extra)
    if org.ref:
        attrs["ref"] = org.ref
    if org.type_code:
        attrs["type"] = org.type_code
    _narrative(parent, tag, org.name, **attrs)


def _activity(a: IatiActivity) -> etree._Element:
    element = etree.Element("iati-activity")
    element.set(XML_LANG, "en")
    element.set("default-currency", "USD")
    element.set("last-updated-datetime", iso_utc(a.last_updated))
    element.set("humanitarian", "1" if a.humanitarian else "0")
    etree.SubElement(element, "iati-identifier").text = a.identifier
    _org(element, "reporting-org", a.reporting_org)
    _narrative(element, "title", a.title)
    _narrative(element, "description", a.description, type="1")
    for org, role in a.participating:
        _org(element, "participating-org", org, role=role)
    etree.SubElement(element, "activity-status", code=a.status_code)
    etree.SubElement(
        element, "activity-date", {"type": "1", "iso-date": a.planned_start.isoformat()}
    )
    if a.planned_end is not None:
        etree.SubElement(
            element, "activity-date", {"type": "3", "iso-date": a.planned_end.isoformat()}
        )
    if a.recipient_country:
        etree.SubElement(element, "recipient-country", code=a.recipient_country, percentage="100")
    for sector in a.sectors:
        etree.SubElement(
            element,
            "sector",
            vocabulary=sector.vocabulary,
            code=sector.code,
            percentage=format(sector.percentage, "f"),
        )
    for transaction in a.transactions:
        element.append(_transaction(transaction))
    return element


def _transaction(t: IatiTransaction) -> etree._Element:
    element = etree.Element("transaction")
    if t.ref:
        element.set("ref", t.ref)
    etree.SubElement(element, "transaction-type", code=t.kind.value)
    etree.SubElement(element, "transaction-date", {"iso-date": t.day.isoformat()})
    value = etree.SubElement(element, "value", {"value-date": t.day.isoformat()})
    value.text = format(t.value_usd, "f")
    if t.description:
        _narrative(element, "description", t.description)
    if t.provider is not None:
        _org(element, "provider-org", t.provider)
    if t.receiver is not None:
        _org(element, "receiver-org", t.receiver)
    return element
