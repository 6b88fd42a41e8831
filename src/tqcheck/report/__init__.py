"""Reports: the run's results and one formatter per output format."""
