"""`python -m tqcheck`."""

from .launcher import main

main()
