"""Id parsing for values that come from URLs and browsers."""

from __future__ import annotations

import uuid

from interview_app.services.errors import NotFoundError


def parse_id(value: uuid.UUID | str | None) -> uuid.UUID:
    """Turn a UUID or its string form into a UUID.

    Args:
        value: The id as given.

    Returns:
        The UUID.

    Raises:
        NotFoundError: When the value is not a UUID, so nothing can have that id.
    """
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError) as error:
        raise NotFoundError() from error
