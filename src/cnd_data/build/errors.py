"""The one error the build raises for bad sources."""

from cnd_data.errors import RefusedError


class BuildError(RefusedError):
    """The sources cannot be built into a package; the message says where and why."""
