"""helpers.data.operations: labels, home time zones and languages from the release catalog, with the
parameters as overrides; an operation outside the catalog keeps its name and UTC, and the reports say so."""

from __future__ import annotations

from helpers.data import operations
from helpers.run import notebook, params


def test_a_catalog_operation_gets_its_label_zone_and_languages():
    assert operations.label("iran_201901_1") == "Iran (Jan 2019)"
    assert operations.time_zone("iran_201901_1") == "Asia/Tehran"
    assert operations.languages("iran_201901_1") == ("en", "ur", "ar", "fa", "in", "hi")
    assert operations.label("mx_0621") == "Mexico (Dec 2021)"          # key lower-cased, as ops are named
    assert operations.time_zone("gru_202012") == "Europe/Moscow"
    assert operations.languages("gru_202012") == ()                     # none published: from its tweets
    assert operations.label("russian_linked") == "Russia IRA (Jan 2019)"  # a file stem also finds it


def test_the_2018_sample_uses_the_catalog_labels_and_parameters_still_override():
    p = params.from_file()
    assert p.label("ira") == "Russia IRA (Oct 2018)" and p.label("iranian") == "Iran (Oct 2018)"
    assert p.time_zone("ira") == "Europe/Moscow" and p.time_zone("iranian") == "Asia/Tehran"
    q = params.from_file(op_labels={"ira": "IRA"}, time_zones={"ira": "Asia/Tokyo", "zz_new": "Europe/Paris"})
    assert q.label("ira") == "IRA" and q.label("iranian") == "Iran (Oct 2018)"
    assert q.time_zone("ira") == "Asia/Tokyo" and q.time_zone("zz_new") == "Europe/Paris"


def test_an_unknown_operation_keeps_its_name_and_utc_and_the_note_says_so():
    p = params.from_file()
    assert p.label("zz_new") == "zz_new" and p.time_zone("zz_new") == "UTC"
    assert operations.languages("zz_new") == ()
    note = operations.catalog_note(["ira", "zz_new"])
    assert note == ("zz_new is not in the release catalog: labelled by its file name, shown in UTC, "
                    "languages from its own tweets.")
    assert operations.catalog_note(["ira", "iranian"]) == ""
    assert "shown in Europe/Paris (the time_zones parameter)" in operations.catalog_note(
        ["zz_new"], {"zz_new": "Europe/Paris"})


def test_the_catalog_statement_describes_known_and_unknown_operations():
    p = params.from_file()
    text = notebook.catalog_statement(["ira", "zz_new"], p).replace("\\", "")  # as rendered (escapes gone)
    assert "Russia IRA (Oct 2018): Russia (Internet Research Agency), disclosed October 2018" in text
    assert "home time zone Europe/Moscow" in text and "main languages ru, en" in text
    assert "zz_new is not in the release catalog: labelled by its file name, shown in UTC" in text


def test_october_2018_framing_only_for_the_october_2018_operations():
    assert operations.is_october_2018(["ira", "iranian"]) and operations.is_october_2018(["iranian"])
    assert not operations.is_october_2018(["ira", "iran_201901_1"])
    assert not operations.is_october_2018(["zz_new"]) and not operations.is_october_2018([])
    assert operations.month_name("2021-02") == "February 2021"


def test_takeaways_note_only_outside_october_2018():
    assert operations.takeaways_note(["ira", "iranian"], operations.label) == ""
    note = operations.takeaways_note(["ira", "iran_201901_1"], operations.label)
    assert "written about the October 2018 release" in note and "Russia IRA (Oct 2018), Iran (Jan 2019)" in note
