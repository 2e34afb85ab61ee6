import sys

from planwatch.cli import main

sys.exit(main())
