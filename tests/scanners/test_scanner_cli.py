"""`workshop-tui scan`: JSON lines, exit codes, images and a generated video through the capture path."""

import json
import time

import corpus
import numpy as np
import pytest

from workshop_tui.cli import main

VIN = "WVWZZZ1JZXW000001"
CARPASS_URL = "https://www.car-pass.be/verify?id=482311907756"


@pytest.fixture(scope="module")
def clip_frames() -> list[np.ndarray]:
    """2.7 s at 15 fps: nothing, a VIN label (1 s, moving), nothing, a Car-Pass QR code (1 s, moving).

    A second per code leaves the stability rule enough decoded frames even on a loaded machine,
    where the loop decodes only a few of the frames the clip plays.
    """
    nothing = corpus.single("code39", VIN, px_per_module=0.3).render()  # a scene, no readable code
    vin = [corpus.single("code39", "I" + VIN, seed=i, roll=i % 7 - 3).render() for i in range(15)]
    carpass = [corpus.single("qr_url", CARPASS_URL, seed=i).render() for i in range(15)]
    return [nothing] * 3 + vin + [nothing] * 3 + carpass + [nothing] * 4


def scan(capsys, *args):
    code = main(["scan", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_video_reports_each_code_once(capsys, write_video, clip_frames):
    code, out, _ = scan(capsys, "--source", str(write_video(clip_frames, fps=15)), "--json")
    lines = [json.loads(line) for line in out]
    assert code == 0
    assert [(line["kind"], line["value"], line["symbology"]) for line in lines] == [
        ("vin", VIN, "CODE39"),
        ("carpass", "482311907756", "QRCODE"),
    ]
    assert lines[0]["text"] == "I" + VIN and lines[1]["text"] == CARPASS_URL
    assert all(set(line) == {"symbology", "text", "kind", "value", "ms"} and line["ms"] > 0 for line in lines)


def test_once_stops_at_the_first_code(capsys, write_video, clip_frames):
    clip = write_video(clip_frames + clip_frames[:1] * 30, fps=15)  # 4.7 s
    started = time.monotonic()
    code, out, _ = scan(capsys, "--source", str(clip), "--json", "--once")
    assert code == 0 and [json.loads(line)["kind"] for line in out] == ["vin"]
    assert time.monotonic() - started < 3  # well before the clip ends


def test_timeout_stops_the_scan(capsys, write_video, clip_frames):
    clip = write_video(clip_frames[:1] * 60, fps=15)  # 4 s without a code
    started = time.monotonic()
    code, out, _ = scan(capsys, "--source", str(clip), "--timeout", "0.3")
    assert code == 1 and out == [] and time.monotonic() - started < 2.5


def test_still_image(capsys, write_image):
    image = write_image(corpus.single("datamatrix", VIN).render(), "dm.jpg")
    code, out, _ = scan(capsys, "--source", str(image), "--json")
    assert code == 0 and json.loads(out[0])["kind"] == "vin" and len(out) == 1
    code, out, _ = scan(capsys, "--source", str(image))
    assert code == 0 and out[0].split("\t")[:3] == ["vin", VIN, "DATAMATRIX"]


def test_image_without_code_exits_1(capsys, write_image):
    code, out, err = scan(capsys, "--source", str(write_image(np.full((480, 640, 3), 200, np.uint8))))
    assert code == 1 and out == [] and len(err) == 1


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/nonexistent/clip.mp4", "File not found"),
        ("ftp://camera.local/live", "Not a camera address"),
        ("http://127.0.0.1:9/video.mjpg", "Cannot open the camera stream"),
        ("9", "No camera found"),
    ],
)
def test_bad_source_exits_2_with_one_line(capsys, source, message):
    code, out, err = scan(capsys, "--source", source, "--json")
    assert code == 2 and out == [] and len(err) == 1 and message in err[0]


@pytest.mark.parametrize("name", ["broken.mp4", "broken.png"])
def test_unreadable_file_exits_2(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"this is not a picture")
    code, _, err = scan(capsys, "--source", str(path))
    assert code == 2 and len(err) == 1 and err[0].startswith("workshop-tui: Cannot read")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("²", "File not found: ²"),  # the AZERTY key beside 1 is not a camera index
        ("18446744073709551616", "No camera found at 18446744073709551616"),
        ("a" * 256, "File not found"),
        ("~nosuchuser/x.png", "File not found: ~nosuchuser/x.png"),
        ("two\nlines", "File not found: two\\nlines"),
    ],
)
def test_hostile_source_exits_2_with_one_line(capsys, source, message):
    code, out, err = scan(capsys, "--source", source)
    assert code == 2 and out == [] and len(err) == 1 and message in err[0]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Fichier introuvable\xa0: /nonexistent/clip.mp4."),
        ("nl", "Bestand niet gevonden: /nonexistent/clip.mp4."),
    ],
)
def test_the_status_speaks_the_lang_language(capsys, language, message):
    code = main(["--lang", language, "scan", "--source", "/nonexistent/clip.mp4"])
    assert code == 2 and capsys.readouterr().err.splitlines() == [f"workshop-tui: {message}"]
