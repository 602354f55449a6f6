"""The closed vocabularies of the SPEC §4 record, defined once: what ``lang``, ``topics[].key``,
``events[].type``, ``published.calendar`` and a mention's ``kind`` may hold.

The extractors produce these values, the data files name them (``topics.tsv``, ``events.tsv``,
``months.tsv``), and the lake's schema documents them and its quality suites validate against
them; every one of them imports the lists from here.

>>> "prs" in LANGS, len(TOPIC_KEYS), EVENT_TYPES[0], CALENDARS[0]
(True, 20, 'meeting', 'solar_hijri')
"""

from __future__ import annotations

#: ``lang``: Iranian Persian, Dari, Arabic.
LANGS: tuple[str, ...] = ("fa", "prs", "ar")

#: ``topics[].key``: the SPEC topic vocabulary, in the SPEC's order.
TOPIC_KEYS: tuple[str, ...] = (
    "fiber_optic", "mobile_networks", "telecom_infrastructure", "data_transit", "submarine_cables",
    "data_centers", "cybersecurity", "digital_government", "digital_economy", "postal_services",
    "space_satellite", "artificial_intelligence", "spectrum_regulation", "internet_governance",
    "capacity_building", "standardization", "e_commerce", "innovation_startups", "sanctions",
    "broadband_internet",
)  # fmt: skip

#: ``events[].type``: the SPEC event vocabulary.
EVENT_TYPES: tuple[str, ...] = (
    "meeting",
    "visit",
    "mou",
    "agreement",
    "invitation",
    "working_group",
    "conference",
)

#: ``published.calendar``: the calendar a date was printed in.
SOLAR_HIJRI = "solar_hijri"
GREGORIAN = "gregorian"
LUNAR_HIJRI = "lunar_hijri"
CALENDARS: tuple[str, ...] = (SOLAR_HIJRI, GREGORIAN, LUNAR_HIJRI)

#: ``mentions.kind``: what a mention in an article's body names.
MENTION_KINDS: tuple[str, ...] = ("person", "country", "place", "organization", "agency", "topic")
