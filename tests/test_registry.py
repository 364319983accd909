"""The body registry: counts, regions, and the alias resolver."""

import pytest

from compare import registry


@pytest.fixture(scope="module")
def reg():
    return registry.load()


def test_registry_holds_43_forces_9_rocus_10_regions(reg):
    """The reference data has exactly the bodies DESIGN.md lists, plus BTP."""
    assert len(reg.of_kind("force")) == 43
    assert len(reg.of_kind("rocu")) == 9
    assert len(reg.of_kind("region")) == 10
    assert [b.id for b in reg.of_kind("national-force")] == ["british-transport-police"]


def test_every_force_is_in_exactly_one_region(reg):
    """Each force names one region, and that region exists."""
    regions = {b.id for b in reg.of_kind("region")}
    for force in reg.of_kind("force"):
        assert force.region in regions
    counts = {r: len([f for f in reg.of_kind("force") if f.region == r]) for r in regions}
    assert counts["south-west"] == 5 and counts["west-midlands"] == 4 and counts["eastern"] == 7
    assert sum(counts.values()) == 43


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The ROCU for the West Midlands", "west-midlands-rocu"),
        ("West Midlands ROCU", "west-midlands-rocu"),
        ("The Regional Organised Crime Unit (ROCU) for the West Midlands", "west-midlands-rocu"),
        ("SWROCU", "south-west-rocu"),
        ("The South West Regional Organised Crime Unit", "south-west-rocu"),
        ("Gloucestershire Police", "gloucestershire-constabulary"),
        ("Gloucestershire Constabulary", "gloucestershire-constabulary"),
        ("Avon & Somerset Constabulary", "avon-and-somerset-police"),
        ("avon and somerset", "avon-and-somerset-police"),
        ("EMSOU", "east-midlands-rocu"),
        ("ERSOU", "eastern-rocu"),
        ("NERSOU", "north-east-rocu"),
        ("ROCUWM", "west-midlands-rocu"),
        ("the Met", "metropolitan-police-service"),
        ("MPS", "metropolitan-police-service"),
        ("West Midlands", "west-midlands"),
        ("West Midlands Police", "west-midlands-police"),
        ("Dyfed\u2013Powys Police", "dyfed-powys-police"),
        ("British Transport Police", "british-transport-police"),
    ],
)
def test_aliases_resolve_to_one_id(reg, name, expected):
    """Case, punctuation, '&', suffixes and acronyms all resolve to the registry id."""
    body = reg.resolve(name)
    assert body is not None and body.id == expected


@pytest.mark.parametrize(
    "name", ["Narnia Police", "Gloucestershire Fire and Rescue Service", "Police", ""]
)
def test_unknown_names_are_reported_not_guessed(reg, name):
    """A name that is not in the registry resolves to nothing, and resolve_or_raise says so."""
    assert reg.resolve(name) is None
    with pytest.raises(registry.UnknownBody, match="not in the registry"):
        reg.resolve_or_raise(name)


def test_mentions_find_bodies_in_running_text(reg):
    """Scanning a sentence finds each named body once, in order, without matching 'met'."""
    text = "The ROCU for the West Midlands met West Mercia Police and the Met."
    assert [b.id for b in reg.mentions(text)] == [
        "west-midlands-rocu",
        "west-mercia-police",
        "metropolitan-police-service",
    ]
