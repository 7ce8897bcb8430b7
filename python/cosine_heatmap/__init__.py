"""The cosine-heatmap report in a Python notebook.

    import cosine_heatmap
    report = cosine_heatmap.heatmap(embeddings, labels=texts, groups=topics)
    report                       # in Jupyter: the interactive heatmap and statistics
    report.save("report.html")   # the same, as one self-contained file

The similarities are computed by the project's WebAssembly core in the
browser showing the report; the library, the WASM and the data are inlined,
so nothing is fetched and nothing leaves the machine.
"""
from ._report import HeatmapReport, heatmap

__version__ = "0.1.0"
__all__ = ["heatmap", "HeatmapReport", "__version__"]
