"""Reads figure JSON files with Python's Plotly as a user would
(plotly.io.from_json, which validates every attribute) and prints, as JSON,
what the tests check: for each file, the trace type, colour scale, colour
range, z shape and extremes, axis labels, the printed values and the hover.

    python3 tests/python/read_figure.py figure.json [...]
"""
import json
import sys

import plotly
import plotly.io as pio


def summary(path):
    with open(path, encoding="utf-8") as handle:
        figure = pio.from_json(handle.read())
    trace = figure.data[0]
    z = [[value for value in row] for row in trace.z]
    numbers = [value for row in z for value in row if value is not None]
    return {
        "plotly": plotly.__version__,
        "type": trace.type,
        "colorscale": [[position, color] for position, color in trace.colorscale],
        "zmin": trace.zmin,
        "zmax": trace.zmax,
        "rows": len(z),
        "cols": len(z[0]),
        "zMax": max(numbers),
        "zMin": min(numbers),
        "diagonal": [z[k][k] for k in range(min(len(z), len(z[0])))],
        "ticktext": list(figure.layout.xaxis.ticktext or []),
        "yticktext": list(figure.layout.yaxis.ticktext or []),
        "text": [list(row) for row in trace.text] if trace.text is not None else None,
        "customdata": [[list(cell) if isinstance(cell, (list, tuple)) else cell for cell in row] for row in trace.customdata][:2]
        if trace.customdata is not None else None,
        "hovertemplate": trace.hovertemplate,
        "annotations": [{"x": a.x, "y": a.y, "text": a.text, "color": a.font.color} for a in figure.layout.annotations],
        "title": figure.layout.title.text,
    }


if __name__ == "__main__":
    json.dump([summary(path) for path in sys.argv[1:]], sys.stdout)
