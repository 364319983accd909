"""The floor for `inspdiff compare`: load two snapshot files and print them, nothing else."""

import json
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as fh:
        print(json.load(fh))
