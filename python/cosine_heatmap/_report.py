"""heatmap(): the embeddings and options inlined into the live report
template (built from the JavaScript library by `npm run build`), shown in
Jupyter through _repr_html_ or written with save()."""
import base64
import functools
import html
import json
import uuid
from importlib import resources
from pathlib import Path

from . import _input

# The placeholders and input format of web/src/report-html.js and
# web/src/report-live.js, which made the template.
INPUT_PLACEHOLDER = "__COSINE_HEATMAP_REPORT_INPUT__"
TITLE_PLACEHOLDER = "__COSINE_HEATMAP_REPORT_TITLE__"
INPUT_FORMAT = 1

# A notebook holds its outputs in memory and on disk: past this much float32
# data (inlined as base64, a third more) heatmap() refuses unless told otherwise.
DEFAULT_MAX_BYTES = 128 * 2**20


@functools.lru_cache(maxsize=1)
def _template():
    source = resources.files("cosine_heatmap").joinpath("_static", "report-template.html")
    try:
        return source.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise FileNotFoundError(
            "cosine_heatmap's report template is missing: it is built from the JavaScript library. "
            "In the cosine-heatmap clone run `npm run build`, then `pip install ./python` again."
        ) from error


def _script_json(value):
    """JSON that can sit in <script type="application/json">: no raw '<'
    (so no '</script>'), non-ASCII escaped (so no U+2028 surprises)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


# Sizes the frame to the height the report posts (a number, checked).
_FIT_FRAME = (
    "(function () { var frame = document.getElementById('FRAME_ID');"
    " window.addEventListener('message', function (event) {"
    " var height = event.data && event.data.cosineHeatmapReportHeight;"
    " if (frame && event.source === frame.contentWindow && typeof height === 'number' && height > 0 && height < 100000)"
    " { frame.style.height = Math.ceil(height) + 2 + 'px'; } }); })();"
)


def _bytes(count):
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


class HeatmapReport:
    """The report for one set of embeddings: shown by Jupyter, saved by save().

    n and dim are the items and dimensions; html() is the whole document."""

    def __init__(self, matrix, labels, groups, options, height):
        self.n, self.dim = (int(k) for k in matrix.shape)
        self.title = options["title"]
        self.height = height
        self._input = {
            "format": INPUT_FORMAT,
            "dims": [self.n, self.dim],
            "data": base64.b64encode(matrix.tobytes()).decode("ascii"),
            "labels": labels,
            "groups": groups,
            "options": options,
        }

    def html(self):
        """The report as one self-contained HTML document (str)."""
        template = _template()
        for placeholder, count in ((INPUT_PLACEHOLDER, 1), (TITLE_PLACEHOLDER, 2)):
            if template.count(placeholder) != count:
                raise RuntimeError("cosine_heatmap's report template does not match this package; rebuild it (npm run build) and reinstall")
        return (template
                .replace(TITLE_PLACEHOLDER, html.escape(self.title))
                .replace(INPUT_PLACEHOLDER, _script_json(self._input)))

    def save(self, path):
        """Writes the report to `path` (e.g. "report.html"); returns the path."""
        target = Path(path)
        target.write_text(self.html(), encoding="utf-8")
        return target

    def _repr_html_(self):
        # An iframe keeps the report's ids, styles and security policy apart
        # from the notebook's and from other reports in the same notebook.
        # The report tells its height once drawn and the script sizes the
        # frame to it; where outputs run no script, it keeps `height`.
        frame_id = f"cosine-heatmap-{uuid.uuid4().hex}"
        return (
            f'<iframe id="{frame_id}" class="cosine-heatmap-report" title="{html.escape(self.title)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.html(), quote=True)}"></iframe>'
            f"<script>{_FIT_FRAME.replace('FRAME_ID', frame_id)}</script>"
        )

    def __repr__(self):
        return f"<cosine_heatmap report: {self.n} items × {self.dim} dimensions, {self.title!r}>"


def heatmap(X, labels=None, groups=None, *, title="Cosine Similarity Matrix", color="Cosine Similarity",
            xaxis_title="Index", yaxis_title="Index", color_scale="Blues", order="auto",
            color_range="robust", zmin=None, zmax=None, size=512, height=1000, max_bytes=DEFAULT_MAX_BYTES):
    """The cosine-similarity heatmap and statistics of the rows of X.

    X: n × d embeddings (NumPy array, lists, or anything with __array__:
    a CPU PyTorch tensor, a pandas frame, whose index becomes the labels
    unless it is 0 … n − 1).
    labels, groups: one per item (hover and tick labels; group bands and
    the by-group order and statistics).
    title, color (the colour bar's title), xaxis_title, yaxis_title,
    color_scale: as the reference test's parameters; color_scale is a
    ColorBrewer name such as "Blues" or "RdBu" ("_r" reverses), a Plotly
    name such as "Viridis", a list of colours, or [[position, colour], …].
    order: 'auto' (by group when groups are given, else clustered),
    'original', 'average', 'complete', 'single', 'spectral' or 'groups'.
    color_range: 'robust' (1st to 99th percentile), 'auto' (min to max) or
    'fixed' (zmin to zmax, −1 to 1 by default; giving either picks 'fixed').
    size: cells per axis of the overview (2 to 2048). height: of the
    notebook output in pixels until the report has measured itself (and
    where outputs run no script). max_bytes: refuse larger X (float32 bytes).
    """
    matrix = _input.embeddings_matrix(X)
    n = matrix.shape[0]
    if labels is None:
        labels = _input.index_labels(X, n)
    if matrix.nbytes > max_bytes:
        raise ValueError(
            f"heatmap: X is {_bytes(matrix.nbytes)} as float32, over max_bytes = {_bytes(max_bytes)} "
            "for a notebook output; pass a larger max_bytes, or save the array as .npy and run "
            "`cosine-heatmap report` on it"
        )
    options = {
        "title": _input.text_option(title, "title"),
        "colorScale": _input.color_scale_option(color_scale),
        "order": _input.choice(order, _input.library_options()["orders"], "order"),
        "range": _input.choice(color_range, _input.library_options()["colorRanges"], "color_range"),
        "size": _input.positive_int(size, "size", 2, 2048),
        "heatmapOptions": {
            "colorLabel": _input.text_option(color, "color"),
            "xaxisTitle": _input.text_option(xaxis_title, "xaxis_title"),
            "yaxisTitle": _input.text_option(yaxis_title, "yaxis_title"),
        },
    }
    low = _input.optional_number(zmin, "zmin")
    high = _input.optional_number(zmax, "zmax")
    if low is not None or high is not None:
        options["range"] = "fixed"
        options["heatmapOptions"].update({"zmin": -1.0 if low is None else low, "zmax": 1.0 if high is None else high})
        if not options["heatmapOptions"]["zmin"] < options["heatmapOptions"]["zmax"]:
            raise ValueError(f"heatmap: zmin must be less than zmax, got zmin = {zmin}, zmax = {zmax}")
    group_list = _input.item_strings(groups, n, "groups")
    if order == "groups" and group_list is None:
        raise ValueError("heatmap: order='groups' needs groups (one per item)")
    return HeatmapReport(matrix, _input.item_strings(labels, n, "labels"), group_list, options,
                         _input.positive_int(height, "height", 200, 10000))
