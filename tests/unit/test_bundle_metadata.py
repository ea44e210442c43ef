"""The bundle's Windows file properties and icon are well-formed (they are only used by a Windows build)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_resource_parses_and_is_vietnamese():
    seen: dict[str, str] = {}

    def record(*args, **kwargs):
        if len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], str):
            seen[args[0]] = args[1]
        return (args, kwargs)

    names = {
        name: record
        for name in (
            "VSVersionInfo",
            "FixedFileInfo",
            "StringFileInfo",
            "StringTable",
            "StringStruct",
            "VarFileInfo",
            "VarStruct",
        )
    }
    eval((ROOT / "resources" / "version_info.txt").read_text(encoding="utf-8"), names)  # noqa: S307 - our own file
    assert seen["ProductName"] == "ChiBo" and seen["OriginalFilename"] == "ChiBo.exe"
    assert "kiểm phiếu" in seen["FileDescription"]
    version = next(line for line in (ROOT / "pyproject.toml").read_text().splitlines() if line.startswith("version"))
    assert seen["ProductVersion"] in version


def test_the_icons_are_there():
    ico = (ROOT / "resources" / "chibo.ico").read_bytes()
    png = (ROOT / "resources" / "chibo.png").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'icon="resources/chibo.ico"' in (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")


def test_the_bundle_leaves_out_multiprocessing_which_chibo_never_uses():
    """pyinstaller.spec excludes multiprocessing (its runtime hook would import it before every start): nothing of
    ChiBo's may start a process pool or import it."""
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert '"multiprocessing", "concurrent.futures.process"' in spec
    users = [
        path.relative_to(ROOT).as_posix()
        for folder in ("models", "services", "reports", "gui", "cli")
        for path in (ROOT / folder).rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in ("multiprocessing", "ProcessPoolExecutor"))
    ]
    assert users == []
