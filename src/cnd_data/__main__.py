import sys

from cnd_data.cli import main

sys.exit(main())
