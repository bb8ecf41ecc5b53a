"""``python -m formation`` runs the command line."""

import sys

from formation.cli import main

sys.exit(main())
