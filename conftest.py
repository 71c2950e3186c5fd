"""Settings for every test item, the notebooks' nbval cells included."""

# nbval allows 5 s between a cell's reply and each of its output messages; on a loaded
# two-core machine a cell that drew several figures or progress bars can exceed that and
# fail although it ran correctly. The cell's own time limit (--nbval-cell-timeout) stays.
NBVAL_OUTPUT_TIMEOUT = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if hasattr(item, "output_timeout"):
            item.output_timeout = NBVAL_OUTPUT_TIMEOUT
