"""The test suite's settings: the real ones with a fast password hasher (the tests sign in
hundreds of times; the real hasher's deliberate slowness only costs time there)."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
