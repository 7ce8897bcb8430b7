"""cosine_heatmap.heatmap() in Python alone: what it accepts, what it
refuses (and how it says so), and what it inlines in the report.
The report itself is checked in a browser by notebook.test.js.

Run from the clone after `npm run build`:
    PYTHONPATH=python python3 -m unittest discover -s tests/python
"""
import base64
import html
import json
import re
import tempfile
import unittest
from pathlib import Path

import numpy as np

import cosine_heatmap


def inlined_input(document):
    """The JSON the report's page reads, as the browser would parse it."""
    match = re.search(r'<script type="application/json" id="report-input">(.*?)</script>', document, re.S)
    return json.loads(match.group(1))


def inlined_matrix(report):
    data = inlined_input(report.html())
    values = np.frombuffer(base64.b64decode(data["data"]), dtype="<f4")
    return values.reshape(data["dims"])


class ArrayLike:
    """Anything with __array__ (as a CPU PyTorch tensor or a pandas frame)."""

    def __init__(self, array):
        self.array = array

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.array, dtype=dtype)


class Frame(ArrayLike):
    """A pandas-like frame: __array__ and an index."""

    def __init__(self, array, index):
        super().__init__(array)
        self.index = np.asarray(index, dtype=object)


class GradTensor:
    """A PyTorch-like tensor that refuses to become an array (it requires grad)."""

    def detach(self):
        return self

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")


class HeatmapInputs(unittest.TestCase):
    def setUp(self):
        self.X = np.random.default_rng(0).normal(size=(12, 5))

    def test_numpy_lists_and_array_likes_give_the_same_float32_rows(self):
        expected = self.X.astype(np.float32)
        self.assertEqual((cosine_heatmap.heatmap(self.X).n, cosine_heatmap.heatmap(self.X).dim), (12, 5))
        np.testing.assert_array_equal(inlined_matrix(cosine_heatmap.heatmap(self.X)), expected)
        np.testing.assert_array_equal(inlined_matrix(cosine_heatmap.heatmap(self.X.tolist())), expected)
        np.testing.assert_array_equal(inlined_matrix(cosine_heatmap.heatmap(ArrayLike(self.X))), expected)
        np.testing.assert_array_equal(inlined_matrix(cosine_heatmap.heatmap(np.asfortranarray(self.X))), expected)
        integers = np.arange(12).reshape(4, 3)
        np.testing.assert_array_equal(inlined_matrix(cosine_heatmap.heatmap(integers)), integers.astype(np.float32))

    def test_a_frame_index_labels_the_items_unless_it_is_the_default(self):
        named = cosine_heatmap.heatmap(Frame(self.X, [f"doc {i}" for i in range(12)]))
        self.assertEqual(inlined_input(named.html())["labels"][:2], ["doc 0", "doc 1"])
        default = cosine_heatmap.heatmap(Frame(self.X, range(12)))
        self.assertIsNone(inlined_input(default.html())["labels"])
        given = cosine_heatmap.heatmap(Frame(self.X, [f"doc {i}" for i in range(12)]), labels=list("abcdefghijkl"))
        self.assertEqual(inlined_input(given.html())["labels"][0], "a")

    def test_bad_embeddings_are_refused_with_what_and_where(self):
        bad = self.X.copy()
        bad[3, 2] = np.nan
        cases = [
            (bad, ValueError, r"X\[3, 2\] is nan"),
            (np.ones(5), ValueError, r"must be 2-D .* shape \(5,\)"),
            (np.ones((0, 4)), ValueError, r"X is empty"),
            ([[1, 2], [3, 4], [5]], ValueError, r"X row 2 has 1 values, row 0 has 2"),
            ([[1, 2], "ab"], TypeError, r"X row 1 is a string \('ab'\)"),
            (np.array([["a", "b"]]), TypeError, r"real numbers, got dtype <U1"),
            (np.array([[1e39, 0.0]]), ValueError, r"does not fit a 32-bit float"),
            (np.ones((2, 2)) * 1j, TypeError, r"real numbers, got dtype complex128"),
            (None, TypeError, r"X is None"),
            (GradTensor(), TypeError, r"requires grad.*; for a PyTorch tensor pass x\.detach\(\)\.cpu\(\)"),
        ]
        for given, error, message in cases:
            with self.subTest(message=message):
                with self.assertRaisesRegex(error, message):
                    cosine_heatmap.heatmap(given)

    def test_labels_and_groups_one_per_item(self):
        report = cosine_heatmap.heatmap(self.X, labels=np.arange(12), groups=[None] + ["a"] * 11)
        data = inlined_input(report.html())
        self.assertEqual(data["labels"][:3], ["0", "1", "2"])
        self.assertEqual(data["groups"][:2], ["", "a"])
        with self.assertRaisesRegex(ValueError, r"labels has 11 entries for 12 items"):
            cosine_heatmap.heatmap(self.X, labels=list(range(11)))
        with self.assertRaisesRegex(TypeError, r"groups must be a sequence .* single string"):
            cosine_heatmap.heatmap(self.X, groups="abc")
        with self.assertRaisesRegex(ValueError, r"order='groups' needs groups"):
            cosine_heatmap.heatmap(self.X, order="groups")

    def test_reference_parameters_reach_the_report(self):
        report = cosine_heatmap.heatmap(self.X, title="T", color="Similarity", xaxis_title="Doc", yaxis_title="Doc too",
                                        color_scale="Greens", order="original", zmin=0)
        options = inlined_input(report.html())["options"]
        self.assertEqual(options["title"], "T")
        self.assertEqual(options["colorScale"], "Greens")
        self.assertEqual(options["order"], "original")
        self.assertEqual(options["range"], "fixed")
        self.assertEqual(options["heatmapOptions"], {"colorLabel": "Similarity", "xaxisTitle": "Doc", "yaxisTitle": "Doc too",
                                                     "zmin": 0.0, "zmax": 1.0})
        for scale in ("blues_r", "Viridis", ["white", "navy"], [[0, "white"], [1, "navy"]]):
            self.assertIsNotNone(cosine_heatmap.heatmap(self.X, color_scale=scale))
        for kwargs, message in [({"order": "random"}, r"order must be one of"), ({"color_range": "wide"}, r"color_range must be one of"),
                                ({"color_scale": [[0, "red"]]}, r"color_scale must be"),
                                ({"color_scale": "Bluez"}, r"color_scale 'Bluez' is not a scale name; use one of Blackbody, .*Blues"),
                                ({"color_scale": [[0, "red"], [1.5, "blue"]]}, r"color_scale\[1\] must be \[position from 0 to 1"), ({"size": 1}, r"size must be an integer from 2"),
                                ({"zmin": 1, "zmax": 0}, r"zmin must be less than zmax"), ({"title": 3}, r"title must be a string")]:
            with self.subTest(kwargs=kwargs):
                with self.assertRaisesRegex((ValueError, TypeError), message):
                    cosine_heatmap.heatmap(self.X, **kwargs)

    def test_too_large_for_a_notebook_is_refused_with_the_way_out(self):
        with self.assertRaisesRegex(ValueError, r"X is 240 bytes as float32, over max_bytes = 100 bytes .* `cosine-heatmap report`"):
            cosine_heatmap.heatmap(self.X, max_bytes=100)


