"""`python -m tqcheck`."""

from .cli import main

main()
