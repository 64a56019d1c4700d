"""python -m dashboard: see dashboard/cli.py."""

from dashboard.cli import main

raise SystemExit(main())
