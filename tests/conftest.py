"""Hypothesis profiles: ``default`` for a quick local run, ``ci`` for more examples.

Choose one with the ``HYPOTHESIS_PROFILE`` environment variable. Deadlines are off: a slow first
example (the unit registry warming up) says nothing about the code under test.
"""

import os

from hypothesis import settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
