"""Draw scaling.png: no-op converge wall time against bucket count, one line per contender.

Runs with the peer venv's Python (matplotlib lives there); reads the numbers as JSON on stdin:
{"sizes": [5, 10, ...], "walls": {"ibm.cos": [s, ...], ...}}. Usage: plot.py OUT.png
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
}


def main():
    data = json.load(sys.stdin)
    sizes = data["sizes"]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for name, walls in data["walls"].items():
        ax.plot(sizes, walls, label=name, **STYLE.get(name, {}))
        if not name.startswith("floor"):
            ax.annotate(f"{walls[-1]:.0f} s", (sizes[-1], walls[-1]), textcoords="offset points",
                        xytext=(6, -3), fontsize=8)
    ax.set_xlabel("buckets (5 settings each)")
    ax.set_ylabel("no-op converge, wall time (s)")
    ax.set_title("How a no-op run grows with the number of buckets")
    ax.set_xticks(sizes)
    ax.set_xlim(0, sizes[-1] * 1.12)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", frameon=False)
    fig.tight_layout()
    fig.savefig(sys.argv[1])


if __name__ == "__main__":
    main()
