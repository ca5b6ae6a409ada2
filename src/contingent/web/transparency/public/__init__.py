"""Everything the public may see, assembled in one place: the portal, the exports and the
report all read ``build_public(...)`` and nothing else. Each table in it was built by
``core.opendata.publication`` (public records by allow-list, or delayed, suppressed aggregates).
"""

from .assemble import PublicPicture, build_public
from .dataset import PublicDataset

__all__ = ["PublicDataset", "PublicPicture", "build_public"]
