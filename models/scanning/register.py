"""Registering a scanned ballot: find its four corner marks, fit the map from the ballot's millimetres to the
image's pixels (rotation, scale, skew) and resample the ballot upright at a fixed resolution."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from PIL import Image

from models.scanning.layout import MARK, BallotGeometry

DARK = 128  # grey level under which a pixel is ink (marks are solid black)
MAX_RESIDUAL_MM = 1.2  # a mark further than this from where the fit puts it: the page does not register
MAX_CANDIDATES = 10


def _integral(dark: np.ndarray) -> np.ndarray:
    integral = np.zeros((dark.shape[0] + 1, dark.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(dark, axis=0, dtype=np.int32), axis=1, out=integral[1:, 1:])
    return integral


def _window_sums(integral: np.ndarray, size: int) -> np.ndarray:
    """Sum over every size x size window, indexed by its top-left corner."""
    return integral[size:, size:] - integral[:-size, size:] - integral[size:, :-size] + integral[:-size, :-size]


def mark_candidates(grey: np.ndarray, dpi: float) -> np.ndarray:
    """Centres (x, y) in pixels of solid squares the size of a registration mark standing on light paper (a dark
    band, a fold's shadow, is not one), best first."""
    step = max(1, int(round(dpi / 50)))  # about half a millimetre a coarse pixel
    h, w = grey.shape[0] // step, grey.shape[1] // step
    if h < 8 or w < 8:
        return np.zeros((0, 2))
    coarse = np.asarray(Image.fromarray(np.ascontiguousarray(grey[: h * step, : w * step])).reduce(step))
    mark_px = MARK * dpi / 25.4 / step
    size = max(3, int(mark_px * 0.7))
    ring = max(2, int(mark_px * 0.6))  # the light paper around: from the mark's edge outwards
    integral = _integral(coarse < DARK)
    inner = _window_sums(integral, size).astype(np.float32)
    outer = np.full_like(inner, float(size * size))
    big = _window_sums(integral, size + 2 * ring)
    outer[ring : ring + big.shape[0], ring : ring + big.shape[1]] = big
    around = (outer - inner) / float((size + 2 * ring) ** 2 - size * size)
    fill = inner / float(size * size)
    fill[around > 0.45] = 0.0
    radius = int(mark_px * 1.5) + 1
    found = []
    for _ in range(MAX_CANDIDATES):
        index = int(np.argmax(fill))
        y, x = divmod(index, fill.shape[1])
        if fill[y, x] < 0.9:
            break
        found.append(((x + size / 2) * step, (y + size / 2) * step))
        fill[max(0, y - radius) : y + radius, max(0, x - radius) : x + radius] = 0
    return np.array([_refine(grey, cx, cy, mark_px * step) for cx, cy in found]).reshape(-1, 2)


def _refine(grey: np.ndarray, cx: float, cy: float, mark_px: float) -> tuple[float, float]:
    """The centroid of the dark pixels around a coarse mark centre."""
    half = int(mark_px * 0.9) + 2
    y0, x0 = max(0, int(cy) - half), max(0, int(cx) - half)
    window = grey[y0 : int(cy) + half, x0 : int(cx) + half] < DARK
    ys, xs = np.nonzero(window)
    if len(xs) == 0:
        return cx, cy
    return float(xs.mean() + x0 + 0.5), float(ys.mean() + y0 + 0.5)


def fit_affine(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The 2x3 affine map taking `source` points (mm) to `target` points (px), least squares."""
    design = np.hstack([source, np.ones((len(source), 1))])
    solution, *_ = np.linalg.lstsq(design, target, rcond=None)
    return solution.T


def apply(matrix: np.ndarray, points: np.ndarray) -> np.ndarray:
    return points @ matrix[:, :2].T + matrix[:, 2]


def _corners(points: np.ndarray) -> np.ndarray | None:
    """Order four points as top-left, top-right, bottom-left, bottom-right as they lie in the image."""
    s, d = points.sum(axis=1), points[:, 0] - points[:, 1]
    order = [int(np.argmin(s)), int(np.argmax(d)), int(np.argmin(d)), int(np.argmax(s))]
    return points[order] if len(set(order)) == 4 else None


def register(grey: np.ndarray, dpi: float, geometry: BallotGeometry) -> np.ndarray | None:
    """The map from the ballot's mm to the image's px, the ballot taken upright as the image lies (the caller
    tries the page turned round), or None when four marks making the ballot's rectangle are not found."""
    centres = np.array(geometry.mark_centres)
    for trial_dpi in dict.fromkeys((dpi, 150.0, 200.0, 300.0, 100.0)):
        found = mark_candidates(grey, trial_dpi)
        best: tuple[float, np.ndarray] | None = None
        for combo in combinations(range(len(found)), 4):
            corners = _corners(found[list(combo)])
            if corners is None:
                continue
            matrix = fit_affine(centres, corners)
            scale = np.sqrt(abs(np.linalg.det(matrix[:, :2])))
            if scale <= 0:
                continue
            residual = float(np.abs(apply(matrix, centres) - corners).max() / scale)
            sx, sy = np.linalg.norm(matrix[:, 0]), np.linalg.norm(matrix[:, 1])
            shear = abs(float(matrix[:, 0] @ matrix[:, 1])) / (sx * sy)
            if residual > MAX_RESIDUAL_MM or abs(sx / sy - 1) > 0.08 or shear > 0.08:
                continue
            if abs(scale * 25.4 / trial_dpi - 1) > 0.2:
                continue
            if best is None or residual < best[0]:
                best = (residual, matrix)
        if best is not None:
            return best[1]
    return None


def warp(grey: np.ndarray, matrix: np.ndarray, width_mm: float, height_mm: float, per_mm: float) -> np.ndarray:
    """The ballot resampled upright at `per_mm` pixels a millimetre (bilinear; outside the image is white)."""
    out_w, out_h = int(round(width_mm * per_mm)), int(round(height_mm * per_mm))
    (a, b, c), (d, e, f) = matrix
    coefficients = (a / per_mm, b / per_mm, c, d / per_mm, e / per_mm, f)
    image = Image.fromarray(np.ascontiguousarray(grey, dtype=np.uint8))
    out = image.transform(
        (out_w, out_h), Image.Transform.AFFINE, coefficients, Image.Resampling.BILINEAR, fillcolor=255
    )
    return np.asarray(out, dtype=np.float32)
