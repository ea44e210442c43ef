"""A synthetic deck of scanned ballots, made from ChiBo's own printed PDF rendered by PDFium, with deterministic
seeds: pen strokes of several shapes, thicknesses, angles and inks, partial strikes, strikes a little off the name,
ticks and crosses in the agree boxes, both boxes; then scan damage (rotation, scale, blur, noise, JPEG, a fold's
shadow, a page upside down) and pages of another round. Each ballot carries what a person would read on it."""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter

from models.counting.election import Post
from models.counting.validity import Form, Mark
from models.scanning.drawing import write_ballots
from models.scanning.layout import PAGE_MARGIN, BallotGeometry, Rect, ballot_geometry
from models.scanning.reading import DoubtKind, PageReading, ScanTarget

DPI = 200
CUT_MM = 1.0  # the scissors leave this much beyond the slot
INKS = {"black": (25, 25, 30), "blue": (35, 55, 165), "violet": (80, 40, 120), "dark red": (140, 25, 30)}
STRIKE_SHAPES = ("straight", "slanted", "wavy", "double", "cross", "off_name")
NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Thị Thu Dung",
    "Hoàng Văn Em",
    "Võ Thị Giang",
    "Đặng Quốc Hùng",
)
DOUBT = "doubt"  # a mark that only a person may decide


def target(form: Form = Form.STRIKE, round_no: int = 1, candidates: tuple[str, ...] = NAMES[:5]) -> ScanTarget:
    return ScanTarget(
        "1",
        "4",
        Post.COMMITTEE,
        round_no,
        form,
        candidates,
        3,
        "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030",
        "Bầu Ban Chi ủy nhiệm kỳ 2025–2030",
    )


@dataclass
class Case:
    """One ballot of the deck and what it says."""

    seed: int
    form: Form
    truth: list[object]  # per candidate: True/False (struck) or a Mark, or DOUBT
    damage: list[str] = field(default_factory=list)
    other_round: bool = False
    page_doubt: DoubtKind | None = None  # a doubt the whole page must get (a dark fold)
    clean: bool = True  # clean strokes, no scribble, no partial strike, no damage but the mild ones
    kinds: list[str] = field(default_factory=list)  # what was drawn on each row


@cache
def printed_slot(t: ScanTarget) -> Image.Image:
    """The first ballot of ChiBo's printed PDF, rendered at DPI and cut out along its slot (RGB)."""
    buffer = io.BytesIO()
    write_ballots(buffer, ballot_geometry(t), 2)
    document = pypdfium2.PdfDocument(buffer.getvalue())
    page = document[0].render(scale=DPI / 72).to_pil().convert("RGB")
    document.close()
    g = ballot_geometry(t)
    ppm = DPI / 25.4
    box = (PAGE_MARGIN - CUT_MM, PAGE_MARGIN - CUT_MM, PAGE_MARGIN + g.width + CUT_MM, PAGE_MARGIN + g.height)
    return page.crop(tuple(int(round(v * ppm)) for v in box))


