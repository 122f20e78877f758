"""Time the peers (quantulum3, Recognizers-Text) on the first N article bodies
of a Reuters-21578 JSON Lines archive; print `key value` lines.

Run by scripts/bench.sh inside a throwaway venv; not part of the test suite.
Each peer runs single-threaded over the same bodies, in the same order, once
(a warm-up on the first body is not timed, so imports and lazy model loading
are left out in the peers' favour).
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

parser.parse(bodies[0])
t = time.perf_counter()
found = sum(len(parser.parse(b)) for b in bodies)
secs = time.perf_counter() - t
print(f"quantulum3_found {found}")
print(f"quantulum3_s {secs:.3f}")
print(f"quantulum3_mb_s {size / 1e6 / secs:.5f}")

from recognizers_number import Culture, recognize_number  # noqa: E402

recognize_number(bodies[0], Culture.English)
t = time.perf_counter()
found = sum(len(recognize_number(b, Culture.English)) for b in bodies)
secs = time.perf_counter() - t
print(f"recognizers_found {found}")
print(f"recognizers_s {secs:.3f}")
print(f"recognizers_mb_s {size / 1e6 / secs:.5f}")
