import sys

from majlis.cli import main

sys.exit(main())
