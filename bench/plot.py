"""Draw scaling.png: wall time against bucket count, one line per contender.

Runs with the peer venv's Python (matplotlib lives there); reads the numbers as JSON on stdin:
{"sizes": [5, 10, ...], "walls": {"ibm.cos": [s, ...], ...}} and optionally "title", "ylabel" and
"logy". Lines named "... (extrapolated)" are dashed. Usage: plot.py OUT.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {
    "ibm.cos": {"color": "#0f62fe", "marker": "o", "linewidth": 2.5},
    "amazon.aws": {"color": "#ff9900", "marker": "s", "linewidth": 2},
    "amazon.aws without s3_website's sleeps": {"color": "#ff9900", "marker": "s", "linestyle": "--",
                                               "alpha": 0.5, "markerfacecolor": "none"},
    "floor: ping": {"color": "#8d8d8d", "marker": "^", "linestyle": ":"},
    "floor: ibm_boto3 client": {"color": "#393939", "marker": "v", "linestyle": "--"},
    "cos_buckets, no-op": {"color": "#0f62fe", "marker": "o", "linewidth": 2.5},
    "cos_buckets, first run": {"color": "#0f62fe", "marker": "o", "linestyle": ":", "markerfacecolor": "none"},
    "ibm.cos, one task per bucket, no-op (extrapolated)": {"color": "#8a3ffc", "linestyle": "--"},
    "amazon.aws, four tasks per bucket, no-op (extrapolated)": {"color": "#ff9900", "linestyle": "--"},
    "amazon.aws without s3_website's sleeps, no-op (extrapolated)": {"color": "#ff9900", "linestyle": ":",
                                                                      "alpha": 0.6},
}


def main():
    data = json.load(sys.stdin)
    sizes = data["sizes"]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, walls in data["walls"].items():
        style = STYLE.get(name, {"linestyle": "--"} if name.endswith("(extrapolated)") else {})
        ax.plot(sizes, walls, label=name, **style)
        if not name.startswith("floor"):
            ax.annotate(f"{walls[-1]:.0f} s", (sizes[-1], walls[-1]), textcoords="offset points",
                        xytext=(6, -3), fontsize=8)
    ax.set_xlabel("buckets (6 settings each)")
    ax.set_ylabel(data.get("ylabel", "no-op converge, wall time (s)"))
    ax.set_title(data.get("title", "How a no-op run grows with the number of buckets"), fontsize=10)
    ax.set_xticks(sizes)
    ax.set_xlim(0, sizes[-1] * 1.18)
    if data.get("logy"):
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[1])


if __name__ == "__main__":
    main()
