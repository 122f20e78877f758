"""Time the peers (quantulum3, Recognizers-Text) on the first N article bodies
of a Reuters-21578 JSON Lines archive; print `key value` lines.

Run by scripts/bench.sh inside a throwaway venv; not part of the test suite.
Each peer runs single-threaded over the same bodies, in the same order, three
times, and its best time counts, as ours is the best of several runs (a
warm-up on the first body is not timed, so imports and lazy model loading are
left out in the peers' favour). Every time is printed.
"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

archive, n = sys.argv[1], int(sys.argv[2])
bodies = []
with open(archive, encoding="utf-8") as f:
    for line in f:
        if len(bodies) >= n:
            break
        bodies.append(json.loads(line)["body"])
size = sum(len(b.encode("utf-8")) for b in bodies)
print(f"peer_texts {len(bodies)}")
print(f"peer_bytes {size}")

from quantulum3 import parser  # noqa: E402

RUNS = 3


def best_of(name, parse):
    """Time `parse` over every body RUNS times; print the finds and times."""
    parse(bodies[0])
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        found = sum(len(parse(b)) for b in bodies)
        times.append(time.perf_counter() - t)
    secs = min(times)
    print(f"{name}_found {found}")
    print(f"{name}_runs_s {' '.join(f'{t:.3f}' for t in times)}")
    print(f"{name}_s {secs:.3f}")
    print(f"{name}_mb_s {size / 1e6 / secs:.5f}")


best_of("quantulum3", parser.parse)

from recognizers_number import Culture, recognize_number  # noqa: E402

best_of("recognizers", lambda b: recognize_number(b, Culture.English))
