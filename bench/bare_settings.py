"""Settings for bench/bench_feedback_submit.py only: the product's settings with a URLconf
that adds the bare one-insert view (bench/bare_urls.py). Never used by the product.

The rate-limit counters' cache comes from RATELIMIT_CACHE_URL as in the product (the
bench sets it to Redis when one answers)."""

from victimvoice import settings as _product

# Every setting of the product (Django reads the upper-case names of this module).
globals().update({name: value for name, value in vars(_product).items() if name.isupper()})

ROOT_URLCONF = "bench.bare_urls"
