"""Shared code for the Scientific Machine Learning course.

Each module covers one topic and is imported explicitly by the notebooks::

    from sciml_course import device, training, plotting
"""

__version__ = "0.1.0"
