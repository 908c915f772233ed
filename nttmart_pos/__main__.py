"""Allows ``python -m nttmart_pos``."""

import sys

from nttmart_pos.cli import main

sys.exit(main())