class Pen:
    """Draws on a cut ballot in the ballot's millimetres."""

    def __init__(self, image: Image.Image, rng: random.Random) -> None:
        self.draw = ImageDraw.Draw(image)
        self.rng = rng
        self.ppm = DPI / 25.4
        self.colour = INKS[rng.choice(sorted(INKS))]
        self.width = max(2, int(round(rng.uniform(0.35, 1.1) * self.ppm)))

    def _px(self, x: float, y: float) -> tuple[float, float]:
        return ((x + CUT_MM) * self.ppm, (y + CUT_MM) * self.ppm)

    def line(self, points: list[tuple[float, float]], width: int | None = None) -> None:
        self.draw.line([self._px(x, y) for x, y in points], fill=self.colour, width=width or self.width, joint="curve")

    def strike(self, rect: Rect, span: tuple[float, float], shape: str, share: float = 1.0) -> None:
        """A stroke across the name (or `share` of it, from a random side)."""
        rng = self.rng
        x0, x1 = span[0] - rng.uniform(0.5, 4.0), span[1] + rng.uniform(0.5, 4.0)
        if share < 1.0:
            length = (span[1] - span[0]) * share
            if rng.random() < 0.5:
                x0, x1 = span[0] + rng.uniform(0, 1.0), span[0] + length
            else:
                x0, x1 = span[1] - length, span[1] - rng.uniform(0, 1.0)
        x1 = min(x1, rect.x + rect.w - 1.0)
        x0 = max(x0, rect.x + 0.8)
        mid = rect.y + rect.h / 2 + rng.uniform(-1.0, 1.0)
        if shape == "off_name":
            mid = rect.y + rect.h / 2 + rng.choice((-1, 1)) * rng.uniform(2.2, 3.0)
        if shape == "slanted":
            rise = rng.uniform(-2.5, 2.5)
            self.line([(x0, mid - rise / 2), (x1, mid + rise / 2)])
        elif shape == "wavy":
            steps = 40
            amp, waves = rng.uniform(0.4, 1.2), rng.uniform(2, 6)
            self.line(
                [
                    (x0 + (x1 - x0) * i / steps, mid + amp * math.sin(2 * math.pi * waves * i / steps))
                    for i in range(steps + 1)
                ]
            )
        elif shape == "double":
            self.line([(x0, mid - 0.9), (x1, mid - 0.7)])
            self.line([(x0, mid + 0.8), (x1, mid + 1.0)])
        elif shape == "cross":
            self.line([(x0, mid - 2.5), (x1, mid + 2.5)])
            self.line([(x0, mid + 2.5), (x1, mid - 2.5)])
        else:
            self.line([(x0, mid), (x1, mid + rng.uniform(-0.4, 0.4))])

    def scribble(self, rect: Rect, span: tuple[float, float]) -> None:
        rng = self.rng
        points = []
        for i in range(26):
            x = span[0] + (span[1] - span[0]) * i / 25
            points.append((x, rect.y + 1.4 + (i % 2) * (rect.h - 2.8) + rng.uniform(-0.3, 0.3)))
        self.line(points, width=max(self.width, int(0.8 * self.ppm)))
        self.strike(rect, span, "straight")

    def tick(self, box: Rect) -> None:
        cx, cy = box.x + box.w / 2 + self.rng.uniform(-3, 3), box.y + box.h / 2
        if self.rng.random() < 0.5:
            self.line([(cx - 2.5, cy), (cx - 0.8, cy + 2.2), (cx + 3.0, cy - 2.6)])
        else:
            self.line([(cx - 2.6, cy - 2.6), (cx + 2.6, cy + 2.6)])
            self.line([(cx - 2.6, cy + 2.6), (cx + 2.6, cy - 2.6)])


def _stamp(image: Image.Image, g: BallotGeometry, rng: random.Random) -> None:
    ppm = DPI / 25.4
    cx, cy = (g.stamp.x + g.stamp.w / 2 + CUT_MM) * ppm, (g.stamp.y + g.stamp.h / 2 + CUT_MM + 2) * ppm
    r = rng.uniform(14, 17) * ppm
    draw = ImageDraw.Draw(image)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(200, 40, 40), width=int(0.8 * ppm))
    draw.ellipse((cx - r * 0.6, cy - r * 0.6, cx + r * 0.6, cy + r * 0.6), outline=(205, 45, 45), width=int(0.5 * ppm))


def make_case(seed: int, form: Form | None = None, clean: bool | None = None) -> tuple[Case, Image.Image]:
    """Ballot number `seed` of the deck: its truth and its scanned image (grey or colour)."""
    rng = random.Random(seed)
    form = form or (Form.STRIKE if rng.random() < 0.65 else Form.AGREE)
    other_round = rng.random() < 0.03
    t = target(form, 2 if other_round else 1)
    g = ballot_geometry(t)
    image = printed_slot(t).copy()
    pen = Pen(image, rng)
    clean = clean if clean is not None else rng.random() < 0.7
    truth: list[object] = []
    kinds: list[str] = []
    for row in g.rows:
        if form == Form.STRIKE:
            roll = rng.random()
            if roll < 0.45:
                truth.append(False)
                kinds.append("kept")
            elif clean or roll < 0.8:
                shape = rng.choice(STRIKE_SHAPES)
                pen.strike(row.name, row.name_span, shape)
                truth.append(True)
                kinds.append(shape)
            elif roll < 0.92:
                pen.strike(row.name, row.name_span, "straight", share=rng.uniform(0.2, 0.65))
                truth.append(DOUBT)
                kinds.append("partial strike")
            else:
                pen.scribble(row.name, row.name_span)
                truth.append(DOUBT)
                kinds.append("scribble")
        else:
            roll = rng.random()
            if roll < 0.15:
                truth.append(Mark.NONE)
                kinds.append("no mark")
            elif roll < 0.6:
                pen.tick(row.agree)
                truth.append(Mark.AGREE)
                kinds.append("agree")
            elif clean or roll < 0.93:
                pen.tick(row.disagree)
                truth.append(Mark.DISAGREE)
                kinds.append("disagree")
            else:
                pen.tick(row.agree)
                pen.tick(row.disagree)
                truth.append(DOUBT)
                kinds.append("both boxes")
    case = Case(seed, form, truth, other_round=other_round, clean=clean, kinds=kinds)
    stamped = rng.random() < 0.9
    if stamped:
        _stamp(image, g, rng)
    image = _damage(case, image, rng)
    if not stamped and image.mode == "RGB" and not other_round:
        case.page_doubt, case.clean = DoubtKind.NO_STAMP, False  # a colour scan shows the stamp missing
    return case, image


