"""A PEP 517 build backend for cosine_heatmap, standard library only.

pip runs it from pyproject.toml (backend-path) in an isolated build
environment that needs nothing from a package index: it zips the package,
its report template and the metadata into a wheel. The template is build
output of `npm run build`; without it the wheel would be useless, so the
build stops and says so.
"""
import base64
import hashlib
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cosine_heatmap"
TEMPLATE = PACKAGE / "_static" / "report-template.html"
NAME = "cosine_heatmap"
DIST = "cosine-heatmap"


def _version():
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    if not match:
        raise RuntimeError("cosine_heatmap/__init__.py has no __version__ line")
    return match.group(1)


def _metadata():
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST}\n"
        f"Version: {_version()}\n"
        "Summary: Pairwise cosine similarity of embeddings as an interactive heatmap with statistics, in Jupyter, fully offline.\n"
        "License: MIT\n"
        "Requires-Python: >=3.8\n"
        "Requires-Dist: numpy\n"
    )


def _files():
    if not TEMPLATE.is_file():
        raise RuntimeError(
            f"{TEMPLATE} is missing: it is built from the JavaScript library. "
            "Run `npm run build` in the cosine-heatmap clone first, then `pip install ./python`."
        )
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
            yield path.relative_to(ROOT).as_posix(), path.read_bytes()


def _record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = Path(metadata_directory) / f"{NAME}-{_version()}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata(), encoding="utf-8")
    return info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    info = f"{NAME}-{version}.dist-info"
    wheel_name = f"{NAME}-{version}-py3-none-any.whl"
    entries = list(_files())
    entries.append((f"{info}/METADATA", _metadata().encode("utf-8")))
    entries.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: cosine_heatmap_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode("utf-8")))
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            wheel.writestr(name, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    import tarfile

    version = _version()
    base = f"{NAME}-{version}"
    path = Path(sdist_directory) / f"{base}.tar.gz"
    with tarfile.open(path, "w:gz") as sdist:
        for name in ["pyproject.toml", "_build/cosine_heatmap_build.py"]:
            sdist.add(ROOT / name, arcname=f"{base}/{name}")
        for name, _ in _files():
            sdist.add(ROOT / name, arcname=f"{base}/{name}")
    return path.name
