"""helpers.data.release: exact names, orders, errors and stream facts where mutation testing showed room
in tests/unit/data/test_release.py (docs/mutation-testing.md). Through the public `parse_file_name`,
`part_sort_key`, `discover`, `SourceStream` and `file_sha256` only (no ingest: fast), so the tests survive
a split of the module."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile

import pytest

from helpers.data import release as rel
from helpers.data import sources
from helpers.errors import ReleaseError

# ---------------------------------------------------------------------------------------- names


@pytest.mark.parametrize("name, expected", [
    ("ira_tweets_csv_hashed.csv", ("ira", "tweets", "", "ira")),
    ("IRA_USERS_CSV_HASHED.CSV.GZ", ("ira", "users", "", "ira")),
    ("russian_linked_tweets_csv_hashed.csv", ("russia_201901_1", "tweets", "", "russian_linked")),
    ("sa_eg_ae_022020_tweets_csv_hashed_PART2.csv", ("sa_eg_ae_022020", "tweets", "part2", "sa_eg_ae_022020")),
    ("x_tweets_csv_hashed_2016_01.csv", ("x", "tweets", "2016_01", "x")),
    ("x_tweets_csv_hashed_0001.csv", ("x", "tweets", "0001", "x")),
    ("x_tweets_csv_hashed_12345.csv", None),                     # a part is at most four digits
    ("hashed_2020_12_GRU_202012_GRU_202012_tweets.csv", ("gru_202012", "tweets", "", "gru_202012")),
    ("hashed_2020_12_a_b_a_tweets.csv", ("a_b_a", "tweets", "", "a_b_a")),        # odd: not doubled
    ("hashed_2020_12_a_b_a_c_tweets.csv", ("a_b_a_c", "tweets", "", "a_b_a_c")),  # even, halves differ
    ("hashed_2020_12_Foo_foo_users.csv", ("foo", "users", "", "foo")),            # doubled, any case
    ("unhashed_foo_users_csv_unhashed.csv", ("foo", "users", "", "foo")),
    ("2021_12_foo_users.csv", ("foo", "users", "", "foo")),
    ("hashed_tweets.csv", ("hashed", "tweets", "", "hashed")),   # the prefix alone is the stem
    ("dir\\sub\\ira_tweets_csv_hashed.csv", ("ira", "tweets", "", "ira")),
    ("folder/ira_tweets_csv_hashed.csv.gz", ("ira", "tweets", "", "ira")),
    ("ira_tweets_csv_hashed.csv.zip", None),
    ("ira_retweets.csv", None),
])
def test_parse_file_name_gives_op_table_part_and_stem(name, expected):
    parsed = rel.parse_file_name(name)
    assert (None if parsed is None else (parsed.op, parsed.table, parsed.part, parsed.stem)) == expected


def test_part_labels_sort_whole_file_first_then_numbers_then_text():
    parts = ["10", "part2", "", "2", "2016_01", "2015_12", "part10", "01"]
    assert sorted(parts, key=rel.part_sort_key) == ["", "01", "2", "10", "2015_12", "2016_01", "part2", "part10"]
    assert rel.part_sort_key("") == ()
    assert rel.part_sort_key("part2") == ((1, 0, "part"), (0, 2, ""))


# -------------------------------------------------------------------------------------- sources

def test_source_file_names_keys_and_compression(tmp_path):
    whole = rel.SourceFile("ira", "tweets", tmp_path / "ira_tweets_csv_hashed.CSV.GZ")
    assert (whole.name, whole.key, whole.table_key, whole.compression) == (
        "ira_tweets_csv_hashed.CSV.GZ", "ira/tweets", "ira/tweets", "gzip")
    part = rel.SourceFile("ira", "tweets", tmp_path / "a.zip", member="m/x.csv", part="02", relpath="sub/a.zip")
    assert (part.name, part.key, part.table_key, part.compression) == (
        "sub/a.zip:m/x.csv", "ira/tweets/02", "ira/tweets", "zip")
    plain = rel.SourceFile("ira", "users", tmp_path / "x.csv")
    assert (plain.name, plain.compression) == ("x.csv", "none")


def test_release_lists_ops_once_sorted_and_finds_parts(tmp_path):
    files = [rel.SourceFile("b", "tweets", tmp_path / "1", part="1"), rel.SourceFile("a", "users", tmp_path / "2"),
             rel.SourceFile("b", "tweets", tmp_path / "3", part="2"), rel.SourceFile("b", "users", tmp_path / "4")]
    r = rel.Release(tmp_path, files)
    assert r.ops == ["a", "b"] and not r.synthetic and r.ignored == []
    assert r.get("b", "tweets").part == "1" and r.get("a", "tweets") is None
    assert [f.part for f in r.parts("b", "tweets")] == ["1", "2"] and r.parts("c", "tweets") == []
    assert rel.Release(tmp_path, files, {"synthetic": False}).synthetic is False
    assert rel.Release(tmp_path, files, {"synthetic": True}).synthetic is True
    assert rel.Release(tmp_path, files, {}).synthetic is False


# ------------------------------------------------------------------------------------ discovery

def test_discover_refuses_a_missing_folder_and_a_file(tmp_path):
    with pytest.raises(ReleaseError, match="the release folder does not exist") as e:
        rel.discover(tmp_path / "nowhere")
    assert e.value.file == str(tmp_path / "nowhere") and "DATA_DIR" in e.value.hint
    f = tmp_path / "ira_tweets_csv_hashed.csv"
    f.write_text("x")
    with pytest.raises(ReleaseError, match="expected a folder holding the release files, got a file") as e:
        rel.discover(f)
    assert e.value.file == str(f)


def test_discover_without_release_files_names_at_most_five_found(tmp_path):
    for i in range(7):
        (tmp_path / f"note{i}.txt").write_text("x")
    with pytest.raises(ReleaseError) as e:
        rel.discover(tmp_path)
    assert str(e.value).startswith(f"{tmp_path}: no release files found: expected names like "
                                   "ira_tweets_csv_hashed.csv (plain, .csv.gz or inside a .zip); found "
                                   "note0.txt, note1.txt, note2.txt, note3.txt, note4.txt\n  What to do: ")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReleaseError) as e:
        rel.discover(empty)
    assert "inside a .zip)\n" in str(e.value)  # nothing found: no list


def test_discover_orders_by_op_table_and_natural_part_and_renames_by_stem(release):
    release.write("zz_tweets_csv_hashed_10.csv", text="h\n")
    release.write("zz_tweets_csv_hashed_9.csv", text="h\n")
    release.write("aa_users_csv_hashed.csv", text="h\n")
    release.write("aa_tweets_csv_hashed.csv", text="h\n")
    release.write("russian_linked_tweets_csv_hashed.csv", text="h\n")
    found = rel.discover(release.folder, rename={"RUSSIAN_LINKED": "rus", "zz": "Zed"})
    assert [(f.op, f.table, f.part, f.source_op) for f in found.files] == [
        ("Zed", "tweets", "9", "zz"), ("Zed", "tweets", "10", "zz"), ("aa", "tweets", "", "aa"),
        ("aa", "users", "", "aa"), ("rus", "tweets", "", "russian_linked")]
    assert found.marker is None and found.ignored == []


def test_discover_renames_by_dataset_key_before_the_stem(release):
    release.write("russian_linked_tweets_csv_hashed.csv", text="h\n")
    found = rel.discover(release.folder, rename={"russia_201901_1": "by_key", "russian_linked": "by_stem"})
    assert found.files[0].op == "by_key"


def test_two_copies_of_one_part_name_the_part_and_both_files(release):
    (release.folder / "p").mkdir()
    release.write("x_tweets_csv_hashed_1.csv", text="h\n")
    release.write("p/x_tweets_csv_hashed_1.csv", text="h\n")
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert ("two files hold part 1 of the tweets of operation 'x': p/x_tweets_csv_hashed_1.csv and "
            "x_tweets_csv_hashed_1.csv") in str(e.value)
    assert "op_names" in e.value.hint and e.value.file == str(release.folder)


def test_walk_goes_three_folders_deep_and_skips_hidden_and_macos_folders(release):
    deep = release.folder / "a" / "b" / "c"
    deep.mkdir(parents=True)
    release.write("a/b/c/ira_tweets_csv_hashed.csv", text="h\n")               # 3 deep: found
    (deep / "d").mkdir()
    release.write("a/b/c/d/iran_tweets_csv_hashed.csv", text="h\n")            # 4 deep: not looked at
    for hidden in (".git", "__MACOSX"):
        (release.folder / hidden).mkdir()
        release.write(f"{hidden}/venezuela_tweets_csv_hashed.csv", text="h\n")
    release.write(".venezuela_users_csv_hashed.csv", text="h\n")
    found = rel.discover(release.folder)
    assert [(f.op, f.relpath) for f in found.files] == [("ira", "a/b/c/ira_tweets_csv_hashed.csv")]
    assert found.ignored == []


def test_the_sample_marker_is_not_an_ignored_file_and_a_broken_one_is_refused(release):
    release.write("ira_tweets_csv_hashed.csv", text="h\n")
    marker = release.folder / "synthetic-sample.json"
    marker.write_text('{"synthetic": false}')
    found = rel.discover(release.folder)
    assert found.ignored == [] and found.marker == {"synthetic": False} and not found.synthetic
    marker.write_text("{not json")
    with pytest.raises(ReleaseError, match="unreadable sample marker") as e:
        rel.discover(release.folder)
    assert e.value.file == str(marker) and "make sample" in e.value.hint


# ------------------------------------------------------------------------------------- archives

def _zip(path, members: dict[str, bytes], method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_members_metadata_folders_and_non_csv_are_not_parts(release):
    _zip(release.folder / "all.zip", {"ira_tweets_csv_hashed.csv": b"h\n", "__MACOSX/._ira_users_csv_hashed.csv": b"x",
                                       "sub/.hidden/ira_users_csv_hashed.csv": b"x", "readme.txt": b"x",
                                       "dir/": b"", "iran_users_csv_hashed.CSV.GZ": gzip.compress(b"h\n")})
    found = rel.discover(release.folder)
    assert [(f.op, f.table, f.member) for f in found.files] == [
        ("ira", "tweets", "ira_tweets_csv_hashed.csv"), ("iran", "users", "iran_users_csv_hashed.CSV.GZ")]


def test_a_single_unnamed_member_takes_the_archive_name_but_two_do_not(release):
    _zip(release.folder / "ira_users_csv_hashed.ZIP", {"data.csv": b"h\n"})
    _zip(release.folder / "iran_tweets_csv_hashed.zip", {"a.csv": b"h\n", "b.csv": b"h\n"})
    _zip(release.folder / "venezuela_tweets.csv.zip", {"x.csv.gz": gzip.compress(b"h\n")})
    found = rel.discover(release.folder)
    assert [(f.op, f.table, f.member) for f in found.files] == [("ira", "users", "data.csv"),
                                                                 ("venezuela", "tweets", "x.csv.gz")]


@pytest.mark.parametrize("member", ["../ira_tweets_csv_hashed.csv", "/etc/ira_tweets_csv_hashed.csv",
                                    "C:/ira_tweets_csv_hashed.csv", "c:ira_tweets_csv_hashed.csv",
                                    "a\\..\\..\\ira_tweets_csv_hashed.csv", "notes/../../x.txt"])
def test_members_that_point_outside_the_folder_refuse_the_archive(release, member):
    path = _zip(release.folder / "a.zip", {"ira_tweets_csv_hashed.csv": b"h\n", member: b"h\n"})
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert f"the archive member {member!r} points outside the archive folder" in str(e.value)
    assert e.value.file == str(path) and "not made by Twitter" in e.value.hint


def test_member_names_that_only_look_odd_are_safe(release):
    _zip(release.folder / "a.zip", {"a..b/ira_tweets_csv_hashed.csv": b"h\n", "ab:c/ira_users_csv_hashed.csv": b"h\n"})
    assert [f.op for f in rel.discover(release.folder).files] == ["ira", "ira"]


def test_a_damaged_zip_is_refused_with_what_to_do(release):
    path = release.folder / "ira_tweets_csv_hashed.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReleaseError, match="not a readable zip archive") as e:
        rel.discover(release.folder)
    assert e.value.file == str(path) and "partial download" in e.value.hint


def test_zip_bomb_limit_is_a_ratio_above_one_mebibyte(release):
    big = b"a" * ((1 << 20) + 1)   # compresses far more than 100x, and is more than 1 MiB
    path = _zip(release.folder / "x.zip", {"ira_tweets_csv_hashed.csv": big})
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    info = zipfile.ZipFile(path).infolist()[0]
    ratio = info.file_size / info.compress_size
    assert (f"the member 'ira_tweets_csv_hashed.csv' expands {ratio:.0f}x (limit 100x): refused as a possible "
            "compression bomb") in str(e.value)
    assert e.value.file == str(path)
    # exactly 1 MiB expands as much but is small enough to read
    _zip(path, {"ira_tweets_csv_hashed.csv": b"a" * (1 << 20)})
    assert len(rel.discover(release.folder).files) == 1
    # stored (not compressed): ratio 1, whatever the size
    _zip(path, {"ira_tweets_csv_hashed.csv": big}, zipfile.ZIP_STORED)
    assert len(rel.discover(release.folder).files) == 1


# --------------------------------------------------------------------------------------- stream

def _stream(release, name, data: bytes, compress=None, member=None, progress=None):
    release.write(name, text=data, compress=compress, member=member)
    src = rel.discover(release.folder).files[0]
    return sources.SourceStream(src, on_progress=progress)


def test_plain_stream_counts_quotes_lines_and_nul_and_reports_progress_in_raw_bytes(release):
    data = b'"a","b"\n"1","x\x00y"\n'
    seen: list[int] = []
    stream = _stream(release, "ira_tweets_csv_hashed.csv", data, progress=seen.append)
    reader = io.BufferedReader(stream)
    assert reader.read() == data
    assert (stream.quotes, stream.newlines, stream.has_nul) == (8, 2, True)
    assert stream.bytes_out == len(data) and stream.raw_read == len(data) and sum(seen) == len(data)
    assert stream.last_byte == b"\n" and stream.tail == data
    assert stream.finish_hash() == hashlib.sha256(data).hexdigest()
    assert stream.display_name == str(release.folder / "ira_tweets_csv_hashed.csv")
    reader.close()


def test_zip_stream_reports_progress_in_decompressed_bytes_and_hashes_the_archive(release):
    data = b"header\n" + b"row\n" * 1000
    seen: list[int] = []
    stream = _stream(release, "ira_tweets_csv_hashed.zip", data, compress="zip", member="ira_tweets_csv_hashed.csv",
                     progress=seen.append)
    reader = io.BufferedReader(stream)
    assert reader.read() == data and sum(seen) == len(data)
    assert not stream.has_nul and stream.newlines == 1001
    path = release.folder / "ira_tweets_csv_hashed.zip"
    assert stream.finish_hash() == hashlib.sha256(path.read_bytes()).hexdigest() == sources.file_sha256(path)
    assert stream.display_name == f"{path} (member ira_tweets_csv_hashed.csv)"
    reader.close()


def test_gzip_stream_hashes_the_rest_of_the_file_not_read(release):
    data = b"x" * 5000 + b"\n"
    stream = _stream(release, "ira_tweets_csv_hashed.csv.gz", data, compress="gzip")
    assert stream.read(10) == b"x" * 10
    path = release.folder / "ira_tweets_csv_hashed.csv.gz"
    assert stream.finish_hash() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert stream.raw_read == path.stat().st_size
    stream.close()


def test_tail_keeps_the_last_4096_bytes(release):
    data = bytes(range(256)) * 40 + b"\n"
    stream = _stream(release, "ira_tweets_csv_hashed.csv", data)
    io.BufferedReader(stream, buffer_size=1000).read()
    assert stream.tail == data[-4096:]
    stream.close()


def test_gzip_bomb_is_refused_while_reading_above_one_mebibyte(release):
    stream = _stream(release, "ira_tweets_csv_hashed.csv.gz", b"a" * (3 << 20), compress="gzip")
    with pytest.raises(ReleaseError) as e:
        io.BufferedReader(stream).read()
    assert ("the file expands more than 100x its compressed size: refused as a possible compression bomb"
            in str(e.value))
    assert e.value.file == str(release.folder / "ira_tweets_csv_hashed.csv.gz")
    stream.close()
    small = _stream(release, "ira_tweets_csv_hashed.csv.gz", b"a" * (1 << 20), compress="gzip")
    assert len(io.BufferedReader(small).read()) == 1 << 20  # 1 MiB: too small to be a bomb
    small.close()


def test_a_truncated_gzip_file_says_it_is_damaged(release):
    path = release.write("ira_tweets_csv_hashed.csv.gz", text=b"a,b\n" * 1000, compress="gzip")
    path.write_bytes(path.read_bytes()[:-20])
    stream = sources.SourceStream(rel.discover(release.folder).files[0])
    with pytest.raises(ReleaseError, match="the compressed file is damaged or truncated") as e:
        io.BufferedReader(stream).read()
    assert "SHA-256" in e.value.hint
    stream.close()


def test_a_missing_file_cannot_be_read(release):
    release.write("ira_tweets_csv_hashed.csv", text="h\n")
    src = rel.discover(release.folder).files[0]
    src.path.unlink()
    with pytest.raises(ReleaseError, match="cannot read the file") as e:
        sources.SourceStream(src)
    assert e.value.file == str(src.path)


def test_a_zip_member_that_is_not_there_cannot_be_opened(release):
    release.write("ira_tweets_csv_hashed.zip", text="h\n", compress="zip", member="ira_tweets_csv_hashed.csv")
    src = rel.discover(release.folder).files[0]
    gone = rel.SourceFile(src.op, src.table, src.path, member="other.csv")
    with pytest.raises(ReleaseError, match="the archive cannot be opened") as e:
        sources.SourceStream(gone)
    assert e.value.file == f"{src.path} (member other.csv)"


@pytest.mark.parametrize("tail, blank", [(b"x\r\n", 0), (b"x\n\r\n", 1), (b"", 0), (b"\n", 0), (b"\n\n", 1)])
def test_trailing_blank_lines_at_the_edges(release, tail, blank):
    stream = _stream(release, "ira_tweets_csv_hashed.csv", tail)
    io.BufferedReader(stream).read()
    assert stream.trailing_blank_lines() == blank
    stream.close()


# --- found by mutating release.py (its mutmut run had not started: paused during the benchmarks) ----------


@pytest.mark.parametrize("name", ["hashed_russian_linked_tweets_csv_hashed.csv", "2021_12_russian_linked_tweets.csv",
                                  "hashed_2020_12_russian_linked_russian_linked_tweets.csv"])
def test_a_bucket_prefixed_file_stem_that_is_not_the_dataset_key_still_finds_its_dataset(name):
    """The stem without its bucket prefix (`russian_linked`) is the catalog's file stem of russia_201901_1:
    the op is the dataset's, not the bare stem (the prefixed stem alone is in no catalog).
    Kills `lookup(bare) and lookup(stem)` in op_for_stem."""
    parsed = rel.parse_file_name(name)
    assert (parsed.op, parsed.table, parsed.part, parsed.stem) == ("russia_201901_1", "tweets", "", "russian_linked")


def test_metadata_folders_are_recognised_with_backslash_separators_too(release):
    """A `__MACOSX` folder (named with / or with Windows' \\) and hidden folders hold no data, even when the
    member itself does not start with a dot. Kills the `__MACOSX` and `replace('\\\\', '/')` mutants of
    _metadata_member."""
    _zip(release.folder / "all.zip", {"ira_tweets_csv_hashed.csv": b"h\n", "__MACOSX/ira_users_csv_hashed.csv": b"x",
                                       "__MACOSX\\iran_users_csv_hashed.csv": b"x",
                                       "sub\\.hidden\\iran_tweets_csv_hashed.csv": b"x"})
    found = rel.discover(release.folder)
    assert [(f.op, f.table, f.member) for f in found.files] == [("ira", "tweets", "ira_tweets_csv_hashed.csv")]


def _declare_size(path, size: int) -> None:
    """Rewrite the uncompressed size the central directory declares for the archive's only member (discovery
    reads the declared sizes, never the data)."""
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 24:at + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_an_archive_member_expanding_exactly_100_times_is_accepted_one_byte_more_is_refused(release):
    """The limit is 'more than 100x' (above 1 MiB): 20,000 stored bytes declared as 2,000,000 pass, as
    2,000,001 are refused. Kills `>=` for `>` in the expansion check of _zip_members."""
    path = _zip(release.folder / "x.zip", {"ira_tweets_csv_hashed.csv": b"a" * 20_000}, zipfile.ZIP_STORED)
    _declare_size(path, 2_000_000)
    assert zipfile.ZipFile(path).infolist()[0].file_size == 2_000_000
    assert len(rel.discover(release.folder).files) == 1
    _declare_size(path, 2_000_001)
    with pytest.raises(ReleaseError, match="expands 100x \\(limit 100x\\): refused as a possible compression bomb"):
        rel.discover(release.folder)


def test_refusals_say_exactly_what_is_wrong_and_what_to_do(release):
    """Whole messages and hints of discovery's refusals (a substring match lets a changed text through)."""
    bad = release.folder / "ira_tweets_csv_hashed.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{bad}: not a readable zip archive (")
    assert e.value.hint == "download the archive again; a partial download cannot be read"
    bad.unlink()
    unsafe = _zip(release.folder / "a.zip", {"../x.csv": b"h\n"})
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{unsafe}: the archive member '../x.csv' points outside the archive folder\n")
    assert e.value.hint == "this archive was not made by Twitter; do not use it"
    unsafe.unlink()
    # one stored byte declared as 2,000,000: the ratio is over at least one compressed byte
    bomb = _zip(release.folder / "b.zip", {"ira_tweets_csv_hashed.csv": b"a"}, zipfile.ZIP_STORED)
    _declare_size(bomb, 2_000_000)
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{bomb}: the member 'ira_tweets_csv_hashed.csv' expands 2000000x (limit 100x): "
                                   "refused as a possible compression bomb\n")
    assert e.value.hint == "use the release as Twitter published it"
    bomb.unlink()
    release.write("ira_tweets_csv_hashed.csv", text="h\n")
    marker = release.folder / "synthetic-sample.json"
    marker.write_text("{not json")
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{marker}: unreadable sample marker (")
    assert e.value.hint == "regenerate the sample with `make sample`"


@pytest.mark.parametrize("error, shown", [(PermissionError(13, "Permission denied"), "Permission denied"),
                                          (OSError("no strerror"), "no strerror")])
def test_a_folder_that_cannot_be_listed_is_named_with_the_reason(release, monkeypatch, error, shown):
    """Tests run as root here, so an unreadable folder is simulated: listing `locked` raises. The error names
    that folder, the system's reason (or the error itself when it has none) and what to do."""
    import pathlib
    locked = release.folder / "locked"
    locked.mkdir()
    real = pathlib.Path.iterdir

    def iterdir(self):
        if self == locked:
            raise error
        return real(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{locked}: cannot list the release folder ({shown})\n")
    assert e.value.file == str(locked) and e.value.hint == "check that you may read it"


def test_discovery_errors_whole_messages_and_hints(release, tmp_path):
    with pytest.raises(ReleaseError) as e:
        rel.discover(tmp_path / "nowhere")
    assert str(e.value).startswith(f"{tmp_path / 'nowhere'}: the release folder does not exist\n")
    assert e.value.hint == "check DATA_DIR (or data_dir in the parameters file)"
    f = tmp_path / "a_file"
    f.write_text("x")
    with pytest.raises(ReleaseError) as e:
        rel.discover(f)
    assert str(e.value).startswith(f"{f}: expected a folder holding the release files, got a file\n")
    assert e.value.hint == "set DATA_DIR to the folder that contains the file"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReleaseError) as e:
        rel.discover(empty)
    assert e.value.hint == "point DATA_DIR at the folder holding the unzipped or zipped files"
    release.write("x_tweets_csv_hashed.csv", text="h\n")
    release.write("x_tweets_csv_hashed.csv.gz", text="h\n", compress="gzip")
    with pytest.raises(ReleaseError) as e:
        rel.discover(release.folder)
    assert str(e.value).startswith(f"{release.folder}: two files hold the tweets of operation 'x': "
                                   "x_tweets_csv_hashed.csv and x_tweets_csv_hashed.csv.gz\n")
    assert e.value.hint == ("keep one copy in the folder (for example remove the .zip once extracted), or rename "
                            "one operation with op_names")


def test_the_sample_marker_is_read_as_utf8_whatever_the_locale_encoding(tmp_path, ascii_locale):
    """Under an ASCII locale a marker read with the locale's encoding could not hold its non-ASCII text
    (x_read_marker__mutmut_5, left alive until this test: `ascii_locale` in tests/conftest.py)."""
    import json

    marker = {"generator": "helpers.synthetic.sample", "note": "données, данные, داده‌ها"}
    (tmp_path / rel.SAMPLE_MARKER).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
    assert rel.read_marker(tmp_path) == marker