def _damage(case: Case, image: Image.Image, rng: random.Random) -> Image.Image:
    if rng.random() < 0.3:
        fold_y = rng.uniform(0.3, 0.7) * image.height
        strength = rng.uniform(0.78, 0.92) if rng.random() < 0.8 else rng.uniform(0.45, 0.6)
        if strength < 0.65:
            case.page_doubt = DoubtKind.TORN_OR_FOLDED
            case.clean = False
        ys = np.arange(image.height, dtype=np.float32)[:, None, None]
        shade = 1 - (1 - strength) * np.exp(-(((ys - fold_y) / (0.012 * image.height * 4)) ** 2))
        image = Image.fromarray((np.asarray(image, dtype=np.float32) * shade).clip(0, 255).astype(np.uint8))
        case.damage.append(f"fold {strength:.2f}")
    angle = rng.uniform(-3, 3)
    scale = rng.uniform(0.96, 1.04)
    image = image.resize((int(image.width * scale), int(image.height * scale)), Image.Resampling.BILINEAR)
    image = image.rotate(angle, Image.Resampling.BILINEAR, expand=True, fillcolor=(250, 250, 250))
    case.damage.append(f"rotate {angle:.1f} scale {scale:.3f}")
    if rng.random() < 0.4:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.2)))
        case.damage.append("blur")
    if rng.random() < 0.4:
        noise = np.random.default_rng(case.seed).normal(0, rng.uniform(3, 9), (image.height, image.width, 1))
        image = Image.fromarray((np.asarray(image, dtype=np.float32) + noise).clip(0, 255).astype(np.uint8))
        case.damage.append("noise")
    if rng.random() < 0.08:
        image = image.rotate(180)
        case.damage.append("upside down")
    if rng.random() < 0.6:
        image = image.convert("L")
    return image


def save(image: Image.Image, path: Path, rng: random.Random) -> Path:
    """Save as a scanner would: PNG, or JPEG of a middling quality, with the resolution written in."""
    if rng.random() < 0.4:
        path = path.with_suffix(".jpg")
        image.save(path, quality=rng.randint(35, 80), dpi=(DPI, DPI))
    else:
        path = path.with_suffix(".png")
        image.save(path, dpi=(DPI, DPI))
    return path


def write_deck(folder: Path, seeds: range, form: Form | None = None) -> list[Case]:
    """The deck's ballots as image files in `folder` (one per page, in stack order) and their truth."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for index, seed in enumerate(seeds, start=1):
        case, image = make_case(seed, form)
        save(image, folder / f"scan-{index:04d}", random.Random(seed * 7 + 1))
        cases.append(case)
    return cases


@dataclass
class Score:
    pages: int = 0
    registered: int = 0
    marks: int = 0
    marks_decided: int = 0
    marks_to_review: int = 0
    silent_errors: list[str] = field(default_factory=list)
    ballots_to_review: int = 0
    clean_ballots: int = 0
    clean_to_review: int = 0

    def add(self, case: Case, reading: PageReading) -> None:
        self.pages += 1
        self.registered += reading.registered
        kinds = {d.kind for d in reading.doubts}
        review = reading.proposed_choices() is None
        self.ballots_to_review += review
        if case.clean and not case.other_round:
            self.clean_ballots += 1
            self.clean_to_review += review
        if case.other_round:
            if not review or DoubtKind.OTHER_ROUND not in kinds:
                self.silent_errors.append(f"ballot {case.seed}: another round not refused")
            return
        if case.page_doubt is not None and not review:
            self.silent_errors.append(f"ballot {case.seed}: {case.page_doubt.name} not sent to a person")
        doubted = {d.candidate for d in reading.doubts}
        for mark in reading.marks:
            self.marks += 1
            truth = case.truth[mark.candidate]
            self.marks_decided += mark.certain
            self.marks_to_review += not mark.certain
            if truth == DOUBT:
                if mark.certain or mark.candidate not in doubted:
                    self.silent_errors.append(f"ballot {case.seed} row {mark.candidate}: a doubtful mark decided")
                continue
            if mark.certain:
                got = mark.struck if case.form == Form.STRIKE else mark.mark
                if got != truth:
                    self.silent_errors.append(f"ballot {case.seed} row {mark.candidate}: read {got}, is {truth}")
        if reading.registered and len(reading.marks) != len(case.truth):
            self.silent_errors.append(f"ballot {case.seed}: {len(reading.marks)} rows read")

    def figures(self) -> dict[str, float]:
        return {
            "pages": self.pages,
            "registration_rate": self.registered / max(1, self.pages),
            "marks": self.marks,
            "marks_decided": self.marks_decided,
            "marks_to_review": self.marks_to_review,
            "silent_errors": len(self.silent_errors),
            "ballots_to_review": self.ballots_to_review,
            "clean_review_rate": self.clean_to_review / max(1, self.clean_ballots),
        }
