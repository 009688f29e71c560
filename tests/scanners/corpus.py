"""Synthetic camera frames of VIN labels and Car-Pass QR codes, shared by the tests and the bench.

Each sample is a VIN (Code 39, half of them with the leading `I` import marker of real labels,
Code 128, DataMatrix, or DataMatrix marked light on a dark plate as dot-peened or laser-etched
VIN plates are) or a Car-Pass QR code (verification URL or bare ID), stuck on a label
in a cluttered scene, seen by a camera under one degradation class. Everything derives from a
fixed seed, so a corpus is the same on every machine. Frames are rendered on demand at
1280x720 (the resolution the scanner asks for) or 640x480 (the centre 4:3 crop, downscaled,
as a camera in VGA mode sees it); sensor effects (dim light, noise, JPEG) are applied after
that resize, as a real camera would.

Every frame has a little roll (±4°), tilt (±10°), lens blur, uneven light and sensor noise;
each class then pushes one factor (sizes and lengths at 1280x720):
clean; small (50-70 % of the comfortable size: 1D bars of 1.0-2.0 px); rotation (roll 0-30°);
quarter (90°, 180° or 270°); tilt (20-45° out of plane); blur (Gaussian sigma 1-2 px);
motion (4-12 px in any direction); noise (sigma 10-25 grey levels); dim (contrast and
exposure 30-55 %); jpeg (quality 8-25).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import barcode
import cv2
import numpy as np
import segno
import zxingcpp

from workshop_tui.domain.vin import compute_check_digit, is_north_american

HD = (1280, 720)
SD = (640, 480)
SEED = 20240611

PAYLOADS = ("code39", "code39_import", "code128", "datamatrix", "datamatrix_on_dark", "qr_url", "qr_id")
DEGRADATIONS = ("clean", "small", "rotation", "quarter", "tilt", "blur", "motion", "noise", "dim", "jpeg")

_LABEL_PX_PER_MODULE = 4
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_WMIS = ("WVW", "WBA", "VF1", "VF3", "YV1", "ZFA", "TMB", "WDD", "SAL", "1HG", "2T1", "3VW", "5YJ", "JHM", "KMH")
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
_CARPASS_URLS = (
    "https://www.car-pass.be/verify?id={id}",
    "https://www.car-pass.be/nl/controle/{id}",
    "https://carpass.be/fr/verifier?carpassId={id}",
)


@dataclass(frozen=True)
class Scene:
    """How the camera sees one label; every length is in pixels of the 1280x720 frame."""

    px_per_module: float
    roll: float  # degrees, in the image plane
    yaw: float  # degrees, out of plane
    pitch: float
    centre: tuple[float, float]  # in [-1, 1] of the free space around the label, centre 4:3 region
    blur_sigma: float
    motion_length: float
    motion_angle: float
    contrast: float  # ink-to-paper contrast kept by the lighting, 1 = full
    brightness: float  # exposure, 1 = well lit
    noise_sigma: float  # grey levels, after the resize
    jpeg_quality: int
    seed: int


@dataclass(frozen=True)
class Sample:
    """One corpus frame: what is printed, how it is seen, and what a reader must report."""

    index: int
    degradation: str
    payload: str
    text: str
    kind: str  # "vin" or "carpass"
    value: str
    scene: Scene

    @cached_property
    def _optical_hd(self) -> np.ndarray:
        return _optical_image(self)

    def render(self, size: tuple[int, int] = HD) -> np.ndarray:
        """The BGR frame at `size` (HD or SD)."""
        image = self._optical_hd
        if size != HD:
            width, height = HD
            crop = height * size[0] // size[1]
            left = (width - crop) // 2
            image = cv2.resize(image[:, left : left + crop], size, interpolation=cv2.INTER_AREA)
        return _sensor(image, self.scene)

    def forget(self) -> None:
        """Drop the cached HD rendering (corpora are large)."""
        self.__dict__.pop("_optical_hd", None)


def random_vin(rng: np.random.Generator) -> str:
    """A syntactically valid VIN; North-American ones carry the right check digit."""
    wmi = _WMIS[rng.integers(len(_WMIS))]
    vds = "".join(rng.choice(list(_VIN_CHARS), 5))
    serial = "".join(rng.choice(list("0123456789"), 6))
    tail = _YEAR_CODES[rng.integers(len(_YEAR_CODES))] + rng.choice(list(_VIN_CHARS)) + serial
    vin = wmi + vds + "0" + tail
    check = compute_check_digit(vin) if is_north_american(vin) else rng.choice(list("0123456789Z"))
    return vin[:8] + check + vin[9:]


def random_carpass_id(rng: np.random.Generator) -> str:
    """A Car-Pass identification number (12 digits, a shape `scanners.codes.carpass_id` accepts)."""
    return "".join(rng.choice(list("0123456789"), 12))


def _payload(kind: str, rng: np.random.Generator) -> tuple[str, str, str]:
    """(printed text, expected kind, expected value)."""
    if kind.startswith("qr"):
        carpass_id = random_carpass_id(rng)
        if kind == "qr_url":
            text = _CARPASS_URLS[rng.integers(len(_CARPASS_URLS))].format(id=carpass_id)
        else:
            text = "-".join(carpass_id[i : i + 4] for i in range(0, 12, 4))
        return text, "carpass", carpass_id
    vin = random_vin(rng)
    return ("I" + vin if kind == "code39_import" else vin), "vin", vin


_NOMINAL_PX_PER_MODULE = {  # comfortable reading distance at 1280x720
    "code39": (2.0, 2.8),
    "code39_import": (2.0, 2.8),
    "code128": (2.4, 3.4),
    "datamatrix": (5.0, 9.0),
    "datamatrix_on_dark": (5.0, 9.0),
    "qr_url": (4.0, 7.0),
    "qr_id": (5.0, 9.0),
}


def _scene(degradation: str, payload: str, rng: np.random.Generator) -> Scene:
    u = rng.uniform
    low, high = _NOMINAL_PX_PER_MODULE[payload]
    values: dict[str, Any] = dict(
        px_per_module=u(low, high),
        roll=u(-4, 4),
        yaw=u(-10, 10),
        pitch=u(-10, 10),
        centre=(u(-1, 1), u(-1, 1)),
        blur_sigma=u(0.4, 0.8),
        motion_length=0.0,
        motion_angle=0.0,
        contrast=u(0.8, 1.0),
        brightness=u(0.8, 1.1),
        noise_sigma=u(2, 4),
        jpeg_quality=90,
        seed=int(rng.integers(2**31)),
    )
    if degradation == "small":
        values["px_per_module"] *= u(0.5, 0.7)
    elif degradation == "rotation":
        values["roll"] = u(0, 30) * rng.choice([-1, 1])
    elif degradation == "quarter":
        values["roll"] += float(rng.choice([90, 180, 270]))
    elif degradation == "tilt":
        values["yaw"] = u(20, 45) * rng.choice([-1, 1])
        values["pitch"] = u(-30, 30)
    elif degradation == "blur":
        values["blur_sigma"] = u(1.0, 2.0)
    elif degradation == "motion":
        values["motion_length"] = u(4, 12)
        values["motion_angle"] = u(0, 180)
    elif degradation == "noise":
        values["noise_sigma"] = u(10, 25)
    elif degradation == "dim":
        values["contrast"] = u(0.3, 0.55)
        values["brightness"] = u(0.3, 0.55)
        values["noise_sigma"] = u(3, 6)
    elif degradation == "jpeg":
        values["jpeg_quality"] = int(u(8, 25))
    return Scene(**values)


def generate(per_class: int = 30, seed: int = SEED, degradations: tuple[str, ...] = DEGRADATIONS) -> list[Sample]:
    """`per_class` samples for each degradation class, payloads in turn (300 by default)."""
    samples: list[Sample] = []
    for degradation in degradations:
        rng = np.random.default_rng([seed, DEGRADATIONS.index(degradation)])
        for i in range(per_class):
            payload = PAYLOADS[i % len(PAYLOADS)]
            text, kind, value = _payload(payload, rng)
            scene = _scene(degradation, payload, rng)
            samples.append(Sample(len(samples), degradation, payload, text, kind, value, scene))
    return samples


def single(
    payload: str,
    text: str,
    kind: str = "other",
    value: str = "",
    degradation: str = "clean",
    seed: int = SEED,
    **scene: Any,
) -> Sample:
    """One sample printing `text` as `payload` (one of PAYLOADS),
    seen under `degradation`; keyword arguments override Scene fields (e.g. roll=20)."""
    drawn = _scene(degradation, payload, np.random.default_rng(seed))
    return Sample(0, degradation, payload, text, kind, value or text, replace(drawn, **scene))


# --- rendering -------------------------------------------------------------------------------


def code_modules(payload: str, text: str) -> np.ndarray:
    """The symbol as a matrix of modules, 1 = dark, without quiet zone (1D codes: one row)."""
    if payload.startswith("code39"):
        bits = barcode.get_barcode_class("code39")(text, add_checksum=False).build()[0]
    elif payload == "code128":
        bits = barcode.get_barcode_class("code128")(text).build()[0]
    elif payload.startswith("datamatrix"):
        image = np.asarray(
            zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix).to_image(add_quiet_zones=False)
        )
        return (image < 128).astype(np.uint8)
    else:
        return np.array(segno.make_qr(text, error="m").matrix, dtype=np.uint8)
    return np.frombuffer(bits.encode(), dtype=np.uint8)[None, :] - ord("0")


def _label(sample: Sample, rng: np.random.Generator) -> np.ndarray:
    """The printed label as reflectance (float32, 1 = white paper), 4 px per module."""
    modules = code_modules(sample.payload, sample.text)
    linear = modules.shape[0] == 1
    if linear:
        modules = np.repeat(modules, max(30, modules.shape[1] // 6), axis=0)
    quiet = 10 if linear else 3
    modules = np.pad(modules, quiet)
    m = _LABEL_PX_PER_MODULE
    paper, ink = rng.uniform(0.85, 1.0), rng.uniform(0.03, 0.15)
    if sample.payload == "datamatrix_on_dark":  # light marks on a dark metal plate
        paper, ink = rng.uniform(0.1, 0.25), rng.uniform(0.65, 0.9)
    label = np.where(np.kron(modules, np.ones((m, m), np.uint8)) > 0, ink, paper).astype(np.float32)
    if linear:  # human-readable line under the bars, as on real labels
        width = label.shape[1]
        band = np.full((int(width * 0.06), width), 255, np.uint8)
        scale = width * 0.5 / cv2.getTextSize(sample.text, cv2.FONT_HERSHEY_SIMPLEX, 1, 2)[0][0]
        cv2.putText(
            band,
            sample.text,
            (int(width * 0.25), int(band.shape[0] * 0.8)),
            cv2.FONT_HERSHEY_SIMPLEX,
            scale,
            0,
            max(1, int(scale * 2)),
        )
        label = np.vstack([label, np.where(band < 128, ink, paper).astype(np.float32)])
    return label


def _background(rng: np.random.Generator) -> np.ndarray:
    width, height = HD
    clutter = np.zeros((height, width), np.uint8)
    for _ in range(rng.integers(4, 10)):  # boxes, cables, printed text
        shade = int(rng.integers(1, 256))
        x, y = int(rng.integers(width)), int(rng.integers(height))
        what = rng.integers(3)
        if what == 0:
            cv2.rectangle(clutter, (x, y), (x + int(rng.integers(40, 300)), y + int(rng.integers(40, 200))), shade, -1)
        elif what == 1:
            cv2.line(
                clutter, (x, y), (int(rng.integers(width)), int(rng.integers(height))), shade, int(rng.integers(2, 12))
            )
        else:
            words = "".join(rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "), int(rng.integers(6, 20))))
            cv2.putText(clutter, words, (x, y), cv2.FONT_HERSHEY_SIMPLEX, float(rng.uniform(0.5, 1.5)), shade, 2)
    shading = cv2.resize(
        rng.uniform(0.15, 0.75, (4, 6)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC
    )
    grain = rng.standard_normal((height // 4, width // 4), dtype=np.float32) * 0.06
    texture = cv2.resize(grain, (width, height), interpolation=cv2.INTER_CUBIC)
    image = np.where(clutter > 0, clutter.astype(np.float32) / 255, shading) + texture
    return np.clip(image, 0, 1)


def _homography(label_shape: tuple[int, int], scene: Scene) -> tuple[np.ndarray, np.ndarray]:
    """The label-to-frame homography and the label's corners in the frame."""
    h, w = label_shape
    k = scene.px_per_module / _LABEL_PX_PER_MODULE
    corners = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]]) * k
    rx, ry, rz = np.radians([scene.pitch, scene.yaw, scene.roll])
    rot_x = np.array([[1, 0, 0], [0, np.cos(rx), -np.sin(rx)], [0, np.sin(rx), np.cos(rx)]])
    rot_y = np.array([[np.cos(ry), 0, np.sin(ry)], [0, 1, 0], [-np.sin(ry), 0, np.cos(ry)]])
    rot_z = np.array([[np.cos(rz), -np.sin(rz), 0], [np.sin(rz), np.cos(rz), 0], [0, 0, 1]])
    points = corners @ (rot_x @ rot_y @ rot_z).T
    focal = 1.2 * HD[0]
    projected = focal * points[:, :2] / (focal + points[:, 2:3])
    # place the label inside the centre 4:3 region (what a 640x480 camera also sees)
    width, height = HD
    region = np.array([height * 4 / 3, height]) * 0.96
    span = projected.max(axis=0) - projected.min(axis=0)
    projected *= min(1.0, *(region / span))  # too big to fit: the user steps back
    span = projected.max(axis=0) - projected.min(axis=0)
    free = (region - span) / 2
    offset = (
        np.array([width / 2, height / 2])
        + np.array(scene.centre) * free
        - (projected.max(axis=0) + projected.min(axis=0)) / 2
    )
    target = (projected + offset).astype(np.float32)
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    return cv2.getPerspectiveTransform(source, target), target


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    size = int(np.ceil(length)) | 1
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    dx, dy = np.cos(np.radians(angle)) * length / 2, np.sin(np.radians(angle)) * length / 2
    cv2.line(kernel, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1.0, 1, cv2.LINE_AA)
    return kernel / kernel.sum()


