"""Settings for bench/bench_feedback_submit.py only: the product's settings with a URLconf
that adds the bare one-insert view (bench/bare_urls.py). Never used by the product.

BENCH_LOCMEM_CACHE=1 (the bench's --locmem-cache) swaps the database cache for a
per-process memory cache, to measure what the rate-limit counters' commits cost."""

import os

from victimvoice.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"

if os.environ.get("BENCH_LOCMEM_CACHE") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
