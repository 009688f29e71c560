"""The used-vehicle checklist: the shipped provisional list, and a parser that names every problem."""

from importlib.resources import files

import pytest

from workshop_tui.domain.checklist import (
    LANGUAGES,
    Checklist,
    ChecklistError,
    ChecklistGroup,
    ChecklistPoint,
    CheckState,
    parse_checklist,
)

HEADER = "group,group_fr,group_nl,group_en,point,label_fr,label_nl,label_en"
META = "# status: official\n# source: Royal Decree of 5 April 2019, annex\n"
TYRES = "tyres,Pneus,Banden,Tyres"
BRAKES = "brakes,Freins,Remmen,Brakes"


def text(*rows, meta=META, header=HEADER):
    return meta + header + "\n" + "".join(row + "\n" for row in rows)


def test_the_shipped_list_says_it_is_provisional_and_parses():
    shipped = parse_checklist(files("workshop_tui.data").joinpath("used_vehicle_checklist.csv").read_text("utf-8"))
    assert shipped.provisional and shipped.status == "provisional"
    assert "not the official" in shipped.source
    assert len(shipped.points) != 113  # it must never pass for the official list
    assert all(point.labels[lang] for point in shipped.points for lang in LANGUAGES)
    assert len({g.id for g in shipped.groups}) == len(shipped.groups) > 1


def test_groups_in_order_of_first_appearance_with_their_points():
    checklist = parse_checklist(
        text(
            f"{TYRES},tyres.front,Pneus avant,Voorbanden,Front tyres",
            f'{BRAKES},brakes.front,"Freins avant (disques, plaquettes)",Voorremmen,Front brakes',
            f"{TYRES},tyres.rear,Pneus arrière,Achterbanden,Rear tyres",
            "",
        )
    )
    assert isinstance(checklist, Checklist) and not checklist.provisional
    assert checklist.source == "Royal Decree of 5 April 2019, annex"
    assert [(g.id, g.labels["nl"], [p.id for p in g.points]) for g in checklist.groups] == [
        ("tyres", "Banden", ["tyres.front", "tyres.rear"]),
        ("brakes", "Remmen", ["brakes.front"]),
    ]
    assert [p.id for p in checklist.points] == ["tyres.front", "tyres.rear", "brakes.front"]
    assert checklist.groups_by_id["brakes"] is checklist.groups[1]
    assert checklist.points_by_id["tyres.rear"] is checklist.groups[0].points[1]
    assert checklist.groups[1].points[0].labels == {
        "fr": "Freins avant (disques, plaquettes)",
        "nl": "Voorremmen",
        "en": "Front brakes",
    }


def test_a_label_missing_in_a_language_falls_back_to_the_id():
    point = ChecklistPoint("tyres.front", {"fr": "Pneus avant", "nl": ""})
    group = ChecklistGroup("tyres", {"en": "Tyres"}, (point,))
    assert [point.label(lang) for lang in LANGUAGES] == ["Pneus avant", "tyres.front", "tyres.front"]
    assert [group.label(lang) for lang in LANGUAGES] == ["tyres", "tyres", "Tyres"]


def test_a_byte_order_mark_and_free_comments_are_accepted():
    checklist = parse_checklist("\ufeff# exported from a spreadsheet\n" + text(f"{TYRES},t1,a,b,c"))
    assert [p.id for p in checklist.points] == ["t1"]


def test_the_three_states():
    assert [s.value for s in CheckState] == ["ok", "wear", "repair"]


ROW = f"{TYRES},t1,a,b,c"


@pytest.mark.parametrize(
    "source, code, line",
    [
        ("", "NO_HEADER", 0),
        ("# status: official\n", "NO_HEADER", 0),
        (text(ROW, meta="# source: x\n"), "MISSING_STATUS", 0),
        (text(ROW, meta="# status: draft\n# source: x\n"), "BAD_STATUS", 0),
        (text(ROW, meta="# status: official\n"), "MISSING_SOURCE", 0),
        (text(ROW, meta="# status: official\n# source:   \n"), "MISSING_SOURCE", 0),
        (text(ROW, meta=META + "# status: provisional\n"), "DUPLICATE_METADATA", 3),
        (text(ROW, header="group,point,label_fr"), "BAD_HEADER", 3),
        (text(f"{TYRES},t1,a,b"), "BAD_ROW", 4),
        (text(f"{TYRES},t1,a,,c"), "EMPTY_CELL", 4),
        (text(f"{TYRES},T 1,a,b,c"), "BAD_ID", 4),
        (text("Tyres,Pneus,Banden,Tyres,t1,a,b,c"), "BAD_ID", 4),
        (text(ROW, ROW), "DUPLICATE_POINT", 5),
        (text(ROW, "tyres,Pneus,Bandjes,Tyres,t2,a,b,c"), "GROUP_LABEL_MISMATCH", 5),
        (text(), "NO_POINTS", 0),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_with_a_code_and_a_line(source, code, line):
    with pytest.raises(ChecklistError) as caught:
        parse_checklist(source)
    assert (caught.value.code, caught.value.line) == (code, line)