class HeatmapDocument(unittest.TestCase):
    def test_hostile_text_stays_text(self):
        hostile = "</script><script>window.__pwned = 1</script>"
        report = cosine_heatmap.heatmap(np.eye(3), labels=[hostile, "b\u2028c", "é"], title=hostile)
        document = report.html()
        self.assertNotIn(hostile, document)
        self.assertIn(f"<title>{html.escape(hostile)}</title>", document)
        self.assertEqual(inlined_input(document)["labels"], [hostile, "b\u2028c", "é"])
        self.assertEqual(document.count("<script>"), 3, "Plotly, the renderer and the engine; nothing else runs")

    def test_save_writes_the_document_and_repr_html_frames_it(self):
        report = cosine_heatmap.heatmap(np.eye(4), title="Saved")
        with tempfile.TemporaryDirectory() as directory:
            path = report.save(Path(directory) / "report.html")
            self.assertEqual(path.read_text(encoding="utf-8"), report.html())
        frame = report._repr_html_()
        self.assertRegex(frame, r'^<iframe id="cosine-heatmap-[0-9a-f]{32}" class="cosine-heatmap-report" title="Saved"')
        frame_id = re.match(r'<iframe id="([^"]+)"', frame).group(1)
        self.assertIn(f"document.getElementById('{frame_id}')", frame, "the script sizes this frame, not another report's")
        self.assertNotEqual(frame_id, re.match(r'<iframe id="([^"]+)"', report._repr_html_()).group(1))
        srcdoc = re.search(r'srcdoc="(.*)"></iframe><script>', frame, re.S).group(1)
        self.assertEqual(html.unescape(srcdoc), report.html())
        self.assertIn("4 items × 4 dimensions", repr(report))


if __name__ == "__main__":
    unittest.main()


class BuildBackend(unittest.TestCase):
    """python/_build: the wheel holds the template; without it, the build says what to run."""

    @staticmethod
    def backend(root):
        import importlib.util

        spec = importlib.util.spec_from_file_location("backend_under_test", root / "_build" / "cosine_heatmap_build.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_wheel_holds_the_package_the_template_and_a_record_that_matches(self):
        import hashlib
        import zipfile

        root = Path(__file__).resolve().parents[2] / "python"
        with tempfile.TemporaryDirectory() as out:
            name = self.backend(root).build_wheel(out)
            with zipfile.ZipFile(Path(out) / name) as wheel:
                names = set(wheel.namelist())
                self.assertIn("cosine_heatmap/_static/report-template.html", names)
                self.assertIn("cosine_heatmap/_static/options.json", names)
                self.assertIn("cosine_heatmap/_report.py", names)
                record = wheel.read(f"cosine_heatmap-{cosine_heatmap.__version__}.dist-info/RECORD").decode()
                for line in record.splitlines():
                    path, digest, size = line.rsplit(",", 2)
                    if digest:
                        data = wheel.read(path)
                        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                        self.assertEqual((digest, int(size)), (f"sha256={expected}", len(data)), path)

    def test_without_the_template_the_build_stops_and_says_to_run_npm_run_build(self):
        import shutil

        source = Path(__file__).resolve().parents[2] / "python"
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch) / "python"
            shutil.copytree(source, root, ignore=shutil.ignore_patterns("_static", "__pycache__"))
            with self.assertRaisesRegex(RuntimeError, r"report-template\.html is missing.*npm run build"):
                self.backend(root).build_wheel(scratch)
