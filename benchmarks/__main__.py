"""``python -m benchmarks``: run the benchmark suite (options: ``--help``)."""

import sys

from benchmarks.run import main

sys.exit(main())
