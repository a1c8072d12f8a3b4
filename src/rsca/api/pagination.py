"""The project's page-number pagination: ninja's, with the page number bounded.

An unbounded page (e.g. ?page=184467440737095518) overflows the database's OFFSET and answered
500; bounding it turns that into a 422 with the common error body.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_PAGE = 1_000_000


class PageNumberPagination(NinjaPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=500)
