"""Draw the shape of the debate: which States spoke, in which capacity, and for which groups.

Run by ``nox -s docs``; writes docs/debate.svg. Needs matplotlib (the ``docs`` extra), which
loading the data never does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

import cnd_data

OUTPUT = Path(__file__).with_name("debate.svg")


def matrix(pkg: cnd_data.Package) -> pd.DataFrame:
    """States × {spoke as representative, as observer, in each group}: 2 yes, 1 associated."""
    states = pkg.actors[pkg.actors["actor_type"] == "state"].set_index("actor_id")
    speakers = pkg.speakers
    columns: dict[str, Any] = {}
    for capacity in ("representative", "observer"):
        ids = set(speakers.loc[speakers["capacity"] == capacity, "actor_id"])
        columns[f"spoke as {capacity}"] = states.index.isin(ids).astype(int) * 2
    groups = pkg.groups.merge(speakers[["speaker_id", "actor_id"]], on="speaker_id")
    names = pkg.actors.set_index("actor_id")["name"]
    members = pkg.group_members
    for _, group in groups.iterrows():
        rows = members[members["group_id"] == group["group_id"]]
        value = (
            rows.set_index("actor_id")["membership"]
            .astype("string")
            .map({"member": 2, "associated": 1})
        )
        label = f"group for which {names[group['actor_id']]} spoke (fn. {group['footnote']})"
        columns[label] = value.reindex(states.index).fillna(0).astype(int).to_numpy()
    frame = pd.DataFrame(columns, index=states.index)
    frame.index = [states.loc[i, "name"] for i in frame.index]
    order = states.assign(display=frame.index).sort_values(["region", "display"])["display"]
    return frame.loc[list(order)]


def draw(frame: pd.DataFrame, output: Path) -> None:
    plt.rcParams["svg.hashsalt"] = "cnd-data"
    figure, axes = plt.subplots(figsize=(22, 4.2))
    axes.imshow(frame.T.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=2,
                interpolation="nearest")  # fmt: skip
    axes.set_yticks(range(frame.shape[1]), list(frame.columns), fontsize=8)
    axes.set_xticks(range(frame.shape[0]), list(frame.index), rotation=90, fontsize=6)
    axes.set_title(
        "CND 68, agenda item 6: the States that spoke, and the groups on whose behalf statements"
        " were made (dark: spoke / member, light: associated with the statement); by M49 region",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(output, format="svg", metadata={"Date": None})
    plt.close(figure)


def main() -> int:
    draw(matrix(cnd_data.load()), OUTPUT)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
