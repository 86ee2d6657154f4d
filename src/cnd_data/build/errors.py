"""The one error the build raises for bad sources."""


class BuildError(Exception):
    """The sources cannot be built into a package; the message says where and why."""