def _optical_image(sample: Sample) -> np.ndarray:
    """Scene, label and lens effects at 1280x720 (float32 grey, 0..1)."""
    scene = sample.scene
    rng = np.random.default_rng(scene.seed)
    label = _label(sample, rng)
    k = scene.px_per_module / _LABEL_PX_PER_MODULE
    if k < 1:  # anti-alias before shrinking
        label = cv2.GaussianBlur(label, (0, 0), 0.45 / k)
    matrix, _ = _homography(label.shape, scene)
    size = HD
    warped = cv2.warpPerspective(label, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(label), matrix, size, flags=cv2.INTER_LINEAR)
    image = _background(rng) * (1 - mask) + warped * mask
    width, height = size
    gx, gy = rng.uniform(-0.25, 0.25, 2)
    image *= (
        1
        + gx * np.linspace(-0.5, 0.5, width, dtype=np.float32)[None, :]
        + gy * np.linspace(-0.5, 0.5, height, dtype=np.float32)[:, None]
    )
    image = cv2.GaussianBlur(image, (0, 0), scene.blur_sigma)
    if scene.motion_length:
        image = cv2.filter2D(image, -1, _motion_kernel(scene.motion_length, scene.motion_angle))
    return image


def _sensor(image: np.ndarray, scene: Scene) -> np.ndarray:
    """Exposure, contrast, noise and JPEG compression of the camera, as BGR uint8."""
    rng = np.random.default_rng(scene.seed + 1)
    mean = float(image.mean())
    grey = (image - mean) * (scene.contrast * scene.brightness * 255) + mean * scene.brightness * 255
    grey += rng.standard_normal(grey.shape, dtype=np.float32) * scene.noise_sigma
    np.maximum(grey, 0, out=grey)
    tint = rng.uniform(0.9, 1.1, 3)
    bgr = cv2.merge([cv2.convertScaleAbs(grey, alpha=t) for t in tint])
    _, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, scene.jpeg_quality])
    decoded = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    if decoded is None:
        raise RuntimeError("OpenCV could not decode the JPEG it encoded")
    return np.asarray(decoded)
